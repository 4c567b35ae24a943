"""Direction of travel and the summary rule (seed report §2.1)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocplan_desktop.domain.performance import (
    IndicatorSeries,
    Override,
    Polarity,
    Status,
    Summary,
    direction_of_travel,
    history,
    report_for_period,
    summary_sentence,
)

H, L, N = Polarity.HIGHER, Polarity.LOWER, Polarity.NONE


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "tolerance", "expected"),
    [
        (None, 5.0, H, 0, Status.NOT_AVAILABLE),
        (5.0, None, H, 0, Status.NOT_AVAILABLE),
        (None, None, N, 0, Status.NOT_AVAILABLE),  # missing beats no polarity
        (6.0, 5.0, N, 0, Status.CANNOT_SAY),
        (5.0, 5.0, H, 0, Status.SAME),
        (5.05, 5.0, H, 0.1, Status.SAME),
        (4.95, 5.0, L, 0.1, Status.SAME),
        (5.1, 5.0, H, 0.1, Status.SAME),  # exactly the tolerance still counts as the same
        (0.1 + 0.2, 0.3, H, 0, Status.SAME),  # binary floats do not make a change
        (6.0, 5.0, H, 0, Status.IMPROVED),
        (4.0, 5.0, H, 0, Status.WORSE),
        (4.0, 5.0, L, 0, Status.IMPROVED),
        (6.0, 5.0, L, 0, Status.WORSE),
        (5.3, 5.0, H, 0.1, Status.IMPROVED),
    ],
)
def test_direction_of_travel(current, previous, polarity, tolerance, expected):
    assert direction_of_travel(current, previous, polarity, tolerance) is expected


# The published figures: (period, improved_or_same, directional, percent).
SEED_HISTORY = [
    ("2022-23", 42, 57, 74),
    ("2021-22", 40, 58, 69),
    ("2019-20", 50, 63, 79),
    ("2018-19", 52, 67, 78),
    ("2017-18", 42, 59, 71),
    ("2016-17", 43, 57, 75),
]


@pytest.mark.parametrize(("period", "good", "directional", "percent"), SEED_HISTORY)
def test_percent_reproduces_each_published_year(period, good, directional, percent):
    summary = Summary(period, improved=good, worse=directional - good)
    assert (summary.improved_or_same, summary.directional, summary.percent) == (
        good,
        directional,
        percent,
    )


def test_seed_2022_23_counts_and_percentage():
    summary = Summary("2022-23", improved=36, same=6, worse=15, cannot_say=1, not_available=15)
    assert summary.total == 73
    assert summary.directional == 57
    assert summary.percent == 74


@pytest.mark.parametrize(
    ("good", "directional", "percent"), [(1, 8, 13), (5, 8, 63), (1, 200, 1), (1, 3, 33)]
)
def test_percent_rounds_half_up(good, directional, percent):
    assert Summary("p", improved=good, worse=directional - good).percent == percent


def test_no_directional_indicator_means_no_figure_not_zero():
    summary = Summary("2020-21", not_available=73)
    assert summary.percent is None
    assert not summary.has_figure


def _series(indicator_id, values, polarity=H, tolerance=0.0, first=None, last=None):
    return IndicatorSeries(
        indicator_id,
        f"I{indicator_id}",
        f"Indicator {indicator_id}",
        polarity,
        tolerance,
        values,
        first_period=first,
        last_period=last,
    )


def test_previous_comparable_value_skips_a_year_with_no_value():
    series = _series(1, {"2019-20": 10.0, "2020-21": None, "2021-22": 12.0})
    result = report_for_period("2021-22", [series]).statuses[0]
    assert result.status is Status.IMPROVED
    assert result.previous_period == "2019-20"


def test_comparator_like_period_order_uses_time_not_text():
    series = _series(1, {"2009-10": 5.0, "2010-11": 4.0}, polarity=L)
    assert report_for_period("2010-11", [series]).statuses[0].status is Status.IMPROVED


def test_override_counts_as_its_status_and_is_marked():
    series = [_series(1, {"2021-22": 5.0, "2022-23": 4.0}), _series(2, {"2022-23": 3.0})]
    overrides = {(2, "2022-23"): Override(Status.IMPROVED, "national data delayed")}
    report = report_for_period("2022-23", series, overrides)
    assert report.summary.improved == 1 and report.summary.worse == 1
    assert report.summary.not_available == 0
    assert report.summary.overridden == 1
    overridden = report.statuses[1]
    assert overridden.is_override and overridden.computed is Status.NOT_AVAILABLE
    assert "national data delayed" in overridden.explanation


def test_indicators_outside_their_reporting_periods_are_not_counted():
    series = [
        _series(1, {"2021-22": 1.0, "2022-23": 2.0}, last="2021-22"),
        _series(2, {"2021-22": 1.0, "2022-23": 2.0}),
    ]
    assert report_for_period("2022-23", series).summary.total == 1


def test_history_starts_at_the_first_figure_and_keeps_later_gaps():
    series = [_series(1, {"2015-16": 1.0, "2016-17": 2.0, "2018-19": 3.0})]
    periods = ["2015-16", "2016-17", "2017-18", "2018-19"]
    result = history(periods, series)
    assert [item.period for item in result] == ["2016-17", "2017-18", "2018-19"]
    assert result[1].percent is None


def test_summary_sentence_reads_like_the_report():
    current = Summary("2022-23", improved=36, same=6, worse=15, cannot_say=1, not_available=15)
    earlier = [
        Summary("2016-17", improved=43, worse=14),
        Summary("2020-21", not_available=5),
        Summary("2021-22", improved=40, worse=18),
    ]
    text = summary_sentence(current, earlier, "The One Coventry Plan")
    assert text.startswith("The One Coventry Plan is currently measured using 73 indicators")
    assert (
        "36 indicators improved; 6 stayed the same; 15 indicators got worse; can't say for 1 indicator;"
        in text
    )
    assert "74% (42/57) of directional indicators" in text
    assert "previous years: 69% (40/58) in 2021-22 and 75% (43/57) in 2016-17." in text
    assert "2020-21" not in text  # a gap is not a figure


statuses = st.sampled_from(list(Status))


@given(st.lists(statuses, max_size=200))
def test_counts_always_add_up(items):
    summary = Summary("p", *(sum(1 for item in items if item is status) for status in Status))
    assert summary.total == len(items)
    assert summary.directional + summary.cannot_say + summary.not_available == summary.total
    if summary.percent is not None:
        assert 0 <= summary.percent <= 100
        exact = 100 * summary.improved_or_same / summary.directional
        assert abs(summary.percent - exact) <= 0.5


@given(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.floats(0, 100))
def test_higher_and_lower_polarity_are_mirror_images(current, previous, tolerance):
    up = direction_of_travel(current, previous, H, tolerance)
    down = direction_of_travel(current, previous, L, tolerance)
    mirror = {
        Status.IMPROVED: Status.WORSE,
        Status.WORSE: Status.IMPROVED,
        Status.SAME: Status.SAME,
    }
    assert down is mirror[up]
