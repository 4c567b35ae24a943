"""Meetings & minutes: the meetings of every committee, and the agenda of the one selected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ocplan_desktop.domain.meetings import AgendaItem, Meeting
from ocplan_desktop.services import change, meetings
from ocplan_desktop.ui.format import date_text, label_text
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.pages.page import Page
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.record_table import RecordTable

MEETING_COLUMNS: list[Column[Meeting]] = [
    Column("Date", lambda m: date_text(m.date), sort=lambda m: m.date),
    Column("Committee", lambda m: m.committee),
    Column("Time", lambda m: m.start_time),
    Column("Venue", lambda m: m.venue),
    Column("Status", lambda m: label_text(m.status)),
    Column("Items", lambda m: m.item_count, numeric=True),
    Column("Minutes", lambda m: label_text(m.minutes_status)),
]

AGENDA_COLUMNS: list[Column[AgendaItem]] = [
    Column("Item", lambda i: i.item_number, numeric=True),
    Column("Minute", lambda i: i.minute_number),
    Column("Title", lambda i: i.title, bold=lambda i: not i.is_standing),
    Column("Outcome", lambda i: i.outcome),
]


class MeetingsPage(Page):
    title = "Meetings & minutes"
    kinds = frozenset(
        {change.MEETINGS, change.AGENDA, change.COMMITTEES, change.MINUTES, change.REPORTS}
    )

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.meetings = RecordTable(
            RecordTableModel(MEETING_COLUMNS),
            "Meetings",
            self,
            filter_placeholder="Filter meetings by committee, date, venue…",
        )
        self.agenda = RecordTable(
            RecordTableModel(AGENDA_COLUMNS),
            "Agenda",
            self,
            filter_placeholder="Filter agenda items…",
        )
        self.agenda_heading = QLabel(self)
        self.agenda_heading.setObjectName("sectionHeading")
        self.agenda_heading.setWordWrap(True)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.agenda_heading)
        right_layout.addWidget(self.agenda, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.meetings)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        heading = QLabel(self.title, self)
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)

        self.meetings.current_changed.connect(self._on_meetings_current_changed)

    def refresh(self) -> None:
        assert self.ws is not None
        self.meetings.set_rows(meetings.list_meetings(self.ws))
        if self.meetings.current_record() is None:
            self.meetings.select_first()

    def main_row_count(self) -> int:
        return self.meetings.model.rowCount()

    def _on_meetings_current_changed(self, meeting: Meeting | None) -> None:
        if meeting is None or self.ws is None:
            self.agenda.set_rows([])
            self.agenda_heading.setText("")
            return
        self.agenda_heading.setText(
            f"Agenda: {meeting.committee}, {date_text(meeting.date)}"
            + (f", {meeting.start_time}" if meeting.start_time else "")
            + (f" — {meeting.venue}" if meeting.venue else "")
        )
        self.agenda.set_rows(meetings.agenda(self.ws, meeting.id))
