"""Print & export: every document the workspace can produce, exported off the GUI thread as PDF or
as Word, for the public or for members.

"Publish as Word…" is the one-click route to an accessible published file: ReportLab cannot tag a
PDF, Word can (open the file, then File ▸ Save As ▸ PDF keeps its headings, alt text and tables).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
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

from ocplan_desktop.domain.exempt import Audience
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.reports.fonts import collecting
from ocplan_desktop.services import change, engagement, exempt, figure_check, meetings, performance
from ocplan_desktop.services.figure_check import FigureCheck
from ocplan_desktop.services.files import safe_file_name
from ocplan_desktop.services.progress import Progress
from ocplan_desktop.store.workspace import Workspace
from ocplan_desktop.ui.file_dialogs import remember, start_path
from ocplan_desktop.ui.format import date_text, label_text
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.pages.page import Page
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.tasks import Task, run_with_progress
from ocplan_desktop.ui.widgets.figure_dialogs import ask_about_figures, show_figure

# (workspace, target .pdf or .docx, progress, who the document is for) → the PDF's pages.
Export = Callable[[Workspace, Path, Progress, Audience], int]
FORMATS = (("PDF", ".pdf"), ("Word", ".docx"))
AUDIENCES = (
    ("Public (exempt items: heading and paragraph only)", Audience.PUBLIC),
    ("Members (exempt papers included, marked NOT FOR PUBLICATION)", Audience.MEMBERS),
)


@dataclass(frozen=True)
class Document:
    kind: str
    source: str
    detail: str
    sort_key: str
    export: Export
    pack_meeting_id: int | None = None  # packs take the page's "add to packs" choices
    # The typed figures the document prints, checked against the data before it is exported.
    figure_check: Callable[[Workspace], list[FigureCheck]] | None = None

    def file_name(self, suffix: str = ".pdf") -> str:
        return safe_file_name(f"{self.kind} - {self.source}", suffix)


def _briefing_note(report_id: int) -> Export:
    def export(ws: Workspace, target: Path, progress: Progress, audience: Audience) -> int:
        from ocplan_desktop.reports.briefing_note import export_briefing_note

        return export_briefing_note(ws, report_id, target, progress, audience=audience)

    return export


def _minutes(meeting_id: int) -> Export:
    def export(ws: Workspace, target: Path, progress: Progress, audience: Audience) -> int:
        from ocplan_desktop.reports.minutes_pdf import export_minutes

        return export_minutes(ws, meeting_id, target, progress, audience=audience)

    return export


def _pack(
    meeting_id: int,
    performance_period: str | None = None,
    with_performance: bool = False,
    tracker_since: dt.date | None = None,
) -> Export:
    def export(ws: Workspace, target: Path, progress: Progress, audience: Audience) -> int:
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
        options = PackOptions(extra_sections=tuple(sections), audience=audience)
        return export_pack(ws, meeting_id, target, progress, options)

    return export


def _tracker(since: Callable[[], dt.date]) -> Export:
    """The tracker update; the date is read from the page when the export starts."""

    def export(ws: Workspace, target: Path, progress: Progress, _audience: Audience) -> int:
        from ocplan_desktop.reports.tracker_pdf import export_tracker

        return export_tracker(ws, since(), target, progress)

    return export


def _engagement(exercise_id: int) -> Export:
    def export(ws: Workspace, target: Path, progress: Progress, _audience: Audience) -> int:
        from ocplan_desktop.reports.engagement_pdf import export_engagement

        return export_engagement(ws, exercise_id, target, progress)

    return export


def _performance(period: str) -> Export:
    def export(ws: Workspace, target: Path, progress: Progress, _audience: Audience) -> int:
        from ocplan_desktop.reports.performance_pdf import export_performance

        return export_performance(ws, period, target, progress)

    return export


def documents(ws: Workspace, tracker_since: Callable[[], dt.date] | None = None) -> list[Document]:
    """Every document the workspace can print, by what it is made from."""
    result = []
    for report in meetings.list_reports(ws):
        detail = report.route or label_text(report.kind)
        if (exemption := exempt.report_exemption(ws, report.id)) is not None:
            detail += f" · not for publication ({exemption.short.lower()}): members only"
        result.append(
            Document(
                "Briefing note",
                report.title,
                detail,
                report.title,
                _briefing_note(report.id),
                figure_check=partial(figure_check.check_report, report_id=report.id),
            )
        )
    for meeting in meetings.list_meetings(ws):
        source = f"{meeting.committee}, {date_text(meeting.date)}"
        result.append(
            Document(
                "Minutes",
                source,
                f"{label_text(meeting.minutes_status)} minutes",
                meeting.date,
                _minutes(meeting.id),
                figure_check=partial(figure_check.check_minutes, meeting_id=meeting.id),
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
                figure_check=partial(figure_check.check_pack, meeting_id=meeting.id),
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
        self.export_button = QPushButton("&Export…", self)
        self.export_button.setAccessibleName("Export the chosen document")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.format = QComboBox(self)
        self.format.setAccessibleName("File format")
        for name, suffix in FORMATS:
            self.format.addItem(name, suffix)
        self.audience = QComboBox(self)
        self.audience.setAccessibleName("Who the document is for")
        for name, audience in AUDIENCES:
            self.audience.addItem(name, audience)
        self.publish_button = QPushButton("&Publish as Word…", self)
        self.publish_button.setAccessibleName("Publish as Word, for the public")
        self.publish_button.setToolTip(
            "An accessible file for the council's website: a Word document for the public, "
            "opened in Word, where File ▸ Save As ▸ PDF makes a tagged PDF."
        )
        self.publish_button.clicked.connect(self._on_publish_clicked)
        self.open_published = True  # open a published Word file in the desktop's Word
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
        self.last_unprintable: list[str] = []

        buttons = QHBoxLayout()
        format_label = QLabel("&Format", self)
        format_label.setBuddy(self.format)
        audience_label = QLabel("&For", self)
        audience_label.setBuddy(self.audience)
        buttons.addWidget(format_label)
        buttons.addWidget(self.format)
        buttons.addWidget(audience_label)
        buttons.addWidget(self.audience)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.publish_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        heading = QLabel(self.title, self)
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(pack_options)
        layout.addLayout(buttons)
        self.table.activated.connect(lambda _document: self._on_export_clicked())

        self.export_action = QAction("&Export…", self)
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

    def chosen_suffix(self) -> str:
        return str(self.format.currentData() or ".pdf")

    def chosen_audience(self) -> Audience:
        return Audience(self.audience.currentData() or Audience.PUBLIC)

    def _ask_target(self, document: Document, suffix: str) -> Path | None:
        assert self.ws is not None
        start = start_path(self.ws, document.file_name(suffix))
        if suffix == ".docx":
            caption, filters = "Export Word document", "Word documents (*.docx)"
        else:
            caption, filters = "Export PDF", "PDF documents (*.pdf)"
        path, _filter = QFileDialog.getSaveFileName(self, caption, start, filters)
        if not path:
            return None
        remember(path)
        return Path(path)

    def _on_export_clicked(self) -> None:
        document = self.table.current_record()
        if document is None or self.ws is None:
            return
        target = self._ask_target(document, self.chosen_suffix())
        if target is not None:
            self.export_document(document, target)

    def _on_publish_clicked(self) -> None:
        document = self.table.current_record()
        if document is None or self.ws is None:
            return
        target = self._ask_target(document, ".docx")
        if target is not None:
            self.publish_document(document, target)

    def publish_document(self, document: Document, target: Path) -> Task | None:
        """The one-click route to an accessible published file: Word, for the public, opened in the
        desktop's word processor when written (where Save As PDF tags it)."""
        return self.export_document(
            document,
            target.with_suffix(".docx"),
            audience=Audience.PUBLIC,
            then_open=self.open_published,
        )

    def export_document(
        self,
        document: Document,
        target: Path,
        *,
        audience: Audience | None = None,
        then_open: bool = False,
    ) -> Task | None:
        """Write the document (PDF or Word, by `target`'s extension or the chosen format) off the
        GUI thread, with progress and Cancel."""
        if self.ws is None:
            return None
        if target.suffix.lower() not in (".pdf", ".docx"):
            target = target.with_suffix(self.chosen_suffix())
        if not self.figures_allow(document):
            return None
        audience = audience or self.chosen_audience()
        self._open_when_done = then_open
        self.status.setText(f"Exporting {document.kind.lower()}…")

        export = document.export
        if document.pack_meeting_id is not None:
            export = _pack(
                document.pack_meeting_id,
                self.pack_period.currentText() or None,
                with_performance=self.pack_performance.isChecked(),
                tracker_since=self.since_date() if self.pack_tracker.isChecked() else None,
            )

        def job(ws: Workspace, progress: Progress) -> tuple[Path, int, list[str]]:
            with collecting() as unprintable:
                pages = export(ws, target, progress, audience)
            return target, pages, unprintable.messages()

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

    def figures_allow(self, document: Document) -> bool:
        """Typed figures that no longer hold: the officer prints anyway, or is shown where."""
        if document.figure_check is None or self.ws is None:
            return True
        wrong = figure_check.disagreements(document.figure_check(self.ws))
        if not wrong:
            return True
        answer = self.ask_about_figures(wrong)
        if answer == "show":
            show_figure(self.window(), wrong[0])
        return answer == "print"

    def ask_about_figures(self, wrong: list[FigureCheck]) -> str:
        return ask_about_figures(wrong, self)

    def _on_export_cancelled(self) -> None:
        self.status.setText("Export cancelled: nothing was written.")
        self.session.tell("Export cancelled")

    def _on_export_succeeded(self, result: Any) -> None:
        path, pages, unprintable = result
        self.last_output = (path, pages)
        self.last_unprintable = unprintable
        if path.suffix.lower() == ".docx":
            self.status.setText(
                f"Wrote {path} (Word). To publish it as a PDF, save it from Word as PDF: "
                "Word tags the PDF for screen readers."
            )
            self.session.tell(f"Exported {path.name} (Word)")
            if getattr(self, "_open_when_done", False):
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        else:
            self.status.setText(f"Wrote {path} ({plural(pages, 'page')}).")
            self.session.tell(f"Exported {path.name} ({plural(pages, 'page')})")
        if unprintable:
            # Said, naming each record, rather than printed as boxes.
            window = self.window()
            if hasattr(window, "show_message"):
                window.show_message(
                    "Some characters could not be printed",
                    f"{path.name} was written, but no font the app has can print these "
                    "characters, so they were left out:\n\n" + "\n".join(unprintable),
                    QMessageBox.Icon.Warning,
                )

    def _on_export_failed(self, message: str) -> None:
        self.status.setText(message)
        window = self.window()
        if hasattr(window, "show_message"):
            window.show_message("Export failed", message, QMessageBox.Icon.Warning)
