"""One indicator in full: its values as a grid of periods by areas, its direction of travel in each
period (overrides included), and its trend chart with the comparator areas as further lines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ocplan_desktop.domain.charts import ChartData
from ocplan_desktop.domain.indicators import Area, Indicator, IndicatorValue
from ocplan_desktop.domain.performance import (
    IndicatorSeries,
    IndicatorStatus,
    Polarity,
    indicator_status,
)
from ocplan_desktop.domain.periods import period_sort_key, sorted_periods
from ocplan_desktop.services.performance_charts import trend_chart
from ocplan_desktop.store import indicators as store
from ocplan_desktop.store import reference
from ocplan_desktop.store.workspace import Workspace


@dataclass(frozen=True)
class IndicatorDetail:
    indicator: Indicator
    periods: tuple[str, ...]  # the grid's rows, oldest first
    areas: tuple[Area, ...]  # the grid's columns: the council's own area, then comparators
    cells: Mapping[tuple[str, int], IndicatorValue]  # (period, area id) → value
    statuses: Mapping[str, IndicatorStatus]  # the own area's status in each period it is reported
    chart: ChartData
    period: str | None = None  # the period the badge is for

    @property
    def own_area(self) -> Area:
        return self.areas[0]

    def cell(self, period: str, area_id: int) -> IndicatorValue | None:
        return self.cells.get((period, area_id))

    @property
    def status(self) -> IndicatorStatus | None:
        """The direction-of-travel badge: the status in the chosen period."""
        return self.statuses.get(self.period) if self.period else None


def _in_range(indicator: Indicator, period: str) -> bool:
    key = period_sort_key(period)
    if indicator.first_period and key < period_sort_key(indicator.first_period):
        return False
    return not (indicator.last_period and key > period_sort_key(indicator.last_period))


def indicator_detail(
    ws: Workspace, indicator_id: int, period: str | None = None
) -> IndicatorDetail:
    """Everything the indicator view shows, read in one go."""
    indicator = store.get_indicator(ws, indicator_id)
    values = store.list_values(ws, indicator_id)
    own = reference.own_area(ws)
    all_areas = reference.list_areas(ws)
    with_values = {item.area_id for item in values}
    areas = [own] + [
        area
        for area in all_areas
        if not area.is_own and (area.name in indicator.comparators or area.id in with_values)
    ]
    recorded = {item.period for item in values}
    periods = sorted_periods(
        [label for label in reference.list_periods(ws) if _in_range(indicator, label)]
        + list(recorded)
    )
    cells = {(item.period, item.area_id): item for item in values}
    own_values: dict[str, float | None] = {
        item.period: item.value for item in values if item.area_id == own.id
    }
    series = IndicatorSeries(
        indicator_id=indicator.id,
        code=indicator.code,
        name=indicator.name,
        polarity=Polarity(indicator.polarity),
        tolerance=indicator.tolerance,
        tolerance_relative=indicator.tolerance_relative,
        values=own_values,
        theme=indicator.theme,
        first_period=indicator.first_period,
        last_period=indicator.last_period,
    )
    overrides = store.overrides(ws)
    statuses = {
        label: indicator_status(series, label, overrides.get((indicator.id, label)))
        for label in periods
        if series.is_reported_in(label)
    }
    by_area: dict[str, dict[str, float | None]] = {area.name: {} for area in areas}
    for item in values:
        by_area.setdefault(item.area, {})[item.period] = item.value
    chart = trend_chart(indicator, periods, by_area, own.name)
    return IndicatorDetail(
        indicator=indicator,
        periods=tuple(periods),
        areas=tuple(areas),
        cells=cells,
        statuses=statuses,
        chart=chart,
        period=period if period in statuses else None,
    )
