"""Print & export: the documents the workspace can produce, by what they are made from."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ocplan_desktop.services import change, meetings
from ocplan_desktop.ui.format import date_text, label_text
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.pages.page import Page
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.record_table import RecordTable


@dataclass(frozen=True)
class Document:
    kind: str
    source: str
    detail: str
    sort_key: str


COLUMNS: list[Column[Document]] = [
    Column("Document", lambda d: d.kind),
    Column("Made from", lambda d: d.source, sort=lambda d: d.sort_key),
    Column("Detail", lambda d: d.detail),
]


class PrintPage(Page):
    title = "Print & export"
    kinds = frozenset({change.MEETINGS, change.REPORTS, change.MINUTES})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.table = RecordTable(
            RecordTableModel(COLUMNS), "Documents", self, filter_placeholder="Filter documents…"
        )
        layout = QVBoxLayout(self)
        heading = QLabel(self.title, self)
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        assert self.ws is not None
        documents = [
            Document(
                "Briefing note", report.title, report.route or label_text(report.kind), report.title
            )
            for report in meetings.list_reports(self.ws)
        ]
        for meeting in meetings.list_meetings(self.ws):
            source = f"{meeting.committee}, {date_text(meeting.date)}"
            documents.append(
                Document(
                    "Minutes", source, f"{label_text(meeting.minutes_status)} minutes", meeting.date
                )
            )
            documents.append(
                Document(
                    "Briefing pack", source, f"{meeting.item_count} agenda items", meeting.date
                )
            )
        self.table.set_rows(documents)

    def main_row_count(self) -> int:
        return self.table.model.rowCount()
