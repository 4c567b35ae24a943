"""The summary of every year up to the chosen one: a table and a line chart of the percentage, in
which a year without a figure is a gap, never a zero."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ocplan_desktop.domain.performance import Summary
from ocplan_desktop.domain.periods import period_sort_key
from ocplan_desktop.services.performance_charts import history_chart, with_missing_years
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.widgets.chart_view import ChartView
from ocplan_desktop.ui.widgets.record_table import RecordTable


def figure_text(summary: Summary) -> str:
    if summary.percent is None:
        return "no figure"
    return f"{summary.percent}% ({summary.improved_or_same}/{summary.directional})"


def period_order(label: str) -> str:
    """A text that sorts periods in time order (`2019-20` before `2019-20 Q1` before `2020-21`)."""
    key = period_sort_key(label)
    return f"{key.start_year:04d}-{key.quarter}"


def _count(summary: Summary, value: int) -> str:
    return "" if summary.total == 0 else str(value)


COLUMNS: list[Column[Summary]] = [
    Column("Period", lambda s: s.period, sort=lambda s: period_order(s.period)),
    Column("Indicators", lambda s: _count(s, s.total), sort=lambda s: s.total, numeric=True),
    Column("Improved", lambda s: _count(s, s.improved), sort=lambda s: s.improved, numeric=True),
    Column("Stayed the same", lambda s: _count(s, s.same), sort=lambda s: s.same, numeric=True),
    Column("Got worse", lambda s: _count(s, s.worse), sort=lambda s: s.worse, numeric=True),
    Column(
        "Can't say", lambda s: _count(s, s.cannot_say), sort=lambda s: s.cannot_say, numeric=True
    ),
    Column(
        "Not available",
        lambda s: _count(s, s.not_available),
        sort=lambda s: s.not_available,
        numeric=True,
    ),
    Column(
        "Improved or same",
        figure_text,
        sort=lambda s: -1 if s.percent is None else s.percent,
        numeric=True,
        bold=lambda s: s.percent is not None,
    ),
    Column(
        "Set by officer",
        lambda s: _count(s, s.overridden),
        sort=lambda s: s.overridden,
        numeric=True,
        tooltip=lambda s: "statuses set by an officer, counted as the status set",
    ),
]


class PerformanceHistoryPage(QWidget):
    """`period_activated(period)`: the officer double-clicked a year to look at it."""

    period_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = RecordTable(
            RecordTableModel(COLUMNS), "Performance history", self, filter_placeholder="Filter…"
        )
        self.table.activated.connect(self._on_table_activated)
        self.chart = ChartView("Performance history chart", self)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.table)
        splitter.setSizes([430, 250])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(splitter)

    def show_history(self, summaries: tuple[Summary, ...]) -> None:
        rows = with_missing_years(summaries)
        self.table.set_rows(list(reversed(rows)))
        self.chart.show_chart(history_chart(summaries))

    def _on_table_activated(self, summary: Summary | None) -> None:
        if summary is not None and summary.total:
            self.period_activated.emit(summary.period)
