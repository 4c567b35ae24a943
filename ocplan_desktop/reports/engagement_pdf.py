"""The engagement summary PDF for an exercise: the headline counts, the charts the Analysis tab
shows (by ward with silent wards flagged, per 1,000 residents, by channel, by respondent type, by
theme) drawn as vector graphics, and the count tables behind them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.reports.charts import draw_chart
from ocplan_desktop.reports.document import heading
from ocplan_desktop.reports.publish import write_document
from ocplan_desktop.reports.styles import RULE, SHADE, styles
from ocplan_desktop.reports.text import escape_text as esc
from ocplan_desktop.services.engagement import exercise_fields
from ocplan_desktop.services.engagement_analysis import (
    DIMENSIONS,
    analysis_charts,
    feedback_summary,
)
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store.workspace import Workspace


def _counts_table(title: str, counts: dict[str, int], total: int) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    s = styles()
    rows = [
        [
            Paragraph(esc(title), s.cell_bold),
            Paragraph("Responses", s.cell_bold),
            Paragraph("Share", s.cell_bold),
        ]
    ]
    for name, count in counts.items():
        share = f"{100 * count / total:.0f}%" if total else "–"
        rows.append(
            [
                Paragraph(esc(name), s.cell),
                Paragraph(f"{count:,}", s.cell),
                Paragraph(share, s.cell),
            ]
        )
    table = Table(rows, colWidths=[250, 90, 70], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(SHADE)),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table


def engagement_story(ws: Workspace, exercise_id: int, *, outline: int = 0) -> list[Any]:
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    s = styles()
    summary = feedback_summary(ws, exercise_id)
    fields = exercise_fields(ws, exercise_id)
    story: list[Any] = [
        heading(
            esc(summary.title),
            s.title,
            outline=outline,
            contents=outline,
            key=f"exercise{exercise_id}",
        ),
        Paragraph("Engagement summary", s.subtitle),
    ]
    period = " to ".join(
        part for part in (format_date(fields.opens_on), format_date(fields.closes_on)) if part
    )
    if period:
        story.append(Paragraph(esc(f"Open {period}."), s.body))
    if fields.purpose:
        story.append(Paragraph(esc(fields.purpose), s.body))
    silent = summary.silent_wards
    story.append(
        Paragraph(
            esc(
                f"{plural(summary.total, 'response')}. "
                + (
                    f"No responses from {len(silent)} ward{'s' if len(silent) != 1 else ''}: {', '.join(silent)}. "
                    if silent
                    else "Every ward responded. "
                )
                + f"Ward not collected for {plural(summary.by_ward.get('not collected', 0), 'response')}."
            ),
            s.body_bold,
        )
    )
    if summary.boundary_note:
        story.append(Paragraph(esc(summary.boundary_note), s.body))
    for chart in analysis_charts(ws, exercise_id):
        story += [
            KeepTogether([draw_chart(chart, 480, 250 if len(chart.categories) <= 10 else 330)]),
            Spacer(1, 10),
        ]
    for dimension, caption in DIMENSIONS.items():
        story += [
            heading(
                esc(f"By {caption.lower()}"),
                s.heading2,
                outline=outline + 1,
                key=f"exercise{exercise_id}-{dimension}",
            ),
            _counts_table(caption, summary.counts(dimension), summary.total),
        ]
    if summary.by_theme:
        story.append(
            Paragraph("A response with several themes counts once under each of them.", s.small)
        )
    return story


def export_engagement(
    ws: Workspace,
    exercise_id: int,
    target: Path,
    progress: Progress = NO_PROGRESS,
    *,
    invariant: bool = False,
) -> int:
    summary = feedback_summary(ws, exercise_id)
    progress.step(0, 1, "Counting responses…")
    return write_document(
        target,
        engagement_story(ws, exercise_id),
        title=f"{summary.title}: engagement summary",
        subject="Engagement summary",
        author=ws.setting("council", ""),
        progress=progress,
        invariant=invariant,
    )
