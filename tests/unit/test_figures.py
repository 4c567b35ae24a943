"""Live figures (fields in report text) and typed figures (what the figure check finds)."""

from __future__ import annotations

import pytest

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.figure_check import agrees, consistent, typed_figures
from ocplan_desktop.domain.figures import (
    FigureField,
    comparison,
    expand,
    figure_value,
    find_fields,
    make_field,
)
from ocplan_desktop.domain.performance import Summary

SEED_2022 = Summary("2022-23", improved=36, same=6, worse=15, cannot_say=1, not_available=15)
EARLIER = (
    Summary("2016-17", improved=38, same=5, worse=14, cannot_say=1, not_available=15),
    Summary("2017-18", improved=37, same=5, worse=17, cannot_say=1, not_available=13),
    Summary("2018-19", improved=46, same=6, worse=15, cannot_say=1, not_available=5),
    Summary("2019-20", improved=44, same=6, worse=13, cannot_say=1, not_available=9),
    Summary("2020-21", not_available=73),
    Summary("2021-22", improved=35, same=5, worse=18, cannot_say=1, not_available=14),
)

# The seed report's §2.1, Coventry City Council, Cabinet 9 January 2024 (tests/fixtures/seeds/002).
SEED_PARAGRAPH = (
    "The One Coventry Plan is currently measured using 73 indicators, of which 36 indicators "
    "improved; 6 stayed the same; 15 indicators got worse; can't say for 1 indicators; and "
    "progress is not available for the remaining 15 indicators. This means, 74% (42/57) of "
    "directional indicators (excluding cannot say or not available) improved or stayed the same. "
    "This compares to the performance seen in previous years: 69% (40/58) in 2021-22; 79% (50/63) "
    "in 2019/20, 78% (52/67) in 2018/19, 71% (42/59) in 2017/18, and 75% (43/57) in 2016/17."
)


def test_a_field_token_round_trips_and_expands():
    field = make_field("headline", "2022/23")
    assert field == FigureField("headline", "2022-23")
    text = f"This means, {field.token} of directional indicators improved."
    (found,) = find_fields(text)
    assert found.field == field and text[found.start : found.end] == field.token
    assert expand(text, lambda f: "74% (42/57)") == (
        "This means, 74% (42/57) of directional indicators improved."
    )
    assert expand("{{figure:nonsense:2022-23}} stays", lambda f: "x") == (
        "{{figure:nonsense:2022-23}} stays"
    )
    with pytest.raises(ValidationError):
        make_field("headline", "last year")
    with pytest.raises(ValidationError):
        make_field("bogus", "2022-23")


def test_field_values_are_the_seed_figures():
    value = lambda kind: figure_value(FigureField(kind, "2022-23"), SEED_2022, EARLIER, "The plan")  # noqa: E731
    assert value("headline") == "74% (42/57)"
    assert value("percent") == "74%"
    assert [value(f"count.{name}") for name in ("total", "improved", "same", "worse")] == [
        "73",
        "36",
        "6",
        "15",
    ]
    assert value("count.directional") == "57"
    assert value("comparison") == (
        "69% (40/58) in 2021-22; 79% (50/63) in 2019-20, 78% (52/67) in 2018-19, "
        "71% (42/59) in 2017-18, and 75% (43/57) in 2016-17"
    )  # the gap year is left out, never "0%"
    assert value("sentence").startswith("The plan is currently measured using 73 indicators")
    assert comparison(()) == "no earlier figures"


def test_every_figure_in_the_seed_paragraph_is_found_with_its_period():
    found = [
        (item.kind, item.period, item.count or item.percent)
        for item in typed_figures(SEED_PARAGRAPH)
    ]
    assert found == [
        ("total", None, 73),
        ("improved", None, 36),
        ("same", None, 6),
        ("worse", None, 15),
        ("cannot_say", None, 1),
        ("not_available", None, 15),
        ("headline", None, 74.0),
        ("headline", "2021-22", 69.0),
        ("headline", "2019-20", 79.0),
        ("headline", "2018-19", 78.0),
        ("headline", "2017-18", 71.0),
        ("headline", "2016-17", 75.0),
    ]


@pytest.mark.parametrize(
    "text, kind, number",
    [
        # Belfast City Council, Performance Improvement Self-Assessment Report (2024): counts with
        # their share in brackets, "showed positive change".
        ("4 (80 per cent) performance indicators showed positive change", "improved", 4),
        ("1 (20 per cent) performance indicator showed negative change", "worse", 1),
        ("1 (17 per cent) performance indicator showed no significant change", "same", 1),
        ("Six indicators remained stable over the year", "same", 6),
        ("12 measures have deteriorated", "worse", 12),
        ("a total of 73 indicators", "total", 73),
        ("73 indicators are reported to Cabinet", "total", 73),
        ("we cannot say for 2 of them", "cannot_say", 2),
        ("9 indicators had no comparable data", "not_available", 9),
    ],
)
def test_the_count_phrasings_councils_use(text, kind, number):
    (figure,) = typed_figures(text)
    assert (figure.kind, figure.count) == (kind, number)


def test_a_percentage_that_is_not_its_own_fraction_disagrees():
    (typed,) = typed_figures("55% (64/114) of indicators improved")  # 64/114 is 56%
    assert not consistent(typed)
    other = Summary("2022-23", improved=60, same=4, worse=50)  # exactly 64/114
    assert not agrees(typed, other)
    (right,) = typed_figures("56% (64 of 114)")
    assert consistent(right) and agrees(right, other)
    (reverse,) = typed_figures("64 out of 114 indicators (56%)")
    assert (reverse.numerator, reverse.denominator, reverse.percent) == (64, 114, 56.0)


def test_live_fields_are_not_typed_figures_and_periods_are_not_borrowed():
    assert typed_figures("measured using {{figure:count.total:2022-23}} indicators") == []
    found = typed_figures(
        "Members noted 74% (42/57), against 69% (40/58) in 2021-22, and that 15 indicators got worse."
    )
    assert [(item.kind, item.period) for item in found] == [
        ("headline", None),
        ("headline", "2021-22"),
        ("worse", None),  # not 2021-22: that period belongs to the figure before
    ]
    assert typed_figures("The plan runs 2022-2030 and costs £74 (42/57 pages).") == []
