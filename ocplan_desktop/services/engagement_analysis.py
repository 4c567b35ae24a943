"""Who responded, and how: counts by ward, channel, respondent type and theme, as numbers (for the
command line) and as `ChartData` (drawn on screen and printed in the engagement summary).

Every ward is present, zero included, so the wards nobody heard from show up rather than vanish;
responses whose ward was not collected are counted under their own `not collected`, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ocplan_desktop.domain.charts import ChartData, ChartKind, Series
from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.engagement import NOT_COLLECTED, counts_with_zeros, per_thousand
from ocplan_desktop.domain.wards import Ward, boundary_changes
from ocplan_desktop.store import engagement as store
from ocplan_desktop.store import records, reference
from ocplan_desktop.store.workspace import Workspace

DIMENSIONS = {
    "ward": "Ward",
    "channel": "Channel",
    "respondent_type": "Respondent type",
    "theme": "Theme",
}
NO_RESPONSES = "no responses"


@dataclass(frozen=True)
class FeedbackSummary:
    exercise_id: int
    title: str
    total: int
    by_ward: dict[str, int]
    by_channel: dict[str, int]
    by_respondent_type: dict[str, int]
    by_theme: dict[str, int]
    populations: dict[str, int | None]
    boundary_note: str = ""  # set when the responses span a change to the ward list

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `ocplan feedback-summary --json`."""
        data: dict[str, Any] = {
            "total": self.total,
            "by_ward": dict(self.by_ward),
            "by_channel": dict(self.by_channel),
            "by_respondent_type": dict(self.by_respondent_type),
            "by_theme": dict(self.by_theme),
        }
        if self.boundary_note:  # only when the responses span a change to the wards
            data["boundary_note"] = self.boundary_note
        return data

    def counts(self, dimension: str) -> dict[str, int]:
        return {
            "ward": self.by_ward,
            "channel": self.by_channel,
            "respondent_type": self.by_respondent_type,
            "theme": self.by_theme,
        }[dimension]

    @property
    def silent_wards(self) -> list[str]:
        """Wards with no response at all: the gaps the Scrutiny committee asked officers to close."""
        return [name for name, count in self.by_ward.items() if name != NOT_COLLECTED and not count]


def _span(ws: Workspace, exercise_id: int, exercise: dict[str, Any]) -> tuple[str, str] | None:
    """The first and last day of the exercise's responses (else of the exercise itself)."""
    first, last = store.response_dates(ws, exercise_id)
    first = first or exercise["opens_on"] or exercise["closes_on"]
    last = last or exercise["closes_on"] or exercise["opens_on"]
    return (first, last) if first and last else None


def ward_list(ws: Workspace, exercise_id: int) -> tuple[list[Ward], str]:
    """The wards an exercise's counts are shown against, and what to say when its responses span
    a boundary change. The wards in use at any time between its first and last response (today's
    wards for an exercise with no dates), and any other ward a response was matched to."""
    exercise = records.get(ws, "exercises", exercise_id)
    every = reference.list_wards(ws, every_date=True)
    span = _span(ws, exercise_id, exercise)
    if span is None:
        wards = reference.list_wards(ws)
        return wards, ""
    first, last = span
    wards = [
        ward
        for ward in every
        if (ward.valid_from is None or ward.valid_from <= last)
        and (ward.valid_to is None or ward.valid_to >= first)
    ]
    used = set(store.counts_by(ws, exercise_id, "ward"))
    wards += [ward for ward in every if ward.name in used and ward not in wards]
    changes = boundary_changes(every, first, last)
    if not changes:
        return wards, ""
    note = (
        f"The responses run from {format_date(first)} to {format_date(last)}, across "
        f"{'a change' if len(changes) == 1 else 'changes'} to the ward boundaries: "
        + "; ".join(change.text for change in changes)
        + ". Counts by ward before and after compare different areas."
    )
    return wards, note


def feedback_summary(ws: Workspace, exercise_id: int) -> FeedbackSummary:
    """Counts for one exercise; every ward of its time and every list entry present, zero
    included. A response with several themes counts once under each of them.
    """
    exercise = records.get(ws, "exercises", exercise_id)
    wards, note = ward_list(ws, exercise_id)
    total = store.count_responses(ws, exercise_id)
    return FeedbackSummary(
        exercise_id=exercise_id,
        title=exercise["title"],
        total=total,
        by_ward=counts_with_zeros(
            [ward.name for ward in wards], store.counts_by(ws, exercise_id, "ward")
        ),
        by_channel=counts_with_zeros(
            [name for _id, name in reference.names(ws, "channels")],
            store.counts_by(ws, exercise_id, "channel"),
        ),
        by_respondent_type=counts_with_zeros(
            [name for _id, name in reference.names(ws, "respondent_types")],
            store.counts_by(ws, exercise_id, "respondent_type"),
        ),
        by_theme=counts_with_zeros(
            [name for _id, name in reference.names(ws, "feedback_themes")],
            store.counts_by_theme(ws, exercise_id),
            not_collected=False,
        ),
        populations={ward.name: ward.population for ward in wards},
        boundary_note=note,
    )


# charts ----------------------------------------------------------------------------------------
def ward_chart(summary: FeedbackSummary) -> ChartData:
    """Responses by ward: all wards shown, those with none flagged, `not collected` last."""
    categories = tuple(summary.by_ward)
    return ChartData(
        "Responses by ward",
        ChartKind.HBAR,
        categories,
        (Series("Responses", tuple(float(value) for value in summary.by_ward.values())),),
        y_label="Responses",
        flagged=_flag_silent(summary.by_ward),
        flag_note=NO_RESPONSES,
    )


def ward_rate_chart(summary: FeedbackSummary) -> ChartData | None:
    """Responses per 1,000 residents, where ward populations are entered (None when none are).

    Wards without a population, and `not collected`, have no rate: a gap, never a zero.
    """
    if not any(summary.populations.values()):
        return None
    values = tuple(
        per_thousand(count, summary.populations.get(name))
        for name, count in summary.by_ward.items()
    )
    return ChartData(
        "Responses per 1,000 residents",
        ChartKind.HBAR,
        tuple(summary.by_ward),
        (Series("Per 1,000 residents", values),),
        y_label="Responses per 1,000 residents",
        value_format="{:,.2f}",
        flagged=_flag_silent(summary.by_ward),
        flag_note=NO_RESPONSES,
    )


def dimension_chart(summary: FeedbackSummary, dimension: str) -> ChartData:
    """Responses by channel, respondent type or theme (every entry of the list, zero included)."""
    counts = summary.counts(dimension)
    if dimension == "ward":
        return ward_chart(summary)
    return ChartData(
        f"Responses by {DIMENSIONS[dimension].lower()}",
        ChartKind.HBAR,
        tuple(counts),
        (Series("Responses", tuple(float(value) for value in counts.values())),),
        y_label="Responses",
    )


def analysis_charts(ws: Workspace, exercise_id: int) -> list[ChartData]:
    """The analysis view's charts, in order: by ward, per 1,000 residents (where populations are
    entered), by channel, by respondent type, by theme."""
    summary = feedback_summary(ws, exercise_id)
    charts = [ward_chart(summary)]
    rate = ward_rate_chart(summary)
    if rate is not None:
        charts.append(rate)
    charts.extend(
        dimension_chart(summary, dimension) for dimension in ("channel", "respondent_type", "theme")
    )
    return charts


def comparison_chart(
    ws: Workspace, first_id: int, second_id: int, dimension: str, *, share: bool = True
) -> ChartData:
    """Two exercises side by side on one dimension: a series each, as counts or as the share of
    each exercise's responses (exercises of very different sizes compare fairly that way)."""
    summaries = [feedback_summary(ws, first_id), feedback_summary(ws, second_id)]
    categories = tuple(summaries[0].counts(dimension))
    series = []
    for summary in summaries:
        counts = summary.counts(dimension)
        if share:
            values = tuple(
                (round(100 * counts.get(name, 0) / summary.total, 1) if summary.total else None)
                for name in categories
            )
        else:
            values = tuple(float(counts.get(name, 0)) for name in categories)
        series.append(Series(summary.title, values))
    flagged = frozenset(
        index
        for index, name in enumerate(categories)
        if dimension == "ward"
        and name != NOT_COLLECTED
        and all(not summary.counts(dimension).get(name, 0) for summary in summaries)
    )
    return ChartData(
        f"Responses by {DIMENSIONS[dimension].lower()}: two exercises side by side",
        ChartKind.HBAR,
        categories,
        tuple(series),
        y_label="Share of the exercise's responses (%)" if share else "Responses",
        value_format="{:.1f}%" if share else "{:,.0f}",
        flagged=flagged,
        flag_note=NO_RESPONSES if flagged else "",
    )


def _flag_silent(by_ward: dict[str, int]) -> frozenset[int]:
    return frozenset(
        index
        for index, (name, count) in enumerate(by_ward.items())
        if name != NOT_COLLECTED and not count
    )
