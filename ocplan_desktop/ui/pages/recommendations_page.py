"""Recommendations: what one body asked of another, the response, and where it stands.

Three tabs: the tracker (filters, table, detail pane), the dashboard, and the update report preview.
Edits go through the session as undo steps; imports and exports run as tasks with progress.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.recommendations import RecommendationRow
from ocplan_desktop.domain.tracker import TrackerFilter, filter_choices
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.importers.tracker import ImportResult, TrackerImport, apply_import, plan_import
from ocplan_desktop.importers.tracker_export import ExportResult, export_tracker
from ocplan_desktop.services import change, recommendations
from ocplan_desktop.services.files import safe_file_name
from ocplan_desktop.services.tracker_dashboard import dashboard
from ocplan_desktop.services.update_report import update_report
from ocplan_desktop.ui.file_dialogs import remember, start_path
from ocplan_desktop.ui.models.record_table_model import RECORD_ROLE
from ocplan_desktop.ui.pages.page import Page
from ocplan_desktop.ui.pages.recommendations_detail import RecommendationDetailPane
from ocplan_desktop.ui.pages.recommendations_dialogs import (
    ProgressUpdateDialog,
    RecommendationEditDialog,
)
from ocplan_desktop.ui.pages.recommendations_filters import TrackerFilterBar
from ocplan_desktop.ui.pages.recommendations_import import TrackerImportDialog
from ocplan_desktop.ui.pages.recommendations_report import UpdateReportView
from ocplan_desktop.ui.pages.recommendations_table import TrackerTableModel
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.tasks import Task, run_with_progress
from ocplan_desktop.ui.widgets.record_table import RecordTable

SPREADSHEETS = "Spreadsheets (*.xlsx *.csv);;All files (*)"
TRACKER, DASHBOARD, REPORT = range(3)
TEXT_COLUMN = 2


class RecommendationsPage(Page):
    title = "Recommendations"
    kinds = frozenset({change.RECOMMENDATIONS, change.MINUTES, change.MEETINGS, change.COMMITTEES})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        # Only the window reads the clock; tests put a fixed day here.
        self.today: Callable[[], dt.date] = dt.date.today
        self.rows: list[RecommendationRow] = []
        self.dashboard_view: Any = None  # made on first show: pyqtgraph loads then
        self.edit_dialog: RecommendationEditDialog | None = None
        self.progress_dialog: ProgressUpdateDialog | None = None
        self.import_dialog: TrackerImportDialog | None = None
        self.last_task: Task | None = None
        self._stale_tabs: set[int] = {DASHBOARD, REPORT}
        self._sized = False

        self.filters = TrackerFilterBar(self)
        self.table = RecordTable(TrackerTableModel(lambda: self.today()), "Recommendations", self)
        self.table.filter_box.hide()  # the filter bar's search does this, over more fields
        self.table.count_label.hide()
        self.table.view.setWordWrap(False)
        self.detail = RecommendationDetailPane(self)

        self.update_action = self._action(
            "&Update selected…", "Ctrl+E", self._on_update_action_triggered
        )
        self.progress_action = self._action(
            "Add &progress update…", "Ctrl+Shift+U", self._on_progress_action_triggered
        )
        self.import_action = self._action(
            "&Import tracker…", "Ctrl+Shift+I", self._on_import_action_triggered
        )
        self.export_action = self._action(
            "&Export tracker…", "Ctrl+Shift+E", self._on_export_action_triggered
        )
        buttons = QHBoxLayout()
        for action in (self.update_action, self.progress_action):
            buttons.addWidget(self._button(action))
        buttons.addStretch(1)
        for action in (self.import_action, self.export_action):
            buttons.addWidget(self._button(action))

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        tracker = QWidget(self)
        tracker_layout = QVBoxLayout(tracker)
        tracker_layout.setContentsMargins(0, 4, 0, 0)
        tracker_layout.addWidget(self.filters)
        tracker_layout.addLayout(buttons)
        tracker_layout.addWidget(splitter, 1)

        self.report_view = UpdateReportView(self)
        self.dashboard_holder = QWidget(self)
        QVBoxLayout(self.dashboard_holder).setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Recommendation views")
        self.tabs.addTab(tracker, "&Tracker")
        self.tabs.addTab(self.dashboard_holder, "&Dashboard")
        self.tabs.addTab(self.report_view, "Update &report")

        layout = QVBoxLayout(self)
        heading = QLabel(self.title, self)
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

        self.filters.filter_changed.connect(self._on_filters_filter_changed)
        self.table.current_changed.connect(self._on_table_current_changed)
        self.table.activated.connect(self._on_table_activated)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.report_view.since_changed.connect(self._on_report_view_since_changed)

    def _action(self, text: str, shortcut: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _button(self, action: QAction) -> QPushButton:
        button = QPushButton(action.text().replace("&", ""), self)
        button.setToolTip(f"{action.text().replace('&', '')} ({action.shortcut().toString()})")
        button.clicked.connect(action.trigger)
        return button

    def page_actions(self) -> list[QAction]:
        return [self.update_action, self.progress_action, self.import_action, self.export_action]

    # reading ---------------------------------------------------------------------------------------
    def refresh(self) -> None:
        assert self.ws is not None
        self.rows = recommendations.list_recommendations(self.ws)
        self.filters.set_choices(filter_choices(self.rows))
        self._stale_tabs = {DASHBOARD, REPORT}
        self._show_rows(self.filters.current_filter())
        self._refresh_tab(self.tabs.currentIndex())

    def main_row_count(self) -> int:
        return self.table.model.rowCount()

    def _show_rows(self, wanted: TrackerFilter) -> None:
        chosen = {row.id for row in self.table.selected_records() if row is not None}
        current = self.table.current_record()
        shown = wanted.apply(self.rows, self.today())
        self.table.set_rows(shown)
        if shown and not self._sized:
            # The text is in full in the detail pane: keep Due and the owner in view.
            self.table.view.horizontalHeader().resizeSection(TEXT_COLUMN, 240)
            self._sized = True
        self.filters.show_count(len(shown), len(self.rows))
        self._select_ids(chosen, current.id if current is not None else None)
        if self.table.current_record() is None:
            self.table.select_first()
        self._show_detail(self.table.current_record())

    def _select_ids(self, ids: set[int], current: int | None) -> None:
        view, proxy = self.table.view, self.table.proxy
        selection = view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in range(proxy.rowCount()):
            index = proxy.index(row, 0)
            record = index.data(RECORD_ROLE)
            if record.id == current:
                selection.setCurrentIndex(index, flags)
            elif record.id in ids:
                selection.select(index, flags)

    def _show_detail(self, row: RecommendationRow | None) -> None:
        if row is None or self.ws is None:
            self.detail.show_detail(None, self.today())
            return
        self.detail.show_detail(
            recommendations.recommendation_detail(self.ws, row.id), self.today()
        )

    def _refresh_tab(self, index: int) -> None:
        if self.ws is None or index not in self._stale_tabs:
            return
        self._stale_tabs.discard(index)
        if index == DASHBOARD:
            if self.dashboard_view is None:
                from ocplan_desktop.ui.pages.recommendations_dashboard import TrackerDashboard

                self.dashboard_view = TrackerDashboard(self.dashboard_holder)
                holder = self.dashboard_holder.layout()
                assert holder is not None
                holder.addWidget(self.dashboard_view)
            self.dashboard_view.show_dashboard(dashboard(self.ws, self.today()))
        elif index == REPORT:
            self.report_view.start_at(self.today())
            self.report_view.show_report(
                update_report(self.ws, self.report_view.since_date(), self.today())
            )

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

    # editing ---------------------------------------------------------------------------------------
    def _chosen_rows(self) -> list[RecommendationRow]:
        rows = [row for row in self.table.selected_records() if row is not None]
        current = self.table.current_record()
        return rows or ([current] if current is not None else [])

    def open_update_dialog(self, focus: str = "response") -> RecommendationEditDialog | None:
        """The dialog for the selected rows (all of them at once), opened without blocking."""
        rows = self._chosen_rows()
        if self.ws is None or not rows:
            self._tell("Nothing chosen", "Choose one or more recommendations in the tracker first.")
            return None
        ws = self.ws
        dialog = RecommendationEditDialog(
            rows,
            recommendations.edit_choices(ws),
            lambda meeting_id: recommendations.meeting_items(ws, meeting_id),
            self,
            focus=focus,
        )
        ids = [row.id for row in rows]
        text = (
            f"Update {rows[0].reference}"
            if len(rows) == 1
            else f"Update {plural(len(rows), 'recommendation')}"
        )
        dialog.submitted.connect(
            lambda changes: self._submit(
                dialog,
                text,
                lambda w: recommendations.update_recommendations(
                    w, ids, changes, today=self.today()
                ),
            )
        )
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def open_progress_dialog(self) -> ProgressUpdateDialog | None:
        row = self.table.current_record()
        if row is None:
            self._tell("Nothing chosen", "Choose a recommendation in the tracker first.")
            return None
        dialog = ProgressUpdateDialog(row, self.today(), self)
        dialog.submitted.connect(
            lambda value: self._submit(
                dialog,
                f"Progress update on {row.reference}",
                lambda w: recommendations.add_progress_update(
                    w,
                    row.id,
                    value["date"],
                    value["text"],
                    status=value["status"],
                    today=self.today(),
                ),
            )
        )
        self.progress_dialog = dialog
        dialog.open()
        return dialog

    def _submit(self, dialog: Any, text: str, edit: Callable[[Any], change.Change]) -> None:
        """Run the dialog's edit as one undo step; a refused edit keeps the dialog open."""
        if self.session.run(text, edit):
            dialog.accept()

    # files -----------------------------------------------------------------------------------------
    def import_file(self, path: Path | str, *, blank_clears: bool = False) -> Task | None:
        """Check a tracker file in the background, then show the preview."""
        if self.ws is None:
            return None
        today = self.today()
        self.last_task = run_with_progress(
            self,
            f"Checking {Path(path).name}",
            self.ws,
            lambda ws, progress: plan_import(
                ws, path, today=today, progress=progress, blank_clears=blank_clears
            ),
            writes=False,
            on_success=lambda plan: self._on_plan_ready(plan, Path(path)),
            on_failure=lambda message: self._tell("Cannot import", message),
        )
        return self.last_task

    def _on_plan_ready(self, plan: TrackerImport, path: Path) -> None:
        dialog = self.show_import_preview(plan)
        dialog.blank_clears_changed.connect(lambda clears: self._check_again(dialog, path, clears))

    def show_import_preview(self, plan: TrackerImport) -> TrackerImportDialog:
        dialog = TrackerImportDialog(plan, self)
        dialog.accepted.connect(lambda: self.apply_import(plan))
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _check_again(self, dialog: TrackerImportDialog, path: Path, blank_clears: bool) -> None:
        dialog.reject()
        self.import_file(path, blank_clears=blank_clears)

    def apply_import(self, plan: TrackerImport) -> Task | None:
        if self.ws is None:
            return None
        today = self.today()
        self.last_task = run_with_progress(
            self,
            f"Importing {plan.file_name}",
            self.ws,
            lambda ws, progress: apply_import(ws, plan, today=today, progress=progress),
            writes=True,
            on_success=self._on_import_succeeded,
            on_failure=lambda message: self._tell("Nothing was imported", message),
        )
        return self.last_task

    def _on_import_succeeded(self, result: ImportResult) -> None:
        # Earlier undo steps could overwrite what the file brought in: an import starts afresh.
        self.session.undo_stack.clear()
        self.session.broadcast(
            change.Change.of(change.RECOMMENDATIONS, change.COMMITTEES, description="import")
        )
        backup = f"\n\nA copy of the workspace from before the import: {result.backup}"
        self._tell(
            "Imported",
            f"{result.summary}.{backup if result.backup else ''}",
            QMessageBox.Icon.Information,
        )

    def export_to(self, path: Path | str) -> Task | None:
        if self.ws is None:
            return None
        today = self.today()
        self.last_task = run_with_progress(
            self,
            "Exporting the tracker",
            self.ws,
            lambda ws, progress: export_tracker(ws, path, today=today, progress=progress),
            writes=False,
            on_success=self._on_export_succeeded,
            on_failure=lambda message: self._tell("Not exported", message),
        )
        return self.last_task

    def _on_export_succeeded(self, result: ExportResult) -> None:
        self._tell(
            "Exported",
            f"{plural(result.count, 'recommendation')} written to {result.path}",
            QMessageBox.Icon.Information,
        )

    def _tell(
        self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning
    ) -> None:
        window = self.window()
        if hasattr(window, "show_message"):
            window.show_message(title, text, icon)
        else:
            box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    # slots -----------------------------------------------------------------------------------------
    def _on_filters_filter_changed(self, wanted: TrackerFilter) -> None:
        self._show_rows(wanted)

    def _on_table_current_changed(self, row: RecommendationRow | None) -> None:
        self._show_detail(row)

    def _on_table_activated(self, _row: RecommendationRow | None) -> None:
        self.open_update_dialog()

    def _on_tabs_current_changed(self, index: int) -> None:
        self._refresh_tab(index)

    def _on_report_view_since_changed(self, _since: dt.date) -> None:
        self._stale_tabs.add(REPORT)
        self._refresh_tab(self.tabs.currentIndex())

    def _on_update_action_triggered(self) -> None:
        self.open_update_dialog()

    def _on_progress_action_triggered(self) -> None:
        self.open_progress_dialog()

    def _on_import_action_triggered(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Import tracker", start_path(self.ws), SPREADSHEETS
        )
        if path:
            remember(path)
            self.import_file(path)

    def _on_export_action_triggered(self) -> None:
        name = safe_file_name(f"{self.ws.name if self.ws else ''} tracker", ".xlsx")
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export tracker", start_path(self.ws, name), SPREADSHEETS
        )
        if path:
            remember(path)
            target = Path(path)
            self.export_to(target if target.suffix else target.with_suffix(".xlsx"))
