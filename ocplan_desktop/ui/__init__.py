"""The window: PySide6 and pyqtgraph live here and in app.py only."""
