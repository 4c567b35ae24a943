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
from ocplan_desktop.domain.exempt import Audience, Exemption
from ocplan_desktop.domain.meetings import AgendaItem
from ocplan_desktop.domain.minutes import Minutes
from ocplan_desktop.reports.document import heading
from ocplan_desktop.reports.fonts import printing
from ocplan_desktop.reports.marks import marked
from ocplan_desktop.reports.publish import write_document
from ocplan_desktop.reports.styles import resolution_style, styles
from ocplan_desktop.reports.text import escape_text as esc
from ocplan_desktop.services.minutes_data import MeetingMinutes, meeting_minutes
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store.workspace import Workspace


def minutes_title(record: MeetingMinutes) -> str:
    return f"{record.meeting.committee}: minutes of {format_date(record.meeting.date)}"


def KeepTogether(flowables: list[Any]) -> Any:  # noqa: N802 - ReportLab's name
    from reportlab.platypus import KeepTogether as keep

    return keep(flowables)


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
        minute = record.minute_number(item)
        number = f"{minute}  " if minute else f"{item.item_number}.  "
        title = minutes.heading if minutes and minutes.heading else item.title
        story += _item(record, item, minutes, number, title, outline, key, audience)
    story += closing(record)
    return story


def _item(
    record: MeetingMinutes,
    item: AgendaItem,
    minutes: Minutes | None,
    number: str,
    title: str,
    outline: int,
    key: str,
    audience: Audience,
) -> list[Any]:
    """One item's minutes, named as the record they come from should they hold unprintable text.
    An exempt item is its heading and the exemption for the public, and marked on every page of it
    for members."""
    from reportlab.platypus import Paragraph

    s = styles()
    meeting = record.meeting
    where = f"Minutes of {meeting.committee}, {format_date(meeting.date)}, {number.strip()} {title}"
    exemption: Exemption | None = record.exemptions.get(item.id)
    story: list[Any] = []
    with printing(where):
        story.append(
            heading(
                esc(number + title), s.heading2, outline=outline + 1, key=f"{key}-item{item.id}"
            )
        )
        if exemption is not None and audience is Audience.PUBLIC:
            story.append(Paragraph(esc(exemption.public_notice), s.body))
            return story
        if minutes is not None:
            if minutes.report_of:
                story.append(Paragraph(esc(minutes.report_of), s.body_bold))
            story += [Paragraph(esc(text), s.body) for text in minutes.paragraphs]
            story += [Paragraph(esc(text), s.bullet, bulletText="•") for text in minutes.bullets]
            story += resolutions(minutes)
    return marked(exemption.mark, story) if exemption is not None else story


def resolved_line(minutes: Minutes) -> str | None:
    """A single resolution minuted in one sentence ("RESOLVED that the report be noted."), printed
    as one line the way the officer wrote it; None when the resolutions are a numbered list."""
    wording = " ".join(minutes.resolved_wording.split())
    (only, *rest) = minutes.resolutions
    if rest or only.children or not wording or wording.endswith((":", ":-", "-")):
        return None
    return f"{wording} {only.text}"


def resolutions(minutes: Minutes) -> list[Any]:
    """The resolutions under the words that introduce them, as minuted ("RESOLVED that:"), each
    numbered as the editor shows it."""
    from reportlab.platypus import Paragraph

    s = styles()
    if not minutes.resolutions:
        return []
    line = resolved_line(minutes)
    if line is not None:
        return [Paragraph(esc(line), s.body)]
    wording = " ".join(minutes.resolved_wording.split()) or "RESOLVED:"
    lead = Paragraph(esc(wording), s.label)
    first, *rest = [
        Paragraph(esc(text), resolution_style(depth), bulletText=label)
        for depth, label, text in minutes.numbered_resolutions()
    ]
    return [KeepTogether([lead, first]), *rest]


def closing(record: MeetingMinutes) -> list[Any]:
    """When the meeting closed, and the line the Chair signs the approved minutes on."""
    from reportlab.platypus import Paragraph, Spacer

    s = styles()
    closed = (
        f"(Meeting closed at {format_time(record.end_time)})"
        if record.end_time
        else "(Meeting closed at ............)"
    )
    return [
        KeepTogether(
            [
                Spacer(1, 10),
                Paragraph(esc(closed), s.body),
                Spacer(1, 24),
                Paragraph(
                    "Chair: ............................................................"
                    "&nbsp;&nbsp;&nbsp;&nbsp;Date: ............................",
                    s.body,
                ),
            ]
        )
    ]


def format_time(value: str) -> str:
    """`11:45` → `11.45 am`, `14:05` → `2.05 pm`: the way minutes give the closing time."""
    hours, _colon, minutes = value.partition(":")
    hour = int(hours)
    suffix = "am" if hour < 12 else "pm"
    return f"{(hour - 1) % 12 + 1}.{minutes} {suffix}"


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
