"""The tracker's filter bar: to body, status, owner, meeting, awaiting response, overdue, free text.

The bar only builds a `TrackerFilter` (domain); what matches is decided there.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ocplan_desktop.domain.recommendations import RecommendationStatus
from ocplan_desktop.domain.tracker import UNFINISHED, FilterChoices, MeetingKey, TrackerFilter

ANY_BODY = "Any body"
ANY_STATUS = "Any status"
ANY_OWNER = "Anyone"
ANY_MEETING = "Any meeting"


class TrackerFilterBar(QWidget):
    filter_changed = Signal(object)  # TrackerFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Tracker filters")
        self.to_body = self._combo("To body")
        self.status = self._combo("Status")
        self.status.addItem(ANY_STATUS, "")
        self.status.addItem("Unfinished (open or in progress)", UNFINISHED)
        for status in RecommendationStatus:
            self.status.addItem(status.text, status.value)
        self.owner = self._combo("Owner")
        self.meeting = self._combo("Meeting")
        self.meeting.setToolTip("The meeting that made the recommendation or answered it")
        self.awaiting = QCheckBox("&Awaiting response", self)
        self.overdue = QCheckBox("O&verdue", self)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText("Search reference, text, response, officer, update…")
        self.text.setClearButtonEnabled(True)
        self.text.setAccessibleName("Search the tracker")
        self.clear_button = QPushButton("Clear filters", self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.count_label.setAccessibleName("Rows shown")

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        for column, (caption, widget) in enumerate(
            (("&To:", self.to_body), ("&Status:", self.status), ("O&wner:", self.owner))
        ):
            label = QLabel(caption, self)
            label.setBuddy(widget)
            grid.addWidget(label, 0, column * 2)
            grid.addWidget(widget, 0, column * 2 + 1)
        meeting_label = QLabel("&Meeting:", self)
        meeting_label.setBuddy(self.meeting)
        grid.addWidget(meeting_label, 1, 0)
        grid.addWidget(self.meeting, 1, 1, 1, 3)
        grid.addWidget(self.awaiting, 1, 4)
        grid.addWidget(self.overdue, 1, 5)
        search_label = QLabel("Searc&h:", self)
        search_label.setBuddy(self.text)
        grid.addWidget(search_label, 2, 0)
        grid.addWidget(self.text, 2, 1, 1, 3)
        grid.addWidget(self.clear_button, 2, 4)
        grid.addWidget(self.count_label, 2, 5)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnStretch(5, 1)

        for combo in (self.to_body, self.status, self.owner, self.meeting):
            combo.currentIndexChanged.connect(self._on_any_changed)
        self.awaiting.toggled.connect(self._on_any_changed)
        self.overdue.toggled.connect(self._on_any_changed)
        self.text.textChanged.connect(self._on_any_changed)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.setMinimumContentsLength(14)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        return combo

    def set_choices(self, choices: FilterChoices) -> None:
        """Fill the lists from the rows there are, keeping what was chosen where it still exists."""
        with QSignalBlocker(self):
            self._fill(self.to_body, ANY_BODY, [(body, body) for body in choices.to_bodies])
            self._fill(self.owner, ANY_OWNER, [(name, name) for name in choices.owners])
            self._fill(self.meeting, ANY_MEETING, [(key.label, key) for key in choices.meetings])

    @staticmethod
    def _fill(combo: QComboBox, any_text: str, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        with QSignalBlocker(combo):
            combo.clear()
            combo.addItem(any_text, None)
            for text, data in items:
                combo.addItem(text, data)
            found = [
                i
                for i in range(combo.count())
                if current is not None and combo.itemData(i) == current
            ]
            combo.setCurrentIndex(found[0] if found else 0)

    def current_filter(self) -> TrackerFilter:
        meeting = self.meeting.currentData()
        return TrackerFilter(
            to_body=self.to_body.currentData() or "",
            status=self.status.currentData() or "",
            awaiting_only=self.awaiting.isChecked(),
            overdue_only=self.overdue.isChecked(),
            owner=self.owner.currentData() or "",
            meeting=meeting if isinstance(meeting, MeetingKey) else None,
            text=self.text.text(),
        )

    def select(self, combo: QComboBox, text: str) -> None:
        """Choose an entry by its text (for keyboard users' scripts and tests)."""
        index = combo.findText(text)
        if index < 0:
            raise LookupError(f"{combo.accessibleName()} has no entry {text!r}")
        combo.setCurrentIndex(index)

    def show_count(self, shown: int, total: int) -> None:
        noun = "recommendation" if total == 1 else "recommendations"
        self.count_label.setText(
            f"{total:,} {noun}" if shown == total else f"Showing {shown:,} of {total:,} {noun}"
        )

    def _on_any_changed(self, *_args: object) -> None:
        self.filter_changed.emit(self.current_filter())

    def _on_clear_button_clicked(self) -> None:
        with QSignalBlocker(self):
            for combo in (self.to_body, self.status, self.owner, self.meeting):
                combo.setCurrentIndex(0)
            self.awaiting.setChecked(False)
            self.overdue.setChecked(False)
            self.text.clear()
        self._on_any_changed()
