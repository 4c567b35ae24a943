"""Who attended a meeting (present, apologies, absent, in attendance) and the interests members
declared on its items. Both are part of the minutes, so both lock when the minutes are approved."""

from __future__ import annotations

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.meetings import ATTENDANCE, INTERESTS, Attendee, Declaration
from ocplan_desktop.services import edits
from ocplan_desktop.services.change import MEETINGS, MINUTES, Change
from ocplan_desktop.services.meetings import check_unlocked
from ocplan_desktop.store import meetings as store
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace

MAX_DESCRIPTION = 2000


def attendees(ws: Workspace, meeting_id: int) -> list[Attendee]:
    return store.attendees(ws, meeting_id)


def apologies(ws: Workspace, meeting_id: int) -> list[str]:
    return [item.name for item in store.attendees(ws, meeting_id) if item.status == "apologies"]


def _attendance_change(
    ws: Workspace, meeting_id: int, person_id: int, status: str | None
) -> Change:
    with ws.atomic():
        old = store.attendance_status(ws, meeting_id, person_id)
        if status is None:
            store.clear_attendance(ws, meeting_id, person_id)
        else:
            store.set_attendance(ws, meeting_id, person_id, status)
    return Change.of(
        MEETINGS,
        ids={meeting_id},
        undo=lambda w: _attendance_change(w, meeting_id, person_id, old),
    )


def set_attendance(ws: Workspace, meeting_id: int, person_id: int, status: str | None) -> Change:
    """Record a person as present, sending apologies, absent or in attendance (None: not recorded)."""
    check_unlocked(ws, meeting_id)
    records.get(ws, "people", person_id)
    if status is not None and status not in ATTENDANCE:
        raise ValidationError(f"'{status}' is not an attendance status", field="attendance")
    return _attendance_change(ws, meeting_id, person_id, status)


def declarations(ws: Workspace, meeting_id: int) -> list[Declaration]:
    return store.declarations(ws, meeting_id)


def declare_interest(
    ws: Workspace, item_id: int, person_id: int, interest: str, description: str = ""
) -> Change:
    """A member's declaration of interest in one agenda item."""
    check_unlocked(ws, store.item_meeting_id(ws, item_id))
    records.get(ws, "people", person_id)
    if interest not in dict(INTERESTS):
        raise ValidationError(f"'{interest}' is not a kind of interest", field="interest")
    cleaned = " ".join(description.split())
    if len(cleaned) > MAX_DESCRIPTION:
        raise ValidationError(f"at most {MAX_DESCRIPTION:,} characters", field="description")
    return edits.inserted(
        ws,
        "declarations",
        {
            "agenda_item_id": item_id,
            "person_id": person_id,
            "interest": interest,
            "description": cleaned,
        },
        MEETINGS,
        MINUTES,
    )


def withdraw_declaration(ws: Workspace, declaration_id: int) -> Change:
    row = records.get(ws, "declarations", declaration_id)
    check_unlocked(ws, store.item_meeting_id(ws, row["agenda_item_id"]))
    return edits.deleted(ws, "declarations", declaration_id, MEETINGS, MINUTES)
