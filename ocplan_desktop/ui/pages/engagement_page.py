"""Engagement: consultation exercises, their responses (coded with themes), the analysis by ward,
channel, respondent type and theme, two exercises side by side, and what was passed on elsewhere.

The page holds layout and wiring only: edits go through the session (undoable), imports and files
through background tasks, and every number comes from the services."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.engagement import Exercise
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.importers.feedback import ImportResult
from ocplan_desktop.services import change, engagement, engagement_lists
from ocplan_desktop.services.change import Change
from ocplan_desktop.services.files import safe_file_name
from ocplan_desktop.store.workspace import Workspace
from ocplan_desktop.ui.file_dialogs import remember, start_path
from ocplan_desktop.ui.format import date_text
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.pages.engagement_analysis import AnalysisPanel, ComparePanel
from ocplan_desktop.ui.pages.engagement_dialogs import ExerciseDialog, PassOnDialog, ResponseDialog
from ocplan_desktop.ui.pages.engagement_import import FeedbackImportDialog
from ocplan_desktop.ui.pages.engagement_lists import ReferenceListsDialog
from ocplan_desktop.ui.pages.engagement_passed_on import PassedOnPanel
from ocplan_desktop.ui.pages.engagement_responses import ResponsesPanel
from ocplan_desktop.ui.pages.page import Page
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.tasks import Task, run_with_progress
from ocplan_desktop.ui.widgets.record_table import RecordTable

EXERCISE_COLUMNS: list[Column[Exercise]] = [
    Column("Exercise", lambda e: e.title),
    Column("Opens", lambda e: date_text(e.opens_on), sort=lambda e: e.opens_on or ""),
    Column("Closes", lambda e: date_text(e.closes_on), sort=lambda e: e.closes_on or ""),
    Column("Responses", lambda e: e.response_count, numeric=True),
    Column("Link", lambda e: e.public_link),
]
TABLE_FILTER = "Spreadsheets (*.csv *.xlsx);;All files (*)"


class EngagementPage(Page):
    title = "Engagement"
    kinds = frozenset({change.EXERCISES, change.FEEDBACK, change.REFERENCE})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.dialog: QWidget | None = None  # the form or dialog now open (tests drive it)
        self.task: Task | None = None
        self.last_message: QMessageBox | None = None
        self.exercises = RecordTable(
            RecordTableModel(EXERCISE_COLUMNS),
            "Exercises",
            self,
            filter_placeholder="Filter exercises…",
        )
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setObjectName("exerciseDetails")
        buttons = QHBoxLayout()
        for text, slot in (
            ("&New exercise…", self.new_exercise),
            ("&Edit…", self.edit_exercise),
            ("&Import responses…", self._on_import_triggered),
            ("P&oster…", self._on_poster_triggered),
            ("Reference &lists…", self.show_lists),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _checked=False, slot=slot: slot())
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # A long description scrolls rather than being cut off at the foot of the area.
        details_area = QScrollArea(self)
        details_area.setWidget(self.details)
        details_area.setWidgetResizable(True)
        details_area.setFrameShape(QFrame.Shape.NoFrame)
        details_area.setMinimumWidth(320)
        top = QWidget(self)
        beside = QHBoxLayout()
        beside.addWidget(self.exercises, 3)
        beside.addWidget(details_area, 2)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(beside, 1)
        top_layout.addLayout(buttons)

        self.responses = ResponsesPanel(session, self)
        self.responses.add_requested.connect(self.add_response)
        self.responses.pass_on_requested.connect(self.pass_on_selected)
        self.responses.remove_requested.connect(self.remove_selected)
        self.responses.table.activated.connect(lambda _record: self.edit_response())
        self.analysis = AnalysisPanel(self)
        self.compare = ComparePanel(self)
        self.passed_on = PassedOnPanel(self)
        self.passed_on.export_requested.connect(self._on_export_passed_on_triggered)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.responses, "Responses and coding")
        self.tabs.addTab(self.analysis, "Analysis")
        self.tabs.addTab(self.compare, "Side by side")
        self.tabs.addTab(self.passed_on, "Passed on")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([270, 630])  # three exercises in view at 800 pixels high
        layout = QVBoxLayout(self)
        heading = QLabel(self.title, self)
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)
        self.exercises.current_changed.connect(self._on_exercises_current_changed)
        self._exercise_id: int | None = None
        self._stale_tabs: set[int] = set()
        self._lists: dict[str, list[tuple[int, str]]] = {
            "channels": [],
            "respondent_types": [],
            "feedback_themes": [],
            "wards": [],
        }

    # page ----------------------------------------------------------------------------------------
    def page_actions(self) -> list[QAction]:
        actions = []
        for text, shortcut, slot in (
            ("&New exercise…", None, self.new_exercise),
            ("&Edit exercise…", None, self.edit_exercise),
            ("&Delete exercise", None, self.delete_exercise),
            ("&Import responses…", "Ctrl+I", self._on_import_triggered),
            ("&Add response…", "Ctrl+Shift+A", self.add_response),
            ("Edit &response…", None, self.edit_response),
            ("&Pass on selected responses…", "Ctrl+Shift+P", self.pass_on_selected),
            ("Remo&ve selected responses", None, self.remove_selected),
            ("Poster with &QR code…", None, self._on_poster_triggered),
            ("E&xport passed-on list…", None, self._on_export_passed_on_triggered),
            ("Reference &lists…", None, self.show_lists),
        ):
            action = QAction(text, self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            actions.append(action)
        return actions

    def refresh(self) -> None:
        assert self.ws is not None
        ws = self.ws
        wanted = self._exercise_id
        items = engagement.list_exercises(ws)
        self.exercises.set_rows(items)
        lists = {table: engagement_lists.list_names(ws, table) for table in engagement_lists.LISTS}
        lists["wards"] = [(ward.id, ward.name) for ward in engagement_lists.current_wards(ws)]
        self._lists = lists
        self.responses.set_lists(lists)
        if not self.select_exercise(wanted):
            self.exercises.select_first()
        if self.exercises.current_record() is None:
            self._show_exercise(None)

    def main_row_count(self) -> int:
        return self.exercises.model.rowCount()

    def current_exercise(self) -> Exercise | None:
        record = self.exercises.current_record()
        return record if isinstance(record, Exercise) else None

    def select_exercise(self, exercise_id: int | None) -> bool:
        if exercise_id is None:
            return False
        model, proxy = self.exercises.model, self.exercises.proxy
        for row, record in enumerate(model.rows()):
            if record.id == exercise_id:
                index = proxy.mapFromSource(model.index(row, 0))
                self.exercises.view.setCurrentIndex(index)
                self._show_exercise(record)
                return True
        return False

    def _on_exercises_current_changed(self, exercise: Exercise | None) -> None:
        self._show_exercise(exercise)

    def _show_exercise(self, exercise: Exercise | None) -> None:
        ws = self.ws
        self._exercise_id = exercise.id if exercise else None
        if ws is None or exercise is None:
            self.details.setText("")
            self.responses.set_responses([])
            return
        self.details.setText(self._details_text(ws, exercise.id))
        self.responses.set_responses(engagement.responses(ws, exercise.id))
        self._stale_tabs = {1, 2, 3}
        self._refresh_tab(self.tabs.currentIndex())

    def _details_text(self, ws: Workspace, exercise_id: int) -> str:
        from html import escape

        fields = engagement.exercise_fields(ws, exercise_id)
        names = dict(self._lists["channels"])
        channels = ", ".join(names[item] for item in fields.channel_ids if item in names)
        dates = " to ".join(date_text(item) for item in (fields.opens_on, fields.closes_on) if item)
        parts = [
            f"<b>{escape(fields.title)}</b>" + (f" — {escape(dates)}" if dates else ""),
            escape(fields.purpose),
            f"Channels: {escape(channels)}" if channels else "",
            f"For: {escape(fields.target_groups)}" if fields.target_groups else "",
            f"Link: {escape(fields.public_link)}" if fields.public_link else "No public link yet",
        ]
        return "<br/>".join(part for part in parts if part)

    def _on_tabs_current_changed(self, index: int) -> None:
        self._refresh_tab(index)

    def _refresh_tab(self, index: int) -> None:
        """Charts and lists off the first tab are built when shown, not on every edit."""
        ws = self.ws
        if ws is None or index not in self._stale_tabs:
            return
        self._stale_tabs.discard(index)
        if index == 1 and self._exercise_id is not None:
            self.analysis.show_exercise(ws, self._exercise_id)
        elif index == 2:
            self.compare.set_exercises(ws, self.exercises.model.rows(), self._exercise_id)
        elif index == 3:
            self.passed_on.show_for(ws, self._exercise_id)

    # exercises -----------------------------------------------------------------------------------
    def new_exercise(self) -> ExerciseDialog:
        def accept(fields: engagement.ExerciseFields) -> bool:
            return self.session.run(
                f"New exercise {fields.title.strip()}", lambda ws: self._added(ws, fields)
            )

        return self._open(ExerciseDialog(self._lists["channels"], accept, parent=self))

    def _added(self, ws: Workspace, fields: engagement.ExerciseFields) -> Change:
        result = engagement.add_exercise(ws, fields)
        self._exercise_id = next(iter(result.ids))
        return result

    def edit_exercise(self) -> ExerciseDialog | None:
        exercise = self.current_exercise()
        if exercise is None or self.ws is None:
            return None
        exercise_id = exercise.id

        def accept(fields: engagement.ExerciseFields) -> bool:
            return self.session.run(
                "Edit exercise", lambda ws: engagement.update_exercise(ws, exercise_id, fields)
            )

        current = engagement.exercise_fields(self.ws, exercise_id)
        return self._open(ExerciseDialog(self._lists["channels"], accept, current, self))

    def delete_exercise(self) -> None:
        exercise = self.current_exercise()
        if exercise is not None:
            exercise_id = exercise.id
            self._exercise_id = None
            self.session.run(
                f"Delete exercise {exercise.title}",
                lambda ws: engagement.delete_exercise(ws, exercise_id),
            )

    # responses -----------------------------------------------------------------------------------
    def add_response(self) -> ResponseDialog | None:
        exercise_id = self._exercise_id
        if exercise_id is None:
            return None

        def accept(fields: engagement.ResponseFields, themes: tuple[int, ...]) -> bool:
            return self.session.run(
                "Add response",
                lambda ws: engagement.add_response(ws, exercise_id, fields, themes),
            )

        return self._open(
            ResponseDialog(self._lists, accept, self, exercise=self.current_exercise())
        )

    def edit_response(self) -> ResponseDialog | None:
        """Double-click or Enter on a response: correct its date, channel, ward, type or text."""
        record = self.responses.table.current_record()
        if record is None:
            return None
        response_id = record.id
        current = engagement.ResponseFields(
            record.received_on,
            record.channel_id,
            record.ward_id,
            record.respondent_type_id,
            record.text,
        )

        def accept(fields: engagement.ResponseFields, _themes: tuple[int, ...]) -> bool:
            return self.session.run(
                "Edit response", lambda ws: engagement.update_response(ws, response_id, fields)
            )

        return self._open(
            ResponseDialog(self._lists, accept, self, current, exercise=self.current_exercise())
        )

    def pass_on_selected(self) -> PassOnDialog | None:
        ids = [item.id for item in self.responses.selected()]
        if not ids or self.ws is None:
            self._message("Pass on", "Select the responses to pass on first.")
            return None
        targets = engagement.passed_on_targets(self.ws)
        titles = [
            item.title for item in self.exercises.model.rows() if item.id != self._exercise_id
        ]
        choices = list(dict.fromkeys([*targets, *titles]))

        def accept(target: str, date: str) -> bool:
            return self.session.run(
                f"Pass on {plural(len(ids), 'response')} to {target.strip()}",
                lambda ws: engagement.pass_on(ws, ids, target, date or None),
            )

        return self._open(PassOnDialog(len(ids), choices, accept, self))

    def remove_selected(self) -> None:
        ids = [item.id for item in self.responses.selected()]
        if ids:
            self.session.run(
                f"Remove {len(ids):,} response{'s' if len(ids) != 1 else ''}",
                lambda ws: engagement.delete_responses(ws, ids),
            )

    # files ---------------------------------------------------------------------------------------
    def _on_import_triggered(self) -> None:
        if self._exercise_id is None:
            self._message("Import responses", "Select or add the exercise the responses belong to.")
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Import responses", start_path(self.ws), TABLE_FILTER
        )
        if path:
            remember(path)
            self.import_file(path)

    def import_file(self, path: Path | str) -> FeedbackImportDialog | None:
        """Open the import dialog on a file for the current exercise (it reads in the background)."""
        if self.ws is None or self._exercise_id is None:
            return None
        dialog = FeedbackImportDialog(self.ws, self._exercise_id, self)
        dialog.imported.connect(self._on_import_done)
        self._open(dialog)
        dialog.load(path)
        return dialog

    def _on_import_done(self, result: ImportResult) -> None:
        self.session.broadcast(
            Change.of(change.FEEDBACK, change.EXERCISES, change.REFERENCE, description="import")
        )
        extra = (
            f" New themes: {', '.join(result.plan.new_themes)}." if result.plan.new_themes else ""
        )
        self._message(
            "Responses imported",
            f"{plural(result.imported, 'response')} imported from {result.plan.file_name}.{extra}",
            QMessageBox.Icon.Information,
        )

    def _on_poster_triggered(self) -> None:
        exercise = self.current_exercise()
        if exercise is None:
            return
        start = start_path(self.ws, safe_file_name(f"Poster - {exercise.title}", ".pdf"))
        path, _ = QFileDialog.getSaveFileName(self, "Save poster", start, "PDF (*.pdf)")
        if path:
            remember(path)
            self.save_poster(path)

    def save_poster(self, path: Path | str) -> Task | None:
        exercise_id = self._exercise_id
        if self.ws is None or exercise_id is None:
            return None
        from ocplan_desktop.reports.poster import write_poster

        return self._run_file_job(
            "Drawing the poster",
            lambda ws, progress: write_poster(ws, exercise_id, path, progress),
            f"The poster is saved as {path}.",
        )

    def _on_export_passed_on_triggered(self) -> None:
        start = start_path(self.ws, "Passed on to other consultations.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "Export passed-on list", start, TABLE_FILTER)
        if path:
            remember(path)
            self.export_passed_on(path)

    def export_passed_on(self, path: Path | str) -> Task | None:
        if self.ws is None:
            return None
        from ocplan_desktop.importers.passed_on import export_passed_on

        exercise_id = self.passed_on.exercise_filter()
        return self._run_file_job(
            "Exporting the passed-on list",
            lambda ws, progress: export_passed_on(ws, path, exercise_id, progress),
            f"The passed-on list is saved as {path}.",
        )

    def _run_file_job(self, title: str, job: Any, done: str) -> Task:
        assert self.ws is not None
        self.task = run_with_progress(
            self,
            title,
            self.ws,
            job,
            writes=False,
            on_success=lambda _result: self._message(title, done, QMessageBox.Icon.Information),
            on_failure=lambda message: self._message(title, message),
        )
        return self.task

    def show_lists(self) -> ReferenceListsDialog:
        dialog = ReferenceListsDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.show()
        return dialog

    # helpers -------------------------------------------------------------------------------------
    def _open(self, dialog: Any) -> Any:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _message(
        self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning
    ) -> None:
        window = self.window()
        if hasattr(window, "show_message"):
            window.show_message(title, text, icon)
            return
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        box.open()
