"""Committees, people, meetings and agenda items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from ocplan_desktop.domain.dates import format_date


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
