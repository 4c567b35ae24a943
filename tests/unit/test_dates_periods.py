from __future__ import annotations

import datetime as dt

import pytest

from ocplan_desktop.domain.dates import format_date, iso_date, parse_date
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.periods import normalise_period, sorted_periods


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-12-20", dt.date(2023, 12, 20)),
        ("20/12/2023", dt.date(2023, 12, 20)),
        ("07/12/23", dt.date(2023, 12, 7)),
        ("20 December 2023", dt.date(2023, 12, 20)),
        ("9 Jan 2024", dt.date(2024, 1, 9)),
        ("  1st  February 2023 ", dt.date(2023, 2, 1)),
    ],
)
def test_dates_officers_write(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["31/02/2023", "tomorrow", "2023-13-01", "", "12/20/2023", "<b>", "9" * 10_000]
)
def test_a_date_that_is_not_a_date_gets_a_clear_message(text):
    with pytest.raises(ValidationError, match="is not a date"):
        parse_date(text, field="due date")


def test_dates_show_the_councils_way():
    assert format_date("2023-12-20") == "20 December 2023"
    assert format_date("2024-01-09") == "9 January 2024"
    assert format_date(None) == ""
    assert iso_date("9 January 2024") == "2024-01-09"
    assert iso_date("  ") is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("2019/20", "2019-20"),
        ("2019-20", "2019-20"),
        ("2019-2020", "2019-20"),
        ("2019 / 20", "2019-20"),
        ("1999/00", "1999-00"),
        ("2023", "2023"),
        ("2023-24 q1", "2023-24 Q1"),
    ],
)
def test_period_spellings(text, label):
    assert normalise_period(text) == label


@pytest.mark.parametrize("text", ["2019-21", "20/21", "FY23", "", "2019-20 Q5"])
def test_bad_periods(text):
    with pytest.raises(ValidationError, match="is not a period"):
        normalise_period(text)


def test_periods_sort_in_time_order():
    assert sorted_periods(["2021-22", "2009-10", "1999-00", "2010-11"]) == [
        "1999-00",
        "2009-10",
        "2010-11",
        "2021-22",
    ]
