"""The recommendation tracker PDF: the regular update to Scrutiny.

Grouped by the meeting that made the recommendations; for each, where it stands and what changed
since the chosen date. Status reads as words with a symbol as well as a fill colour, so the page
still says everything printed in black and white.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.tracker_report import ReportEntry, UpdateReport
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.reports.document import heading
from ocplan_desktop.reports.fonts import printing
from ocplan_desktop.reports.publish import write_document
from ocplan_desktop.reports.styles import RULE, SHADE, styles
from ocplan_desktop.reports.text import escape_text as esc
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.services.update_report import update_report
from ocplan_desktop.store.workspace import Workspace

STATUS_MARK = {
    "Open": "○ Open",
    "In progress": "◐ In progress",
    "Completed": "● Completed",
    "Closed": "■ Closed",
}
STATUS_FILL = {
    "Open": "#ffffff",
    "In progress": "#eef3f8",
    "Completed": "#dcefdc",
    "Closed": "#eeeeee",
}


def status_text(entry: ReportEntry) -> str:
    if entry.removed:
        return "✕ Removed"
    return STATUS_MARK.get(entry.status, entry.status)


def _what_changed(entry: ReportEntry) -> list[str]:
    lines = []
    if entry.added:
        lines.append("New since the date.")
    if entry.removed:
        lines.append("Removed from the tracker.")
    lines += [change.sentence + "." for change in entry.changes]
    lines += [f"{format_date(update.date)}: {update.text}" for update in entry.updates]
    return lines or ["No change since the date."]


def _entry_table(entries: list[ReportEntry]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    s = styles()
    header = ["Reference", "Recommendation and response", "Status", "What changed"]
    rows: list[list[Any]] = [[Paragraph(text, s.cell_bold) for text in header]]
    fills = []
    for row, entry in enumerate(entries, start=1):
        with printing(f"Recommendation {entry.reference}"):
            rows.append(_entry_row(entry))
        fills.append(
            (
                "BACKGROUND",
                (2, row),
                (2, row),
                colors.HexColor(STATUS_FILL.get(entry.status, "#ffffff")),
            )
        )
    table = Table(rows, colWidths=[72, 190, 80, 141], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(SHADE)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                *fills,
            ]
        )
    )
    return table


def _entry_row(entry: ReportEntry) -> list[Any]:
    from reportlab.platypus import Paragraph

    s = styles()
    response = f"<b>{esc(entry.response)}</b>" + (
        f": {esc(entry.response_text)}" if entry.response_text else ""
    )
    detail = [Paragraph(esc(entry.text), s.cell)]
    if entry.response:
        detail.append(Paragraph(response, s.cell))
    owner = ", ".join(
        part
        for part in (entry.lead_officer, f"due {entry.due_date}" if entry.due_date else "")
        if part
    )
    if owner:
        detail.append(Paragraph(esc(owner), s.small))
    status = [Paragraph(esc(status_text(entry)), s.cell_bold)]
    if entry.attention:
        status.append(Paragraph(esc(entry.attention), s.cell_bold))
    changes = [Paragraph(esc(line), s.cell) for line in _what_changed(entry)]
    return [Paragraph(esc(entry.reference), s.cell), detail, status, changes]


def tracker_story(report: UpdateReport, council: str = "", *, outline: int = 0) -> list[Any]:
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    story: list[Any] = [
        heading(
            "Recommendation tracker", s.title, outline=outline, contents=outline, key="tracker"
        ),
        Paragraph(
            esc(
                f"{council} – progress since {format_date(report.since)}, as at {format_date(report.today)}"
                if council
                else f"Progress since {format_date(report.since)}, as at {format_date(report.today)}"
            ),
            s.subtitle,
        ),
        Paragraph(
            esc(
                f"{plural(len(report.changed), 'recommendation')} changed since {format_date(report.since)}; "
                f"{len(report.unchanged)} still open with no change."
            ),
            s.body,
        ),
        Paragraph(
            "Status: ○ open, ◐ in progress, ● completed, ■ closed, ✕ removed; "
            "⚠ overdue, ◷ awaiting a response.",
            s.small,
        ),
        Spacer(1, 6),
    ]
    if not report.entries:
        story.append(
            Paragraph("Nothing to report: no recommendation changed and none is open.", s.body)
        )
    for number, (meeting, entries) in enumerate(report.by_meeting(), start=1):
        story += [
            heading(esc(meeting), s.heading2, outline=outline + 1, key=f"tracker-m{number}"),
            _entry_table(entries),
            Spacer(1, 8),
        ]
    return story


def export_tracker(
    ws: Workspace,
    since: dt.date,
    target: Path,
    progress: Progress = NO_PROGRESS,
    *,
    today: dt.date | None = None,
    invariant: bool = False,
) -> int:
    progress.step(0, 1, "Gathering the changes…")
    report = update_report(ws, since, today or dt.date.today())
    story = tracker_story(report, ws.setting("council", ""))
    return write_document(
        target,
        story,
        title=f"Recommendation tracker: progress since {format_date(since)}",
        subject="Recommendation tracker",
        author=ws.setting("council", ""),
        progress=progress,
        invariant=invariant,
    )
