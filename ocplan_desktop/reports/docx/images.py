"""Charts in Word documents: the PDF's own vector chart as a PNG picture, and alternative text that
states every figure the chart shows (a screen reader reads the figures, not "a chart").

ReportLab draws the chart (the same `ChartData` the screen and the PDF draw); PDFium rasterises it.
ReportLab's renderPM would do the rasterising itself, but since ReportLab 4 it needs pycairo, which
has no wheels for Linux; no Qt is involved either way, so charts render off the GUI thread.
"""

from __future__ import annotations

import io
from typing import Any

from ocplan_desktop.domain.charts import ChartData, ChartKind

DPI = 150
KIND_TEXT = {
    ChartKind.LINE: "Line chart",
    ChartKind.BAR: "Bar chart",
    ChartKind.HBAR: "Bar chart",
}


def chart_png(drawing: Any, dpi: int = DPI) -> bytes:
    """The drawing as a PNG at `dpi`."""
    import pypdfium2
    from reportlab.graphics import renderPDF

    document = pypdfium2.PdfDocument(renderPDF.drawToString(drawing))
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _figure(data: ChartData, value: float | None) -> str:
    return "no figure" if value is None else data.value_format.format(value)


def alt_text(data: ChartData) -> str:
    """ "Line chart: Improved or same, by year. 2016/17: 75%; 2017/18: 71%; 2020/21: no figure." —
    every category and value, each series named when there are several, flagged ones marked."""
    parts = [f"{KIND_TEXT[data.kind]}: {data.title}."]
    if data.y_label:
        parts.append(f"Values: {data.y_label}.")
    for series in data.series:
        values = "; ".join(
            f"{category}{' *' if index in data.flagged else ''}: {_figure(data, value)}"
            for index, (category, value) in enumerate(
                zip(data.categories, series.values, strict=True)
            )
        )
        name = f"{series.name}: " if len(data.series) > 1 or series.name else ""
        parts.append(f"{name}{values}.")
    if data.flagged and data.flag_note:
        parts.append(f"* {data.flag_note}.")
    return " ".join(parts)


def chart_title(data: ChartData) -> str:
    return data.title
