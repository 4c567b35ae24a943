"""The indicator catalogue: every indicator with its theme, polarity, unit, tolerance, frequency,
comparators, owner and the periods it is reported for, with the actions that change it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from ocplan_desktop.domain.indicators import Indicator
from ocplan_desktop.ui.models.record_table_model import RECORD_ROLE, Column, RecordTableModel
from ocplan_desktop.ui.pages.indicator_summary_page import THEME_WIDTH, narrow_columns
from ocplan_desktop.ui.widgets.record_table import RecordTable

COLUMNS: list[Column[Indicator]] = [
    Column("Code", lambda i: i.code),
    Column("Indicator", lambda i: i.name, tooltip=lambda i: i.name),
    Column("Theme", lambda i: i.theme, tooltip=lambda i: i.theme),
    Column("Polarity", lambda i: i.polarity_text),
    Column("Unit", lambda i: i.unit),
    Column("Decimals", lambda i: i.decimals, numeric=True),
    Column("Tolerance", lambda i: i.tolerance_text, sort=lambda i: i.tolerance, numeric=True),
    Column("Frequency", lambda i: i.frequency),
    Column("Reported", lambda i: i.reported_text or "every period"),
    Column("Comparators", lambda i: "; ".join(i.comparators)),
    Column("Source", lambda i: i.source),
    Column("Owner", lambda i: i.owner),
]


class IndicatorCataloguePage(QWidget):
    """`indicator_activated(id)`: the officer opened an indicator (double-click or Enter)."""

    indicator_activated = Signal(int)

    def __init__(self, actions: Sequence[QAction | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = RecordTable(
            RecordTableModel(COLUMNS),
            "Indicator catalogue",
            self,
            filter_placeholder="Filter the catalogue by code, name, theme, source, owner…",
        )
        self.table.activated.connect(self._on_table_activated)
        buttons = QHBoxLayout()
        for action in actions:
            if action is None:
                buttons.addSpacing(16)
                continue
            button = QToolButton(self)
            button.setDefaultAction(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)

    def show_indicators(self, indicators: list[Indicator]) -> None:
        self.table.set_rows(indicators)
        narrow_columns(self.table, {1: 330, 2: THEME_WIDTH})

    def current_indicator(self) -> Indicator | None:
        item = self.table.current_record()
        return item if isinstance(item, Indicator) else None

    def select(self, indicator_id: int) -> None:
        for row in range(self.table.proxy.rowCount()):
            item = self.table.proxy.index(row, 0).data(RECORD_ROLE)
            if item.id == indicator_id:
                self.table.view.selectRow(row)
                return

    def _on_table_activated(self, item: Indicator | None) -> None:
        if item is not None:
            self.indicator_activated.emit(item.id)
