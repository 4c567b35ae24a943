"""The baseline for the start-up benchmark: a bare PySide6 window, shown, then the run ends."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), window.close(), app.exit(0)))
sys.exit(app.exec())
