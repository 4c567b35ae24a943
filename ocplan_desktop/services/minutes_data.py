"""A meeting's minutes as one value: what the minutes PDF prints (and the pack includes)."""

from __future__ import annotations

from dataclasses import dataclass

from ocplan_desktop.domain.meetings import AgendaItem, Meeting
from ocplan_desktop.domain.minutes import Minutes
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store import minutes as minutes_store
from ocplan_desktop.store.workspace import Workspace


@dataclass(frozen=True)
class Declaration:
    item: str
    person: str
    interest: str
    description: str


@dataclass(frozen=True)
class MeetingMinutes:
    meeting: Meeting
    present: tuple[str, ...]
    apologies: tuple[str, ...]
    in_attendance: tuple[str, ...]
    declarations: tuple[Declaration, ...]
    items: tuple[tuple[AgendaItem, Minutes | None], ...]
    approved: bool
    approved_note: str = ""


def meeting_minutes(ws: Workspace, meeting_id: int) -> MeetingMinutes:
    from ocplan_desktop.domain.dates import format_date

    meeting = meeting_store.get_meeting(ws, meeting_id)
    attendance = meeting_store.attendance(ws, meeting_id)
    approval = meeting_store.minutes_approval(ws, meeting_id)
    approved = approval.get("minutes_status") == "approved"
    note = ""
    if approved:
        when = format_date(
            approval.get("minutes_approved_on") or approval.get("approved_meeting_date")
        )
        by = approval.get("approved_by") or "the committee"
        note = (
            f"Approved as a correct record by {by} on {when}."
            if when
            else "Approved as a correct record."
        )
    return MeetingMinutes(
        meeting=meeting,
        present=tuple(name for name, status in attendance if status == "present"),
        apologies=tuple(name for name, status in attendance if status == "apologies"),
        in_attendance=tuple(name for name, status in attendance if status == "in attendance"),
        declarations=tuple(
            Declaration(row["item"], row["person"], row["interest"], row["description"])
            for row in meeting_store.declarations_for_meeting(ws, meeting_id)
        ),
        items=tuple(
            (item, minutes_store.load_minutes(ws, item.id))
            for item in meeting_store.agenda(ws, meeting_id)
        ),
        approved=approved,
        approved_note=note,
    )
