"""One meeting: its details, agenda, the minutes of the chosen item, attendance and interests."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.meetings import MeetingDetails
from ocplan_desktop.services import meetings
from ocplan_desktop.services.change import Change
from ocplan_desktop.ui.format import date_text, label_text
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.agenda_view import AgendaView
from ocplan_desktop.ui.widgets.attendance_view import AttendanceView
from ocplan_desktop.ui.widgets.minutes_editor import MinutesEditor

AGENDA_TAB, MINUTES_TAB, ATTENDANCE_TAB = range(3)


class MeetingPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.meeting_id: int | None = None
        self.details: MeetingDetails | None = None
        self.setAccessibleName("Meeting")
        self.title = QLabel(self)
        self.title.setObjectName("meetingTitle")
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setObjectName("meetingFacts")
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)

        self.agenda = AgendaView(session, self)
        self.minutes = MinutesEditor(session, self)
        self.attendance = AttendanceView(session, self)
        self.item_choice = QComboBox(self)
        self.item_choice.setAccessibleName("Agenda item whose minutes are shown")
        minutes_page = QWidget(self)
        minutes_layout = QVBoxLayout(minutes_page)
        minutes_layout.setContentsMargins(4, 4, 4, 4)
        choice_row = QHBoxLayout()
        choice_row.addWidget(QLabel("Item", minutes_page))
        choice_row.addWidget(self.item_choice, 1)
        self.minutes_tools = choice_row
        minutes_layout.addLayout(choice_row)
        minutes_layout.addWidget(self.minutes, 1)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.agenda, "Agenda")
        self.tabs.addTab(minutes_page, "Minutes")
        self.tabs.addTab(self.attendance, "Attendance and interests")

        head = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(self.title)
        text.addWidget(self.facts)
        head.addLayout(text, 1)
        head.addLayout(self.buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.tabs, 1)

        self.agenda.item_selected.connect(self._on_agenda_item_selected)
        self.agenda.item_activated.connect(self.open_minutes)
        self.item_choice.activated.connect(self._on_item_choice_activated)

    def add_button(self, action: QAction) -> None:
        button = QToolButton(self)
        button.setDefaultAction(action)
        self.buttons.addWidget(button)

    def add_minutes_button(self, action: QAction) -> None:
        self.minutes.add_tool("top", action)

    # loading ---------------------------------------------------------------------------------------
    def show_meeting(self, meeting_id: int | None, change: Change | None = None) -> None:
        changed = meeting_id != self.meeting_id
        self.meeting_id = meeting_id
        ws = self.session.ws
        if meeting_id is None or ws is None:
            self.details = None
            self.title.setText("No meeting chosen")
            self.facts.setText("Choose a meeting in the list or the calendar, or make a new one.")
            self.agenda.load(None)
            self.attendance.load(None)
            self.minutes.load(None)
            self.item_choice.clear()
            return
        details = meetings.details(ws, meeting_id)
        self.details = details
        meeting = details.meeting
        self.title.setText(f"{meeting.committee}, {date_text(meeting.date)}")
        parts = [meeting.start_time, meeting.venue, label_text(meeting.status)]
        lock = " (locked)" if details.locked else ""
        self.facts.setText(" · ".join(p for p in parts if p) + f" · {details.approval_text}{lock}")
        keep_item = None if changed else self.agenda.tree.current_id()
        single = next(iter(change.ids)) if change is not None and len(change.ids) == 1 else None
        if single is not None and any(
            item.id == single for item in meetings.agenda(ws, meeting_id)
        ):
            keep_item = single
        self.agenda.load(meeting_id, details.locked, keep_item)
        self.attendance.load(meeting_id, details.locked)
        self._fill_items()
        item = self.agenda.current_item()
        if changed or self.minutes.item_id != (item.id if item else None):
            self.minutes.load(item.id if item else None)
        else:
            self.minutes.reload(change)

    def _fill_items(self) -> None:
        with QSignalBlocker(self.item_choice):
            self.item_choice.clear()
            for item in self.agenda.items:
                number = f" {item.minute_number}" if item.minute_number else ""
                self.item_choice.addItem(f"{item.item_number}.{number}  {item.title}", item.id)
            current = self.agenda.tree.current_id()
            self.item_choice.setCurrentIndex(max(0, self.item_choice.findData(current)))

    def _on_agenda_item_selected(self, item_id: int | None) -> None:
        self.item_choice.setCurrentIndex(max(0, self.item_choice.findData(item_id)))
        if item_id != self.minutes.item_id:
            self.minutes.load(item_id)

    def _on_item_choice_activated(self, index: int) -> None:
        item_id = self.item_choice.itemData(index)
        if item_id is not None:
            self.agenda.tree.select_id(int(item_id))

    def open_minutes(self, item_id: int) -> None:
        """Show the minutes of an item (double-click on the agenda, a search result)."""
        self.agenda.tree.select_id(item_id)
        self.tabs.setCurrentIndex(MINUTES_TAB)
        self.minutes.heading.setFocus(Qt.FocusReason.OtherFocusReason)
