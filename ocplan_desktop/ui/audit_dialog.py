"""Tools ▸ Audit trail…: every change with time, user, record, before and after; filter by record."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.audit import AuditEntry
from ocplan_desktop.domain.dates import format_moment
from ocplan_desktop.services import audit_trail
from ocplan_desktop.store.workspace import Workspace
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.widgets.record_table import RecordTable

ALL_TABLES = "All records"


def _when(entry: AuditEntry) -> str:
    try:
        moment = dt.datetime.fromisoformat(entry.at).astimezone()
    except ValueError:
        return entry.at
    return format_moment(moment, seconds=True)


COLUMNS: list[Column[AuditEntry]] = [
    Column("When", _when, sort=lambda e: e.at),
    Column("Who", lambda e: e.user),
    Column(
        "What",
        lambda e: {"insert": "Added", "update": "Changed", "delete": "Deleted"}.get(
            e.action, "Bulk"
        ),
    ),
    Column("Record", lambda e: e.table_name.replace("_", " ")),
    Column(
        "Id",
        lambda e: e.record_id if e.record_id is not None else "",
        sort=lambda e: e.record_id or 0,
        numeric=True,
    ),
    Column(
        "Change",
        lambda e: audit_trail.describe(e).replace("\n", "; "),
        tooltip=lambda e: audit_trail.describe(e),
    ),
]


class AuditTrailDialog(QDialog):
    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Audit trail")
        self.setAccessibleName("Audit trail")
        self.resize(1100, 640)
        self.table_choice = QComboBox(self)
        self.table_choice.setAccessibleName("Record kind")
        self.table_choice.addItem(ALL_TABLES)
        self.table_choice.addItems(audit_trail.tables(ws))
        self.record_box = QLineEdit(self)
        self.record_box.setPlaceholderText("record id")
        self.record_box.setAccessibleName("Record id")
        self.record_box.setMaximumWidth(120)
        self.note = QLabel(self)
        self.table = RecordTable(
            RecordTableModel(COLUMNS),
            "Audit entries",
            self,
            filter_placeholder="Filter by user, record, change…",
        )
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName("Before and after")

        filters = QHBoxLayout()
        kind_label = QLabel("&Records:", self)
        kind_label.setBuddy(self.table_choice)
        record_label = QLabel("&Id:", self)
        record_label.setBuddy(self.record_box)
        for widget in (kind_label, self.table_choice, record_label, self.record_box, self.note):
            filters.addWidget(widget)
        filters.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.table_choice.currentTextChanged.connect(lambda _text: self.reload())
        self.record_box.editingFinished.connect(self.reload)
        self.table.current_changed.connect(self._on_table_current_changed)
        self.reload()

    def reload(self) -> None:
        table = self.table_choice.currentText()
        record = self.record_box.text().strip()
        record_id = int(record) if record.isdigit() else None
        if record and record_id is None:
            self.note.setText("An id is a whole number.")
            return
        wanted = audit_trail.AuditFilter(None if table == ALL_TABLES else table, record_id)
        found = audit_trail.entries(self.ws, wanted)
        self.note.setText(
            f"the newest {audit_trail.LIMIT:,} changes; choose a record to see all of its history"
            if len(found) >= audit_trail.LIMIT
            else ""
        )
        self.table.set_rows(found)
        self.table.select_first()

    def show_record(self, table: str, record_id: int) -> None:
        """The whole history of one record."""
        self.table_choice.setCurrentText(table)
        self.record_box.setText(str(record_id))
        self.reload()

    def _on_table_current_changed(self, entry: AuditEntry | None) -> None:
        if entry is None:
            self.detail.clear()
            return
        where = (
            f"{entry.table_name} {entry.record_id}"
            if entry.record_id is not None
            else entry.table_name
        )
        self.detail.setPlainText(
            f"{_when(entry)} · {entry.user} · {where}\n\n{audit_trail.describe(entry)}"
        )
