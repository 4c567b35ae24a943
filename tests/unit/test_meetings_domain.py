"""Minute numbers across the municipal year, and times as officers write them."""

from __future__ import annotations

import datetime as dt

import pytest

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.meetings import (
    check_time,
    minute_numbers,
    minute_sequence,
    municipal_year_span,
)


def test_minute_numbers_carry_the_municipal_year():
    assert minute_numbers(3, 56, dt.date(2024, 1, 9)) == ["56/23", "57/23", "58/23"]
    assert minute_numbers(1, 1, dt.date(2024, 5, 22)) == ["1/24"]
    assert minute_sequence("56/23") == 56 and minute_sequence("") is None
    assert minute_sequence("Item 4") is None


def test_municipal_year_span():
    assert municipal_year_span(dt.date(2024, 2, 7)) == ("2023-05-01", "2024-04-30")
    assert municipal_year_span(dt.date(2024, 4, 1), starts_month=4) == ("2024-04-01", "2025-03-31")


@pytest.mark.parametrize(("text", "stored"), [("10:00", "10:00"), ("9.30", "09:30"), (" ", "")])
def test_times(text, stored):
    assert check_time(text) == stored


@pytest.mark.parametrize("text", ["25:00", "10:7", "teatime", "10:60", "x" * 100])
def test_bad_times_are_named(text):
    with pytest.raises(ValidationError, match="time: .* is not a time"):
        check_time(text)
