"""A signature pad: strokes drawn with a pen, finger or mouse, stored as a compact path string.

Keyboard-only use: the typed-name field beside the pad records "typed:<name>" instead (the paper
signature then stays with the interviewer's notes, as protocol.md allows).
"""

from __future__ import annotations

from desktop.ui.qt import QMouseEvent, QPainter, QPainterPath, QPen, QPointF, QSize, Qt, QWidget, Signal

PREFIX = "strokes:"


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.strokes: list[list[tuple[int, int]]] = []
        self.setMinimumSize(QSize(420, 140))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        return QSize(520, 160)

    def clear(self) -> None:
        self.strokes = []
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        return not any(len(s) > 1 for s in self.strokes)

    def value(self) -> str | None:
        if self.is_empty():
            return None
        return PREFIX + ";".join(" ".join(f"{x},{y}" for x, y in s) for s in self.strokes if len(s) > 1)

    def set_value(self, value: str | None) -> None:
        self.strokes = []
        if value and value.startswith(PREFIX):
            for part in value[len(PREFIX):].split(";"):
                pts = []
                for pair in part.split():
                    x, _, y = pair.partition(",")
                    if x.lstrip("-").isdigit() and y.lstrip("-").isdigit():
                        pts.append((int(x), int(y)))
                if pts:
                    self.strokes.append(pts)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt name
        p = event.position()
        self.strokes.append([(int(p.x()), int(p.y()))])
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt name
        if self.strokes and event.buttons():
            p = event.position()
            self.strokes[-1].append((int(p.x()), int(p.y())))
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt name
        self.changed.emit()

    def paintEvent(self, _event: object) -> None:  # noqa: N802 - Qt name
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        painter.setPen(QPen(Qt.GlobalColor.gray, 1, Qt.PenStyle.DashLine))
        base = self.height() - 30
        painter.drawLine(20, base, self.width() - 20, base)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(Qt.GlobalColor.black, 2.5))
        for stroke in self.strokes:
            if len(stroke) < 2:
                continue
            path = QPainterPath(QPointF(*stroke[0]))
            for x, y in stroke[1:]:
                path.lineTo(QPointF(x, y))
            painter.drawPath(path)
        painter.end()
