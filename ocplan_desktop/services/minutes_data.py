"""A meeting's minutes as one value: what the minutes PDF prints (and the pack includes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ocplan_desktop.domain.exempt import Exemption
from ocplan_desktop.domain.meetings import AgendaItem, Declaration, Meeting
from ocplan_desktop.domain.minutes import Minutes
from ocplan_desktop.store import exempt as exempt_store
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store import minutes as minutes_store
from ocplan_desktop.store.workspace import Workspace


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
    end_time: str = ""  # when the meeting closed, printed above the Chair's signature
    # Minute numbers of items not numbered yet (a meeting not yet held), by agenda item id.
    provisional_numbers: dict[int, str] = field(default_factory=dict)

    def minute_number(self, item: AgendaItem) -> str:
        return item.minute_number or self.provisional_numbers.get(item.id, "")

    # {agenda item id: exemption} for the items that are exempt (Schedule 12A)
    exemptions: dict[int, Exemption] = field(default_factory=dict)


def meeting_minutes(ws: Workspace, meeting_id: int) -> MeetingMinutes:
    details = meeting_store.meeting_details(ws, meeting_id)
    attendance = meeting_store.attendance(ws, meeting_id)
    items = tuple(meeting_store.agenda(ws, meeting_id))
    note = ""
    if details.locked:
        note = "Approved as a correct record" + (
            f" at {details.approved_at}." if details.approved_at else "."
        )
    return MeetingMinutes(
        meeting=details.meeting,
        present=tuple(name for name, status in attendance if status == "present"),
        apologies=tuple(name for name, status in attendance if status == "apologies"),
        in_attendance=tuple(name for name, status in attendance if status == "in attendance"),
        declarations=tuple(meeting_store.declarations(ws, meeting_id)),
        items=tuple((item, minutes_store.load_minutes(ws, item.id)) for item in items),
        approved=details.locked,
        approved_note=note,
        end_time=details.meeting.end_time,
        provisional_numbers=_provisional(ws, meeting_id, items),
        exemptions=exempt_store.meeting_exemptions(ws, meeting_id),
    )


def _provisional(ws: Workspace, meeting_id: int, items: tuple[AgendaItem, ...]) -> dict[int, str]:
    if not items or all(item.minute_number for item in items):
        return {}
    from ocplan_desktop.services.meetings import provisional_minute_numbers

    return provisional_minute_numbers(ws, meeting_id)


LAST_MINUTES = "minutes of the last meeting"


def previous_meeting(ws: Workspace, meeting: Meeting) -> Meeting | None:
    """The committee's meeting before this one (not a cancelled one): whose minutes it approves."""
    earlier = [
        item
        for item in meeting_store.list_meetings(ws, meeting.committee_id)
        if item.date < meeting.date and item.status != "cancelled"
    ]
    return earlier[-1] if earlier else None
