"""Help ▸ About: the version (the same number as the wheel and the bundle), the workspace open, and
where the log is, with a button that copies it all for IT."""

from __future__ import annotations

import platform
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop import APP_TITLE, __version__
from ocplan_desktop.logs import log_folder

if TYPE_CHECKING:
    from ocplan_desktop.store.workspace import Workspace


class AboutDialog(QDialog):
    def __init__(self, ws: Workspace | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_TITLE}")
        self.setAccessibleName(self.windowTitle())
        if ws is None:
            workspace = "none open"
        else:
            workspace = str(ws.origin or ws.path)
            if ws.origin is not None:
                workspace += f" (worked on as a copy in {ws.path})"
            if ws.read_only:
                workspace += " (read-only)"
        self.facts = {
            "Version": __version__,
            "Workspace": workspace,
            "Log folder": str(log_folder()),
            "Python": platform.python_version(),
            "Qt": f"{qVersion()} (PySide6 {pyside_version})",
            "System": platform.platform(),
        }
        heading = QLabel(f"<b>{APP_TITLE} {__version__}</b>", self)
        about = QLabel(
            "Meetings, minutes, recommendations, performance indicators and engagement feedback "
            "for council governance officers, kept in one local workspace file.",
            self,
        )
        about.setWordWrap(True)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for name, value in self.facts.items():
            label = QLabel(value, self)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAccessibleName(name)
            form.addRow(name, label)
            self.values[name] = label
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton("&Copy", self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def text(self) -> str:
        return "\n".join(f"{name}: {value}" for name, value in self.facts.items())

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(f"{APP_TITLE}\n{self.text()}")
        self.copy_button.setText("Copied")
