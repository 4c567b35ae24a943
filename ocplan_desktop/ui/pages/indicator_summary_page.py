"""The summary for one period: the counts (each opens the list of indicators behind it), the sentence
as the annual report words it, and every indicator's direction of travel with the reason."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.performance import DIRECTIONAL, IndicatorStatus, Status
from ocplan_desktop.services.performance import PerformanceSummary
from ocplan_desktop.ui.format import number_text
from ocplan_desktop.ui.models.indicator_values_model import status_text
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.widgets.record_table import RecordTable

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


# What the drill-down lists: the reason (which gives the figures), the long theme last.
DRILL_COLUMNS: list[Column[IndicatorStatus]] = [COLUMNS[i] for i in (0, 1, 3, 7, 2)]
THEME_WIDTH = 220


def narrow_columns(table: RecordTable, widths: dict[int, int]) -> None:
    """Give long text columns (themes) a set width once the table first has rows."""
    if table.model.rowCount() and not table.view.property("narrowed"):
        header = table.view.horizontalHeader()
        for column, width in widths.items():
            header.resizeSection(column, width)
        table.view.setProperty("narrowed", True)


class CountButton(QPushButton):
    """A count with its caption; pressing it lists the indicators behind the count."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countButton")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.value = QLabel("–", self)
        self.value.setObjectName("countValue")
        self.caption = QLabel(caption, self)
        self.caption.setObjectName("countCaption")
        for label in (self.value, self.caption):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        # A narrow window wraps a caption ("Stayed the / same") rather than cutting it off.
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setMinimumHeight(64)
        self.setAccessibleName(caption)
        self.setToolTip(f"List the indicators: {caption.lower()}")

    # A QPushButton sizes itself by its own (empty) text: ask the layout of the labels instead, so a
    # row of counts never makes a tile narrower than its caption.
    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else super().minimumSizeHint()

    def set_value(self, text: str) -> None:
        self.value.setText(text)
        self.setAccessibleDescription(f"{text} {self.caption.text()}")


class IndicatorSummaryPage(QWidget):
    """`drill_requested(statuses or None)`: the officer pressed a count (None: all indicators)."""

    drill_requested = Signal(object)
    indicator_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        counts = QFrame(self)
        counts.setObjectName("summaryCounts")
        row = QHBoxLayout(counts)
        row.setContentsMargins(6, 6, 6, 6)
        self.buttons: dict[str, CountButton] = {}
        self._add_count(row, "total", "Indicators", None)
        for status in Status:
            self._add_count(row, status.value, f"{status.symbol} {status.text}", (status,))
        self._add_count(row, "percent", "Improved or same", DIRECTIONAL)
        self.total_label = self.buttons["total"].value
        self.count_labels = {status: self.buttons[status.value].value for status in Status}
        self.percent_label = self.buttons["percent"].value

        self.overrides_note = QLabel(self)
        self.overrides_note.setObjectName("overridesNote")
        self.sentence = QLabel(self)
        self.sentence.setWordWrap(True)
        self.sentence.setObjectName("summarySentence")
        self.sentence.setAccessibleName("Summary sentence")
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = RecordTable(
            RecordTableModel(COLUMNS),
            "Indicator statuses",
            self,
            filter_placeholder="Filter indicators by code, name, theme, status…",
        )
        self.table.activated.connect(self._on_table_activated)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(counts)
        layout.addWidget(self.sentence)
        layout.addWidget(self.overrides_note)
        layout.addWidget(self.table, 1)

    def _add_count(
        self, row: QHBoxLayout, key: str, caption: str, statuses: tuple[Status, ...] | None
    ) -> None:
        button = CountButton(caption, self)
        button.clicked.connect(lambda _checked=False: self.drill_requested.emit(statuses))
        self.buttons[key] = button
        row.addWidget(button, 1)

    def show_result(self, result: PerformanceSummary | None) -> None:
        if result is None:
            for button in self.buttons.values():
                button.set_value("–")
                button.setEnabled(False)
            self.sentence.setText(
                "No indicator values have been recorded yet: import them (Indicators ▸ Import "
                "indicators…) or type them into an indicator's values."
            )
            self.overrides_note.setText("")
            self.table.set_rows([])
            return
        summary = result.summary
        for button in self.buttons.values():
            button.setEnabled(True)
        self.buttons["total"].set_value(str(summary.total))
        for status in Status:
            self.buttons[status.value].set_value(str(summary.count(status)))
        self.buttons["percent"].set_value(
            f"{summary.percent}% ({summary.improved_or_same}/{summary.directional})"
            if summary.percent is not None
            else "no figure"
        )
        self.sentence.setText(result.sentence)
        self.overrides_note.setText(
            f"{summary.overridden} of these statuses {'was' if summary.overridden == 1 else 'were'}"
            " set by an officer (in bold below); each counts as the status set."
            if summary.overridden
            else ""
        )
        self.overrides_note.setVisible(bool(summary.overridden))
        self.table.set_rows(list(result.report.statuses))
        narrow_columns(self.table, {1: 330, 2: THEME_WIDTH})

    def _on_table_activated(self, item: IndicatorStatus | None) -> None:
        if item is not None:
            self.indicator_activated.emit(item.indicator_id)
