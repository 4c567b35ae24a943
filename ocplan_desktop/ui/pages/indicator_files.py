"""Indicator files in and out of the window, as background tasks with progress and Cancel.

Import: the file is read and checked as a task, the preview is shown, and only when the officer
presses Import is it written, as a second task that re-checks it against the preview. An import is
not an undo step: its rows carry an import batch, and the undo stack is cleared so an earlier step
cannot be undone over the imported data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ocplan_desktop.domain.wording import plural
from ocplan_desktop.services import change
from ocplan_desktop.services.change import Change
from ocplan_desktop.services.progress import Progress
from ocplan_desktop.store.workspace import Workspace
from ocplan_desktop.ui.pages.indicator_import_dialog import IndicatorImportDialog
from ocplan_desktop.ui.tasks import Task, run_with_progress

if TYPE_CHECKING:
    from ocplan_desktop.importers.indicator_preview import ImportPlan
    from ocplan_desktop.ui.pages.indicators_page import IndicatorsPage

FILE_FILTER = "Spreadsheets (*.csv *.xlsx);;CSV files (*.csv);;Excel workbooks (*.xlsx)"
SAVE_FILTER = "CSV file (*.csv);;Excel workbook (*.xlsx)"
Export = Callable[[Workspace, Path, Progress], int]


def _export_catalogue(ws: Workspace, path: Path, progress: Progress) -> int:
    from ocplan_desktop.importers.indicator_exports import export_catalogue

    return export_catalogue(ws, path, progress)


def _export_values(ws: Workspace, path: Path, progress: Progress) -> int:
    from ocplan_desktop.importers.indicator_exports import export_values

    return export_values(ws, path, progress)


class IndicatorFiles:
    """The page's import and export jobs; keeps the running task and the preview dialog."""

    def __init__(self, page: IndicatorsPage) -> None:
        self.page = page
        self.task: Task | None = None
        self.preview: IndicatorImportDialog | None = None
        self.last_result: Any = None

    # import ------------------------------------------------------------------------------------
    def choose_import(self) -> None:
        path = self.page.choose_file("Import indicators", FILE_FILTER, save=False)
        if path is not None:
            self.start_import(path)

    def start_import(self, path: Path, *, blank_clears: bool = False) -> Task | None:
        """Check the file in the background, then show the preview."""
        ws = self.page.ws
        if ws is None:
            return None

        def job(connection: Workspace, progress: Progress) -> ImportPlan:
            from ocplan_desktop.importers.indicators import preview_import

            return preview_import(connection, path, progress, blank_clears=blank_clears)

        self.task = run_with_progress(
            self.page,
            f"Checking {path.name}",
            ws,
            job,
            writes=False,
            on_success=lambda plan: self._show_preview(path, plan),
            on_failure=lambda message: self.page.tell("Cannot import", message),
        )
        return self.task

    def _show_preview(self, path: Path, plan: ImportPlan) -> None:
        self.preview = IndicatorImportDialog(plan, self.page)
        self.preview.import_requested.connect(lambda agreed: self._import(path, agreed))
        self.preview.blank_clears_changed.connect(lambda clears: self._check_again(path, clears))
        self.preview.open()

    def _check_again(self, path: Path, blank_clears: bool) -> None:
        if self.preview is not None:
            self.preview.reject()
        self.start_import(path, blank_clears=blank_clears)

    def _import(self, path: Path, plan: ImportPlan) -> Task | None:
        ws = self.page.ws
        if ws is None:
            return None

        def job(connection: Workspace, progress: Progress) -> ImportPlan:
            from ocplan_desktop.importers.indicators import import_indicators

            # The preview asked before a file imported earlier could be imported again.
            again = bool(plan.earlier_import)
            return import_indicators(
                connection,
                path,
                progress,
                expected=plan,
                again=again,
                blank_clears=plan.blank_clears,
            )

        self.task = run_with_progress(
            self.page,
            f"Importing {path.name}",
            ws,
            job,
            writes=True,
            on_success=self._on_imported,
            on_failure=self._on_import_failed,
        )
        return self.task

    def _on_imported(self, plan: ImportPlan) -> None:
        self.last_result = plan
        if self.preview is not None:
            self.preview.accept()
        self.page.session.undo_stack.clear()
        self.page.session.broadcast(
            Change.of(
                change.INDICATORS,
                change.VALUES,
                change.OVERRIDES,
                change.REFERENCE,
                description=f"imported {plan.file}",
            )
        )
        self.page.tell("Imported", f"{plan.file}: {plan.summary}", problem=False)

    def _on_import_failed(self, message: str) -> None:
        self.last_result = message
        if self.preview is not None:
            self.preview.reject()
        self.page.tell("Not imported", message)

    # export ------------------------------------------------------------------------------------
    def choose_catalogue_export(self) -> None:
        self._choose_export(
            "Export the indicator catalogue", "indicator catalogue", _export_catalogue
        )

    def choose_values_export(self) -> None:
        self._choose_export("Export the indicator values", "indicator values", _export_values)

    def _choose_export(self, title: str, name: str, export: Export) -> None:
        path = self.page.choose_file(title, SAVE_FILTER, save=True)
        if path is not None:
            if path.suffix.lower() not in (".csv", ".xlsx"):
                path = path.with_suffix(".csv")
            self.start_export(path, export, name)

    def export_catalogue(self, path: Path) -> Task | None:
        return self.start_export(path, _export_catalogue, "indicator catalogue")

    def export_values(self, path: Path) -> Task | None:
        return self.start_export(path, _export_values, "indicator values")

    def start_export(self, path: Path, export: Export, name: str) -> Task | None:
        ws = self.page.ws
        if ws is None:
            return None

        def done(count: int) -> None:
            self.last_result = count
            self.page.tell(
                "Exported", f"{path.name}: {plural(count, 'row')} of {name}", problem=False
            )

        def failed(message: str) -> None:
            self.last_result = message
            self.page.tell("Not exported", message)

        self.task = run_with_progress(
            self.page,
            f"Exporting the {name}",
            ws,
            lambda connection, progress: export(connection, path, progress),
            writes=False,
            on_success=done,
            on_failure=failed,
        )
        return self.task
