"""Engagement: consultation exercises and the responses each collected."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ocplan_desktop.domain.engagement import Exercise
from ocplan_desktop.services import change, engagement
from ocplan_desktop.services.engagement import Response
from ocplan_desktop.ui.format import date_text
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.pages.page import Page
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.record_table import RecordTable

EXERCISE_COLUMNS: list[Column[Exercise]] = [
    Column("Exercise", lambda e: e.title),
    Column("Opens", lambda e: date_text(e.opens_on), sort=lambda e: e.opens_on or ""),
    Column("Closes", lambda e: date_text(e.closes_on), sort=lambda e: e.closes_on or ""),
    Column("Responses", lambda e: e.response_count, numeric=True),
    Column("Link", lambda e: e.public_link),
]

RESPONSE_COLUMNS: list[Column[Response]] = [
    Column("Received", lambda r: date_text(r.received_on), sort=lambda r: r.received_on or ""),
    Column("Channel", lambda r: r.channel),
    Column("Ward", lambda r: r.ward),
    Column("Respondent", lambda r: r.respondent_type),
    Column("Themes", lambda r: r.themes),
    Column("Passed on to", lambda r: r.passed_on_to),
    Column("Response", lambda r: r.text, tooltip=lambda r: r.text),
]


class EngagementPage(Page):
    title = "Engagement"
    kinds = frozenset({change.EXERCISES, change.FEEDBACK, change.REFERENCE})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.exercises = RecordTable(
            RecordTableModel(EXERCISE_COLUMNS),
            "Exercises",
            self,
            filter_placeholder="Filter exercises…",
        )
        self.responses = RecordTable(
            RecordTableModel(RESPONSE_COLUMNS),
            "Responses",
            self,
            filter_placeholder="Filter responses by ward, channel, theme or text…",
        )
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.exercises)
        splitter.addWidget(self.responses)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        heading = QLabel(self.title, self)
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)
        self.exercises.current_changed.connect(self._on_exercises_current_changed)

    def refresh(self) -> None:
        assert self.ws is not None
        self.exercises.set_rows(engagement.list_exercises(self.ws))
        if self.exercises.current_record() is None:
            self.exercises.select_first()
        else:
            self._on_exercises_current_changed(self.exercises.current_record())

    def main_row_count(self) -> int:
        return self.exercises.model.rowCount()

    def _on_exercises_current_changed(self, exercise: Exercise | None) -> None:
        if exercise is None or self.ws is None:
            self.responses.set_rows([])
            return
        self.responses.set_rows(engagement.responses(self.ws, exercise.id))
