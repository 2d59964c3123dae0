"""The interviewer's window (PySide6). Qt is imported only through desktop.ui.qt."""
