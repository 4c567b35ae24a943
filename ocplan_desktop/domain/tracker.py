"""The tracker's filters and figures: pure functions over tracked recommendations and a given day.

Nothing here reads the clock: callers pass `today`, so a test can fix it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ocplan_desktop.domain.dates import format_date, format_short_month
from ocplan_desktop.domain.recommendations import (
    ProgressUpdate,
    RecommendationRow,
    RecommendationStatus,
    Response,
)

UNFINISHED = "unfinished"  # a status filter: open or in progress


@dataclass(frozen=True)
class MeetingKey:
    """A meeting as the tracker knows it: a body and a date (imported rows may have no meeting record)."""

    body: str
    date: str

    @property
    def label(self) -> str:
        return f"{self.body}, {format_date(self.date)}"


@dataclass(frozen=True)
class TrackerFilter:
    """What the officer asked to see. Empty fields do not filter.

    `status` is a status value or `unfinished`; `owner` matches the lead officer or the cabinet
    member; `meeting` matches the meeting that made the recommendation or the one that answered it;
    `text` matches every word anywhere in the reference, text, bodies, response, owners and latest
    update, ignoring case.
    """

    to_body: str = ""
    status: str = ""
    awaiting_only: bool = False
    overdue_only: bool = False
    owner: str = ""
    meeting: MeetingKey | None = None
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return self == TrackerFilter()

    def matches(self, row: RecommendationRow, today: dt.date) -> bool:
        if self.to_body and row.to_body != self.to_body:
            return False
        if self.status == UNFINISHED:
            if RecommendationStatus(row.status).is_finished:
                return False
        elif self.status and row.status != self.status:
            return False
        if self.awaiting_only and not row.is_awaiting:
            return False
        if self.overdue_only and not row.is_overdue(today):
            return False
        if self.owner and self.owner not in (row.lead_officer, row.cabinet_member):
            return False
        if self.meeting is not None and self.meeting not in meetings_of(row):
            return False
        return _matches_words(row, self.text)

    def apply(self, rows: Iterable[RecommendationRow], today: dt.date) -> list[RecommendationRow]:
        return [row for row in rows if self.matches(row, today)]


def _matches_words(row: RecommendationRow, text: str) -> bool:
    words = text.casefold().split()
    if not words:
        return True
    haystack = " ".join(
        (
            row.reference,
            row.text,
            row.from_body,
            row.to_body,
            row.category,
            row.response.replace("_", " "),
            row.response_text,
            row.status.replace("_", " "),
            row.lead_officer,
            row.cabinet_member,
            row.latest_update,
            row.response_item,
        )
    ).casefold()
    return all(word in haystack for word in words)


def meetings_of(row: RecommendationRow) -> list[MeetingKey]:
    """The meeting that made the recommendation and the one that answered it, where known."""
    keys = []
    if row.from_body and row.from_date:
        keys.append(MeetingKey(row.from_body, row.from_date))
    if row.response_body and row.response_meeting_date:
        keys.append(MeetingKey(row.response_body, row.response_meeting_date))
    return keys


@dataclass(frozen=True)
class FilterChoices:
    """What the filter lists offer, from the rows there are."""

    to_bodies: tuple[str, ...]
    owners: tuple[str, ...]
    meetings: tuple[MeetingKey, ...]


def filter_choices(rows: Sequence[RecommendationRow]) -> FilterChoices:
    meetings = {key for row in rows for key in meetings_of(row)}
    return FilterChoices(
        to_bodies=tuple(sorted({row.to_body for row in rows if row.to_body})),
        owners=tuple(
            sorted(
                {name for row in rows for name in (row.lead_officer, row.cabinet_member) if name}
            )
        ),
        meetings=tuple(sorted(meetings, key=lambda key: (key.date, key.body))),
    )


# Figures for the dashboard ------------------------------------------------------------------------


@dataclass(frozen=True)
class OldestAwaiting:
    reference: str
    text: str
    to_body: str
    from_date: str
    days: int


@dataclass(frozen=True)
class TrackerFigures:
    total: int
    by_status: tuple[tuple[str, int], ...]  # every status, in order, zeros included
    by_response: tuple[tuple[str, int], ...]  # every response, in order, zeros included
    overdue: int
    awaiting_too_long: int
    average_days_to_response: float | None  # None when nothing has been answered with dates
    answered_with_dates: int
    oldest_awaiting: tuple[OldestAwaiting, ...]  # oldest first, a few


def figures(
    rows: Sequence[RecommendationRow], today: dt.date, *, oldest: int = 5
) -> TrackerFigures:
    """Counts by status and response, average days to a response, and the longest awaiting."""
    waits = [
        days
        for row in rows
        if not row.is_awaiting
        and (days := _days(row.from_date, row.response_date)) is not None
        and days >= 0
    ]
    awaiting = sorted(
        (row for row in rows if row.is_awaiting and row.from_date),
        key=lambda row: (row.from_date or "", row.reference),
    )
    return TrackerFigures(
        total=len(rows),
        by_status=tuple(
            (status.value, sum(row.status == status.value for row in rows))
            for status in RecommendationStatus
        ),
        by_response=tuple(
            (response.value, sum(row.response == response.value for row in rows))
            for response in Response
        ),
        overdue=sum(row.is_overdue(today) for row in rows),
        awaiting_too_long=sum(row.awaiting_too_long(today) for row in rows),
        average_days_to_response=sum(waits) / len(waits) if waits else None,
        answered_with_dates=len(waits),
        oldest_awaiting=tuple(
            OldestAwaiting(
                row.reference,
                row.text,
                row.to_body,
                row.from_date or "",
                row.days_awaiting(today) or 0,
            )
            for row in awaiting[:oldest]
        ),
    )


def _days(start: str | None, end: str | None) -> int | None:
    if not start or not end:
        return None
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days


# Status over time ---------------------------------------------------------------------------------


def status_timeline(
    row: RecommendationRow, updates: Sequence[ProgressUpdate]
) -> list[tuple[str, str]]:
    """(date, status) from when the recommendation was made, in date order.

    It starts open on the day it was made; each progress update that set a status moves it on that
    day. When the current status is not explained by the log (set before the log recorded statuses,
    or in a spreadsheet), it is taken to have changed on the last dated thing that happened to the
    recommendation: its latest update or its response.
    """
    start = row.from_date
    if not start:
        return []
    events = [(start, RecommendationStatus.OPEN.value)]
    for update in sorted(updates, key=lambda item: (item.date, item.id)):
        if update.status:
            events.append((max(update.date, start), update.status))
    if events[-1][1] != row.status:
        candidates = [events[-1][0], row.response_date or "", *(update.date for update in updates)]
        events.append((max(candidate for candidate in candidates if candidate), row.status))
    return events


def status_on(timeline: Sequence[tuple[str, str]], day: str) -> str | None:
    """The status a timeline gives on an ISO day; None before the recommendation was made."""
    position = bisect.bisect_right([date for date, _status in timeline], day)
    return timeline[position - 1][1] if position else None


def period_ends(first: dt.date, today: dt.date) -> list[tuple[str, dt.date]]:
    """(label, last day) of each month from `first` to `today`; quarters past two years, years past
    eight, so a chart never has more than about 32 points. The last period ends today."""
    months = (today.year - first.year) * 12 + today.month - first.month + 1
    step = 1 if months <= 24 else 3 if months <= 96 else 12
    ends: list[tuple[str, dt.date]] = []
    year, month = first.year, first.month
    if step == 3:
        month = ((month - 1) // 3) * 3 + 3
    elif step == 12:
        month = 12
    while True:
        last = _month_end(year, month)
        if last >= today:
            ends.append((_period_label(last, step), today))
            return ends
        ends.append((_period_label(last, step), last))
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _period_label(day: dt.date, step: int) -> str:
    if step == 12:
        return str(day.year)
    if step == 3:
        return f"Q{(day.month - 1) // 3 + 1} {day.year}"
    return format_short_month(day)


_FINISHED = frozenset(status.value for status in RecommendationStatus if status.is_finished)


def overdue_on(row: RecommendationRow, status: str | None, day: str) -> bool:
    """Overdue on a past ISO day: due before it and not finished by then (as `is_overdue`)."""
    return (
        status is not None
        and status not in _FINISHED
        and bool(row.due_date)
        and (str(row.due_date) < day)
    )
