"""The performance report PDF: the summary sentence worked out from the data, the history table and
chart, the percentage by theme, and a table of indicators per theme with direction-of-travel symbols
that read in greyscale (▲ ▶ ▼ ◆ –) as well as in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ocplan_desktop.domain.performance import STATUS_SYMBOL, IndicatorStatus, Status, Summary
from ocplan_desktop.reports.charts import draw_chart
from ocplan_desktop.reports.document import heading
from ocplan_desktop.reports.publish import write_document
from ocplan_desktop.reports.styles import RULE, SHADE, styles
from ocplan_desktop.reports.text import escape_text as esc
from ocplan_desktop.services.performance import performance_summary, theme_summaries
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


def _history_table(history: list[Summary]) -> Any:
    from reportlab.platypus import Paragraph

    s = styles()
    header = [
        "Year",
        "Indicators",
        "Improved",
        "Same",
        "Worse",
        "Can't say",
        "Not available",
        "Improved or same",
    ]
    rows: list[list[Any]] = [[Paragraph(text, s.small_bold) for text in header]]
    for item in reversed(history):
        figure = (
            f"{item.percent}% ({item.improved_or_same}/{item.directional})"
            if item.percent is not None
            else "no figure"
        )
        values = [
            item.period,
            item.total,
            item.improved,
            item.same,
            item.worse,
            item.cannot_say,
            item.not_available,
            figure,
        ]
        rows.append([Paragraph(esc(str(value)), s.cell) for value in values])
    return _table(rows, [58, 58, 54, 38, 40, 44, 58, 120])


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
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

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
                    "officer rather than worked out from the values; each is marked in the tables below."
                ),
                s.small,
            )
        )
    story += [
        heading("History", s.heading2, outline=outline + 1, key="performance-history"),
        _history_table(history),
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
        story += [
            heading(
                esc(theme.theme), s.heading3, outline=outline + 2, key=f"performance-theme{number}"
            ),
            Paragraph(
                esc(
                    f"{item.total} indicators: {item.improved} improved, {item.same} stayed the same, "
                    f"{item.worse} got worse, {item.cannot_say} can't say, {item.not_available} not "
                    f"available; {figure} improved or stayed the same."
                ),
                s.body,
            ),
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
