"""The meetings calendar as an iCalendar file (.ics) for Outlook, Google Calendar or a council's
website: one event per meeting, named the same in every export (a calendar that imports the file
again updates its events instead of doubling them), at Europe/London times with the time zone
written into the file, with the venue, the committee, the agenda, a link where the workspace knows
one, and a cancelled meeting as a cancelled event.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.calendar import CalendarEntry
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.services.files import write_atomically
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store import calendar as store
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace

PRODUCT = "-//ocplan desktop//Meetings calendar//EN"


def _event(entry: CalendarEntry, stamp: dt.datetime) -> Any:
    import icalendar

    event = icalendar.Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    start, end = entry.times()
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", entry.summary)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    event.add("sequence", entry.revisions)
    if entry.changed_at:
        event.add("last-modified", dt.datetime.fromisoformat(entry.changed_at))
    if entry.venue:
        event.add("location", entry.venue)
    event.add("categories", [entry.committee])
    event.add("description", entry.description())
    if entry.link:
        event.add("url", entry.link)
    event.add("transp", "TRANSPARENT" if entry.cancelled else "OPAQUE")
    return event


def calendar_bytes(
    ws: Workspace,
    committee_id: int | None = None,
    *,
    now: dt.datetime | None = None,
    progress: Progress = NO_PROGRESS,
) -> tuple[bytes, int]:
    """The calendar file's content and how many meetings it holds."""
    import icalendar

    if committee_id is not None:
        committee = records.get(ws, "committees", committee_id)
        title = f"{committee['name']} meetings"
    else:
        title = "Committee meetings"
    entries = store.calendar_entries(ws, committee_id)
    council = ws.setting("council", "")
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{council}: {title}" if council else title)
    calendar.add("x-wr-timezone", "Europe/London")
    for number, entry in enumerate(entries, start=1):
        if number % 200 == 0:
            progress.step(number, len(entries), "Writing the calendar…")
        calendar.add_component(_event(entry, stamp))
    if entries:
        first = dt.date.fromisoformat(entries[0].date) - dt.timedelta(days=366)
        last = dt.date.fromisoformat(entries[-1].date) + dt.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical(), len(entries)


def export_calendar(
    ws: Workspace,
    target: Path,
    committee_id: int | None = None,
    progress: Progress = NO_PROGRESS,
) -> int:
    """Write the calendar to `target` (.ics) atomically; returns the number of meetings in it."""
    if Path(target).suffix.lower() != ".ics":
        raise ValidationError(f"{Path(target).name}: the calendar file must end in .ics")
    content, count = calendar_bytes(ws, committee_id, progress=progress)

    def write(temporary: Path) -> None:
        temporary.write_bytes(content)

    write_atomically(Path(target), write)
    return count
