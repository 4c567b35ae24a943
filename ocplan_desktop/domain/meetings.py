"""Committees, people, meetings and agenda items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.errors import ValidationError


class MeetingStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


class CommitteeKind(StrEnum):
    SCRUTINY = "scrutiny"
    EXECUTIVE = "executive"
    COUNCIL = "council"
    COMMITTEE = "committee"
    OTHER = "other"


@dataclass(frozen=True)
class Committee:
    id: int
    name: str
    short_name: str = ""
    kind: str = CommitteeKind.COMMITTEE.value
    year_starts_month: int = 5
    notes: str = ""

    @property
    def title(self) -> str:
        return self.name


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    kind: str = "officer"
    honorific: str = ""
    job_title: str = ""
    service_area: str = ""
    email: str = ""
    portfolio: str = ""

    @property
    def display_name(self) -> str:
        return f"{self.honorific} {self.name}".strip()


@dataclass(frozen=True)
class Meeting:
    id: int
    committee_id: int
    committee: str
    date: str
    start_time: str = ""
    venue: str = ""
    status: str = MeetingStatus.SCHEDULED.value
    minutes_status: str = "draft"
    item_count: int = 0
    committee_short: str = ""
    end_time: str = ""
    web_link: str = ""  # the meeting's page on the council's website, when known

    @property
    def title(self) -> str:
        return f"{self.committee}, {format_date(self.date)}"

    def is_upcoming(self, today: dt.date) -> bool:
        return self.date >= today.isoformat()


@dataclass(frozen=True)
class AgendaItem:
    id: int
    meeting_id: int
    position: int
    title: str
    is_standing: bool = False
    minute_number: str = ""
    report_id: int | None = None
    outcome: str = ""

    @property
    def item_number(self) -> int:
        return self.position + 1


def municipal_year(day: dt.date, starts_month: int = 5) -> int:
    """The year a municipal year starts in: May 2023 to April 2024 is municipal year 2023."""
    return day.year if day.month >= starts_month else day.year - 1


def minute_number(sequence: int, day: dt.date, starts_month: int = 5) -> str:
    """`56/23`: the 56th minute of the municipal year that started in 2023."""
    return f"{sequence}/{municipal_year(day, starts_month) % 100:02d}"


def minute_sequence(text: str) -> int | None:
    """`56/23` → 56; None for an item with no minute number (or one not in that form)."""
    head, _slash, _year = text.strip().partition("/")
    return int(head) if head.isdigit() else None


def municipal_year_span(day: dt.date, starts_month: int = 5) -> tuple[str, str]:
    """The first and last day (ISO) of the municipal year `day` falls in."""
    first = dt.date(municipal_year(day, starts_month), starts_month, 1)
    following = dt.date(first.year + 1, starts_month, 1)
    return first.isoformat(), (following - dt.timedelta(days=1)).isoformat()


def minute_numbers(count: int, first: int, day: dt.date, starts_month: int = 5) -> list[str]:
    """The minute numbers of a meeting's items in agenda order, running on from `first`."""
    return [minute_number(first + offset, day, starts_month) for offset in range(count)]


INTERESTS = (
    ("disclosable pecuniary", "Disclosable pecuniary interest"),
    ("other registrable", "Other registrable interest"),
    ("non-registrable", "Non-registrable interest"),
    ("other", "Other interest"),
)
ATTENDANCE = ("present", "apologies", "absent", "in attendance")


def check_time(text: str) -> str:
    """`10:00`, `9.30` or `14:00` → `HH:MM`; empty stays empty (a time not yet set)."""
    cleaned = text.strip().replace(".", ":")
    if not cleaned:
        return ""
    hours, colon, minutes = cleaned.partition(":")
    if (
        colon
        and hours.isdigit()
        and minutes.isdigit()
        and len(minutes) == 2
        and int(hours) < 24
        and int(minutes) < 60
    ):
        return f"{int(hours):02d}:{minutes}"
    shown = text if len(text) <= 20 else text[:19] + "…"
    raise ValidationError(f"'{shown}' is not a time (write it as 10:00 or 14:30)", field="time")


@dataclass(frozen=True)
class MeetingDetails:
    """A meeting with what the meeting screen shows beyond the list: its minutes' approval."""

    meeting: Meeting
    notes: str = ""
    year_starts_month: int = 5
    approved_at_meeting_id: int | None = None
    approved_at: str = ""  # the approving meeting's title
    approved_on: str | None = None

    @property
    def locked(self) -> bool:
        return self.meeting.minutes_status == "approved"

    @property
    def approval_text(self) -> str:
        if not self.locked:
            return "Draft minutes"
        where = f" at {self.approved_at}" if self.approved_at else ""
        return f"Minutes approved{where}"


@dataclass(frozen=True)
class Attendee:
    person_id: int
    name: str
    role: str  # on the committee (chair, member) or "" for someone who is not a member
    status: str  # present, apologies, absent, in attendance; "" when not recorded


@dataclass(frozen=True)
class Declaration:
    id: int
    agenda_item_id: int
    item_number: int
    item_title: str
    person_id: int
    person: str
    interest: str
    description: str

    @property
    def interest_text(self) -> str:
        return dict(INTERESTS).get(self.interest, self.interest.capitalize())
