"""Fonts (platform-notes.md section 3), a calm palette, and Ctrl+plus/minus scaling."""

from __future__ import annotations

from desktop import paths
from desktop.ui.qt import QApplication, QFont, QFontDatabase

FAMILIES = ["DejaVu Sans", "NanumGothic"]
BASE_POINTS = 12
_loaded = False

STYLE = """
QWidget {{ font-size: {base}pt; color: #1d232a; }}
QMainWindow, QStackedWidget > QWidget {{ background: #f6f5f1; }}
QLabel#h1 {{ font-size: {h1}pt; font-weight: bold; }}
QLabel#h2 {{ font-size: {h2}pt; font-weight: bold; }}
QLabel#muted {{ color: #4a5560; }}
QLabel#meta_required {{ color: #8a1c1c; }}
QLabel#captive_text {{ font-size: {big}pt; font-weight: bold; }}
QLabel#interviewer_text {{ font-size: {base}pt; color: #34404c; }}
QLabel#saved {{ color: #1f5f3a; }}
QLabel#unsaved {{ color: #7a4b00; }}
QLabel#problem {{ color: #8a1c1c; font-weight: bold; }}
QLabel#unreviewed {{ color: #6b4e00; font-style: italic; }}
QLabel#banner_info {{ background: #e6eef6; border: 1px solid #9db4cc; padding: 8px; }}
QLabel#banner_warn {{ background: #fbf1d9; border: 1px solid #c9a64a; padding: 8px; }}
QLabel#banner_stop {{ background: #f6e3e0; border: 1px solid #b5776f; padding: 8px; }}
QLabel#clock {{ font-family: "DejaVu Sans"; font-size: {h2}pt; }}
QPushButton {{ padding: 6px 14px; }}
QPushButton:focus, QRadioButton:focus, QCheckBox:focus {{ outline: 2px solid #2b5d8a; }}
QRadioButton, QCheckBox {{ padding: 4px; }}
QLabel#choice_text {{ padding: 4px 0px; }}
QListWidget {{ background: white; }}
QWidget#captive {{ background: #fbfaf6; }}
QLabel#captive_question {{ font-size: {huge}pt; font-weight: bold; }}
QLabel#captive_choice_text {{ font-size: {big}pt; }}
QLabel#captive_hint {{ font-size: {big}pt; color: #34404c; }}
QLabel#captive_cue {{ font-size: {h2}pt; color: #1f4d33; background: #e8f1ea; border: 1px solid #9cbfa6;
    padding: 6px; }}
QPushButton:disabled {{ color: #8a8f94; background: #e4e3df; border: 1px dashed #b0aea7; }}
"""


def load_fonts() -> None:
    global _loaded
    if _loaded:
        return
    for path in sorted((paths.resources_dir() / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    _loaded = True


def app_font(points: int = BASE_POINTS) -> QFont:
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPointSize(points)
    return font


def apply(app: QApplication, points: int = BASE_POINTS) -> None:
    load_fonts()
    app.setFont(app_font(points))
    app.setStyleSheet(STYLE.format(base=points, h1=points + 6, h2=points + 3, big=points + 8, huge=points + 16))
