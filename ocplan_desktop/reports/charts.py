"""Draw a `ChartData` as ReportLab vector graphics: the same data the screen's pyqtgraph chart shows.

Series differ by marker shape and dash pattern as well as colour, so a chart still reads when printed
in greyscale. A gap (None) breaks the line; it is never drawn as zero.
"""

from __future__ import annotations

import math
from typing import Any

from ocplan_desktop.domain.charts import ChartData, ChartKind
from ocplan_desktop.reports.fonts import BOLD, REGULAR, register_fonts

COLOURS = ("#1f3a4d", "#c0504d", "#4f81bd", "#9bbb59", "#8064a2", "#f79646")
DASHES: tuple[tuple[int, ...] | None, ...] = (None, (4, 2), (1, 2), (6, 2, 1, 2))
MARKERS = ("circle", "square", "triangle", "diamond")
FLAGGED = "#b8b8b8"


def label_lines(label: str, width: int = 42) -> list[str]:
    """A category label on at most two lines (long theme names), the second shortened if need be."""
    if len(label) <= width:
        return [label]
    cut = label.rfind(" ", 0, width)
    cut = cut if cut > 0 else width
    rest = label[cut:].strip()
    return [label[:cut], rest if len(rest) <= width else rest[: width - 1] + "…"]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high (1, 2 or 5 times a power of ten apart)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(multiple * power for multiple in (1, 2, 5, 10) if multiple * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 0.5:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _point(shape: Any) -> Any:
    """A drawn value, wrapped so it can be told apart from axes and labels."""
    from reportlab.graphics.shapes import Group

    class Point(Group):  # type: ignore[misc]
        pass

    return Point(shape)


def _marker(kind: str, x: float, y: float, size: float, colour: Any) -> Any:
    from reportlab.graphics.shapes import Circle, Polygon, Rect

    half = size / 2
    if kind == "square":
        return Rect(x - half, y - half, size, size, fillColor=colour, strokeColor=colour)
    if kind == "triangle":
        return Polygon(
            [x - half, y - half, x + half, y - half, x, y + half],
            fillColor=colour,
            strokeColor=colour,
        )
    if kind == "diamond":
        return Polygon(
            [x, y - half, x + half, y, x, y + half, x - half, y],
            fillColor=colour,
            strokeColor=colour,
        )
    return Circle(x, y, half, fillColor=colour, strokeColor=colour)


def draw_chart(data: ChartData, width: float = 460, height: float = 230) -> Any:
    """A Drawing of the chart. Each drawn value is a shape named `point` (tests count them)."""
    from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
    from reportlab.lib import colors

    register_fonts()
    drawing = Drawing(width, height)
    # The Word writer states the figures in the picture's alt text (set past the attribute check
    # Drawing makes on its own properties).
    drawing.__dict__["chart_data"] = data
    drawing.add(
        String(
            0,
            height - 12,
            data.title,
            fontName=BOLD,
            fontSize=10,
            fillColor=colors.HexColor("#1f3a4d"),
        )
    )
    if data.is_empty:
        drawing.add(
            String(
                width / 2,
                height / 2,
                data.empty_note,
                fontName=REGULAR,
                fontSize=10,
                textAnchor="middle",
                fillColor=colors.HexColor("#44525c"),
            )
        )
        return drawing
    legend_height = 14 if len(data.series) > 1 else 0
    horizontal = data.kind is ChartKind.HBAR
    label_width = 0.0
    if horizontal:
        longest = max(
            (len(line) for label in data.categories for line in label_lines(label)), default=4
        )
        label_width = min(170.0, 3.6 * longest + 6)
    left, right = 44 + label_width, width - 10
    # Labelled points need room above the highest one for its figure.
    bottom, top = 28 + legend_height, height - 22 - (10 if data.label_points else 0)
    low, high = data.value_range()
    ticks = nice_ticks(low, high)
    low, high = min(ticks[0], low), max(ticks[-1], high)
    span = (high - low) or 1.0
    count = max(len(data.categories), 1)

    def value_position(value: float) -> float:
        if horizontal:
            return left + (value - low) / span * (right - left)
        return bottom + (value - low) / span * (top - bottom)

    grid = colors.HexColor("#d5dde3")
    for tick in ticks:
        text = data.value_format.format(tick)
        if horizontal:
            x = value_position(tick)
            drawing.add(Line(x, bottom, x, top, strokeColor=grid, strokeWidth=0.5))
            drawing.add(
                String(x, bottom - 11, text, fontName=REGULAR, fontSize=7, textAnchor="middle")
            )
        else:
            y = value_position(tick)
            drawing.add(Line(left, y, right, y, strokeColor=grid, strokeWidth=0.5))
            drawing.add(
                String(left - 4, y - 2.5, text, fontName=REGULAR, fontSize=7, textAnchor="end")
            )

    slot = ((top - bottom) if horizontal else (right - left)) / count
    for index, category in enumerate(data.categories):
        label = category if index not in data.flagged else f"{category} *"
        if horizontal:
            lines = label_lines(label)
            y = top - (index + 0.5) * slot + 4 * (len(lines) - 1)
            for number, line in enumerate(lines):
                drawing.add(
                    String(
                        left - 4,
                        y - 2.5 - 8 * number,
                        line,
                        fontName=REGULAR,
                        fontSize=7,
                        textAnchor="end",
                    )
                )
        elif count <= 16 or index % math.ceil(count / 16) == 0:
            x = left + (index + 0.5) * slot
            drawing.add(
                String(
                    x, bottom - 11, label[:14], fontName=REGULAR, fontSize=7, textAnchor="middle"
                )
            )

    groups = max(len(data.series), 1)
    for number in range(len(data.series)):
        colour = colors.HexColor(COLOURS[number % len(COLOURS)])
        if data.kind is ChartKind.LINE:
            for run in data.segments(number):
                points: list[float] = []
                for index, value in run:
                    points += [left + (index + 0.5) * slot, value_position(value)]
                if len(run) > 1:
                    drawing.add(
                        PolyLine(
                            points,
                            strokeColor=colour,
                            strokeWidth=1.6 if number == 0 else 1.1,
                            strokeDashArray=DASHES[number % len(DASHES)],
                        )
                    )
                for index, value in run:
                    marker = _marker(
                        MARKERS[number % len(MARKERS)],
                        left + (index + 0.5) * slot,
                        value_position(value),
                        5,
                        colour,
                    )
                    drawing.add(_point(marker))
                    if data.label_points:
                        drawing.add(
                            String(
                                left + (index + 0.5) * slot,
                                value_position(value) + 6,
                                data.value_format.format(value),
                                fontName=REGULAR,
                                fontSize=7,
                                textAnchor="middle",
                            )
                        )
            continue
        bar = slot * 0.8 / groups
        for index, value in data.points(number):
            fill = colors.HexColor(FLAGGED) if index in data.flagged else colour
            start = value_position(max(low, 0.0))
            if horizontal:
                y = top - index * slot - slot * 0.1 - (number + 1) * bar
                shape = Rect(
                    start, y, value_position(value) - start, bar, fillColor=fill, strokeColor=None
                )
            else:
                x = left + index * slot + slot * 0.1 + number * bar
                shape = Rect(
                    x, start, bar, value_position(value) - start, fillColor=fill, strokeColor=None
                )
            drawing.add(_point(shape))
    drawing.add(
        Line(
            left,
            bottom,
            right if horizontal else left,
            bottom if horizontal else top,
            strokeColor=colors.HexColor("#44525c"),
            strokeWidth=0.7,
        )
    )
    if legend_height:
        x = left
        for number, series in enumerate(data.series):
            colour = colors.HexColor(COLOURS[number % len(COLOURS)])
            drawing.add(_marker(MARKERS[number % len(MARKERS)], x + 4, 8, 5, colour))
            drawing.add(String(x + 10, 5.5, series.name, fontName=REGULAR, fontSize=7))
            x += 18 + 4.2 * len(series.name)
    if data.flagged and data.flag_note:
        drawing.add(
            String(
                right,
                5.5 + legend_height,
                f"* {data.flag_note}",
                fontName=REGULAR,
                fontSize=7,
                textAnchor="end",
                fillColor=colors.HexColor("#44525c"),
            )
        )
    return drawing


def drawn_points(drawing: Any) -> int:
    return sum(1 for item in drawing.contents if type(item).__name__ == "Point")
