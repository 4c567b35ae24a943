"""The meetings calendar as data: one entry per meeting, with the rules for its times and its
identity, independent of the file format (`reports/calendar_ics.py` writes iCalendar)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ocplan_desktop.domain.dates import format_date

TIME_ZONE = "Europe/London"
# A meeting with a start time and no end time is shown as two hours long.
DEFAULT_LENGTH = dt.timedelta(hours=2)


@dataclass(frozen=True)
class CalendarEntry:
    meeting_id: int
    uuid: str  # the meeting's identity, the same on every officer's copy (team sync)
    committee_id: int
    committee: str
    date: str  # ISO
    start_time: str = ""  # HH:MM, "" when not set
    end_time: str = ""
    venue: str = ""
    status: str = "scheduled"
    web_link: str = ""
    agenda: tuple[str, ...] = ()
    revisions: int = 0  # audited changes to the meeting since it was made
    changed_at: str = ""  # ISO UTC of the last change

    @property
    def cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def summary(self) -> str:
        return f"Cancelled: {self.committee}" if self.cancelled else self.committee

    @property
    def uid(self) -> str:
        """The same for this meeting in every export, from this workspace or a teammate's synced
        copy of it, so a calendar that imports the file again updates the event instead of adding
        a second one."""
        return f"meeting-{self.uuid}@ocplan"

    def times(self) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
        """(start, end): London times when the meeting has a start time, else the whole day."""
        day = dt.date.fromisoformat(self.date)
        if not self.start_time:
            return day, day + dt.timedelta(days=1)
        zone = ZoneInfo(TIME_ZONE)
        start = dt.datetime.combine(day, dt.time.fromisoformat(self.start_time), tzinfo=zone)
        if self.end_time:
            end = dt.datetime.combine(day, dt.time.fromisoformat(self.end_time), tzinfo=zone)
            if end > start:
                return start, end
        return start, start + DEFAULT_LENGTH

    @property
    def link(self) -> str:
        link = self.web_link.strip()
        if link and "://" not in link:
            link = "https://" + link
        return link

    def description(self) -> str:
        lines = [
            f"{self.committee}, {format_date(self.date)}"
            + (f" at {self.start_time}" if self.start_time else "")
            + (" (cancelled)" if self.cancelled else "")
            + "."
        ]
        if self.venue:
            lines.append(f"Venue: {self.venue}.")
        if self.agenda:
            lines.append("Agenda:")
            lines += [f"{number}. {title}" for number, title in enumerate(self.agenda, start=1)]
        if self.link:
            lines.append(self.link)
        return "\n".join(lines)
