"""Dialogs for meetings: a new or changed meeting, and approving a meeting's minutes.

Both are opened with `open()` (never a blocking `exec()`): the owner connects `accepted` and reads
the values, so tests fill them in and accept them like an officer would.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.meetings import Committee, Meeting, MeetingStatus
from ocplan_desktop.ui.format import date_text
from ocplan_desktop.ui.pending_edits import saves_on_quit


class MeetingDialog(QDialog):
    """Committee, date, time, venue and status of a meeting."""

    def __init__(
        self,
        committees: list[Committee],
        parent: QWidget | None = None,
        *,
        meeting: Meeting | None = None,
        committee_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change meeting" if meeting else "New meeting")
        self.setAccessibleName(self.windowTitle())
        self.committee = QComboBox(self)
        self.committee.setAccessibleName("Committee")
        for committee in committees:
            self.committee.addItem(committee.name, committee.id)
        self.date = QDateEdit(self)
        self.date.setAccessibleName("Date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.time = QLineEdit(self)
        self.time.setAccessibleName("Start time")
        self.time.setPlaceholderText("10:00")
        self.end_time = QLineEdit(self)
        self.end_time.setAccessibleName("End time")
        # Planned, or once held, when the meeting closed (the minutes print it above the Chair's
        # signature line; the calendar's event ends then).
        self.end_time.setPlaceholderText("12:00, or when it closed (optional)")
        self.venue = QLineEdit(self)
        self.venue.setAccessibleName("Venue")
        self.web_link = QLineEdit(self)
        self.web_link.setAccessibleName("Web page")
        self.web_link.setPlaceholderText("The meeting's page on the council's website (optional)")
        self.status = QComboBox(self)
        self.status.setAccessibleName("Status")
        for status in MeetingStatus:
            self.status.addItem(status.value.capitalize(), status.value)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        if meeting is None:
            self.note.setText(
                "The committee's standing items (apologies, declarations of interest, minutes of "
                "the last meeting, …) are put on the new meeting's agenda."
            )
            self.date.setDate(QDate.currentDate())
            self.time.setText("10:00")
            if committee_id is not None:
                self.committee.setCurrentIndex(max(0, self.committee.findData(committee_id)))
        else:
            self.committee.setCurrentIndex(max(0, self.committee.findData(meeting.committee_id)))
            self.committee.setEnabled(False)
            day = dt.date.fromisoformat(meeting.date)
            self.date.setDate(QDate(day.year, day.month, day.day))
            self.time.setText(meeting.start_time)
            self.end_time.setText(meeting.end_time)
            self.venue.setText(meeting.venue)
            self.web_link.setText(meeting.web_link)
            self.status.setCurrentIndex(max(0, self.status.findData(meeting.status)))
            self.note.setText("Marking the meeting held gives its agenda items minute numbers.")
        form = QFormLayout()
        form.addRow("Committee", self.committee)
        form.addRow("Date", self.date)
        form.addRow("Time", self.time)
        form.addRow("Ends", self.end_time)
        form.addRow("Venue", self.venue)
        form.addRow("Web page", self.web_link)
        form.addRow("Status", self.status)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        saves_on_quit(self)  # quitting with input typed presses OK

    def values(self) -> dict[str, object]:
        day = self.date.date()
        return {
            "committee_id": self.committee.currentData(),
            "date": dt.date(day.year(), day.month(), day.day()).isoformat(),
            "start_time": self.time.text(),
            "venue": self.venue.text(),
            "status": self.status.currentData(),
            "end_time": self.end_time.text(),
            "web_link": self.web_link.text(),
        }


class ApproveDialog(QDialog):
    """Choose the later meeting at which these minutes were approved."""

    def __init__(
        self, meeting: Meeting, later: list[Meeting], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Approve minutes")
        self.setAccessibleName("Approve minutes")
        text = QLabel(
            f"Approve the minutes of {meeting.committee}, {date_text(meeting.date)}. Once approved "
            "they are locked: a later correction is recorded as a revision with who, when and why.",
            self,
        )
        text.setWordWrap(True)
        self.approving = QComboBox(self)
        self.approving.setAccessibleName("Approved at")
        for other in later:
            self.approving.addItem(f"{other.committee}, {date_text(other.date)}", other.id)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Approve")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(later))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Approved at", self.approving)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        if not later:
            layout.addWidget(QLabel("There is no later meeting in the workspace yet.", self))
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def approving_id(self) -> int | None:
        value = self.approving.currentData()
        return int(value) if value is not None else None
