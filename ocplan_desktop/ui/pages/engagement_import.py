"""Importing a survey export into an exercise: which column holds which field, which ward each
unmatched value means, and a preview of all that would be taken. Import is possible only when every
row is fine; the file is read and written by background tasks."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.engagement import IMPORT_FIELDS, NOT_COLLECTED
from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.importers.feedback import (
    FeedbackContext,
    FeedbackPlan,
    ImportResult,
    exercise_target,
    import_feedback,
    load_context,
    plan_import,
)
from ocplan_desktop.importers.feedback_columns import FIELD_LABELS, resolve_columns
from ocplan_desktop.importers.repeats import earlier_text
from ocplan_desktop.importers.tabular import Table, read_table
from ocplan_desktop.services.progress import Progress
from ocplan_desktop.store.workspace import Workspace
from ocplan_desktop.ui.tasks import Task, run_with_progress

NOT_IMPORTED = "— not imported —"
CHOOSE = "— choose a ward —"


class FeedbackImportDialog(QDialog):
    """Map columns and wards, see the preview, import. `imported` carries the ImportResult."""

    imported = Signal(object)
    failed = Signal(str)

    def __init__(self, ws: Workspace, exercise_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import responses")
        self.setAccessibleName("Import responses")
        self.ws = ws
        self.exercise_id = exercise_id
        self.context: FeedbackContext = load_context(ws, exercise_id)
        self.table: Table | None = None
        self.plan: FeedbackPlan | None = None
        self.task: Task | None = None
        self._ward_choices: dict[str, str] = dict(self.context.saved.wards)

        self.file_label = QLabel(self)
        self.columns = QTableWidget(0, 3, self)
        self.columns.setAccessibleName("Column mapping")
        self.columns.setHorizontalHeaderLabels(["Column in the file", "Example", "Field"])
        self.columns.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.columns.verticalHeader().setVisible(False)
        self.wards_label = QLabel(self)
        self.wards_label.setWordWrap(True)
        self.wards = QTableWidget(0, 4, self)
        self.wards.setAccessibleName("Unmatched wards")
        self.wards.setHorizontalHeaderLabels(["Value in the file", "Rows", "Suggestion", "Means"])
        self.wards.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.wards.verticalHeader().setVisible(False)
        self.wards.setColumnWidth(0, 200)
        self.wards.setColumnWidth(2, 170)
        self.wards.setColumnWidth(3, 220)
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Preview")
        # The same file imported into this exercise before: named, imported again only if ticked.
        self.earlier = ""
        self.again = QCheckBox(self)
        self.again.setAccessibleName("Import it again")
        self.again.hide()
        self.again.toggled.connect(self._on_again_toggled)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton("&Import", self)
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.file_label)
        layout.addWidget(
            QLabel(f"<b>Columns</b> (remembered for “{escape(self.context.exercise_title)}”)")
        )
        layout.addWidget(self.columns, 2)
        layout.addWidget(self.wards_label)
        layout.addWidget(self.wards, 1)
        layout.addWidget(QLabel("<b>Preview</b>"))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.again)
        layout.addWidget(self.buttons)
        self.resize(820, 720)

    # reading -------------------------------------------------------------------------------------
    def load(self, path: Path | str) -> Task:
        """Read the file in the background; the mapping appears when it has been read."""
        self.file_label.setText(f"Reading {escape(Path(path).name)}…")
        self.task = run_with_progress(
            self,
            f"Reading {Path(path).name}",
            self.ws,
            lambda _ws, _progress: read_table(path),
            writes=False,
            on_success=self.set_table,
            on_failure=self._on_task_failed,
        )
        return self.task

    def set_table(self, table: Table) -> None:
        self.table = table
        where = f"the exercise “{self.context.exercise_title}”"
        self.earlier = earlier_text(self.ws, table, exercise_target(self.exercise_id), where)
        self.again.setText(f"{self.earlier}. Import it again")
        self.again.setVisible(bool(self.earlier))
        self.file_label.setText(
            f"<b>{escape(table.name)}</b>: {plural(len(table.rows), 'row')}, "
            f"{table.encoding_text}" + "".join(f"<br>{escape(note)}" for note in table.notes)
        )
        mapping = resolve_columns(table, self.context.saved)
        self.columns.setRowCount(len(table.headers))
        for row, header in enumerate(table.headers):
            self.columns.setItem(row, 0, _read_only(header))
            example = next((record[header] for record in table.rows if record.get(header)), "")
            self.columns.setItem(row, 1, _read_only(example[:120]))
            combo = QComboBox(self.columns)
            combo.setAccessibleName(f"Field for {header}")
            combo.addItem(NOT_IMPORTED, "")
            for name in IMPORT_FIELDS:
                combo.addItem(FIELD_LABELS[name], name)
            combo.setCurrentIndex(max(combo.findData(mapping.get(header, "")), 0))
            combo.currentIndexChanged.connect(lambda _i, row=row: self._on_field_changed(row))
            self.columns.setCellWidget(row, 2, combo)
        self.columns.resizeColumnToContents(0)
        self.columns.setColumnWidth(2, 200)
        self.replan()

    # mapping -------------------------------------------------------------------------------------
    def field_combo(self, header: str) -> QComboBox:
        assert self.table is not None
        return self._combo(self.table.headers.index(header))

    def _combo(self, row: int) -> QComboBox:
        return cast(QComboBox, self.columns.cellWidget(row, 2))

    def column_map(self) -> dict[str, str]:
        """Every column as the officer set it (`none` where not imported)."""
        assert self.table is not None
        return {
            header: self._combo(row).currentData() or "none"
            for row, header in enumerate(self.table.headers)
        }

    def set_ward(self, value: str, ward: str) -> None:
        """Map an unmatched ward value to a ward name or `not collected`."""
        self._ward_choices[value] = ward
        self.replan()

    def _on_ward_chosen(self, value: str, text: str) -> None:
        if text != CHOOSE:
            self.set_ward(value, text)

    def _on_field_changed(self, row: int) -> None:
        # A field belongs to one column: taking it clears it from any other.
        chosen = self._combo(row).currentData()
        if chosen:
            for other in range(self.columns.rowCount()):
                combo = self._combo(other)
                if other != row and combo.currentData() == chosen:
                    with QSignalBlocker(combo):
                        combo.setCurrentIndex(0)
        self.replan()

    def replan(self) -> None:
        if self.table is None:
            return
        mapping = {h: f for h, f in self.column_map().items() if f != "none"}
        try:
            plan = plan_import(self.table, self.context, mapping, self._ward_choices)
        except OcplanError as error:
            self.plan = None
            self.preview.setPlainText(str(error))
            self.import_button.setEnabled(False)
            self._show_unmatched([])
            return
        self.plan = plan
        self._show_unmatched(plan.unmatched_wards)
        self.import_button.setEnabled(self._can_import())
        self.preview.setPlainText(self._preview_text(plan))

    def _can_import(self) -> bool:
        agreed = not self.earlier or self.again.isChecked()
        return self.plan is not None and self.plan.ok and agreed

    def _on_again_toggled(self, _checked: bool) -> None:
        self.import_button.setEnabled(self._can_import())

    def _show_unmatched(self, unmatched: Any) -> None:
        self.wards_label.setText(
            f"<b>{len(unmatched)} ward value{'s match' if len(unmatched) != 1 else ' matches'} "
            "no ward</b>: "
            "say which ward each means, or “not collected”."
            if unmatched
            else "<b>Wards</b>: every value matches a ward (or was not collected)."
        )
        names = [ward.name for ward in self.context.wards.wards.values()]
        self.wards.setRowCount(len(unmatched))
        for row, item in enumerate(unmatched):
            self.wards.setItem(row, 0, _read_only(item.value))
            rows = ", ".join(str(number) for number in item.rows[:8])
            rows += " …" if len(item.rows) > 8 else ""
            self.wards.setItem(
                row, 1, _read_only(f"{rows} — {item.reason}" if item.reason else rows)
            )
            # A near miss is offered, never applied: the officer presses the button or chooses.
            if item.suggestion:
                use = QPushButton(f"Use {item.suggestion}", self.wards)
                use.setAccessibleName(f"Use {item.suggestion} for {item.value}")
                use.clicked.connect(
                    lambda _checked=False, value=item.value, ward=item.suggestion: self.set_ward(
                        value, ward
                    )
                )
                self.wards.setCellWidget(row, 2, use)
            else:
                self.wards.setItem(row, 2, _read_only("—"))
            combo = QComboBox(self.wards)
            combo.setAccessibleName(f"Ward for {item.value}")
            combo.addItems([CHOOSE, *names, NOT_COLLECTED])
            combo.currentTextChanged.connect(
                lambda text, value=item.value: self._on_ward_chosen(value, text)
            )
            self.wards.setCellWidget(row, 3, combo)
        self.wards.setVisible(bool(unmatched))

    def _preview_text(self, plan: FeedbackPlan) -> str:
        lines = []
        if plan.ok:
            counts = plan.ward_counts(self.context)
            heard = len([name for name in counts if name != NOT_COLLECTED])
            lines.append(
                f"{plural(len(plan.responses), 'response')} ready to import: "
                f"{plural(heard, 'ward')} heard from, "
                f"ward not collected for {counts.get(NOT_COLLECTED, 0):,}."
            )
            if plan.new_themes:
                lines.append(f"New themes to be added: {', '.join(plan.new_themes)}.")
            lines.extend(f"⚠ {warning}." for warning in plan.warnings)
        else:
            lines.append("Nothing can be imported until every problem is solved:")
            lines.extend(f"• {problem}" for problem in plan.problems[:200])
            if len(plan.problems) > 200:
                lines.append(f"… and {len(plan.problems) - 200:,} more")
            if plan.unmatched_wards:
                lines.append(f"• {len(plan.unmatched_wards)} ward values to map (above)")
        return "\n".join(lines)

    # importing -----------------------------------------------------------------------------------
    def _on_import_button_clicked(self) -> None:
        self.start_import()

    def start_import(self) -> Task | None:
        if self.table is None or not self._can_import():
            return None
        table, exercise_id = self.table, self.exercise_id
        columns, wards = self.column_map(), dict(self._ward_choices)
        again = bool(self.earlier)  # only reached with the box ticked

        def job(ws: Workspace, progress: Progress) -> ImportResult:
            return import_feedback(
                ws, table, exercise_id, columns, wards, again=again, progress=progress
            )

        self.import_button.setEnabled(False)
        self.task = run_with_progress(
            self,
            f"Importing {table.name}",
            self.ws,
            job,
            writes=True,
            on_success=self._on_import_succeeded,
            on_failure=self._on_task_failed,
        )
        return self.task

    def _on_import_succeeded(self, result: ImportResult) -> None:
        self.imported.emit(result)
        self.accept()

    def _on_task_failed(self, message: str) -> None:
        self.preview.setPlainText(message)
        self.import_button.setEnabled(False)
        self.failed.emit(message)


def _read_only(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item
