"""The minutes of a meeting as a PDF: present and apologies, declarations, then each item with its
minute number, narrative, the questions-and-comments bullets and the resolutions numbered exactly as
the editor shows them. Marked DRAFT on every page until the minutes are approved.

Minutes are for the public unless asked otherwise (what is published is the safe default): an exempt
item (Schedule 12A) prints its heading and the exemption only. Members' minutes print it in full,
with "NOT FOR PUBLICATION" and the paragraph on every page it is on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.exempt import Audience
from ocplan_desktop.reports.document import heading
from ocplan_desktop.reports.marks import MarkEnd, MarkStart
from ocplan_desktop.reports.publish import write_document
from ocplan_desktop.reports.styles import resolution_style, styles
from ocplan_desktop.reports.text import escape_text as esc
from ocplan_desktop.services.minutes_data import MeetingMinutes, meeting_minutes
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store.workspace import Workspace


def minutes_title(record: MeetingMinutes) -> str:
    return f"{record.meeting.committee}: minutes of {format_date(record.meeting.date)}"


def minutes_story(
    record: MeetingMinutes,
    *,
    outline: int = 0,
    key: str = "minutes",
    audience: Audience = Audience.PUBLIC,
) -> list[Any]:
    from reportlab.platypus import Paragraph

    s = styles()
    meeting = record.meeting
    when = format_date(meeting.date) + (f" at {meeting.start_time}" if meeting.start_time else "")
    story: list[Any] = [
        heading(
            esc(f"{meeting.committee}"),
            s.title,
            outline=outline,
            contents=outline,
            key=key,
            label=f"Minutes: {meeting.committee}, {format_date(meeting.date)}",
        ),
        Paragraph(
            esc(
                f"Minutes of the meeting held on {when}"
                + (f", {meeting.venue}" if meeting.venue else "")
            ),
            s.subtitle,
        ),
    ]
    if not record.approved:
        story.append(Paragraph("DRAFT: these minutes have not yet been approved.", s.body_bold))
    elif record.approved_note:
        story.append(Paragraph(esc(record.approved_note), s.small))
    for label, names in (
        ("Present:", record.present),
        ("In attendance:", record.in_attendance),
        ("Apologies:", record.apologies),
    ):
        if names or label != "In attendance:":
            story += [Paragraph(label, s.label), Paragraph(esc(", ".join(names)) or "None", s.body)]
    story.append(Paragraph("Declarations of interest:", s.label))
    if record.declarations:
        story += [
            Paragraph(
                esc(
                    f"{item.person} ({item.item_title}): {item.interest_text}"
                    + (f" – {item.description}" if item.description else "")
                ),
                s.bullet,
                bulletText="•",
            )
            for item in record.declarations
        ]
    else:
        story.append(Paragraph("None.", s.body))
    for item, minutes in record.items:
        number = f"{item.minute_number}  " if item.minute_number else f"{item.item_number}.  "
        title = minutes.heading if minutes and minutes.heading else item.title
        exemption = record.exemptions.get(item.id)
        marking = exemption is not None and audience is Audience.MEMBERS
        if exemption is not None and marking:
            story.append(MarkStart(exemption.mark))
        story.append(
            heading(
                esc(number + title), s.heading2, outline=outline + 1, key=f"{key}-item{item.id}"
            )
        )
        if exemption is not None and audience is Audience.PUBLIC:
            story.append(Paragraph(esc(exemption.public_notice), s.body))
            continue
        if minutes is None:
            if marking:
                story.append(MarkEnd())
            continue
        if minutes.report_of:
            story.append(Paragraph(esc(minutes.report_of), s.body_bold))
        story += [Paragraph(esc(text), s.body) for text in minutes.paragraphs]
        story += [Paragraph(esc(text), s.bullet, bulletText="•") for text in minutes.bullets]
        if minutes.resolutions:
            story.append(Paragraph("RESOLVED:", s.label))
            for depth, label, text in minutes.numbered_resolutions():
                story.append(Paragraph(esc(text), resolution_style(depth), bulletText=label))
        if marking:
            story.append(MarkEnd())
    return story


def export_minutes(
    ws: Workspace,
    meeting_id: int,
    target: Path,
    progress: Progress = NO_PROGRESS,
    *,
    invariant: bool = False,
    audience: Audience = Audience.PUBLIC,
) -> int:
    """Write the minutes as PDF or Word (by `target`'s extension), for the public by default."""
    record = meeting_minutes(ws, meeting_id)
    title = minutes_title(record)
    return write_document(
        target,
        minutes_story(record, audience=audience),
        title=title,
        subject="Minutes",
        author=ws.setting("council", ""),
        draft=not record.approved,
        progress=progress,
        invariant=invariant,
    )
