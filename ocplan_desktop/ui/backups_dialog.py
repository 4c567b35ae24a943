"""File ▸ Restore from backup…: the workspace's backups with date and size, restored into a new file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.dates import format_moment
from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.services import backups
from ocplan_desktop.services.backups import BackupInfo
from ocplan_desktop.ui.file_dialogs import is_hidden, remember, start_folder
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.widgets.record_table import RecordTable


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(size // 1024, 1)} KB"


COLUMNS: list[Column[BackupInfo]] = [
    Column("Made", lambda b: format_moment(b.made_at, seconds=True), sort=lambda b: b.made_at),
    Column("Why", lambda b: b.reason.replace("-", " ")),
    Column("Size", lambda b: _size(b.size), sort=lambda b: b.size, numeric=True),
    Column("File", lambda b: b.path.name),
]


class RestoreBackupDialog(QDialog):
    restored = Signal(object)  # the Path of the new workspace file

    def __init__(self, workspace: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle("Restore from backup")
        self.setAccessibleName("Restore from backup")
        self.resize(760, 420)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.table = RecordTable(RecordTableModel(COLUMNS), "Backups", self)
        found = backups.list_backups(workspace)
        self.table.set_rows(found)
        self.table.select_first()
        note = QLabel(
            f"Backups of {workspace.name}, newest first. Restoring writes a new workspace file; "
            "the current workspace and the backup are left as they are.",
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(
            "Restore into new file…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(bool(found))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _on_buttons_accepted(self) -> None:
        backup = self.table.current_record()
        if backup is None:
            return
        name = f"{self.workspace.stem} (restored {backup.made_at:%Y-%m-%d %H%M}).ocplan"
        folder = self.workspace.parent
        if is_hidden(folder):  # the demo's folder: nobody would find the copy there
            folder = start_folder()
        path, _filter = QFileDialog.getSaveFileName(
            self, "Restore into", str(folder / name), "ocplan workspaces (*.ocplan)"
        )
        if path:
            remember(path)
            self.restore_into(backup, Path(path))

    def restore_into(self, backup: BackupInfo, target: Path) -> bool:
        try:
            backups.restore_backup(backup.path, target)
        except OcplanError as error:
            self.error.setText(str(error))
            return False
        self.accept()
        self.restored.emit(target)
        return True
