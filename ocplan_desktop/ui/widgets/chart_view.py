"""Draw a `ChartData` with pyqtgraph: lines broken at gaps, bars, horizontal bars; values on hover.

pyqtgraph is imported when the first chart is made, not at start-up.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ocplan_desktop.domain.charts import ChartData, ChartKind

os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

# Distinguishable in greyscale too: dark, mid, light, with different dash styles for lines.
PALETTE = ("#1f3a4d", "#c0504d", "#4f81bd", "#9bbb59", "#8064a2", "#f79646")
MAX_POINTS = 5_000  # per series on screen; more is downsampled by pyqtgraph


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
        self.legend = self.plot.addLegend(offset=(10, 10))
        self.items: list[Any] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.setAccessibleName(name)

    def show_chart(self, data: ChartData) -> None:
        pg = self._pg
        self.data = data
        plot = self.plot.getPlotItem()
        plot.clear()
        self.legend.clear()
        self.items = []
        plot.setTitle(data.title, color="#1f3a4d", size="11pt")
        plot.setLabel("left" if data.kind is not ChartKind.HBAR else "bottom", data.y_label)
        ticks = [list(enumerate(data.categories))]
        axis = plot.getAxis("left" if data.kind is ChartKind.HBAR else "bottom")
        axis.setTicks(ticks)
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
                item = plot.plot(
                    xs,
                    ys,
                    pen=pen,
                    name=series.name,
                    symbol="o",
                    symbolSize=7,
                    symbolBrush=colour,
                    connect="finite",
                    autoDownsample=len(xs) > MAX_POINTS,
                )
                item.setToolTip(series.name)
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
                        x=positions,
                        height=heights,
                        width=width,
                        brush=pg.mkBrush(colour),  # the legend's swatch
                        brushes=brushes,
                    )
                plot.addItem(item)
                if len(data.series) > 1:  # once: a named item would be added a second time
                    self.legend.addItem(item, series.name)
            self.items.append(item)
        if data.kind is ChartKind.HBAR:
            plot.getViewBox().invertY(True)
        else:
            plot.getViewBox().invertY(False)
        plot.enableAutoRange()

    def _hover_points(self, item: Any, data: ChartData, name: str) -> None:
        scatter = item.scatter
        scatter.setToolTip(None)
        scatter.opts["hoverable"] = True
        scatter.opts["tip"] = lambda x, y, data=data, name=name: (
            f"{name}\n{data.categories[int(round(x))]}: {data.value_format.format(y)}"
        )

    def drawn_points(self, series_index: int = 0) -> int:
        """How many values the chart draws for a series (gaps are not drawn)."""
        if self.data is None:
            return 0
        return len(self.data.points(series_index))
