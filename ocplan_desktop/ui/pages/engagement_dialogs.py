"""Small forms of the engagement page: an exercise, a response recorded by hand, passing responses
on to another consultation. Each collects values and hands them to a callback; the page runs the
edit through the session, so it can be undone and a refusal is shown without closing anything."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.dates import iso_date
from ocplan_desktop.domain.engagement import NOT_COLLECTED, Exercise, outside_exercise
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.services.engagement import ExerciseFields, ResponseFields
from ocplan_desktop.ui.format import date_text
from ocplan_desktop.ui.pending_edits import saves_on_quit


def _checklist(items: list[tuple[int, str]], checked: set[int], name: str) -> QListWidget:
    widget = QListWidget()
    widget.setAccessibleName(name)
    for item_id, label in items:
        item = QListWidgetItem(label)
        item.setData(Qt.ItemDataRole.UserRole, item_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if item_id in checked else Qt.CheckState.Unchecked)
        widget.addItem(item)
    widget.setMaximumHeight(150)
    return widget


def _checked_ids(widget: QListWidget) -> tuple[int, ...]:
    return tuple(
        int(widget.item(row).data(Qt.ItemDataRole.UserRole))
        for row in range(widget.count())
        if widget.item(row).checkState() == Qt.CheckState.Checked
    )


class ExerciseDialog(QDialog):
    """New or edit exercise: title, purpose, dates, channels used, target groups, public link."""

    def __init__(
        self,
        channels: list[tuple[int, str]],
        on_accept: Callable[[ExerciseFields], bool],
        fields: ExerciseFields | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit exercise" if fields else "New exercise")
        self.setAccessibleName(self.windowTitle())
        self._on_accept = on_accept
        fields = fields or ExerciseFields("")
        self.title = QLineEdit(fields.title)
        self.purpose = QPlainTextEdit(fields.purpose)
        self.purpose.setTabChangesFocus(True)
        self.purpose.setMaximumHeight(90)
        self.opens = QLineEdit(date_text(fields.opens_on))
        self.closes = QLineEdit(date_text(fields.closes_on))
        for edit in (self.opens, self.closes):
            edit.setPlaceholderText("20 December 2023")
        self.channels = _checklist(channels, set(fields.channel_ids), "Channels used")
        self.target_groups = QLineEdit(fields.target_groups)
        self.link = QLineEdit(fields.public_link)
        self.link.setPlaceholderText("survey address or WhatsApp group link")
        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Purpose", self.purpose)
        form.addRow("&Opens", self.opens)
        form.addRow("&Closes", self.closes)
        form.addRow("C&hannels used", self.channels)
        form.addRow("Target &groups", self.target_groups)
        form.addRow("Public &link", self.link)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 520)
        saves_on_quit(self)  # quitting with input typed presses OK

    def fields(self) -> ExerciseFields:
        return ExerciseFields(
            self.title.text(),
            self.purpose.toPlainText(),
            self.opens.text() or None,
            self.closes.text() or None,
            self.target_groups.text(),
            self.link.text(),
            _checked_ids(self.channels),
        )

    def accept(self) -> None:
        # A refused edit leaves the form open so the officer can correct it.
        if self._on_accept(self.fields()):
            super().accept()


class ResponseDialog(QDialog):
    """A response recorded by hand (a letter, a comment at an event or in a library)."""

    def __init__(
        self,
        lists: dict[str, list[tuple[int, str]]],
        on_accept: Callable[[ResponseFields, tuple[int, ...]], bool],
        parent: QWidget | None = None,
        current: ResponseFields | None = None,
        exercise: Exercise | None = None,
    ) -> None:
        super().__init__(parent)
        self.exercise = exercise
        self.setWindowTitle("Edit response" if current else "Add response")
        self.setAccessibleName(self.windowTitle())
        self._on_accept = on_accept
        current = current or ResponseFields(dt.date.today().isoformat())
        self.received = QLineEdit(date_text(current.received_on))
        self.channel = self._combo(lists["channels"], "Channel", None)
        self.ward = self._combo(lists["wards"], "Ward", NOT_COLLECTED)
        self.respondent = self._combo(lists["respondent_types"], "Respondent type", NOT_COLLECTED)
        for combo, value in (
            (self.channel, current.channel_id),
            (self.ward, current.ward_id),
            (self.respondent, current.respondent_type_id),
        ):
            if value is not None:
                combo.setCurrentIndex(max(combo.findData(value), 0))
        self.text = QPlainTextEdit(current.text)
        self.text.setTabChangesFocus(True)
        self.themes = _checklist(lists["feedback_themes"], set(), "Themes")
        # A date outside the exercise is allowed (a late letter) but said, as it is often a slip.
        self.date_note = QLabel(self)
        self.date_note.setObjectName("dateNote")
        self.date_note.setWordWrap(True)
        self.received.textChanged.connect(self._on_received_text_changed)
        self._on_received_text_changed(self.received.text())
        form = QFormLayout()
        form.addRow("&Received", self.received)
        form.addRow("", self.date_note)
        form.addRow("&Channel", self.channel)
        form.addRow("&Ward", self.ward)
        form.addRow("Respondent &type", self.respondent)
        form.addRow("Te&xt", self.text)
        if self.windowTitle() == "Add response":  # themes of a response are coded in the list
            form.addRow("T&hemes", self.themes)
        else:
            self.themes.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 560)
        saves_on_quit(self)  # quitting with input typed presses OK

    def _on_received_text_changed(self, text: str) -> None:
        why = ""
        if self.exercise is not None and text.strip():
            try:
                day = iso_date(text)
            except ValidationError:
                day = None
            why = outside_exercise(day, self.exercise.opens_on, self.exercise.closes_on)
        self.date_note.setText(f"⚠ This date is {why}." if why else "")
        self.date_note.setVisible(bool(why))

    @staticmethod
    def _combo(items: list[tuple[int, str]], name: str, empty: str | None) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        if empty is not None:
            combo.addItem(empty, None)
        for item_id, label in items:
            combo.addItem(label, item_id)
        return combo

    def values(self) -> tuple[ResponseFields, tuple[int, ...]]:
        return (
            ResponseFields(
                self.received.text() or None,
                self.channel.currentData(),
                self.ward.currentData(),
                self.respondent.currentData(),
                self.text.toPlainText(),
            ),
            _checked_ids(self.themes),
        )

    def accept(self) -> None:
        if self._on_accept(*self.values()):
            super().accept()


class PassOnDialog(QDialog):
    """Pass the selected responses on to another consultation, on a date."""

    def __init__(
        self,
        count: int,
        targets: list[str],
        on_accept: Callable[[str, str], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Pass on {count:,} response{'s' if count != 1 else ''}")
        self.setAccessibleName("Pass on")
        self._on_accept = on_accept
        self.target = QComboBox()
        self.target.setEditable(True)
        self.target.setAccessibleName("Passed on to")
        self.target.addItems(targets)
        self.target.setCurrentText(targets[0] if targets else "")
        self.date = QLineEdit(date_text(dt.date.today().isoformat()))
        self.date.setAccessibleName("Date passed on")
        form = QFormLayout()
        form.addRow("Passed on &to", self.target)
        form.addRow("&Date", self.date)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 140)

    def accept(self) -> None:
        if self._on_accept(self.target.currentText(), self.date.text()):
            super().accept()
