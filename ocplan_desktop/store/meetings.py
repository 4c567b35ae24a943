"""Meetings, their agenda items, attendance and declarations of interest."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.meetings import (
    AgendaItem,
    Attendee,
    Declaration,
    Meeting,
    MeetingDetails,
)
from ocplan_desktop.store import records
from ocplan_desktop.store.rowtypes import build
from ocplan_desktop.store.workspace import Workspace

_MEETING_SELECT = """
SELECT meetings.id, meetings.committee_id, committees.name AS committee, meetings.date,
       meetings.start_time, meetings.venue, meetings.status, meetings.minutes_status,
       (SELECT count(*) FROM agenda_items WHERE agenda_items.meeting_id = meetings.id) AS item_count,
       committees.short_name AS committee_short, meetings.end_time, meetings.web_link
FROM meetings JOIN committees ON committees.id = meetings.committee_id
"""

_MEETING_FIELDS = tuple(field.name for field in dataclasses.fields(Meeting))


def add_meeting(
    ws: Workspace,
    committee_id: int,
    date: str,
    *,
    start_time: str = "",
    venue: str = "",
    status: str = "scheduled",
) -> int:
    return records.insert(
        ws,
        "meetings",
        {
            "committee_id": committee_id,
            "date": date,
            "start_time": start_time,
            "venue": venue,
            "status": status,
        },
    )


def list_meetings(ws: Workspace, committee_id: int | None = None) -> list[Meeting]:
    if committee_id is None:
        rows = ws.query(_MEETING_SELECT + " ORDER BY meetings.date, committees.name")
    else:
        rows = ws.query(
            _MEETING_SELECT + " WHERE meetings.committee_id = ? ORDER BY meetings.date",
            (committee_id,),
        )
    return [build(Meeting, row) for row in rows]


def get_meeting(ws: Workspace, meeting_id: int) -> Meeting:
    rows = ws.query(_MEETING_SELECT + " WHERE meetings.id = ?", (meeting_id,))
    if not rows:
        records.get(ws, "meetings", meeting_id)  # raises NotFoundError with the usual message
    return Meeting(**rows[0])


def add_agenda_item(
    ws: Workspace,
    meeting_id: int,
    title: str,
    *,
    is_standing: bool = False,
    minute_number: str = "",
    report_id: int | None = None,
    outcome: str = "",
) -> int:
    position = int(
        ws.scalar(
            "SELECT coalesce(max(position) + 1, 0) FROM agenda_items WHERE meeting_id = ?",
            (meeting_id,),
        )
    )
    return records.insert(
        ws,
        "agenda_items",
        {
            "meeting_id": meeting_id,
            "position": position,
            "title": title,
            "is_standing": int(is_standing),
            "minute_number": minute_number,
            "report_id": report_id,
            "outcome": outcome,
        },
    )


def _agenda_item(row: dict[str, Any]) -> AgendaItem:
    return AgendaItem(
        id=row["id"],
        meeting_id=row["meeting_id"],
        position=row["position"],
        title=row["title"],
        is_standing=bool(row["is_standing"]),
        minute_number=row["minute_number"],
        report_id=row["report_id"],
        outcome=row["outcome"],
    )


def agenda(ws: Workspace, meeting_id: int) -> list[AgendaItem]:
    rows = ws.query(
        "SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY position, id", (meeting_id,)
    )
    return [_agenda_item(row) for row in rows]


def set_attendance(ws: Workspace, meeting_id: int, person_id: int, status: str) -> None:
    with ws.atomic() as db:
        db.execute(
            "INSERT INTO attendance (meeting_id, person_id, status) VALUES (?, ?, ?) "
            "ON CONFLICT (meeting_id, person_id) DO UPDATE SET status = excluded.status",
            (meeting_id, person_id, status),
        )
        records.audit(
            ws,
            "update",
            "attendance",
            None,
            None,
            {"meeting_id": meeting_id, "person_id": person_id, "status": status},
        )


def attendance(ws: Workspace, meeting_id: int) -> list[tuple[str, str]]:
    """(display name, status) for everyone recorded at the meeting."""
    rows = ws.query(
        "SELECT trim(people.honorific || ' ' || people.name) AS name, attendance.status "
        "FROM attendance JOIN people ON people.id = attendance.person_id "
        "WHERE attendance.meeting_id = ? ORDER BY attendance.status, people.name",
        (meeting_id,),
    )
    return [(row["name"], row["status"]) for row in rows]


def update_agenda_item(ws: Workspace, item_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    return records.update(ws, "agenda_items", item_id, changes)


def update_meeting(ws: Workspace, meeting_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    return records.update(ws, "meetings", meeting_id, changes)


def meeting_details(ws: Workspace, meeting_id: int) -> MeetingDetails:
    meeting = get_meeting(ws, meeting_id)
    row = ws.query(
        "SELECT meetings.notes, meetings.minutes_approved_meeting_id, meetings.minutes_approved_on, "
        "committees.year_starts_month, approving_committee.name AS approving_committee, "
        "approving.date AS approving_date FROM meetings "
        "JOIN committees ON committees.id = meetings.committee_id "
        "LEFT JOIN meetings AS approving ON approving.id = meetings.minutes_approved_meeting_id "
        "LEFT JOIN committees AS approving_committee "
        "ON approving_committee.id = approving.committee_id WHERE meetings.id = ?",
        (meeting_id,),
    )[0]
    approved_at = ""
    if row["approving_committee"]:
        approved_at = f"{row['approving_committee']}, {format_date(row['approving_date'])}"
    return MeetingDetails(
        meeting=meeting,
        notes=row["notes"],
        year_starts_month=row["year_starts_month"],
        approved_at_meeting_id=row["minutes_approved_meeting_id"],
        approved_at=approved_at,
        approved_on=row["minutes_approved_on"],
    )


def meetings_between(
    ws: Workspace, first: str | None, last: str | None, committee_id: int | None = None
) -> list[Meeting]:
    """Meetings dated from `first` to `last` (ISO, either end open), of one committee or all."""
    cursor = ws.db.execute(
        _MEETING_SELECT
        + " WHERE (? IS NULL OR meetings.date >= ?) AND (? IS NULL OR meetings.date <= ?)"
        " AND (? IS NULL OR meetings.committee_id = ?) ORDER BY meetings.date, meetings.start_time,"
        " committees.name",
        (first, first, last, last, committee_id, committee_id),
    )
    # Ten years are 3,600 meetings: each row goes straight into its Meeting, with no dict between
    # (the select's columns are the Meeting's fields, in order, as checked here).
    if tuple(column[0] for column in cursor.description) != _MEETING_FIELDS:
        raise RuntimeError("the meeting select and the Meeting fields differ")
    return [Meeting(*row) for row in cursor]


def item_meeting_id(ws: Workspace, item_id: int) -> int:
    return int(records.get(ws, "agenda_items", item_id)["meeting_id"])


def attendees(ws: Workspace, meeting_id: int) -> list[Attendee]:
    """The committee's members and anyone else recorded at the meeting, with their status."""
    rows = ws.query(
        "SELECT people.id AS person_id, trim(people.honorific || ' ' || people.name) AS name, "
        "coalesce(committee_members.role, '') AS role, coalesce(attendance.status, '') AS status "
        "FROM meetings JOIN people ON people.id IN ("
        "  SELECT person_id FROM committee_members WHERE committee_id = meetings.committee_id"
        "  UNION SELECT person_id FROM attendance WHERE meeting_id = meetings.id) "
        "LEFT JOIN committee_members ON committee_members.committee_id = meetings.committee_id "
        "  AND committee_members.person_id = people.id "
        "LEFT JOIN attendance ON attendance.meeting_id = meetings.id "
        "  AND attendance.person_id = people.id "
        "WHERE meetings.id = ? "
        "ORDER BY committee_members.role IS NULL, committee_members.role <> 'chair', people.name",
        (meeting_id,),
    )
    return [build(Attendee, row) for row in rows]


def attendance_status(ws: Workspace, meeting_id: int, person_id: int) -> str | None:
    value = ws.scalar(
        "SELECT status FROM attendance WHERE meeting_id = ? AND person_id = ?",
        (meeting_id, person_id),
    )
    return None if value is None else str(value)


def clear_attendance(ws: Workspace, meeting_id: int, person_id: int) -> None:
    with ws.atomic() as db:
        before = attendance_status(ws, meeting_id, person_id)
        db.execute(
            "DELETE FROM attendance WHERE meeting_id = ? AND person_id = ?", (meeting_id, person_id)
        )
        records.audit(
            ws,
            "delete",
            "attendance",
            None,
            {"meeting_id": meeting_id, "person_id": person_id, "status": before},
            None,
        )


def declarations(ws: Workspace, meeting_id: int) -> list[Declaration]:
    rows = ws.query(
        "SELECT declarations.id, declarations.agenda_item_id, agenda_items.position + 1 AS item_number,"
        " agenda_items.title AS item_title, declarations.person_id,"
        " trim(people.honorific || ' ' || people.name) AS person, declarations.interest,"
        " declarations.description FROM declarations"
        " JOIN agenda_items ON agenda_items.id = declarations.agenda_item_id"
        " JOIN people ON people.id = declarations.person_id"
        " WHERE agenda_items.meeting_id = ? ORDER BY agenda_items.position, people.name",
        (meeting_id,),
    )
    return [build(Declaration, row) for row in rows]


def minutes_exist(ws: Workspace, meeting_id: int) -> bool:
    return bool(
        ws.scalar(
            "SELECT count(*) FROM minutes JOIN agenda_items ON agenda_items.id = minutes.agenda_item_id"
            " WHERE agenda_items.meeting_id = ?",
            (meeting_id,),
        )
    )


def references_to_meeting(ws: Workspace, meeting_id: int) -> int:
    """Records elsewhere that name the meeting (recommendations, approvals of other minutes)."""
    return int(
        ws.scalar(
            "SELECT (SELECT count(*) FROM recommendations WHERE from_meeting_id = ?"
            " OR response_meeting_id = ?)"
            " + (SELECT count(*) FROM meetings WHERE minutes_approved_meeting_id = ?)",
            (meeting_id, meeting_id, meeting_id),
        )
    )


def any_minutes_approved(ws: Workspace, meeting_ids: Iterable[int]) -> bool:
    """Whether the minutes of any of these meetings are approved (locked)."""
    ids = sorted(set(meeting_ids))
    if not ids:
        return False
    marks = ", ".join("?" for _ in ids)
    return bool(
        ws.scalar(
            f"SELECT EXISTS (SELECT 1 FROM meetings WHERE id IN ({marks}) "
            "AND minutes_status = 'approved')",
            tuple(ids),
        )
    )
