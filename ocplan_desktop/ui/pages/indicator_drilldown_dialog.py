"""The indicators behind one count of the summary, each with why it has its status.

A window of its own that does not block the main window, so an officer can keep it beside the
summary while checking; double-clicking an indicator opens it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ocplan_desktop.domain.performance import IndicatorStatus
from ocplan_desktop.ui.models.record_table_model import RecordTableModel
from ocplan_desktop.ui.pages.indicator_summary_page import DRILL_COLUMNS, narrow_columns
from ocplan_desktop.ui.widgets.record_table import RecordTable


class IndicatorDrillDownDialog(QDialog):
    indicator_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Indicators behind the count")
        self.setModal(False)
        self.resize(1180, 560)
        self.heading = QLabel(self)
        self.heading.setObjectName("sectionHeading")
        self.heading.setWordWrap(True)
        self.table = RecordTable(
            RecordTableModel(DRILL_COLUMNS),
            "Indicators behind the count",
            self,
            filter_placeholder="Filter these indicators…",
        )
        self.table.activated.connect(self._on_table_activated)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def show_items(self, heading: str, items: list[IndicatorStatus]) -> None:
        self.setWindowTitle(heading)
        self.heading.setText(heading)
        self.table.filter_box.clear()
        self.table.set_rows(items)
        narrow_columns(self.table, {1: 290, 3: 560})
        self.table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)

    def items(self) -> list[IndicatorStatus]:
        return self.table.model.rows()

    def _on_table_activated(self, item: IndicatorStatus | None) -> None:
        if item is not None:
            self.indicator_activated.emit(item.indicator_id)
