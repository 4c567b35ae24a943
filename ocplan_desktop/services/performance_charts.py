"""The performance charts as data: the screen (pyqtgraph) and the printed report (ReportLab) draw the
same `ChartData`, so what an officer sees is what goes to Cabinet.

A year without a figure (2020-21) is a gap in every chart, never a zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ocplan_desktop.domain.charts import ChartData, ChartKind, Series
from ocplan_desktop.domain.indicators import Indicator
from ocplan_desktop.domain.performance import Summary, ThemeSummary
from ocplan_desktop.domain.periods import Period, period_sort_key

HISTORY_TITLE = "Indicators that improved or stayed the same"
HISTORY_SERIES = "Improved or stayed the same"


def with_missing_years(summaries: Sequence[Summary]) -> list[Summary]:
    """The history with a gap for every year missing between two recorded years.

    A workspace that never recorded 2020-21 at all still shows it as a gap in the history, rather
    than drawing 2019-20 and 2021-22 side by side as if they were consecutive. Quarters are left as
    they are.
    """
    result: list[Summary] = []
    for item in sorted(summaries, key=lambda summary: period_sort_key(summary.period)):
        current = period_sort_key(item.period)
        if result and not current.quarter:
            last = period_sort_key(result[-1].period)
            if not last.quarter and last.spans_two_years == current.spans_two_years:
                for year in range(last.start_year + 1, current.start_year):
                    result.append(Summary(Period(year, 0, current.spans_two_years).label))
        result.append(item)
    return result


def history_chart(summaries: Sequence[Summary]) -> ChartData:
    """The headline percentage by year, oldest first; a year without a figure (or without any
    record at all) is a gap."""
    ordered = with_missing_years(summaries)
    return ChartData(
        title=HISTORY_TITLE,
        kind=ChartKind.LINE,
        categories=tuple(item.period for item in ordered),
        series=(
            Series(
                HISTORY_SERIES,
                tuple(None if item.percent is None else float(item.percent) for item in ordered),
            ),
        ),
        y_label="% of directional indicators",
        value_format="{:.0f}%",
        from_zero=True,
        label_points=True,
        empty_note="No year has a figure yet: nothing to draw.",
    )


def theme_chart(themes: Sequence[ThemeSummary], period: str) -> ChartData:
    """The percentage by theme for one period; a theme with no directional indicator has no bar.

    Themes with no figure are flagged so the chart can say why their bar is missing.
    """
    items = list(themes)
    values = tuple(
        None if item.summary.percent is None else float(item.summary.percent) for item in items
    )
    return ChartData(
        title=f"Improved or stayed the same by theme, {period}",
        kind=ChartKind.HBAR,
        categories=tuple(item.theme for item in items),
        series=(Series(HISTORY_SERIES, values),),
        y_label="% of directional indicators",
        value_format="{:.0f}%",
        flagged=frozenset(index for index, value in enumerate(values) if value is None),
        flag_note="no directional indicators",
        empty_note=f"No theme has a figure for {period}: nothing to draw.",
    )


def trend_chart(
    indicator: Indicator,
    periods: Sequence[str],
    values_by_area: Mapping[str, Mapping[str, float | None]],
    own_area: str,
) -> ChartData:
    """One indicator's value by period: the council's own area first, then each comparator area.

    Periods run from the first that has any value to the last of `periods` (the last the indicator
    is reported in), so a missing latest figure shows as a gap too; an area without any value is
    left out, except the council's own.
    """
    recorded = [
        index
        for index, period in enumerate(periods)
        if any(values.get(period) is not None for values in values_by_area.values())
    ]
    shown = tuple(periods[recorded[0] :]) if recorded else ()
    areas = [own_area] + [name for name in values_by_area if name != own_area]
    series = []
    for area in areas:
        values = values_by_area.get(area, {})
        points = tuple(values.get(period) for period in shown)
        if area == own_area or any(value is not None for value in points):
            series.append(Series(area, points))
    unit = indicator.unit if indicator.unit not in ("count", "") else ""
    return ChartData(
        title=f"{indicator.code} {indicator.name}",
        kind=ChartKind.LINE,
        categories=shown,
        series=tuple(series),
        y_label=unit,
        value_format=indicator.chart_format,
    )
