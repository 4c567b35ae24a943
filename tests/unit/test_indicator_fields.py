"""How officers write indicator fields, and how the workspace reads them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.indicators import (
    Indicator,
    clean_text,
    decimals_in,
    parse_decimals,
    parse_frequency,
    parse_number,
    parse_polarity,
    parse_provisional,
    parse_tolerance,
    parse_unit,
    split_names,
)
from ocplan_desktop.domain.performance import Polarity


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234", 1234.0),
        ("1,234", 1234.0),
        ("1,234,567.25", 1234567.25),
        ("45.2%", 45.2),
        ("45.2 %", 45.2),
        ("£512", 512.0),
        ("£1,512.50", 1512.5),
        ("-3.5", -3.5),
        ("−3.5", -3.5),  # a typographic minus
        ("(12)", -12.0),  # accountants' negative
        ("+0.4", 0.4),
        (".5", 0.5),
        ("1 234", 1234.0),
        ("1\u00a0234", 1234.0),
        ("00123", 123.0),
    ],
)
def test_numbers_as_councils_write_them(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["N/A", "n/a", "NA", "-", "..", "–", "x", "", "  "])
def test_not_available_is_none_never_zero(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["abc", "1,5", "1.2.3", "12,34", "nan", "inf", "1e5", "£", "%"])
def test_what_is_not_a_number_is_refused_with_the_field(text):
    with pytest.raises(ValidationError) as error:
        parse_number(text, field="2019/20")
    assert str(error.value).startswith("2019/20: ")
    assert "is not a number" in str(error.value)


def test_a_long_cell_is_shortened_in_the_message():
    with pytest.raises(ValidationError) as error:
        parse_number("x" * 10_000 + "y")
    assert len(str(error.value)) < 200


@given(st.floats(-1e9, 1e9, allow_nan=False).map(lambda value: round(value, 4)))
def test_formatted_numbers_read_back(value):
    assert parse_number(f"{value:,}") == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("higher", Polarity.HIGHER),
        ("High", Polarity.HIGHER),
        ("Higher is better", Polarity.HIGHER),
        ("↑", Polarity.HIGHER),
        ("lower", Polarity.LOWER),
        ("Low", Polarity.LOWER),
        ("lower is better", Polarity.LOWER),
        ("↓", Polarity.LOWER),
        ("none", Polarity.NONE),
        ("No Polarity", Polarity.NONE),
        ("  no   polarity ", Polarity.NONE),
        ("Neutral", Polarity.NONE),
    ],
)
def test_polarity_as_councils_write_it(text, expected):
    assert parse_polarity(text) is expected


@pytest.mark.parametrize("text", ["sideways", "", "better"])
def test_unknown_polarity_is_refused(text):
    with pytest.raises(ValidationError, match="polarity: .* is not a polarity"):
        parse_polarity(text)


def test_units_frequencies_and_small_fields():
    assert parse_unit("Percent") == "%"
    assert parse_unit("rate per 1000") == "rate per 1,000"
    assert parse_unit("tonnes CO2e") == "tonnes CO2e"
    assert parse_frequency("Financial Year") == "financial year"
    assert parse_frequency("annually") == "annual"
    with pytest.raises(ValidationError, match="frequency"):
        parse_frequency("monthly")
    assert parse_decimals("2") == 2
    with pytest.raises(ValidationError, match="decimals"):
        parse_decimals("7")
    assert parse_tolerance("0.5%") == (0.5, True)  # relative: within 0.5% of the previous value
    assert parse_tolerance("0.5") == (0.5, False)
    with pytest.raises(ValidationError, match="negative"):
        parse_tolerance("-1")
    assert parse_provisional("Provisional") is True
    assert parse_provisional("final") is False and parse_provisional("") is False
    assert decimals_in("45.20%") == 2 and decimals_in("1,234") == 0
    assert split_names("England; West Midlands | Similar councils") == [
        "England",
        "West Midlands",
        "Similar councils",
    ]


def test_text_is_cleaned_and_limited():
    assert clean_text("  Binley  &   Willenhall ", field="name") == "Binley & Willenhall"
    assert clean_text("Emoji 😀 <b>", field="name") == "Emoji 😀 <b>"
    with pytest.raises(ValidationError, match="name: is 10,000 characters long"):
        clean_text("a" * 10_000, field="name")
    with pytest.raises(ValidationError, match="name: is needed"):
        clean_text("  ", field="name", required=True)
    with pytest.raises(ValidationError, match="control characters"):
        clean_text("bell\x07", field="name")


def test_values_are_shown_in_the_indicator_format():
    share = Indicator(1, "EP01", "Employment rate", unit="%", decimals=1)
    money = Indicator(2, "EP03", "Pay", unit="£", decimals=0)
    assert share.format_value(68.44) == "68.4%" and share.format_value(None) == "n/a"
    assert money.format_value(512) == "£512"
    assert share.chart_format.format(68.44) == "68.4%"
    assert money.chart_format.format(23150) == "£23,150"
    assert Indicator(3, "X", "Y", first_period="2019-20").reported_text == "from 2019-20"
