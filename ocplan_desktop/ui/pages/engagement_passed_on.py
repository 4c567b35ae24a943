"""Everything passed on to another consultation (for example climate comments to the Climate Change
Strategy consultation), across exercises or for the current one, with an export for whoever takes
them over."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ocplan_desktop.services import engagement
from ocplan_desktop.services.engagement import Response
from ocplan_desktop.store.workspace import Workspace
from ocplan_desktop.ui.format import date_text
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.widgets.record_table import RecordTable

PASSED_ON_COLUMNS: list[Column[Response]] = [
    Column("Passed on to", lambda r: r.passed_on_to),
    Column("On", lambda r: date_text(r.passed_on_date), sort=lambda r: r.passed_on_date or ""),
    Column("Exercise", lambda r: r.exercise),
    Column("Ward", lambda r: r.ward),
    Column("Themes", lambda r: r.themes),
    Column("Response", lambda r: r.text, tooltip=lambda r: r.text),
]


class PassedOnPanel(QWidget):
    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.only_current = QCheckBox("Only the selected exercise", self)
        self.only_current.toggled.connect(self._on_only_current_toggled)
        export = QPushButton("&Export list…", self)
        export.clicked.connect(self.export_requested.emit)
        self.table = RecordTable(
            RecordTableModel(PASSED_ON_COLUMNS),
            "Passed on",
            self,
            filter_placeholder="Filter by consultation, exercise, ward, theme or text…",
        )
        self.table.view.setProperty("sized", True)
        for column, width in enumerate((250, 130, 250, 150, 300, 400)):
            self.table.view.setColumnWidth(column, width)
        controls = QHBoxLayout()
        controls.addWidget(self.only_current)
        controls.addStretch(1)
        controls.addWidget(export)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.table, 1)
        self._ws: Workspace | None = None
        self._exercise_id: int | None = None

    def exercise_filter(self) -> int | None:
        return self._exercise_id if self.only_current.isChecked() else None

    def show_for(self, ws: Workspace, exercise_id: int | None) -> None:
        self._ws, self._exercise_id = ws, exercise_id
        self.table.set_rows(engagement.passed_on(ws, self.exercise_filter()))

    def _on_only_current_toggled(self, _checked: bool) -> None:
        if self._ws is not None:
            self.show_for(self._ws, self._exercise_id)
