"""The preview of an indicators import: what will be added, changed and refused, with row numbers
and reasons, shown before anything is written. Import is offered only when nothing is refused."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.importers.indicator_preview import (
    ENCODING_TEXT,
    Action,
    ImportPlan,
    PreviewLine,
)
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.widgets.blank_cells import blank_clears_box
from ocplan_desktop.ui.widgets.record_table import RecordTable

ACTION_ORDER = {Action.REFUSE: 0, Action.ADD: 1, Action.CHANGE: 2}
COLUMNS: list[Column[PreviewLine]] = [
    Column(
        "",
        lambda line: line.action.text,
        sort=lambda line: ACTION_ORDER[line.action],
        bold=lambda line: line.action is Action.REFUSE,
    ),
    Column("Row", lambda line: line.row or "", sort=lambda line: line.row or 0, numeric=True),
    Column("What", lambda line: line.kind),
    Column("Subject", lambda line: line.subject, tooltip=lambda line: line.subject),
    Column("Detail", lambda line: line.detail, tooltip=lambda line: line.detail),
]


class IndicatorImportDialog(QDialog):
    import_requested = Signal(object)  # the ImportPlan the officer agreed to
    blank_clears_changed = Signal(bool)  # check the file again with blank cells meaning this

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(f"Import {plan.file}")
        self.setModal(True)
        self.resize(1040, 600)
        encoding = ENCODING_TEXT.get(plan.encoding, plan.encoding)
        heading = QLabel(f"{plan.file} ({encoding}): {', '.join(plan.forms)}", self)
        heading.setObjectName("sectionHeading")
        self.summary = QLabel(plan.summary, self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("importRefused" if plan.refused else "importSummary")
        self.ignored = QLabel(self)
        if plan.ignored_columns:
            self.ignored.setText("Columns not used: " + ", ".join(plan.ignored_columns))
        self.ignored.setVisible(bool(plan.ignored_columns))
        self.notes = QLabel("\n".join(plan.notes), self)
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(plan.notes))
        # The same file imported before: named, and imported again only when the officer says so.
        self.again = QCheckBox(f"{plan.earlier_import}. Import it again", self)
        self.again.setAccessibleName("Import it again")
        self.again.setVisible(bool(plan.earlier_import))
        self.again.toggled.connect(self._on_again_toggled)
        self.blank_clears = blank_clears_box(self, plan.blank_clears)
        self.blank_clears.toggled.connect(self.blank_clears_changed)
        self.table = RecordTable(
            RecordTableModel(COLUMNS),
            "Import preview",
            self,
            filter_placeholder="Filter the preview (refused, a code, a period, a row…)",
        )
        self.table.set_rows(list(plan.lines))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton(self._import_text(), self)
        self.import_button.setEnabled(self._can_import())
        self.import_button.setDefault(self.import_button.isEnabled())
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.ignored)
        layout.addWidget(self.notes)
        layout.addWidget(self.again)
        layout.addWidget(self.blank_clears)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _import_text(self) -> str:
        if not self.plan.ok:
            return "Import (put the refused rows right first)"
        if not self.plan.writes_anything:
            return "Nothing to import"
        return "&Import"

    def _can_import(self) -> bool:
        repeat_agreed = not self.plan.earlier_import or self.again.isChecked()
        return self.plan.ok and self.plan.writes_anything and repeat_agreed

    def _on_again_toggled(self, _checked: bool) -> None:
        self.import_button.setEnabled(self._can_import())

    def _on_import_button_clicked(self) -> None:
        self.import_button.setEnabled(False)
        self.import_requested.emit(self.plan)
