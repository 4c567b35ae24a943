"""The import preview: what a tracker file will create, update and leave alone, and which rows are
refused and why. Import is possible only when no row is refused; nothing is written before it."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.importers.tracker import TrackerImport
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.widgets.blank_cells import blank_clears_box
from ocplan_desktop.ui.widgets.record_table import RecordTable


@dataclass(frozen=True)
class PreviewLine:
    row: int
    action: str
    reference: str
    detail: str


_ORDER = {"Refused": 0, "Create": 1, "Update": 2, "Unchanged": 3}
COLUMNS: list[Column[PreviewLine]] = [
    Column("Row", lambda line: line.row, numeric=True),
    Column(
        "What happens",
        lambda line: line.action,
        sort=lambda line: (_ORDER[line.action], line.row),
        bold=lambda line: line.action == "Refused",
    ),
    Column("Reference", lambda line: line.reference),
    Column("Details", lambda line: line.detail, tooltip=lambda line: line.detail),
]


def preview_lines(plan: TrackerImport) -> list[PreviewLine]:
    """Refused rows first (one line per reason), then what will change, then what will not."""
    lines = [
        PreviewLine(refusal.row, "Refused", refusal.reference, f"{refusal.field}: {refusal.reason}")
        for refusal in plan.refusals
    ]
    for row in plan.rows:
        if row.action == "create":
            detail = "New recommendation"
            if row.people:
                detail += "; adds " + ", ".join(sorted(row.people.values()))
            lines.append(PreviewLine(row.row, "Create", row.reference, detail))
        elif row.action == "update":
            lines.append(PreviewLine(row.row, "Update", row.reference, "; ".join(row.details)))
        else:
            lines.append(PreviewLine(row.row, "Unchanged", row.reference, "Same as the workspace"))
    return sorted(lines, key=lambda line: (_ORDER[line.action], line.row))


class TrackerImportDialog(QDialog):
    """Accepting it means: import the whole file (the page then runs the import as a task)."""

    blank_clears_changed = Signal(bool)  # check the file again with blank cells meaning this

    def __init__(self, plan: TrackerImport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(f"Import {plan.file_name}")
        self.setAccessibleName("Import preview")
        refused = len(plan.refused_rows)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Import summary")
        text = (
            f"<b>{len(plan.creates)}</b> to create, <b>{len(plan.updates)}</b> to update, "
            f"<b>{len(plan.unchanged)}</b> unchanged, <b>{refused}</b> "
            f"row{'s' if refused != 1 else ''} refused."
        )
        if refused:
            text += (
                "<br><b>⚠ Nothing can be imported until every refused row is fixed</b>: "
                "correct them in the file and import it again."
            )
        elif not plan.can_apply:
            text += "<br>Nothing to import: every row is as the workspace has it."
        else:
            text += "<br>Nothing has been written yet. Import writes all of it, or nothing."
        if plan.new_people:
            text += "<br>New people to add: " + escape(
                ", ".join(name for name, _kind in plan.new_people)
            )
        if plan.ignored_columns:
            text += "<br>Columns not imported: " + escape(", ".join(plan.ignored_columns))
        self.summary.setText(text)
        self.table = RecordTable(
            RecordTableModel(COLUMNS),
            "Import preview rows",
            self,
            filter_placeholder="Filter rows…",
        )
        self.table.set_rows(preview_lines(plan))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button: QPushButton = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(plan.can_apply)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.blank_clears = blank_clears_box(self, plan.blank_clears)
        self.blank_clears.toggled.connect(self.blank_clears_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.blank_clears)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(860, 520)
