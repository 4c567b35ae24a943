"""Dialogs that edit recommendations: update one or several at once, and add a progress update.

A dialog does not change anything itself: OK emits `submitted` with what was asked for, the page runs
it as an undoable edit through the session, and closes the dialog only if the edit was accepted (a
refused edit leaves the dialog open with the officer's input, so it can be corrected).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.recommendations import RecommendationRow, RecommendationStatus, Response
from ocplan_desktop.services.recommendations import Choice, EditChoices
from ocplan_desktop.ui.pending_edits import saves_on_quit

NONE = "— none —"


class _SubmitDialog(QDialog):
    submitted = Signal(object)

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

    def _on_buttons_accepted(self) -> None:
        self.submitted.emit(self.value())

    def value(self) -> Any:
        raise NotImplementedError


class RecommendationEditDialog(_SubmitDialog):
    """Change fields of the selected recommendations. Only ticked fields change; editing a field
    ticks it. With one recommendation the fields start at its values."""

    def __init__(
        self,
        rows: list[RecommendationRow],
        choices: EditChoices,
        meeting_items: Callable[[int], list[str]],
        parent: QWidget | None = None,
        *,
        focus: str = "response",
    ) -> None:
        count = len(rows)
        super().__init__(
            f"Update {count} recommendation{'s' if count != 1 else ''}"
            if count != 1
            else f"Update {rows[0].reference}",
            parent,
        )
        self._meeting_items = meeting_items
        self.ticks: dict[str, QCheckBox] = {}
        self.readers: dict[str, Callable[[], Any]] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self._row = 0
        self._grid = grid
        first = rows[0] if count == 1 else None

        if first is not None:
            self.text = QPlainTextEdit(first.text, self)
            self.text.setTabChangesFocus(True)
            self.text.setFixedHeight(70)
            self._add("text", "Recommendation", self.text, self.text.toPlainText)
            self.text.textChanged.connect(lambda: self._tick("text"))
        self.response = QComboBox(self)
        for response in Response:
            self.response.addItem(response.text, response.value)
        self._add("response", "&Response", self.response, self.response.currentData)
        self.response_text = QPlainTextEdit(self)
        self.response_text.setTabChangesFocus(True)
        self.response_text.setFixedHeight(60)
        self._add(
            "response_text", "Response te&xt", self.response_text, self.response_text.toPlainText
        )
        self.meeting = self._choice_combo(choices.meetings)
        self._add(
            "response_meeting_id", "Given at &meeting", self.meeting, self.meeting.currentData
        )
        self.item = QComboBox(self)
        self.item.setEditable(True)
        self._add("response_item", "Agenda &item", self.item, self.item.currentText)
        self.response_date = QLineEdit(self)
        self.response_date.setPlaceholderText("the meeting's date, or today")
        self._add("response_date", "Response &date", self.response_date, self._response_date)
        self.status = QComboBox(self)
        for status in RecommendationStatus:
            self.status.addItem(status.text, status.value)
        self._add("status", "&Status", self.status, self.status.currentData)
        self.due_date = QLineEdit(self)
        self.due_date.setPlaceholderText("for example 31 March 2024 (empty: no due date)")
        self._add("due_date", "D&ue date", self.due_date, lambda: self.due_date.text() or None)
        self.lead_officer = self._choice_combo(choices.people)
        self._add(
            "lead_officer_id", "&Lead officer", self.lead_officer, self.lead_officer.currentData
        )
        self.cabinet_member = self._choice_combo(choices.members or choices.people)
        self._add(
            "cabinet_member_id",
            "Ca&binet member",
            self.cabinet_member,
            self.cabinet_member.currentData,
        )

        if first is not None:
            self._start_from(first)
        for combo, name in (
            (self.response, "response"),
            (self.meeting, "response_meeting_id"),
            (self.item, "response_item"),
            (self.status, "status"),
            (self.lead_officer, "lead_officer_id"),
            (self.cabinet_member, "cabinet_member_id"),
        ):
            combo.currentIndexChanged.connect(lambda _i, name=name: self._tick(name))
        self.item.editTextChanged.connect(lambda _t: self._tick("response_item"))
        self.response_text.textChanged.connect(lambda: self._tick("response_text"))
        self.response_date.textEdited.connect(lambda _t: self._tick("response_date"))
        self.due_date.textEdited.connect(lambda _t: self._tick("due_date"))
        self.meeting.currentIndexChanged.connect(self._on_meeting_current_index_changed)
        self._on_meeting_current_index_changed()

        note = QLabel(
            "Only ticked fields change"
            + (f" on all {count} recommendations." if count > 1 else "."),
            self,
        )
        note.setObjectName("countLabel")
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(620, self.sizeHint().height())
        saves_on_quit(self)  # quitting with input typed presses OK
        getattr(self, focus if focus != "text" or first else "response").setFocus()

    def _choice_combo(self, choices: tuple[Choice, ...]) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(NONE, None)
        for choice in choices:
            combo.addItem(choice.label, choice.id)
        return combo

    def _add(self, name: str, caption: str, widget: QWidget, reader: Callable[[], Any]) -> None:
        tick = QCheckBox(caption, self)
        tick.setAccessibleName(f"Change {caption.replace('&', '').lower()}")
        widget.setAccessibleName(caption.replace("&", ""))
        self._grid.addWidget(tick, self._row, 0)
        self._grid.addWidget(widget, self._row, 1)
        self._row += 1
        self.ticks[name] = tick
        self.readers[name] = reader

    def _tick(self, name: str) -> None:
        self.ticks[name].setChecked(True)

    def _response_date(self) -> str | None:
        return self.response_date.text().strip() or None

    def _start_from(self, row: RecommendationRow) -> None:
        self.response.setCurrentIndex(max(self.response.findData(row.response), 0))
        self.response_text.setPlainText(row.response_text)
        if row.response_meeting_id is not None:
            self.meeting.setCurrentIndex(max(self.meeting.findData(row.response_meeting_id), 0))
        self.response_date.setText(format_date(row.response_date) if row.response_date else "")
        self.status.setCurrentIndex(max(self.status.findData(row.status), 0))
        self.due_date.setText(format_date(row.due_date) if row.due_date else "")
        for combo, value in (
            (self.lead_officer, row.lead_officer_id),
            (self.cabinet_member, row.cabinet_member_id),
        ):
            if value is not None:
                combo.setCurrentIndex(max(combo.findData(value), 0))
        self._initial_item = row.response_item

    _initial_item = ""

    def _on_meeting_current_index_changed(self, *_args: object) -> None:
        meeting_id = self.meeting.currentData()
        current = self.item.currentText() or self._initial_item
        with QSignalBlocker(self.item):
            self.item.clear()
            self.item.addItem("")
            if meeting_id is not None:
                self.item.addItems(self._meeting_items(meeting_id))
            self.item.setEditText(current)

    def value(self) -> dict[str, Any]:
        """The ticked fields and their values, as the services take them."""
        return {name: self.readers[name]() for name, tick in self.ticks.items() if tick.isChecked()}


class ProgressUpdateDialog(_SubmitDialog):
    """A dated line for a recommendation's progress log, optionally moving its status on."""

    def __init__(
        self, row: RecommendationRow, today: dt.date, parent: QWidget | None = None
    ) -> None:
        super().__init__(f"Progress on {row.reference}", parent)
        self.date = QLineEdit(format_date(today), self)
        self.date.setAccessibleName("Date")
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName("Progress update")
        self.text.setTabChangesFocus(True)
        self.status = QComboBox(self)
        self.status.setAccessibleName("Status now")
        self.status.addItem(
            f"No change (stays {RecommendationStatus(row.status).text.lower()})", None
        )
        for status in RecommendationStatus:
            if status.value != row.status:
                self.status.addItem(status.text, status.value)
        grid = QGridLayout()
        for line, (caption, widget) in enumerate(
            (("&Date", self.date), ("&Update", self.text), ("&Status now", self.status))
        ):
            label = QLabel(caption, self)
            label.setBuddy(widget)
            grid.addWidget(label, line, 0)
            grid.addWidget(widget, line, 1)
        layout = QVBoxLayout(self)
        summary = QLabel(row.text if len(row.text) < 300 else row.text[:297] + "…", self)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        layout.addLayout(grid)
        layout.addWidget(self.buttons)
        self.resize(560, 320)
        saves_on_quit(self)  # quitting with input typed presses OK
        self.text.setFocus()

    def value(self) -> dict[str, Any]:
        return {
            "date": self.date.text(),
            "text": self.text.toPlainText(),
            "status": self.status.currentData(),
        }
