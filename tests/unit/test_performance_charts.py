"""The performance charts as data: the points drawn, and the gap that is never a zero."""

from __future__ import annotations

from ocplan_desktop.domain.charts import ChartKind
from ocplan_desktop.domain.performance import Summary
from ocplan_desktop.services.performance import performance_summary, theme_summaries
from ocplan_desktop.services.performance_charts import (
    history_chart,
    theme_chart,
    with_missing_years,
)

SEED = {"2016-17": 75, "2017-18": 71, "2018-19": 78, "2019-20": 79, "2021-22": 69, "2022-23": 74}


def test_history_chart_of_the_demo_equals_the_seed_with_a_gap(demo_ws):
    chart = history_chart(performance_summary(demo_ws, "2022-23").through_period)
    assert chart.kind is ChartKind.LINE
    assert chart.categories == (
        "2016-17",
        "2017-18",
        "2018-19",
        "2019-20",
        "2020-21",
        "2021-22",
        "2022-23",
    )
    assert dict(zip(chart.categories, chart.series[0].values, strict=True)) == {
        **SEED,
        "2020-21": None,
    }
    assert len(chart.points()) == 6  # six figures drawn
    assert [len(run) for run in chart.segments()] == [4, 2]  # broken at the gap
    assert chart.value_format.format(74.0) == "74%"


def test_a_year_never_recorded_is_still_a_gap():
    summaries = [
        Summary("2018-19", improved=3, worse=1),
        Summary("2019-20", improved=2, worse=2),
        Summary("2022-23", improved=1, worse=3),
    ]
    filled = with_missing_years(summaries)
    assert [item.period for item in filled] == [
        "2018-19",
        "2019-20",
        "2020-21",
        "2021-22",
        "2022-23",
    ]
    assert history_chart(summaries).series[0].values == (75.0, 50.0, None, None, 25.0)
    quarters = [Summary("2023-24 Q1", improved=1), Summary("2023-24 Q3", improved=1)]
    assert [item.period for item in with_missing_years(quarters)] == ["2023-24 Q1", "2023-24 Q3"]


def test_theme_chart_has_a_bar_for_each_theme_with_a_figure(demo_ws):
    result = performance_summary(demo_ws, "2022-23")
    themes = theme_summaries(demo_ws, result)
    chart = theme_chart(themes, "2022-23")
    assert chart.kind is ChartKind.HBAR
    assert chart.categories == tuple(theme.theme for theme in themes)
    assert len(chart.points()) == sum(1 for theme in themes if theme.summary.percent is not None)
    assert chart.series[0].values == tuple(float(theme.summary.percent) for theme in themes)
    assert "2022-23" in chart.title
