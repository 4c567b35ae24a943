"""The briefing pack for a meeting: a cover, contents with the real page numbers, the agenda, and each
item's papers (its report, or for "Minutes of the last meeting" the minutes being approved), with a
PDF outline entry per item and "Page n of N" on every page.

Extra sections (the recommendation tracker, the performance report) are added by the modules that
print them, through `extra_sections`.

A pack is for the public or for members (`PackOptions.audience`). An exempt item (Schedule 12A) is
listed in the public pack with its paragraph and nothing of its papers: not in a page, a bookmark or
the file's properties. The members' pack carries the papers with "NOT FOR PUBLICATION" and the
paragraph on every page of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.exempt import Audience, Exemption
from ocplan_desktop.domain.meetings import AgendaItem, Meeting
from ocplan_desktop.reports.appendices import Attachments, appendices_story, report_appendices
from ocplan_desktop.reports.briefing_note import briefing_note_story
from ocplan_desktop.reports.document import heading
from ocplan_desktop.reports.live_figures import with_live_figures
from ocplan_desktop.reports.marks import drafted, marked
from ocplan_desktop.reports.minutes_pdf import minutes_story
from ocplan_desktop.reports.publish import write_document
from ocplan_desktop.reports.styles import RULE, SHADE, styles
from ocplan_desktop.reports.text import escape_text as esc
from ocplan_desktop.services import reports as report_service
from ocplan_desktop.services.exempt import meeting_exemptions
from ocplan_desktop.services.figures import FigureSource
from ocplan_desktop.services.minutes_data import LAST_MINUTES, meeting_minutes, previous_meeting
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store.workspace import Workspace

# A section a caller adds to the pack: (title, function that returns its flowables at outline level 1).
ExtraSection = tuple[str, Callable[[Workspace, int], list[Any]]]


@dataclass(frozen=True)
class PackOptions:
    extra_sections: Sequence[ExtraSection] = field(default_factory=tuple)
    invariant: bool = False
    audience: Audience = Audience.PUBLIC


def performance_section(period: str | None) -> ExtraSection:
    """The performance report for `period` (the latest when None) as a section of the pack."""

    def make(ws: Workspace, _meeting_id: int) -> list[Any]:
        from ocplan_desktop.reports.performance_pdf import performance_story

        return performance_story(ws, period, outline=1)

    return ("Performance report", make)


def tracker_section(since: dt.date) -> ExtraSection:
    """The recommendation tracker (what changed since `since`) as a section of the pack."""

    def make(ws: Workspace, _meeting_id: int) -> list[Any]:
        from ocplan_desktop.reports.tracker_pdf import tracker_story
        from ocplan_desktop.services.update_report import update_report

        return tracker_story(update_report(ws, since, dt.date.today()), outline=1)

    return ("Recommendation tracker", make)


def _cover(ws: Workspace, meeting: Meeting) -> list[Any]:
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    s = styles()
    when = format_date(meeting.date) + (f", {meeting.start_time}" if meeting.start_time else "")
    return [
        Spacer(1, 120),
        Paragraph(esc(ws.setting("council", "")), s.subtitle),
        Paragraph(esc(meeting.committee), s.title),
        Paragraph("Briefing pack", s.heading1),
        Spacer(1, 12),
        Paragraph(esc(when), s.body_bold),
        Paragraph(esc(meeting.venue), s.body),
        Spacer(1, 200),
        Paragraph(esc(f"Prepared {format_date(dt.date.today())}"), s.small),
        PageBreak(),
    ]


def _papers_text(
    item: AgendaItem, titles: dict[int, str], exemption: Exemption | None, audience: Audience
) -> str:
    """What the agenda's "Papers" column says: the report's title, or for an exempt item its
    paragraph (and, for members, the title beside it)."""
    if exemption is None:
        return titles.get(item.id, "")
    if audience is Audience.PUBLIC:
        return f"Not for publication: {exemption.short.lower()}"
    return f"{titles.get(item.id, '')} (not for publication: {exemption.short.lower()})".strip()


def _agenda(
    items: Sequence[AgendaItem],
    report_titles: dict[int, str],
    exemptions: dict[int, Exemption] | None = None,
    audience: Audience = Audience.PUBLIC,
) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    s = styles()
    rows = [
        [
            Paragraph("Item", s.cell_bold),
            Paragraph("Business", s.cell_bold),
            Paragraph("Papers", s.cell_bold),
        ]
    ]
    for item in items:
        paper = _papers_text(item, report_titles, (exemptions or {}).get(item.id), audience)
        rows.append(
            [
                Paragraph(str(item.item_number), s.cell),
                Paragraph(esc(item.title), s.cell),
                Paragraph(esc(paper), s.cell),
            ]
        )
    table = Table(rows, colWidths=[36, 250, 196], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE)),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(SHADE)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [heading("Agenda", s.heading1, outline=0, contents=0, key="agenda"), table]


def pack_story(
    ws: Workspace,
    meeting_id: int,
    options: PackOptions = PackOptions(),
    progress: Progress = NO_PROGRESS,
    attachments: Attachments | None = None,
) -> tuple[str, list[Any], bool]:
    """The pack's flowables, its title, and whether any part of it is a draft. Appendix pages are
    noted in `attachments`, to be set in once the pack is written."""
    attachments = attachments if attachments is not None else Attachments()
    folder = (ws.origin or ws.path).parent
    from reportlab.platypus import CondPageBreak, PageBreak, Paragraph
    from reportlab.platypus.tableofcontents import TableOfContents

    s = styles()
    audience = options.audience
    meeting = meeting_store.get_meeting(ws, meeting_id)
    items = meeting_store.agenda(ws, meeting_id)
    figures = FigureSource(ws)  # one summary per period for every report in the pack
    exemptions = meeting_exemptions(ws, meeting_id)
    # The public pack never loads an exempt item's report: nothing of it can leak into the file.
    reports = {
        item.id: (
            with_live_figures(ws, report_service.load(ws, item.report_id), figures),
            report_service.route(ws, item.report_id),
        )
        for item in items
        if item.report_id and not (item.id in exemptions and audience is Audience.PUBLIC)
    }
    titles = {item_id: report.title for item_id, (report, _route) in reports.items()}
    contents = TableOfContents(levelStyles=[s.contents1, s.contents2], dotsMinLevel=0)
    story: list[Any] = _cover(ws, meeting)
    story += [heading("Contents", s.heading1, outline=0, key="contents"), contents, PageBreak()]
    story += _agenda(items, titles, exemptions, audience)
    council = ws.setting("council", "")
    total = len(items) + len(options.extra_sections)
    for done, item in enumerate(items, start=1):
        progress.step(done, total + 1, f"Preparing item {item.item_number}…")
        papers: list[Any] = []
        exemption = exemptions.get(item.id)
        if exemption is not None and audience is Audience.PUBLIC:
            papers = []
        elif item.id in reports:
            report, route = reports[item.id]
            papers = briefing_note_story(
                report, route, council, outline=1, key=f"item{item.id}-report"
            ) + appendices_story(
                report_appendices(report, folder), attachments, f"item{item.id}", outline=1
            )
        elif item.title.strip().casefold() == LAST_MINUTES and (
            before := previous_meeting(ws, meeting)
        ):
            record = meeting_minutes(ws, before.id)
            papers = minutes_story(
                record, outline=1, key=f"item{item.id}-minutes", audience=audience
            )
            if not record.approved:  # marked DRAFT on every page of them, as on their own
                papers = drafted(papers)
        # An item with papers starts a new page; items without follow on (after the papers before
        # them too), so no item costs a page holding only its heading and "No papers".
        story.append(PageBreak() if papers else CondPageBreak(80))
        item_story = [
            heading(
                esc(f"Item {item.item_number}: {item.title}"),
                s.heading1,
                outline=0,
                contents=0,
                key=f"item{item.id}",
            )
        ]
        if exemption is not None and audience is Audience.PUBLIC:
            item_story.append(Paragraph(esc(exemption.public_notice), s.body))
        else:
            item_story += papers or [Paragraph("No papers for this item.", s.body)]
        story += marked(exemption.mark, item_story) if exemption and papers else item_story
    for done, (title, make) in enumerate(options.extra_sections, start=len(items) + 1):
        progress.step(done, total + 1, f"Preparing {title.lower()}…")
        story += [
            PageBreak(),
            heading(esc(title), s.heading1, outline=0, contents=0, key=f"extra{done}"),
        ]
        story += make(ws, meeting_id)
    return f"{meeting.committee}: briefing pack for {format_date(meeting.date)}", story, False


def export_pack(
    ws: Workspace,
    meeting_id: int,
    target: Path,
    progress: Progress = NO_PROGRESS,
    options: PackOptions = PackOptions(),
) -> int:
    """Write the pack to `target` as PDF or Word (by its extension); returns the PDF's pages."""
    attachments = Attachments()
    title, story, draft = pack_story(ws, meeting_id, options, progress, attachments)
    return write_document(
        target,
        story,
        title=title,
        subject="Briefing pack",
        author=ws.setting("council", ""),
        cover=True,
        draft=draft,
        progress=progress,
        invariant=options.invariant,
        finish=attachments.finish,
        show_outline=True,
    )
