"""The summary by plan theme for the chosen period: a table of counts (double-click one to list the
indicators behind it) and a bar chart of the percentage by theme."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from ocplan_desktop.domain.performance import DIRECTIONAL, Status, Summary, ThemeSummary
from ocplan_desktop.services.performance_charts import theme_chart
from ocplan_desktop.ui.models.record_table_model import RECORD_ROLE, Column, RecordTableModel
from ocplan_desktop.ui.pages.indicator_summary_page import narrow_columns
from ocplan_desktop.ui.pages.performance_history_page import figure_text
from ocplan_desktop.ui.widgets.chart_view import ChartView
from ocplan_desktop.ui.widgets.record_table import RecordTable


def _count_column(title: str, count: Callable[[Summary], int]) -> Column[ThemeSummary]:
    return Column(title, lambda t: count(t.summary), sort=lambda t: count(t.summary), numeric=True)


SHORT = {
    Status.IMPROVED: "▲ Improved",
    Status.SAME: "▶ Same",
    Status.WORSE: "▼ Worse",
    Status.CANNOT_SAY: "◆ Can't say",
    Status.NOT_AVAILABLE: "– Not available",
}


def _status_count(status: Status) -> Callable[[Summary], int]:
    return lambda summary: summary.count(status)


COLUMNS: list[Column[ThemeSummary]] = [
    Column("Theme", lambda t: t.theme, tooltip=lambda t: t.theme),
    _count_column("Indicators", lambda s: s.total),
    *[_count_column(SHORT[status], _status_count(status)) for status in Status],
    Column(
        "Improved or same",
        lambda t: figure_text(t.summary),
        sort=lambda t: -1 if t.summary.percent is None else t.summary.percent,
        numeric=True,
        bold=lambda t: t.summary.percent is not None,
    ),
    _count_column("Set by officer", lambda s: s.overridden),
]
# What double-clicking each column lists: None for every indicator of the theme.
COLUMN_STATUSES: list[tuple[Status, ...] | None] = [
    None,
    None,
    *[(status,) for status in Status],
    DIRECTIONAL,
    None,
]


class ThemeSummaryPage(QWidget):
    """`drill_requested(statuses or None, theme)`: the officer double-clicked a count."""

    drill_requested = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = RecordTable(
            RecordTableModel(COLUMNS), "Summary by theme", self, filter_placeholder="Filter themes…"
        )
        self.table.view.activated.connect(self._on_view_double_clicked)  # Return too
        hint = QLabel("Double-click a count to list the indicators behind it.", self)
        hint.setObjectName("hint")
        self.chart = ChartView("Summary by theme chart", self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(splitter)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addWidget(hint)
        splitter.addWidget(top)
        splitter.addWidget(self.chart)
        splitter.setSizes([260, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(splitter)

    def show_themes(self, themes: list[ThemeSummary], period: str | None) -> None:
        self.table.set_rows(themes)
        narrow_columns(
            self.table, {0: 260, **{column: 100 for column in range(1, 6)}, 6: 115, 7: 145, 8: 110}
        )
        self.chart.show_chart(theme_chart(themes, period or "no period yet"))

    def drill(self, row: int, column: int) -> None:
        """List the indicators behind the count in `row` (as shown) and `column`."""
        index = self.table.proxy.index(row, column)
        self._on_view_double_clicked(index)

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        item = index.data(RECORD_ROLE)
        if isinstance(item, ThemeSummary):
            self.drill_requested.emit(COLUMN_STATUSES[index.column()], item.theme)
