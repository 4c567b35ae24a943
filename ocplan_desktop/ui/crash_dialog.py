"""An error nobody expected: one dialog that says what happened, that the work is saved, where the
log is, and a button that copies the details for IT, instead of a traceback in a terminal nobody
sees (or the window vanishing).

`application.install_exception_hook` sends here the errors of every thread and of Qt's calls into
Python (which PySide passes to `sys.excepthook`). Each error is written to the log with its
traceback first.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt, QThread, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop import APP_TITLE
from ocplan_desktop.logs import details, log_file

log = logging.getLogger("ocplan.crash")
_open: list[CrashDialog] = []


class CrashDialog(QDialog):
    def __init__(self, summary: str, text: str, log_path: Path, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{APP_TITLE}: something went wrong")
        self.setAccessibleName("Something went wrong")
        self.details = text
        self.repeats = 0
        self.message = QLabel(
            f"ocplan ran into a problem it did not expect:\n\n{summary}\n\n"
            "What you had done is saved: every change is written to the workspace as you make it. "
            "If this happens again, send IT the details (Copy details puts them on the clipboard) "
            f"and the log, which is in\n{log_path.parent}",
            self,
        )
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit(text, self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Details")
        self.text.setMinimumHeight(160)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton("&Copy details", self)
        self.folder_button = QPushButton("Open &log folder", self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_path.parent)))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")

    def happened_again(self) -> None:
        self.repeats += 1
        self.setWindowTitle(f"{APP_TITLE}: something went wrong ({self.repeats + 1} times)")


def report_exception(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None
) -> CrashDialog | None:
    """Log an unexpected error and show it (on the window's thread); the dialog, when shown now."""
    log.error("Unexpected error", exc_info=(kind, value, tb))
    text = f"{details()}\n\n" + "".join(traceback.format_exception(kind, value, tb))
    summary = f"{kind.__name__}: {value}" if str(value) else kind.__name__
    app = QCoreApplication.instance()
    if app is None:
        return None
    if QThread.currentThread() is not app.thread():
        QTimer.singleShot(0, app, lambda: _show(summary, text))
        return None
    return _show(summary, text)


def _show(summary: str, text: str) -> CrashDialog:
    if _open and _open[-1].isVisible():  # one dialog, however many errors follow
        _open[-1].happened_again()
        return _open[-1]
    parent = QApplication.activeWindow()
    dialog = CrashDialog(summary, text, log_file(), parent)
    dialog.finished.connect(lambda _result: _open.remove(dialog) if dialog in _open else None)
    _open.append(dialog)
    dialog.open()
    return dialog
