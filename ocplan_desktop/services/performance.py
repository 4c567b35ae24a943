"""The performance summary for a period, its history, and each indicator's status."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.performance import (
    NO_THEME,
    IndicatorStatus,
    PeriodReport,
    Status,
    Summary,
    ThemeSummary,
    by_theme,
    history,
    report_for_period,
    summary_sentence,
)
from ocplan_desktop.domain.periods import normalise_period, period_sort_key
from ocplan_desktop.store import indicators as indicator_store
from ocplan_desktop.store.reference import list_periods, list_themes
from ocplan_desktop.store.workspace import Workspace


@dataclass(frozen=True)
class PerformanceSummary:
    report: PeriodReport
    earlier: tuple[Summary, ...]
    sentence: str

    @property
    def summary(self) -> Summary:
        return self.report.summary

    @property
    def through_period(self) -> tuple[Summary, ...]:
        """The history up to and including the period: what the history table and chart show."""
        return (*self.earlier, self.summary)

    def as_dict(self) -> dict[str, Any]:
        return {**self.summary.as_dict(), "history": [item.as_dict() for item in self.earlier]}


def periods(ws: Workspace) -> list[str]:
    return list_periods(ws)


def latest_period(ws: Workspace) -> str | None:
    known = list_periods(ws)
    return known[-1] if known else None


def performance_summary(ws: Workspace, period: str | None = None) -> PerformanceSummary:
    """The summary for `period` (the latest period when not given) with the years before it."""
    known = list_periods(ws)
    if period is None:
        if not known:
            raise ValidationError(
                "the workspace has no indicator values yet, so there is no summary"
            )
        period = known[-1]
    period = normalise_period(period, field="period")
    if period not in known:
        shown = ", ".join(known[-8:]) or "none"
        raise ValidationError(
            f"no values are recorded for {period} (periods: {shown})", field="period"
        )
    series = indicator_store.own_series(ws)
    overrides = indicator_store.overrides(ws)
    report = report_for_period(period, series, overrides)
    target = period_sort_key(period)
    earlier = tuple(
        history([label for label in known if period_sort_key(label) < target], series, overrides)
    )
    plan = ws.setting("plan_name", "The plan")
    return PerformanceSummary(report, earlier, summary_sentence(report.summary, earlier, plan))


@dataclass(frozen=True)
class OverrideRecord:
    """An officer's status for one indicator, as the printed report lists it under the table."""

    code: str
    name: str
    status: Status
    reason: str
    set_by: str
    set_at: str


def overrides_for(ws: Workspace, period: str) -> list[OverrideRecord]:
    """Every status an officer set for `period`, by indicator code: what the headline rests on."""
    return [
        OverrideRecord(
            code=row["code"],
            name=row["name"],
            status=Status(row["status"]),
            reason=row["reason"],
            set_by=row["created_by"],
            set_at=row["created_at"],
        )
        for row in indicator_store.override_rows(ws, period)
    ]


def theme_summaries(ws: Workspace, result: PerformanceSummary) -> list[ThemeSummary]:
    """The period's counts for each of the plan's themes, in the plan's order."""
    return by_theme(result.report, [theme.name for theme in list_themes(ws)])


def drill_down(
    result: PerformanceSummary,
    status: Status | Collection[Status] | None = None,
    theme: str | None = None,
) -> list[IndicatorStatus]:
    """The indicators behind one count of the summary (a status, several, a theme, or both), by
    code.

    Each carries why it has its status (`explanation`), overrides included, so the lists add up to
    the counts shown.
    """
    wanted = None if status is None else {status} if isinstance(status, Status) else set(status)
    return sorted(
        (
            item
            for item in result.report.statuses
            if (wanted is None or item.status in wanted)
            and (theme is None or (item.theme or NO_THEME) == theme)
        ),
        key=lambda item: item.code,
    )


def periods_with_figures(ws: Workspace) -> list[str]:
    """Periods that have a summary figure (something to print a performance report for)."""
    known = list_periods(ws)
    if not known:
        return []
    series = indicator_store.own_series(ws)
    overrides = indicator_store.overrides(ws)
    return [item.period for item in history(known, series, overrides) if item.has_figure]
