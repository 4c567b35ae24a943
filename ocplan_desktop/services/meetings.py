"""Meetings and their agendas: the calendar, creating a meeting from its committee's template,
agenda items in order, and minute numbers that run on across the municipal year.

Every edit returns a `Change` with its undo. Once a meeting's minutes are approved its agenda and
attendance are part of the record and are locked (`LockedError`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ocplan_desktop.domain.dates import format_date, iso_date
from ocplan_desktop.domain.errors import LockedError, NotFoundError, ValidationError
from ocplan_desktop.domain.meetings import (
    AgendaItem,
    Meeting,
    MeetingDetails,
    MeetingStatus,
    check_time,
    minute_numbers,
    minute_sequence,
    municipal_year_span,
)
from ocplan_desktop.domain.reports import ReportSummary
from ocplan_desktop.services import edits, ordered
from ocplan_desktop.services.change import AGENDA, MEETINGS, MINUTES, Change
from ocplan_desktop.store import committees as committee_store
from ocplan_desktop.store import meetings as store
from ocplan_desktop.store import records
from ocplan_desktop.store import reports as report_store
from ocplan_desktop.store.workspace import Workspace

MAX_TITLE = 500
MAX_VENUE = 200
MAX_LINK = 500
WHEN = ("all", "upcoming", "past")
_ITEM_GROUP = ("meeting_id",)


def list_meetings(ws: Workspace, committee_id: int | None = None) -> list[Meeting]:
    return store.list_meetings(ws, committee_id)


def calendar(
    ws: Workspace,
    *,
    committee_id: int | None = None,
    when: str = "all",
    today: dt.date | None = None,
    month: tuple[int, int] | None = None,
) -> list[Meeting]:
    """Meetings for the calendar: of one committee or all; upcoming (today on), past, or all;
    within one (year, month) when given."""
    if when not in WHEN:
        raise ValueError(when)
    today = today or dt.date.today()
    first = last = None
    if month is not None:
        year, number = month
        first = dt.date(year, number, 1).isoformat()
        following = dt.date(year + number // 12, number % 12 + 1, 1)
        last = (following - dt.timedelta(days=1)).isoformat()
    meetings = store.meetings_between(ws, first, last, committee_id)
    if when == "upcoming":
        return [meeting for meeting in meetings if meeting.is_upcoming(today)]
    if when == "past":
        return [meeting for meeting in meetings if not meeting.is_upcoming(today)]
    return meetings


def details(ws: Workspace, meeting_id: int) -> MeetingDetails:
    return store.meeting_details(ws, meeting_id)


def agenda(ws: Workspace, meeting_id: int) -> list[AgendaItem]:
    return store.agenda(ws, meeting_id)


def list_reports(ws: Workspace) -> list[ReportSummary]:
    return report_store.list_reports(ws)


def report_titles(ws: Workspace) -> dict[int, str]:
    return report_store.report_titles(ws)


def check_unlocked(ws: Workspace, meeting_id: int) -> MeetingDetails:
    """The meeting, if its minutes are still a draft; `LockedError` once they are approved."""
    meeting = store.meeting_details(ws, meeting_id)
    if meeting.locked:
        where = f" at {meeting.approved_at}" if meeting.approved_at else ""
        raise LockedError(
            f"The minutes of {meeting.meeting.title} were approved{where} and are locked. "
            "Correct them with Minutes ▸ Correct approved minutes…, which keeps a revision."
        )
    return meeting


# meetings --------------------------------------------------------------------------------------


def _title(text: str, what: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValidationError(f"a {what} needs a title", field="title")
    if len(cleaned) > MAX_TITLE:
        raise ValidationError(
            f"{len(cleaned):,} characters is too long (at most {MAX_TITLE})", field="title"
        )
    return cleaned


def _meeting_fields(
    date: str,
    start_time: str,
    venue: str,
    status: str,
    end_time: str | None = None,
    web_link: str | None = None,
) -> dict[str, Any]:
    """The meeting's columns, checked; an end time or web page of None is left as it is."""
    day = iso_date(date, field="date")
    if day is None:
        raise ValidationError("a meeting needs a date", field="date")
    if status not in {item.value for item in MeetingStatus}:
        raise ValidationError(f"'{status}' is not a meeting status", field="status")
    cleaned_venue = " ".join(venue.split())
    if len(cleaned_venue) > MAX_VENUE:
        raise ValidationError(f"at most {MAX_VENUE} characters", field="venue")
    fields = {
        "date": day,
        "start_time": check_time(start_time),
        "venue": cleaned_venue,
        "status": status,
    }
    if end_time is not None:
        fields["end_time"] = check_time(end_time)
        if fields["end_time"] and fields["end_time"] <= fields["start_time"]:
            raise ValidationError("the meeting must end after it starts", field="end time")
    if web_link is not None:
        link = web_link.strip()
        if len(link) > MAX_LINK or any(character.isspace() for character in link):
            raise ValidationError("is one web address, with no spaces", field="web page")
        fields["web_link"] = link
    return fields


def create_meeting(
    ws: Workspace,
    committee_id: int,
    date: str,
    *,
    start_time: str = "",
    venue: str = "",
    status: str = "scheduled",
    end_time: str | None = None,
    web_link: str | None = None,
) -> Change:
    """A new meeting with the committee's standing items (apologies, declarations, minutes of the
    last meeting, matters arising) already on its agenda."""
    fields = _meeting_fields(date, start_time, venue, status, end_time, web_link)
    records.get(ws, "committees", committee_id)
    with ws.atomic():
        created = edits.inserted(ws, "meetings", {"committee_id": committee_id, **fields}, MEETINGS)
        meeting_id = next(iter(created.ids))
        for position, title in enumerate(committee_store.standing_items(ws, committee_id)):
            records.insert(
                ws,
                "agenda_items",
                {"meeting_id": meeting_id, "position": position, "title": title, "is_standing": 1},
            )
        numbered = number_minutes_changes(ws, meeting_id) if status == "held" else []
    change = edits.combined([created, *numbered])
    return Change(change.kinds | {AGENDA}, frozenset({meeting_id}), change.undo)


def update_meeting(
    ws: Workspace,
    meeting_id: int,
    *,
    date: str,
    start_time: str = "",
    venue: str = "",
    status: str = "scheduled",
    notes: str | None = None,
    end_time: str | None = None,
    web_link: str | None = None,
) -> Change:
    """Change a meeting's date, time, venue or status; marking it held gives its items minute numbers."""
    check_unlocked(ws, meeting_id)
    fields = _meeting_fields(date, start_time, venue, status, end_time, web_link)
    if notes is not None:
        fields["notes"] = notes.strip()
    with ws.atomic():
        changes = [edits.updated(ws, "meetings", meeting_id, fields, MEETINGS)]
        if status == "held":
            changes += number_minutes_changes(ws, meeting_id)
    return edits.combined(changes)


def delete_meeting(ws: Workspace, meeting_id: int) -> Change:
    """Delete a meeting that nothing else depends on (no minutes, not named by another record)."""
    meeting = check_unlocked(ws, meeting_id)
    if store.minutes_exist(ws, meeting_id):
        raise ValidationError(
            f"{meeting.meeting.title} has minutes: delete them item by item first, "
            "or mark the meeting cancelled"
        )
    if store.references_to_meeting(ws, meeting_id):
        raise ValidationError(
            f"{meeting.meeting.title} is named by recommendations or approvals: mark it cancelled "
            "instead"
        )
    return edits.deleted(ws, "meetings", meeting_id, MEETINGS, AGENDA)


# agenda items ----------------------------------------------------------------------------------


def add_item(
    ws: Workspace,
    meeting_id: int,
    title: str,
    *,
    report_id: int | None = None,
    at: int | None = None,
) -> Change:
    """Add an agenda item (at the end, or at index `at`); item and minute numbers follow."""
    check_unlocked(ws, meeting_id)
    values: dict[str, Any] = {"title": _title(title, "agenda item"), "is_standing": 0}
    if report_id is not None:
        records.get(ws, "reports", report_id)
        values["report_id"] = report_id
    with ws.atomic():
        start = _first_number(ws, meeting_id)
        added = ordered.add(
            ws, "agenda_items", {"meeting_id": meeting_id}, values, (AGENDA,), at=at
        )
        numbered = _renumber(ws, meeting_id, start)
    change = edits.combined([added, *numbered])
    return Change(change.kinds | {AGENDA}, added.ids, change.undo)


def rename_item(ws: Workspace, item_id: int, title: str) -> Change:
    check_unlocked(ws, store.item_meeting_id(ws, item_id))
    return edits.updated(
        ws, "agenda_items", item_id, {"title": _title(title, "agenda item")}, AGENDA
    )


def set_item_report(ws: Workspace, item_id: int, report_id: int | None) -> Change:
    """The report an item considers; the same report on several meetings' items is its route."""
    check_unlocked(ws, store.item_meeting_id(ws, item_id))
    if report_id is not None:
        records.get(ws, "reports", report_id)
    return edits.updated(ws, "agenda_items", item_id, {"report_id": report_id}, AGENDA, MINUTES)


def set_item_outcome(ws: Workspace, item_id: int, outcome: str) -> Change:
    """What happened to the item's report at this step of its route ("Approved", "Deferred", …)."""
    cleaned = " ".join(outcome.split())
    if len(cleaned) > MAX_TITLE:
        raise ValidationError(f"at most {MAX_TITLE} characters", field="outcome")
    return edits.updated(ws, "agenda_items", item_id, {"outcome": cleaned}, AGENDA)


def move_item(ws: Workspace, item_id: int, index: int) -> Change:
    """Drag an item to a new place on the agenda; item and minute numbers follow the order."""
    meeting_id = store.item_meeting_id(ws, item_id)
    check_unlocked(ws, meeting_id)
    with ws.atomic():
        start = _first_number(ws, meeting_id)
        moved = ordered.move_to(ws, "agenda_items", item_id, _ITEM_GROUP, index, AGENDA)
        numbered = _renumber(ws, meeting_id, start)
    change = edits.combined([moved, *numbered])
    return Change(change.kinds | {AGENDA}, frozenset({item_id}), change.undo)


def move_item_by(ws: Workspace, item_id: int, delta: int) -> Change:
    position = next(
        index
        for index, item in enumerate(store.agenda(ws, store.item_meeting_id(ws, item_id)))
        if item.id == item_id
    )
    return move_item(ws, item_id, max(0, position + delta))


def delete_item(ws: Workspace, item_id: int) -> Change:
    """Remove an item (with its minutes and declarations); the items after it close up."""
    meeting_id = store.item_meeting_id(ws, item_id)
    check_unlocked(ws, meeting_id)
    with ws.atomic():
        start = _first_number(ws, meeting_id)
        removed = ordered.remove(ws, "agenda_items", item_id, _ITEM_GROUP, AGENDA, MINUTES)
        numbered = _renumber(ws, meeting_id, start)
    return edits.combined([removed, *numbered])


# minute numbers --------------------------------------------------------------------------------


def _numbers(ws: Workspace, meeting_id: int) -> list[int]:
    return [
        number
        for item in store.agenda(ws, meeting_id)
        if (number := minute_sequence(item.minute_number)) is not None
    ]


def _first_number(ws: Workspace, meeting_id: int) -> tuple[int, int] | None:
    """The first and last minute numbers of the meeting's items, or None while they have none.

    Taken before an edit, so that the numbers can be laid out again from the same start after it.
    """
    numbers = _numbers(ws, meeting_id)
    return (min(numbers), max(numbers)) if numbers else None


def _year_meetings(ws: Workspace, meeting_id: int) -> tuple[MeetingDetails, list[Meeting]]:
    """The meeting and its committee's meetings in the same municipal year, in date order."""
    meeting = store.meeting_details(ws, meeting_id)
    day = dt.date.fromisoformat(meeting.meeting.date)
    first, last = municipal_year_span(day, meeting.year_starts_month)
    return meeting, store.meetings_between(ws, first, last, meeting.meeting.committee_id)


def next_first_number(ws: Workspace, meeting_id: int) -> int:
    """The first minute number a meeting's items take: one after the last number used by the
    committee's earlier meetings in the same municipal year, or 1 for the first."""
    _meeting, year = _year_meetings(ws, meeting_id)
    last = 0
    for other in year:
        if other.id == meeting_id:
            break
        last = max([last, *_numbers(ws, other.id)])
    return last + 1


def provisional_minute_numbers(ws: Workspace, meeting_id: int) -> dict[int, str]:
    """{item id: minute number} a meeting not yet numbered will take when it is held, so its
    draft minutes print `57/23`, not `1.` (nothing is written)."""
    meeting = store.meeting_details(ws, meeting_id)
    items = store.agenda(ws, meeting_id)
    numbers = minute_numbers(
        len(items),
        next_first_number(ws, meeting_id),
        dt.date.fromisoformat(meeting.meeting.date),
        meeting.year_starts_month,
    )
    return {item.id: number for item, number in zip(items, numbers, strict=True)}


def _apply_numbers(ws: Workspace, meeting_id: int, first: int) -> list[Change]:
    meeting = store.meeting_details(ws, meeting_id)
    items = store.agenda(ws, meeting_id)
    numbers = minute_numbers(
        len(items), first, dt.date.fromisoformat(meeting.meeting.date), meeting.year_starts_month
    )
    return [
        edits.updated(ws, "agenda_items", item.id, {"minute_number": number}, AGENDA)
        for item, number in zip(items, numbers, strict=True)
        if item.minute_number != number
    ]


def _renumber(ws: Workspace, meeting_id: int, before: tuple[int, int] | None) -> list[Change]:
    """Numbers follow the agenda order again after an edit. Later meetings of the committee's
    municipal year whose numbers ran on from this one's run on from its new last number; a gap
    an officer left (numbers set by hand) stops the run."""
    if before is None:
        return []
    first, old_last = before
    changes = _apply_numbers(ws, meeting_id, first)
    new_last = first + len(store.agenda(ws, meeting_id)) - 1
    _meeting, year = _year_meetings(ws, meeting_id)
    index = next(i for i, other in enumerate(year) if other.id == meeting_id)
    for other in year[index + 1 :]:
        numbers = _numbers(ws, other.id)
        if new_last == old_last or not numbers or min(numbers) != old_last + 1:
            break
        old_last = max(numbers)
        changes += _apply_numbers(ws, other.id, new_last + 1)
        new_last += len(store.agenda(ws, other.id))
    return changes


def number_minutes_changes(
    ws: Workspace, meeting_id: int, first: int | None = None
) -> list[Change]:
    before = _first_number(ws, meeting_id)
    if first is not None:
        return _renumber(ws, meeting_id, (first, before[1] if before else first - 1))
    if before is not None:
        return _renumber(ws, meeting_id, before)
    start = next_first_number(ws, meeting_id)
    return _renumber(ws, meeting_id, (start, start - 1))


def number_minutes(ws: Workspace, meeting_id: int, first: int | None = None) -> Change:
    """Give the meeting's items minute numbers in agenda order (`56/23`), starting at `first` or
    where the committee's municipal year has got to."""
    check_unlocked(ws, meeting_id)
    if first is not None and not 1 <= first <= 9999:
        raise ValidationError("the first minute number is between 1 and 9999", field="minute")
    if not store.agenda(ws, meeting_id):
        raise ValidationError("the meeting has no agenda items to number")
    changes = number_minutes_changes(ws, meeting_id, first)
    change = edits.combined(changes)
    return Change(change.kinds | {AGENDA}, frozenset({meeting_id}), change.undo)


def describe(ws: Workspace, meeting_id: int) -> str:
    try:
        meeting = store.get_meeting(ws, meeting_id)
    except NotFoundError:
        return f"meeting {meeting_id}"
    return f"{meeting.committee}, {format_date(meeting.date)}"
