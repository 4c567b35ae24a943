"""Indicators: the performance summary for a chosen period and each indicator's direction of travel."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.performance import IndicatorStatus, Status
from ocplan_desktop.services import change, performance
from ocplan_desktop.ui.format import number_text
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.pages.page import Page
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.record_table import RecordTable


def status_text(item: IndicatorStatus) -> str:
    text = f"{item.status.symbol} {item.status.text}"
    return text + " (set by officer)" if item.is_override else text


COLUMNS: list[Column[IndicatorStatus]] = [
    Column("Code", lambda s: s.code),
    Column("Indicator", lambda s: s.name),
    Column("Theme", lambda s: s.theme),
    Column(
        "Direction of travel",
        status_text,
        sort=lambda s: list(Status).index(s.status),
        bold=lambda s: s.is_override,
    ),
    Column("Value", lambda s: number_text(s.current), sort=lambda s: s.current or 0, numeric=True),
    Column(
        "Previous", lambda s: number_text(s.previous), sort=lambda s: s.previous or 0, numeric=True
    ),
    Column("Compared with", lambda s: s.previous_period or ""),
    Column("Why", lambda s: s.explanation, tooltip=lambda s: s.explanation),
]


class IndicatorsPage(Page):
    title = "Indicators"
    kinds = frozenset({change.INDICATORS, change.VALUES, change.OVERRIDES})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.period = QComboBox(self)
        self.period.setAccessibleName("Period")
        self.period.setMinimumContentsLength(10)
        period_label = QLabel("&Period:", self)
        period_label.setBuddy(self.period)

        self.count_labels: dict[Status, QLabel] = {}
        counts = QFrame(self)
        counts.setObjectName("summaryCounts")
        grid = QGridLayout(counts)
        self.total_label = self._count_cell(grid, 0, "Indicators")
        for column, status in enumerate(Status, start=1):
            self.count_labels[status] = self._count_cell(
                grid, column, f"{status.symbol} {status.text}"
            )
        self.percent_label = self._count_cell(grid, len(Status) + 1, "Improved or same")

        self.sentence = QLabel(self)
        self.sentence.setWordWrap(True)
        self.sentence.setObjectName("summarySentence")
        self.sentence.setAccessibleName("Summary sentence")
        self.sentence.setTextInteractionFlags(
            self.sentence.textInteractionFlags()
            | self.sentence.textInteractionFlags().TextSelectableByMouse
        )

        self.table = RecordTable(
            RecordTableModel(COLUMNS),
            "Indicator statuses",
            self,
            filter_placeholder="Filter indicators by code, name, theme, status…",
        )

        top = QHBoxLayout()
        heading = QLabel(self.title, self)
        heading.setObjectName("pageHeading")
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(period_label)
        top.addWidget(self.period)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(counts)
        layout.addWidget(self.sentence)
        layout.addWidget(self.table, 1)
        self.period.currentTextChanged.connect(self._on_period_current_text_changed)

    def _count_cell(self, grid: QGridLayout, column: int, caption: str) -> QLabel:
        value = QLabel("–", self)
        value.setObjectName("countValue")
        value.setAccessibleName(caption)
        text = QLabel(caption, self)
        text.setObjectName("countCaption")
        grid.addWidget(value, 0, column)
        grid.addWidget(text, 1, column)
        return value

    def refresh(self) -> None:
        assert self.ws is not None
        known = performance.periods(self.ws)
        current = self.period.currentText()
        self.period.blockSignals(True)
        self.period.clear()
        self.period.addItems(list(reversed(known)))
        self.period.blockSignals(False)
        if current in known:
            self.period.setCurrentText(current)
        self._show_period(self.period.currentText())

    def main_row_count(self) -> int:
        return self.table.model.rowCount()

    def select_period(self, period: str) -> None:
        self.period.setCurrentText(period)

    def _on_period_current_text_changed(self, period: str) -> None:
        self._show_period(period)

    def _show_period(self, period: str) -> None:
        if self.ws is None or not period:
            self.table.set_rows([])
            self.sentence.setText("No indicator values have been recorded yet.")
            return
        result = performance.performance_summary(self.ws, period)
        summary = result.summary
        self.total_label.setText(str(summary.total))
        for status, label in self.count_labels.items():
            label.setText(str(summary.count(status)))
        self.percent_label.setText(
            f"{summary.percent}% ({summary.improved_or_same}/{summary.directional})"
            if summary.percent is not None
            else "no figure"
        )
        self.sentence.setText(result.sentence)
        self.table.set_rows(list(result.report.statuses))
