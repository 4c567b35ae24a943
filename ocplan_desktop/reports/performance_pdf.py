"""The performance report PDF: the summary sentence worked out from the data, the history table and
chart, the percentage by theme, and a table of indicators per theme with direction-of-travel symbols
that read in greyscale (▲ ▶ ▼ ◆ –) as well as in words."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.performance import STATUS_SYMBOL, IndicatorStatus, Status, Summary
from ocplan_desktop.reports.charts import draw_chart
from ocplan_desktop.reports.document import heading
from ocplan_desktop.reports.pagination import TABLE_START, heading_with_table
from ocplan_desktop.reports.publish import write_document
from ocplan_desktop.reports.styles import RULE, SHADE, styles
from ocplan_desktop.reports.text import escape_text as esc
from ocplan_desktop.services.performance import (
    OverrideRecord,
    overrides_for,
    performance_summary,
    theme_summaries,
)
from ocplan_desktop.services.performance_charts import (
    history_chart,
    theme_chart,
    with_missing_years,
)
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store.workspace import Workspace

# Fill colours by status, light enough that the symbol and words stay legible in greyscale.
STATUS_FILL = {
    Status.IMPROVED: "#dcefdc",
    Status.SAME: "#eef0f2",
    Status.WORSE: "#f6dcdc",
    Status.CANNOT_SAY: "#ffffff",
    Status.NOT_AVAILABLE: "#ffffff",
}


def _table(
    rows: list[list[Any]], widths: list[float], extra: list[tuple[Any, ...]] | None = None
) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(SHADE)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *(extra or []),
            ]
        )
    )
    return table


HISTORY_HEADER = (
    "Year",
    "Indicators",
    "Improved",
    "Same",
    "Worse",
    "Can't say",
    "Not available",
    "Improved or same",
)
NO_FIGURE = "–"


def column_widths(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    header_style: Any,
    cell_style: Any,
    total: float,
) -> list[float]:
    """Widths in which no header word and no figure is broken: each column as wide as its longest
    header word or value (plus the cell padding), the last taking what is left."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widths = []
    for column, text in enumerate(header[:-1]):
        words = [stringWidth(w, header_style.fontName, header_style.fontSize) for w in text.split()]
        values = [
            stringWidth(row[column], cell_style.fontName, cell_style.fontSize) for row in rows
        ]
        widths.append(max([*words, *values]) + 13)
    return [*widths, max(total - sum(widths), 60)]


def history_rows(history: Sequence[Summary]) -> list[list[str]]:
    """Newest first. A period with no figure says so in every column, never 73/0/0/0/0."""
    rows = []
    for item in reversed(history):
        if item.percent is None:
            rows.append([item.period, *([NO_FIGURE] * 6), "no figure"])
            continue
        rows.append(
            [
                item.period,
                *(
                    str(value)
                    for value in (
                        item.total,
                        item.improved,
                        item.same,
                        item.worse,
                        item.cannot_say,
                        item.not_available,
                    )
                ),
                f"{item.percent}% ({item.improved_or_same}/{item.directional})",
            ]
        )
    return rows


def _history_table(history: list[Summary]) -> Any:
    from reportlab.platypus import Paragraph

    s = styles()
    header_style = s.table_header
    values = history_rows(history)
    rows: list[list[Any]] = [[Paragraph(text, header_style) for text in HISTORY_HEADER]]
    rows += [[Paragraph(esc(value), s.cell) for value in row] for row in values]
    return _table(rows, column_widths(HISTORY_HEADER, values, header_style, s.cell, 482))


def _overrides_table(records: Sequence[OverrideRecord], period: str) -> list[Any]:
    """Every status an officer set, under the figures it changed: nothing the reader cannot see."""
    from reportlab.platypus import Paragraph

    s = styles()
    if not records:
        return []
    header = ["Indicator", "Status set", "Reason", "Set by", "When"]
    rows: list[list[Any]] = [[Paragraph(text, s.cell_bold) for text in header]]
    for item in records:
        rows.append(
            [
                Paragraph(esc(f"{item.code} {item.name}"), s.cell),
                Paragraph(esc(f"{item.status.symbol} {item.status.text}"), s.cell),
                Paragraph(esc(item.reason), s.cell),
                Paragraph(esc(item.set_by or "not recorded"), s.cell),
                Paragraph(esc(format_date(item.set_at[:10]) if item.set_at else "–"), s.cell),
            ]
        )
    count = len(records)
    return [
        heading(
            esc(f"Statuses set by an officer, {period}"),
            s.heading3,
        ),
        Paragraph(
            esc(
                f"{count} status{'' if count == 1 else 'es'} in the figures above "
                f"{'was' if count == 1 else 'were'} set by an officer rather than worked out "
                "from the values:"
            ),
            s.small,
        ),
        _table(rows, [120, 72, 150, 62, 78]),
    ]


def _status_cell(item: IndicatorStatus) -> str:
    text = f"{STATUS_SYMBOL[item.status]} {item.status.text}"
    return text + " (set by an officer)" if item.is_override else text


def _value(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def _theme_table(statuses: tuple[IndicatorStatus, ...]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph

    s = styles()
    header = ["Code", "Indicator", "Value", "Previous", "Direction of travel"]
    rows: list[list[Any]] = [[Paragraph(text, s.cell_bold) for text in header]]
    fills = []
    for row, item in enumerate(sorted(statuses, key=lambda status: status.code), start=1):
        style = s.cell_bold if item.is_override else s.cell
        rows.append(
            [
                Paragraph(esc(item.code), s.cell),
                Paragraph(esc(item.name), s.cell),
                Paragraph(_value(item.current), s.cell),
                Paragraph(
                    esc(
                        _value(item.previous)
                        + (f" ({item.previous_period})" if item.previous_period else "")
                    ),
                    s.cell,
                ),
                Paragraph(esc(_status_cell(item)), style),
            ]
        )
        fills.append(("BACKGROUND", (4, row), (4, row), colors.HexColor(STATUS_FILL[item.status])))
    return _table(rows, [38, 200, 52, 80, 112], fills)


def performance_story(ws: Workspace, period: str | None = None, *, outline: int = 0) -> list[Any]:
    from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

    s = styles()
    result = performance_summary(ws, period)
    summary = result.summary
    history = with_missing_years(list(result.through_period))
    story: list[Any] = [
        heading(
            esc(f"Performance report {summary.period}"),
            s.title,
            outline=outline,
            contents=outline,
            key=f"performance-{summary.period}",
        ),
        Paragraph(esc(ws.setting("plan_name", "")), s.subtitle),
        heading("Summary", s.heading2, outline=outline + 1, key="performance-summary"),
        Paragraph(esc(result.sentence), s.body),
    ]
    if summary.overridden:
        story.append(
            Paragraph(
                esc(
                    f"{summary.overridden} of these statuses {'was' if summary.overridden == 1 else 'were'} set by an "
                    "officer rather than worked out from the values; each is listed under the history "
                    "table and marked in the tables below."
                ),
                s.small,
            )
        )
    story += [
        *heading_with_table(
            heading("History", s.heading2, outline=outline + 1, key="performance-history"),
            _history_table(history),
        ),
        Spacer(1, 6),
        *_overrides_table(overrides_for(ws, summary.period), summary.period),
        Spacer(1, 8),
        KeepTogether([draw_chart(history_chart(history), 480, 220)]),
        Paragraph("A year with no figure is a gap, not a zero.", s.small),
    ]
    themes = theme_summaries(ws, result)
    story += [
        KeepTogether(
            [
                heading("By theme", s.heading2, outline=outline + 1, key="performance-themes"),
                draw_chart(theme_chart(themes, summary.period), 480, 200),
            ]
        ),
        Paragraph(
            "Key: ▲ improved, ▶ stayed the same, ▼ got worse, ◆ can't say, – not available. "
            "Bold: set by an officer.",
            s.small,
        ),
    ]
    for number, theme in enumerate(themes, start=1):
        if not theme.statuses:
            continue
        item = theme.summary
        figure = (
            f"{item.percent}% ({item.improved_or_same}/{item.directional})"
            if item.percent is not None
            else "no figure"
        )
        sentence = (
            f"{item.total} indicators: {item.improved} improved, {item.same} stayed the same, "
            f"{item.worse} got worse, {item.cannot_say} can't say, {item.not_available} not "
            f"available; {figure} improved or stayed the same."
            if item.percent is not None
            else f"{item.total} indicators, none with a direction of travel for "
            f"{item.period}: no figure."
        )
        story += [
            # The theme's heading and sentence stay with the first rows of its table; the table
            # then runs on over the page rather than dragging them all to the next one.
            CondPageBreak(TABLE_START + 50),
            heading(
                esc(theme.theme), s.heading3, outline=outline + 2, key=f"performance-theme{number}"
            ),
            Paragraph(esc(sentence), s.body),
            _theme_table(theme.statuses),
            Spacer(1, 6),
        ]
    return story


def export_performance(
    ws: Workspace,
    period: str | None,
    target: Path,
    progress: Progress = NO_PROGRESS,
    *,
    invariant: bool = False,
) -> int:
    progress.step(0, 1, "Working out the summary…")
    story = performance_story(ws, period)
    summary = performance_summary(ws, period).summary
    return write_document(
        target,
        story,
        title=f"Performance report {summary.period}",
        subject="Performance report",
        author=ws.setting("council", ""),
        progress=progress,
        invariant=invariant,
    )
