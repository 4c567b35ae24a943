"""The tracker's dashboard: counts, the average wait for a response, the oldest awaiting, and two
charts (status over time, responses per meeting) as `ChartData` for the screen and the printer."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ocplan_desktop.domain.charts import ChartData, ChartKind, Series
from ocplan_desktop.domain.dates import format_short_month
from ocplan_desktop.domain.recommendations import (
    ProgressUpdate,
    RecommendationRow,
    RecommendationStatus,
    Response,
)
from ocplan_desktop.domain.tracker import (
    TrackerFigures,
    figures,
    overdue_on,
    period_ends,
    status_on,
    status_timeline,
)
from ocplan_desktop.store import recommendations as store
from ocplan_desktop.store.workspace import Workspace

OVERDUE_SERIES = "Overdue"


@dataclass(frozen=True)
class Dashboard:
    figures: TrackerFigures
    status_over_time: ChartData
    responses_per_meeting: ChartData


def dashboard(ws: Workspace, today: dt.date) -> Dashboard:
    """Everything the dashboard shows, worked out for `today`."""
    rows = store.list_recommendations(ws)
    updates: dict[int, list[ProgressUpdate]] = defaultdict(list)
    for update in store.progress_updates(ws):
        updates[update.recommendation_id].append(update)
    return Dashboard(
        figures=figures(rows, today),
        status_over_time=status_over_time(rows, updates, today),
        responses_per_meeting=responses_per_meeting(rows),
    )


def status_over_time(
    rows: Sequence[RecommendationRow],
    updates: dict[int, list[ProgressUpdate]],
    today: dt.date,
) -> ChartData:
    """How many recommendations stood at each status at the end of each month (or quarter, or
    year), and how many of them were overdue then."""
    timelines = {row.id: status_timeline(row, updates.get(row.id, [])) for row in rows}
    starts = [dt.date.fromisoformat(row.from_date) for row in rows if row.from_date]
    ends = period_ends(min(starts), today) if starts else []
    counts: dict[str, list[float | None]] = {status.value: [] for status in RecommendationStatus}
    overdue: list[float | None] = []
    for _label, end in ends:
        day = end.isoformat()
        statuses = {row.id: status_on(timelines[row.id], day) for row in rows}
        tally = Counter(statuses.values())
        for status in RecommendationStatus:
            counts[status.value].append(float(tally[status.value]))
        overdue.append(float(sum(overdue_on(row, statuses[row.id], day) for row in rows)))
    series = [Series(status.text, tuple(counts[status.value])) for status in RecommendationStatus]
    series.append(Series(OVERDUE_SERIES, tuple(overdue)))
    return ChartData(
        title="Status over time",
        kind=ChartKind.LINE,
        categories=tuple(label for label, _end in ends),
        series=tuple(series),
        y_label="Recommendations",
    )


def responses_per_meeting(rows: Sequence[RecommendationRow], *, latest: int = 12) -> ChartData:
    """How each meeting answered (accepted, partially accepted, not accepted, noted), for the
    latest meetings that gave responses; answers with no meeting recorded are one group at the end."""
    tally = Counter((_meeting_key(row), row.response) for row in rows if not row.is_awaiting)
    meetings = sorted({key for key, _response in tally if key != _NO_MEETING})
    shown = meetings[-latest:]
    if any(key == _NO_MEETING for key, _response in tally):
        shown.append(_NO_MEETING)
    responses = [response for response in Response if response is not Response.AWAITING]
    series = tuple(
        Series(response.text, tuple(float(tally[(key, response.value)]) for key in shown))
        for response in responses
    )
    title = "Responses per meeting"
    if len(meetings) > latest:
        title += f" (latest {latest} meetings)"
    return ChartData(
        title=title,
        kind=ChartKind.BAR,
        categories=tuple(_meeting_label(key) for key in shown),
        series=series,
        y_label="Recommendations",
    )


_NO_MEETING = ("", "")


def _meeting_key(row: RecommendationRow) -> tuple[str, str]:
    """(date, body) of the meeting that answered; empty when no meeting was recorded."""
    if row.response_meeting_date:
        return (row.response_meeting_date, row.response_body)
    return _NO_MEETING


def _meeting_label(key: tuple[str, str]) -> str:
    date, body = key
    if not date:
        return "No meeting recorded"
    day = dt.date.fromisoformat(date)
    return f"{body} {day.day} {format_short_month(day)}"
