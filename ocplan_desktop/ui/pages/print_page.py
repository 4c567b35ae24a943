"""Print & export: every document the workspace can produce, exported as PDF off the GUI thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.wording import plural
from ocplan_desktop.services import change, engagement, meetings, performance
from ocplan_desktop.services.files import safe_file_name
from ocplan_desktop.services.progress import Progress
from ocplan_desktop.store.workspace import Workspace
from ocplan_desktop.ui.file_dialogs import remember, start_path
from ocplan_desktop.ui.format import date_text, label_text
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.pages.page import Page
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.tasks import Task, run_with_progress

Export = Callable[[Workspace, Path, Progress], int]


@dataclass(frozen=True)
class Document:
    kind: str
    source: str
    detail: str
    sort_key: str
    export: Export
    pack_meeting_id: int | None = None  # packs take the page's "add to packs" choices

    @property
    def file_name(self) -> str:
        return safe_file_name(f"{self.kind} - {self.source}", ".pdf")


def _briefing_note(report_id: int) -> Export:
    def export(ws: Workspace, target: Path, progress: Progress) -> int:
        from ocplan_desktop.reports.briefing_note import export_briefing_note

        return export_briefing_note(ws, report_id, target, progress)

    return export


def _minutes(meeting_id: int) -> Export:
    def export(ws: Workspace, target: Path, progress: Progress) -> int:
        from ocplan_desktop.reports.minutes_pdf import export_minutes

        return export_minutes(ws, meeting_id, target, progress)

    return export


def _pack(
    meeting_id: int,
    performance_period: str | None = None,
    with_performance: bool = False,
    tracker_since: dt.date | None = None,
) -> Export:
    def export(ws: Workspace, target: Path, progress: Progress) -> int:
        from ocplan_desktop.reports.pack import (
            PackOptions,
            export_pack,
            performance_section,
            tracker_section,
        )

        sections = []
        if tracker_since is not None:
            sections.append(tracker_section(tracker_since))
        if with_performance:
            sections.append(performance_section(performance_period))
        return export_pack(
            ws, meeting_id, target, progress, PackOptions(extra_sections=tuple(sections))
        )

    return export


def _tracker(since: Callable[[], dt.date]) -> Export:
    """The tracker update; the date is read from the page when the export starts."""

    def export(ws: Workspace, target: Path, progress: Progress) -> int:
        from ocplan_desktop.reports.tracker_pdf import export_tracker

        return export_tracker(ws, since(), target, progress)

    return export


def _engagement(exercise_id: int) -> Export:
    def export(ws: Workspace, target: Path, progress: Progress) -> int:
        from ocplan_desktop.reports.engagement_pdf import export_engagement

        return export_engagement(ws, exercise_id, target, progress)

    return export


def _performance(period: str) -> Export:
    def export(ws: Workspace, target: Path, progress: Progress) -> int:
        from ocplan_desktop.reports.performance_pdf import export_performance

        return export_performance(ws, period, target, progress)

    return export


def documents(ws: Workspace, tracker_since: Callable[[], dt.date] | None = None) -> list[Document]:
    """Every document the workspace can print, by what it is made from."""
    result = [
        Document(
            "Briefing note",
            report.title,
            report.route or label_text(report.kind),
            report.title,
            _briefing_note(report.id),
        )
        for report in meetings.list_reports(ws)
    ]
    for meeting in meetings.list_meetings(ws):
        source = f"{meeting.committee}, {date_text(meeting.date)}"
        result.append(
            Document(
                "Minutes",
                source,
                f"{label_text(meeting.minutes_status)} minutes",
                meeting.date,
                _minutes(meeting.id),
            )
        )
        result.append(
            Document(
                "Briefing pack",
                source,
                f"{meeting.item_count} agenda items",
                meeting.date,
                _pack(meeting.id),
                pack_meeting_id=meeting.id,
            )
        )
    if tracker_since is not None:
        result.append(
            Document(
                "Recommendation tracker",
                "Progress on recommendations",
                "what changed since the date chosen below",
                "",
                _tracker(tracker_since),
            )
        )
    for period in reversed(performance.periods_with_figures(ws)):
        result.append(
            Document(
                "Performance report",
                period,
                "summary, history, themes and indicators",
                period,
                _performance(period),
            )
        )
    for exercise in engagement.list_exercises(ws):
        result.append(
            Document(
                "Engagement summary",
                exercise.title,
                plural(exercise.response_count, "response"),
                exercise.opens_on or "",
                _engagement(exercise.id),
            )
        )
    return result


COLUMNS: list[Column[Document]] = [
    Column("Document", lambda d: d.kind),
    Column("Made from", lambda d: d.source, sort=lambda d: d.sort_key),
    Column("Detail", lambda d: d.detail),
]


class PrintPage(Page):
    title = "Print & export"
    kinds = frozenset(
        {
            change.MEETINGS,
            change.REPORTS,
            change.MINUTES,
            change.AGENDA,
            change.EXERCISES,
            change.FEEDBACK,
            change.RECOMMENDATIONS,
            change.VALUES,
            change.INDICATORS,
        }
    )

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        from ocplan_desktop.ui.widgets.record_table import RecordTable

        self.table = RecordTable(
            RecordTableModel(COLUMNS), "Documents", self, filter_placeholder="Filter documents…"
        )
        self.export_button = QPushButton("&Export PDF…", self)
        self.export_button.setAccessibleName("Export PDF")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.pack_performance = QCheckBox("Add the &performance report for", self)
        self.pack_performance.setAccessibleName("Add the performance report to briefing packs")
        self.pack_period = QComboBox(self)
        self.pack_period.setAccessibleName("Performance report period for briefing packs")
        self.since = QDateEdit(self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("d MMMM yyyy")
        self.since.setDate(QDate.currentDate().addMonths(-3))
        self.since.setAccessibleName("Tracker changes since")
        since_label = QLabel("Tracker: changes &since", self)
        since_label.setBuddy(self.since)
        self.pack_tracker = QCheckBox("Add the &tracker", self)
        self.pack_tracker.setAccessibleName("Add the recommendation tracker to briefing packs")
        pack_options = QHBoxLayout()
        pack_options.addWidget(since_label)
        pack_options.addWidget(self.since)
        pack_options.addSpacing(24)
        pack_options.addWidget(QLabel("Briefing packs:", self))
        pack_options.addWidget(self.pack_tracker)
        pack_options.addWidget(self.pack_performance)
        pack_options.addWidget(self.pack_period)
        pack_options.addStretch(1)
        self.task: Task | None = None
        self.last_output: tuple[Path, int] | None = None

        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        heading = QLabel(self.title, self)
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(pack_options)
        layout.addLayout(buttons)
        self.table.activated.connect(lambda _document: self._on_export_clicked())

        self.export_action = QAction("&Export PDF…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self._on_export_clicked)

    def since_date(self) -> dt.date:
        value = self.since.date()
        return dt.date(value.year(), value.month(), value.day())

    def page_actions(self) -> list[QAction]:
        return [self.export_action]

    def refresh(self) -> None:
        assert self.ws is not None
        self.table.set_rows(documents(self.ws, self.since_date))
        if self.table.current_record() is None:
            self.table.select_first()
        chosen = self.pack_period.currentText()
        self.pack_period.clear()
        self.pack_period.addItems(list(reversed(performance.periods_with_figures(self.ws))))
        if chosen:
            self.pack_period.setCurrentText(chosen)

    def main_row_count(self) -> int:
        return self.table.model.rowCount()

    def _on_export_clicked(self) -> None:
        document = self.table.current_record()
        if document is None or self.ws is None:
            return
        start = start_path(self.ws, document.file_name)
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export PDF", start, "PDF documents (*.pdf)"
        )
        if path:
            remember(path)
            self.export_document(document, Path(path))

    def export_document(self, document: Document, target: Path) -> Task | None:
        """Write the document's PDF off the GUI thread, with progress and Cancel."""
        if self.ws is None:
            return None
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        self.status.setText(f"Exporting {document.kind.lower()}…")

        export = document.export
        if document.pack_meeting_id is not None:
            export = _pack(
                document.pack_meeting_id,
                self.pack_period.currentText() or None,
                with_performance=self.pack_performance.isChecked(),
                tracker_since=self.since_date() if self.pack_tracker.isChecked() else None,
            )

        def job(ws: Workspace, progress: Progress) -> tuple[Path, int]:
            return target, export(ws, target, progress)

        self.task = run_with_progress(
            self,
            f"Exporting {document.kind.lower()}",
            self.ws,
            job,
            writes=False,
            on_success=self._on_export_succeeded,
            on_failure=self._on_export_failed,
            on_cancel=self._on_export_cancelled,
        )
        return self.task

    def _on_export_cancelled(self) -> None:
        self.status.setText("Export cancelled: nothing was written.")
        self.session.tell("Export cancelled")

    def _on_export_succeeded(self, result: Any) -> None:
        path, pages = result
        self.last_output = (path, pages)
        self.status.setText(f"Wrote {path} ({plural(pages, 'page')}).")
        self.session.tell(f"Exported {path.name} ({plural(pages, 'page')})")

    def _on_export_failed(self, message: str) -> None:
        self.status.setText(message)
        window = self.window()
        if hasattr(window, "show_message"):
            window.show_message("Export failed", message, QMessageBox.Icon.Warning)
