"""Looking after the open workspace: automatic backups, writing a network copy back, checking it,
and restoring from a backup.

Backups are made once a day when a workspace opens and every 30 minutes while it has changed, each as a
background task with its own connection. A workspace on a network drive is written back a few
seconds after each change.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ocplan_desktop.services import backups
from ocplan_desktop.services.change import Change
from ocplan_desktop.services.progress import Progress
from ocplan_desktop.services.workspaces import integrity_check
from ocplan_desktop.store.workspace import Workspace
from ocplan_desktop.ui.backups_dialog import RestoreBackupDialog
from ocplan_desktop.ui.file_dialogs import is_hidden, remember, start_folder
from ocplan_desktop.ui.tasks import Task, run_with_progress

log = logging.getLogger(__name__)
AUTO_BACKUP_MS = 30 * 60 * 1000
WRITE_BACK_MS = 5 * 1000


class WorkspaceCare(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session  # type: ignore[attr-defined]
        self.changed_since_backup = False
        self.tasks: list[Task] = []
        self.last_backup: Path | None = None
        self.last_check: object = None

        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(AUTO_BACKUP_MS)
        self.backup_timer.timeout.connect(self._on_backup_timer_timeout)
        self.write_back_timer = QTimer(self)
        self.write_back_timer.setSingleShot(True)
        self.write_back_timer.setInterval(WRITE_BACK_MS)
        self.write_back_timer.timeout.connect(self._on_write_back_timer_timeout)

        self.backup_action = QAction("&Back up now", self)
        self.backup_action.triggered.connect(lambda: self.back_up("manual"))
        self.restore_action = QAction("Res&tore from backup…", self)
        self.restore_action.triggered.connect(self._on_restore_triggered)
        self.check_action = QAction("&Check workspace", self)
        self.check_action.triggered.connect(self._on_check_triggered)
        self.audit_action = QAction("&Audit trail…", self)
        self.audit_action.triggered.connect(self._on_audit_triggered)
        self.audit_dialog: QWidget | None = None

        self.session.changed.connect(self._on_session_changed)
        self.session.workspace_changed.connect(self._on_session_workspace_changed)

    # automatic backups ---------------------------------------------------------------------------
    def _on_session_workspace_changed(self, ws: Workspace | None) -> None:
        self.changed_since_backup = False
        if ws is not None:
            ws.on_busy = self._on_workspace_busy
            if ws.read_only_reason:
                self.window.show_message(  # type: ignore[attr-defined]
                    "Opened read-only",
                    f"{ws.path} is open read-only because {ws.read_only_reason}. You can read, "
                    "search, print and export it; to change it, copy it somewhere you can write "
                    "to and open the copy.",
                )
        if ws is None or ws.read_only:
            self.backup_timer.stop()
            return
        self.backup_timer.start()
        if backups.needs_daily_backup(ws.origin or ws.path):
            self.back_up("daily")

    def _on_workspace_busy(self, waited: float) -> None:
        """A write is waiting for another program's write to the workspace to end: say so now (the
        edit is under way, so the status bar is repainted rather than given events to handle)."""
        bar = self.window.statusBar()  # type: ignore[attr-defined]
        bar.showMessage(
            f"Waiting for another program to finish writing to the workspace… ({waited:.0f} s)"
        )
        bar.repaint()

    def _on_session_changed(self, change: Change) -> None:
        ws = self.session.ws
        if ws is None or ws.read_only or change.description == "workspace opened":
            return
        self.changed_since_backup = True
        if ws.origin is not None:
            self.write_back_timer.start()

    def _on_backup_timer_timeout(self) -> None:
        if self.changed_since_backup:
            self.back_up("auto")

    def back_up(self, reason: str) -> Task | None:
        ws = self.session.ws
        if ws is None:
            return None
        self.changed_since_backup = False
        owner = ws.origin or ws.path

        def job(connection: Workspace, progress: Progress) -> Path:
            progress.step(0, 1, "Backing up…")
            return backups.make_backup(connection, reason, workspace_path=owner)

        task = Task(self)
        task.signals.succeeded.connect(self._on_backup_succeeded)
        task.signals.failed.connect(lambda message: self._on_backup_failed(reason, message))
        task.signals.done.connect(lambda: self.tasks.remove(task))
        self.tasks.append(task)
        task.start(ws, job, writes=False)
        return task

    def _on_backup_succeeded(self, path: Path) -> None:
        self.last_backup = path
        self.session.tell(f"Backed up ({path.name})")

    def _on_backup_failed(self, reason: str, message: str) -> None:
        """A backup that failed is said: in a dialog when asked for, in the status bar (and the
        log) when it was automatic, so a full disk does not interrupt every half hour."""
        log.warning("%s backup failed: %s", reason, message)
        if reason == "manual":
            self.window.show_message("Backup failed", message)  # type: ignore[attr-defined]
        else:
            self.session.tell(f"The automatic backup failed: {message}")

    def _on_write_back_timer_timeout(self) -> None:
        ws = self.session.ws
        if ws is not None and ws.origin is not None:
            ws.write_back()

    # restore and check ----------------------------------------------------------------------------
    def _on_restore_triggered(self) -> None:
        ws = self.session.ws
        if ws is None:
            return
        dialog = RestoreBackupDialog(ws.origin or ws.path, self.window)
        dialog.restored.connect(self.window.open_path)  # type: ignore[attr-defined]
        dialog.open()
        self.restore_dialog = dialog

    def _on_audit_triggered(self) -> None:
        from ocplan_desktop.ui.audit_dialog import AuditTrailDialog

        ws = self.session.ws
        if ws is None:
            return
        dialog = AuditTrailDialog(ws, self.window)
        dialog.open()
        self.audit_dialog = dialog

    def _on_check_triggered(self) -> Task | None:
        ws = self.session.ws
        if ws is None:
            return None
        return run_with_progress(
            self.window,
            "Checking workspace",
            ws,
            integrity_check,
            writes=False,
            on_success=self._on_check_succeeded,
            on_failure=lambda message: self.window.show_message("Check failed", message),  # type: ignore[attr-defined]
        )

    def _on_check_succeeded(self, result: object) -> None:
        self.last_check = result
        problems = getattr(result, "problems", ())
        if problems:
            text = "Problems were found:\n\n" + "\n".join(problems[:20])
            text += "\n\nRestore the newest good backup from File ▸ Restore from backup…"
            self.window.show_message("Workspace check", text)  # type: ignore[attr-defined]
        else:
            self.window.show_message(  # type: ignore[attr-defined]
                "Workspace check",
                f"No problems found. Schema version {getattr(result, 'schema_version', '?')}.",
                QMessageBox.Icon.Information,
            )


def ask_for_new_file(parent: QWidget, title: str, suggestion: Path) -> Path | None:
    if is_hidden(suggestion.parent):  # the demo's folder: suggest the documents folder instead
        suggestion = start_folder() / suggestion.name
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, str(suggestion), "ocplan workspaces (*.ocplan)"
    )
    if path:
        remember(path)
    return Path(path) if path else None
