"""File ▸ Sync now (Ctrl+Shift+S), File ▸ Conflicts…, and the status bar's word on the team sync.

The sync runs as a background task on its own connection; the officer keeps working meanwhile.
When the server wants a password that libpq and the keyring do not have, the officer is asked in a
dialog (and may keep it in the system keyring); the password stays in memory for that sync only.
After a pull that changed records an undo step wrote to, the undo history is cleared (QUndoStack
cannot drop single steps), and the status bar says so; steps on other records stay.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.domain.sync import SyncReport
from ocplan_desktop.services import sync
from ocplan_desktop.services.change import Change
from ocplan_desktop.services.progress import Progress
from ocplan_desktop.store.sync.connection import (
    PasswordNeeded,
    ServerAddress,
    keyring_available,
)
from ocplan_desktop.store.workspace import Workspace
from ocplan_desktop.ui.tasks import Task

if TYPE_CHECKING:
    from ocplan_desktop.ui.conflicts_dialog import ConflictsDialog
    from ocplan_desktop.ui.main_window import MainWindow

UNDO_CLEARED = (
    "Undo history was cleared: the sync brought in the team's changes to records you had edited."
)


@dataclass(frozen=True)
class _NeedsPassword:
    server: str
    reason: str


class PasswordDialog(QDialog):
    """The officer's password for the team server; optionally kept in the system keyring."""

    def __init__(self, reason: str, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Team server password")
        self.setAccessibleName("Team server password")
        label = QLabel(f"{reason}.\nPassword for {user}:", self)
        label.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.remember = QCheckBox("Keep it in the system &keyring", self)
        self.remember.setEnabled(keyring_available())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (label, self.password, self.remember, buttons):
            layout.addWidget(widget)


class SyncController(QObject):
    """The window's part of team sync: its actions, its task, its status label."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.task: Task | None = None
        self.last_report: SyncReport | None = None
        self.last_error: str | None = None
        self.password_dialog: PasswordDialog | None = None
        self.conflicts_dialog: ConflictsDialog | None = None

        self.sync_action = QAction("S&ync now", self)
        self.sync_action.setObjectName("syncNowAction")
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.triggered.connect(lambda: self.sync_now())
        self.conflicts_action = QAction("Con&flicts…", self)
        self.conflicts_action.setObjectName("conflictsAction")
        self.conflicts_action.triggered.connect(self.show_conflicts)
        self.status = QLabel(window)
        self.status.setObjectName("syncStatus")
        self.status.setAccessibleName("Team sync")
        self.status.setContentsMargins(16, 0, 4, 0)  # apart from the file and schema beside it

        self.session.changed.connect(self._on_session_changed)
        self.session.workspace_changed.connect(self._on_session_workspace_changed)
        self.refresh_status()

    # status --------------------------------------------------------------------------------------
    def refresh_status(self) -> None:
        ws = self.session.ws
        if ws is None:
            self.status.setText("")
            self.sync_action.setEnabled(False)
            return
        self.sync_action.setEnabled(not ws.read_only and self.task is None)
        if self.task is not None:
            self.status.setText("Syncing…")
            return
        state = sync.sync_status(ws)
        self.status.setText(state.text())
        self.status.setToolTip(f"Team server: {state.server}" if state.server else "")

    def _on_session_changed(self, _change: Change) -> None:
        self.refresh_status()

    def _on_session_workspace_changed(self, _ws: Workspace | None) -> None:
        self.refresh_status()

    # syncing -------------------------------------------------------------------------------------
    def sync_now(self, server: str | None = None, password: tuple[str, bool] | None = None) -> None:
        """Start a sync in the background (asking for the server the first time)."""
        ws = self.session.ws
        if ws is None or self.task is not None:
            return
        if server is None and not sync.sync_status(ws).server:
            self._ask_server()
            return

        def ask(_address: ServerAddress, _reason: str) -> tuple[str, bool] | None:
            return password

        def job(connection: Workspace, progress: Progress) -> Any:
            try:
                return sync.sync_workspace(
                    connection, server, ask_password=ask if password else None, progress=progress
                )
            except PasswordNeeded as needed:
                if password is not None:
                    raise
                return _NeedsPassword(server or "", str(needed).split(":")[0])

        self.last_error = None
        task = Task(self)
        self.task = task
        task.signals.done.connect(lambda: self._on_task_done(task))
        task.start(ws, job, writes=True)
        self.refresh_status()

    def _on_task_done(self, task: Task) -> None:
        self.task = None
        if task.error is not None:
            self.last_error = task.error
            self.refresh_status()
            self.window.show_message("Sync failed", task.error)
            return
        if isinstance(task.result, _NeedsPassword):
            self.refresh_status()
            self._ask_password(task.result)
            return
        report: SyncReport = task.result
        self.last_report = report
        if report.changed_here or report.numbered:
            if self._forget_history_touching(report):
                self.window.statusBar().showMessage(UNDO_CLEARED, 15000)
            self.session.broadcast(sync.pulled_change(report))
        else:
            self.window.statusBar().showMessage(report.summary(), 8000)
        self.refresh_status()
        if report.problems:
            self.window.show_message("Some changes were not brought in", "\n".join(report.problems))
        elif report.conflicts:
            count = len(report.conflicts)
            self.window.ask(
                "Changes to settle",
                f"{report.summary()}\n\n{count} of your changes conflict with another officer's. "
                "Theirs stands for now; yours is kept for you to settle.",
                "Show conflicts…",
                self.show_conflicts,
            )

    def _forget_history_touching(self, report: SyncReport) -> bool:
        """Clear the undo history where the pull changed records a step wrote to. Minute numbers
        laid out again, or minutes approved by another officer (which no step may change now),
        reach beyond the records themselves: then all of it goes."""
        stack = self.session.undo_stack
        ws = self.session.ws
        if stack.count() and ws is not None:
            if report.numbered or sync.approvals_brought_in(ws, report):
                stack.clear()
                return True
        return self.session.forget_history_touching(report.changed_records)

    def _ask_server(self) -> None:
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle("Sync with a team server")
        dialog.setLabelText(
            "The team server's address, as IT gave it (no password in it), for example\n"
            "postgresql://jsmith@db.council.local/ocplan?sslmode=verify-full"
        )
        dialog.setAccessibleName("Team server address")
        dialog.textValueSelected.connect(
            lambda text: self.sync_now(text.strip()) if text.strip() else None
        )
        dialog.open()

    def _ask_password(self, needed: _NeedsPassword) -> None:
        try:
            address = sync.address_of(self.session.ws, needed.server or None)
        except OcplanError as error:
            self.window.show_message("Sync failed", str(error))
            return
        dialog = PasswordDialog(needed.reason, address.user, self.window)
        self.password_dialog = dialog

        def accepted() -> None:
            value = dialog.password.text()
            dialog.password.clear()
            if value:
                self.sync_now(needed.server or None, (value, dialog.remember.isChecked()))

        dialog.accepted.connect(accepted)
        dialog.open()

    # conflicts -----------------------------------------------------------------------------------
    def show_conflicts(self) -> None:
        from ocplan_desktop.ui.conflicts_dialog import ConflictsDialog

        if self.conflicts_dialog is None:
            self.conflicts_dialog = ConflictsDialog(self.session, self.window)
        self.conflicts_dialog.refresh()
        self.conflicts_dialog.show()
        self.conflicts_dialog.raise_()
