"""Reports: the list of reports with their routes, and the editor of the one chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.reports import ReportSummary
from ocplan_desktop.services import meetings, reports
from ocplan_desktop.services.change import Change
from ocplan_desktop.ui.format import label_text
from ocplan_desktop.ui.models.record_table_model import RECORD_ROLE, Column, RecordTableModel
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.record_table import RecordTable
from ocplan_desktop.ui.widgets.report_editor import ReportEditor

REPORT_COLUMNS: list[Column[ReportSummary]] = [
    Column("Title", lambda r: r.title, tooltip=lambda r: r.title),
    Column("Kind", lambda r: label_text(r.kind)),
    Column("Route", lambda r: r.route),
]


class ReportsPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.table = RecordTable(
            RecordTableModel(REPORT_COLUMNS), "Reports", self, filter_placeholder="Filter reports…"
        )
        self.new_title = QLineEdit(self)
        self.new_title.setAccessibleName("New report title")
        self.new_title.setPlaceholderText("Title of a new report…")
        self.add = QPushButton("New report", self)
        self.delete = QPushButton("Delete", self)
        self.editor = ReportEditor(session, self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.new_title)
        row = QHBoxLayout()
        row.addWidget(self.add)
        row.addWidget(self.delete)
        row.addStretch(1)
        left_layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([300, 860])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.table.current_changed.connect(self._on_table_current_changed)
        self.add.clicked.connect(self._on_add_clicked)
        self.new_title.returnPressed.connect(self._on_add_clicked)
        self.delete.clicked.connect(self._on_delete_clicked)

    def refresh(self, change: Change | None = None) -> None:
        ws = self.session.ws
        rows = meetings.list_reports(ws) if ws else []
        keep = self.editor.report_id
        if self._new and change is not None and len(change.ids) == 1:
            keep = next(iter(change.ids))  # a report just made: show it
        self._new = False
        self.table.set_rows(rows)
        if self.select(keep):
            self.editor.load(keep, change)
        elif rows:
            self.table.select_first()
            self.editor.load(rows[0].id)
        else:
            self.editor.load(None)

    _new = False

    def select(self, report_id: int | None) -> bool:
        if report_id is None:
            return False
        for row in range(self.table.proxy.rowCount()):
            record = self.table.proxy.index(row, 0).data(RECORD_ROLE)
            if record is not None and record.id == report_id:
                self.table.view.selectRow(row)
                return True
        return False

    def _on_table_current_changed(self, report: ReportSummary | None) -> None:
        if report is None:
            return
        if report.id != self.editor.report_id:
            self.editor.load(report.id)

    def _on_add_clicked(self) -> None:
        title = self.new_title.text()
        self._new = True
        if self.session.run("New report", lambda ws: reports.create_report(ws, title)):
            self.new_title.clear()

    def _on_delete_clicked(self) -> None:
        report_id = self.editor.report_id
        if report_id is not None:
            self.session.run("Delete report", lambda ws: reports.delete_report(ws, report_id))
