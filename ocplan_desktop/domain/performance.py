"""Direction of travel and the performance summary the council publishes (report §2.1).

Per indicator and period the status comes from the value against the previous comparable value:
missing either → not available; no polarity → can't say; a change within the indicator's tolerance →
stayed the same; otherwise improved or got worse by polarity. An officer's override counts as the status
it sets and stays marked as an override.

Directional indicators are improved + same + worse; the headline is the share of them that improved or
stayed the same, rounded half up. A period with no directional indicator has no figure: a gap, not 0%.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from ocplan_desktop.domain.periods import period_sort_key


class Polarity(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    NONE = "none"

    @property
    def text(self) -> str:
        return {
            Polarity.HIGHER: "Higher is better",
            Polarity.LOWER: "Lower is better",
            Polarity.NONE: "No polarity",
        }[self]


class Status(StrEnum):
    IMPROVED = "improved"
    SAME = "same"
    WORSE = "worse"
    CANNOT_SAY = "cannot_say"
    NOT_AVAILABLE = "not_available"

    @property
    def text(self) -> str:
        return STATUS_TEXT[self]

    @property
    def symbol(self) -> str:
        """A mark that reads without colour (screen badges, greyscale print)."""
        return STATUS_SYMBOL[self]

    @property
    def is_directional(self) -> bool:
        return self in (Status.IMPROVED, Status.SAME, Status.WORSE)


DIRECTIONAL = (Status.IMPROVED, Status.SAME, Status.WORSE)

STATUS_TEXT = {
    Status.IMPROVED: "Improved",
    Status.SAME: "Stayed the same",
    Status.WORSE: "Got worse",
    Status.CANNOT_SAY: "Can't say",
    Status.NOT_AVAILABLE: "Not available",
}
STATUS_SYMBOL = {
    Status.IMPROVED: "▲",
    Status.SAME: "▶",
    Status.WORSE: "▼",
    Status.CANNOT_SAY: "◆",
    Status.NOT_AVAILABLE: "–",
}


def allowed_change(previous: float, tolerance: float, relative: bool = False) -> float:
    """How far a value may move from the previous one and still count as stayed the same: the
    tolerance itself, or (relative, written "10%") that share of the previous value."""
    tolerance = max(tolerance, 0.0)
    return abs(previous) * tolerance / 100 if relative else tolerance


def direction_of_travel(
    current: float | None,
    previous: float | None,
    polarity: Polarity,
    tolerance: float = 0.0,
    relative: bool = False,
) -> Status:
    """The computed status of one indicator for one period."""
    if current is None or previous is None:
        return Status.NOT_AVAILABLE
    if polarity is Polarity.NONE:
        return Status.CANNOT_SAY
    change = current - previous
    # Values are stored as binary floats: 0.1 + 0.2 must still count as 0.3.
    slack = 1e-9 * max(abs(current), abs(previous), 1.0)
    if abs(change) <= allowed_change(previous, tolerance, relative) + slack:
        return Status.SAME
    higher_is_better = polarity is Polarity.HIGHER
    return Status.IMPROVED if (change > 0) == higher_is_better else Status.WORSE


def previous_comparable(
    values: Mapping[str, float | None], period: str
) -> tuple[str, float] | None:
    """The latest earlier period that has a value, and that value.

    A year in which nothing was collected (2020-21, during the pandemic) is skipped, so the next year is
    compared with the last year that was measured.
    """
    target = period_sort_key(period)
    earlier = [
        (key, label)
        for label, value in values.items()
        if value is not None and not math.isnan(value) and (key := period_sort_key(label)) < target
    ]
    if not earlier:
        return None
    _key, label = max(earlier)
    value = values[label]
    assert value is not None
    return label, value


@dataclass(frozen=True)
class IndicatorSeries:
    """What the rule needs to know about one indicator: its own area's values by period."""

    indicator_id: int
    code: str
    name: str
    polarity: Polarity
    tolerance: float
    values: Mapping[str, float | None]
    theme: str = ""
    first_period: str | None = None
    last_period: str | None = None
    tolerance_relative: bool = False  # "10%": within 10% of the previous value

    def is_reported_in(self, period: str) -> bool:
        key = period_sort_key(period)
        if self.first_period and key < period_sort_key(self.first_period):
            return False
        if self.last_period and key > period_sort_key(self.last_period):
            return False
        return True


@dataclass(frozen=True)
class Override:
    status: Status
    reason: str


@dataclass(frozen=True)
class IndicatorStatus:
    """One indicator's status for one period, with what it was worked out from."""

    indicator_id: int
    code: str
    name: str
    theme: str
    period: str
    status: Status
    computed: Status
    current: float | None
    previous: float | None
    previous_period: str | None
    override_reason: str | None = None
    polarity: Polarity | None = None
    tolerance: float = 0.0
    tolerance_relative: bool = False

    @property
    def is_override(self) -> bool:
        return self.override_reason is not None

    @property
    def explanation(self) -> str:
        """Why the indicator has its status, in a sentence an officer can check."""
        if self.is_override:
            return (
                f"Set by an officer to '{self.status.text}' (worked out: '{self.computed.text}'): "
                f"{self.override_reason}"
            )
        if self.current is None:
            return f"No value for {self.period}."
        if self.previous is None:
            return f"No earlier value to compare {self.period} with."
        compared = (
            f"{_number(self.current)} in {self.period} against {_number(self.previous)} in "
            f"{self.previous_period}"
        )
        if self.computed is Status.CANNOT_SAY:
            return f"{compared}; no polarity: neither higher nor lower is better."
        if self.polarity is None:
            return compared + "."
        change = self.current - self.previous
        if self.computed is Status.SAME:
            if change == 0:
                return f"{compared}: no change."
            if self.tolerance_relative:
                return (
                    f"{compared}: a change of {_number(abs(change))} is within the tolerance of "
                    f"{_number(self.tolerance)}% of the previous value "
                    f"({_number(allowed_change(self.previous, self.tolerance, True))})."
                )
            return (
                f"{compared}: a change of {_number(abs(change))} is within the tolerance of "
                f"{_number(self.tolerance)}."
            )
        direction = "up" if change > 0 else "down"
        return f"{compared}: {direction} {_number(abs(change))}, and {self.polarity.text.lower()}."


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{value:,.0f}"
    text = f"{value:,.4f}".rstrip("0")
    return text if not text.endswith(".") else text[:-1]


def indicator_status(
    series: IndicatorSeries, period: str, override: Override | None = None
) -> IndicatorStatus:
    current = series.values.get(period)
    if current is not None and math.isnan(current):
        current = None
    before = previous_comparable(series.values, period)
    previous_period, previous = before if before else (None, None)
    computed = direction_of_travel(
        current, previous, series.polarity, series.tolerance, series.tolerance_relative
    )
    return IndicatorStatus(
        indicator_id=series.indicator_id,
        code=series.code,
        name=series.name,
        theme=series.theme,
        period=period,
        status=override.status if override else computed,
        computed=computed,
        current=current,
        previous=previous,
        previous_period=previous_period,
        override_reason=override.reason if override else None,
        polarity=series.polarity,
        tolerance=series.tolerance,
        tolerance_relative=series.tolerance_relative,
    )


@dataclass(frozen=True)
class Summary:
    """The headline counts for one period."""

    period: str
    improved: int = 0
    same: int = 0
    worse: int = 0
    cannot_say: int = 0
    not_available: int = 0
    overridden: int = 0

    @property
    def total(self) -> int:
        return self.improved + self.same + self.worse + self.cannot_say + self.not_available

    @property
    def directional(self) -> int:
        return self.improved + self.same + self.worse

    @property
    def improved_or_same(self) -> int:
        return self.improved + self.same

    @property
    def percent(self) -> int | None:
        """Share of directional indicators that improved or stayed the same, rounded half up."""
        if self.directional == 0:
            return None
        share = Decimal(self.improved_or_same * 100) / Decimal(self.directional)
        return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def has_figure(self) -> bool:
        return self.percent is not None

    def count(self, status: Status) -> int:
        return int(getattr(self, status.value))

    def as_dict(self) -> dict[str, object]:
        return {
            "period": self.period,
            "total": self.total,
            "improved": self.improved,
            "same": self.same,
            "worse": self.worse,
            "cannot_say": self.cannot_say,
            "not_available": self.not_available,
            "directional": self.directional,
            "improved_or_same": self.improved_or_same,
            "percent": self.percent,
        }


def summarise(period: str, statuses: Iterable[IndicatorStatus]) -> Summary:
    counts = {status: 0 for status in Status}
    overridden = 0
    for item in statuses:
        counts[item.status] += 1
        overridden += item.is_override
    return Summary(
        period=period,
        improved=counts[Status.IMPROVED],
        same=counts[Status.SAME],
        worse=counts[Status.WORSE],
        cannot_say=counts[Status.CANNOT_SAY],
        not_available=counts[Status.NOT_AVAILABLE],
        overridden=overridden,
    )


@dataclass(frozen=True)
class PeriodReport:
    """Everything about one period: each indicator's status and the summary of them."""

    summary: Summary
    statuses: tuple[IndicatorStatus, ...] = field(default_factory=tuple)

    def with_status(self, status: Status) -> list[IndicatorStatus]:
        return [item for item in self.statuses if item.status is status]


def report_for_period(
    period: str,
    indicators: Sequence[IndicatorSeries],
    overrides: Mapping[tuple[int, str], Override] | None = None,
) -> PeriodReport:
    """Statuses of the indicators reported in `period`, and their summary."""
    overrides = overrides or {}
    statuses = tuple(
        indicator_status(series, period, overrides.get((series.indicator_id, period)))
        for series in indicators
        if series.is_reported_in(period)
    )
    return PeriodReport(summarise(period, statuses), statuses)


NO_THEME = "No theme"


@dataclass(frozen=True)
class ThemeSummary:
    """One theme's share of a period: its summary and the statuses behind it."""

    theme: str
    summary: Summary
    statuses: tuple[IndicatorStatus, ...] = ()


def by_theme(report: PeriodReport, themes: Sequence[str] = ()) -> list[ThemeSummary]:
    """The period's counts for each theme, in the plan's order.

    Every theme in `themes` is listed even when none of its indicators is reported in the period (its
    counts are zero and it has no figure); indicators without a theme come last, as `No theme`. The
    theme counts add up to the period's counts.
    """
    groups: dict[str, list[IndicatorStatus]] = {name: [] for name in themes}
    for item in report.statuses:
        groups.setdefault(item.theme or NO_THEME, []).append(item)
    if NO_THEME in groups and not groups[NO_THEME]:
        del groups[NO_THEME]
    order = list(themes) + sorted(name for name in groups if name not in themes)
    if NO_THEME in order:
        order.remove(NO_THEME)
        order.append(NO_THEME)
    period = report.summary.period
    return [
        ThemeSummary(name, summarise(period, groups[name]), tuple(groups[name])) for name in order
    ]


def history(
    periods: Sequence[str],
    indicators: Sequence[IndicatorSeries],
    overrides: Mapping[tuple[int, str], Override] | None = None,
) -> list[Summary]:
    """Summaries for `periods` in time order, from the first that has a figure.

    Periods before the first figure are left out (there was nothing to compare with yet); a period after
    it without a figure stays in the list as a gap.
    """
    summaries = [
        report_for_period(period, indicators, overrides).summary
        for period in sorted(periods, key=period_sort_key)
    ]
    first = next((index for index, item in enumerate(summaries) if item.has_figure), len(summaries))
    return summaries[first:]


def _plural(count: int, word: str = "indicator") -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _figure(summary: Summary) -> str:
    return f"{summary.percent}% ({summary.improved_or_same}/{summary.directional})"


def summary_sentence(
    summary: Summary, earlier: Sequence[Summary] = (), plan: str = "The plan"
) -> str:
    """The paragraph as the annual report words it, generated from the counts.

    `earlier` is the history before `summary`'s period; gaps are left out of the sentence (the table and
    the chart show them).
    """
    if summary.has_figure:
        text = (
            f"{plan} is currently measured using {_plural(summary.total)}, of which "
            f"{_plural(summary.improved)} improved; {summary.same} stayed the same; "
            f"{_plural(summary.worse)} got worse; can't say for {_plural(summary.cannot_say)}; and "
            f"progress is not available for the remaining {_plural(summary.not_available)}."
            f" This means, {_figure(summary)} of directional indicators (excluding cannot say or "
            "not available) improved or stayed the same."
        )
    else:
        # No counts of nothing ("0 indicators improved"): the period simply has no figure.
        text = (
            f"{plan} is currently measured using {_plural(summary.total)}. No indicator has a "
            f"direction of travel for {summary.period}, so there is no figure for it."
        )
    previous = [
        _figure(item) + f" in {item.period}" for item in reversed(earlier) if item.has_figure
    ]
    if previous:
        first, rest = previous[0], previous[1:]
        text += " This compares to the performance seen in previous years: " + first
        if len(rest) == 1:
            text += " and " + rest[0]
        elif rest:
            text += "; " + ", ".join(rest[:-1]) + ", and " + rest[-1]
        text += "."
    return text
