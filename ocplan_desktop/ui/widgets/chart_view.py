"""Draw a `ChartData` with pyqtgraph: lines broken at gaps, bars, horizontal bars; values on hover.

pyqtgraph is imported when the first chart is made, not at start-up.
"""

from __future__ import annotations

import os
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ocplan_desktop.domain.charts import ChartData, ChartKind

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

# Distinguishable in greyscale too: dark, mid, light, with different dash styles for lines.
PALETTE = ("#1f3a4d", "#c0504d", "#4f81bd", "#9bbb59", "#8064a2", "#f79646")
MAX_POINTS = 5_000  # per series on screen; more is downsampled by pyqtgraph
MAX_LABELLED = 12  # categories up to which values are written on the chart


def hover_text(data: ChartData, name: str, x: float, y: float) -> str:
    """What hovering over a point shows: the series, the category and the value as formatted."""
    index = int(round(x))
    category = data.categories[index] if 0 <= index < len(data.categories) else ""
    return f"{name}\n{category}: {data.value_format.format(y)}"


MAX_MARKERS = 400  # beyond this many values a line has no point markers
MAX_TICK_LABELS = 40


def category_ticks(categories: tuple[str, ...]) -> list[tuple[int, str]]:
    """Axis labels for the categories: every one when they fit, else evenly spaced, the last kept."""
    if len(categories) <= MAX_TICK_LABELS:
        return list(enumerate(categories))
    step = -(-len(categories) // MAX_TICK_LABELS)
    last = len(categories) - 1
    return [(index, categories[index]) for index in range(last, -1, -step)][::-1]


class ChartView(QWidget):
    """A chart widget; `show_chart(data)` replaces what it shows."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self._pg = pg
        self.data: ChartData | None = None
        self.plot = pg.PlotWidget(self, background="w")
        self.plot.setAccessibleName(name)
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self.plot.setMenuEnabled(False)
        self.plot.getPlotItem().setMouseEnabled(x=False, y=False)
        # The legend sits under the plot, so it never hides a line or a point.
        self.legend = QLabel(self)
        self.legend.setObjectName("chartLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.items: list[Any] = []
        self.labels: list[Any] = []
        self.flag_items: list[Any] = []  # the notes beside flagged categories
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.legend)
        self.setAccessibleName(name)

    def show_chart(self, data: ChartData) -> None:
        pg = self._pg
        self.data = data
        plot = self.plot.getPlotItem()
        plot.clear()
        self.legend.clear()
        self.items = []
        self.labels = []
        plot.setTitle(data.title, color="#1f3a4d", size="11pt")
        plot.setLabel("left" if data.kind is not ChartKind.HBAR else "bottom", data.y_label)
        axis = plot.getAxis("left" if data.kind is ChartKind.HBAR else "bottom")
        axis.setTicks([category_ticks(data.categories)])
        other = plot.getAxis("bottom" if data.kind is ChartKind.HBAR else "left")
        other.setTicks(None)
        count = max(len(data.series), 1)
        width = 0.8 / count
        for index, series in enumerate(data.series):
            colour = PALETTE[index % len(PALETTE)]
            if data.kind is ChartKind.LINE:
                style = [
                    pg.QtCore.Qt.PenStyle.SolidLine,
                    pg.QtCore.Qt.PenStyle.DashLine,
                    pg.QtCore.Qt.PenStyle.DotLine,
                ][index % 3]
                pen = pg.mkPen(colour, width=2.5 if index == 0 else 1.5, style=style)
                xs = [
                    float(x) if value is not None else float("nan")
                    for x, value in enumerate(series.values)
                ]
                ys = [
                    float(value) if value is not None else float("nan") for value in series.values
                ]
                # Markers and hover tips while they can be told apart; a long series is a line.
                markers = len(xs) <= MAX_MARKERS
                item = plot.plot(
                    xs,
                    ys,
                    pen=pen,
                    name=series.name,
                    symbol="o" if markers else None,
                    symbolSize=7,
                    symbolBrush=colour,
                    connect="finite",
                    autoDownsample=len(xs) > MAX_POINTS,
                )
                item.setToolTip(series.name)
                if markers:
                    self._hover_points(item, data, series.name)
            else:
                offset = (index - (count - 1) / 2) * width
                points = data.points(index)
                positions = [x + offset for x, _value in points]
                heights = [value for _x, value in points]
                brushes = [
                    pg.mkBrush("#b0b0b0") if x in data.flagged else pg.mkBrush(colour)
                    for x, _v in points
                ]
                if data.kind is ChartKind.HBAR:
                    item = pg.BarGraphItem(
                        x0=0,
                        y=positions,
                        height=width,
                        width=heights,
                        brush=pg.mkBrush(colour),  # the legend's swatch
                        brushes=brushes,
                    )
                else:
                    item = pg.BarGraphItem(
                        x=positions, height=heights, width=width, brushes=brushes
                    )
                plot.addItem(item)
            self.items.append(item)
        self._label_values(data)
        self._note_gaps(data)
        self._show_legend(data)
        self._flag(data)
        box = plot.getViewBox()
        box.setDefaultPadding(0.08)
        box.invertY(data.kind is ChartKind.HBAR)
        plot.enableAutoRange()
        # Every category keeps its place on the axis, also one without any value (a gap).
        if data.categories:
            if data.kind is ChartKind.HBAR:
                box.setYRange(-0.6, len(data.categories) - 0.4, padding=0)
            else:
                box.setXRange(-0.5, len(data.categories) - 0.5, padding=0.02)

    def _flag(self, data: ChartData) -> None:
        """A note beside each flagged category (a ward with no responses has no bar to colour)."""
        self.flag_items = []
        if data.kind is ChartKind.LINE:
            return
        for index in sorted(data.flagged):
            label = self._pg.TextItem(
                data.flag_note or "flagged",
                color=PALETTE[1],
                anchor=(0, 0.5) if data.kind is ChartKind.HBAR else (0.5, 1),
            )
            label.setPos(*((0, index) if data.kind is ChartKind.HBAR else (index, 0)))
            self.plot.getPlotItem().addItem(label)
            self.flag_items.append(label)

    def _hover_points(self, item: Any, data: ChartData, name: str) -> None:
        scatter = item.scatter
        scatter.setToolTip(None)
        scatter.opts["hoverable"] = True
        scatter.opts["tip"] = lambda x, y, data=None, chart=data, name=name: hover_text(
            chart, name, x, y
        )

    def _show_legend(self, data: ChartData) -> None:
        if len(data.series) < 2:
            self.legend.clear()
            self.legend.hide()
            return
        samples = ("━━●━━", "╍╍●╍╍", "┈┈●┈┈") if data.kind is ChartKind.LINE else ("■",)
        parts = [
            f'<span style="color:{PALETTE[index % len(PALETTE)]}; font-weight:bold">'
            f"{samples[index % len(samples)]}</span>&nbsp;{escape(series.name)}"
            for index, series in enumerate(data.series)
        ]
        self.legend.setText("&nbsp;&nbsp;&nbsp;&nbsp;".join(parts))
        self.legend.show()

    def legend_names(self) -> list[str]:
        """The series the legend names (none for a chart of one series)."""
        return (
            [series.name for series in self.data.series]
            if self.legend.isVisibleTo(self) and self.data
            else []
        )

    def _label_values(self, data: ChartData) -> None:
        """Write the values beside the points or bars when there are few enough to read."""
        if len(data.categories) > MAX_LABELLED or (
            data.kind is ChartKind.LINE and len(data.series) > 1
        ):
            return
        count = max(len(data.series), 1)
        width = 0.8 / count
        for index, _series in enumerate(data.series):
            offset = (index - (count - 1) / 2) * width if data.kind is not ChartKind.LINE else 0
            for x, value in data.points(index):
                text = self._pg.TextItem(
                    data.value_format.format(value),
                    color="#1f3a4d",
                    anchor=(0, 0.5) if data.kind is ChartKind.HBAR else (0.5, 1.2),
                )
                if data.kind is ChartKind.HBAR:
                    text.setPos(value, x + offset)
                else:
                    text.setPos(x + offset, value)
                self.plot.getPlotItem().addItem(text)
                self.labels.append(text)

    def _note_gaps(self, data: ChartData) -> None:
        """Say "no figure" at a category of a line chart that has no value at all, just above the
        lowest value drawn (below it, the words would sit on the axis)."""
        if data.kind is ChartKind.LINE and data.series:
            low = data.value_range()[0]
            for x, _category in enumerate(data.categories):
                if all(series.values[x] is None for series in data.series):
                    note = self._pg.TextItem(
                        data.flag_note or "no figure", color="#7a858c", anchor=(0.5, 1)
                    )
                    note.setPos(x, low)
                    self.plot.getPlotItem().addItem(note)
                    self.labels.append(note)

    def drawn_points(self, series_index: int = 0) -> int:
        """How many values the chart draws for a series (gaps are not drawn)."""
        if self.data is None:
            return 0
        return len(self.data.points(series_index))
