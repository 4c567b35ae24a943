"""Dates the council's way: stored as ISO 8601, shown as `20 December 2023`."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ocplan_desktop.domain.errors import ValidationError

# The app's own English names: never the C library's (`strftime("%B")`), which follow the desktop's
# locale once Qt has started (`20 Rhagfyr 2023` under Welsh), and then cannot be read back.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: number for name, number in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# UK order: 20/12/2023, 20.12.23, 01-03-2027.
_SLASHED = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})$")
# 20 December 2023, 1 Mar 27, 1-Mar-27 (Excel's own), 3rd March, 2027.
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([A-Za-z]+)\.?,?[\s\-]+(\d{2}|\d{4})$")


def month_name(month: int) -> str:
    return MONTH_NAMES[month - 1]


def format_date(value: dt.date | str | None) -> str:
    """`2023-12-20` → `20 December 2023`; empty for no date."""
    if value is None or value == "":
        return ""
    day = value if isinstance(value, dt.date) else parse_date(value)
    return f"{day.day} {month_name(day.month)} {day.year}"


def format_month(day: dt.date) -> str:
    """`December 2023`."""
    return f"{month_name(day.month)} {day.year}"


def format_short_month(day: dt.date) -> str:
    """`Dec 2023`."""
    return f"{month_name(day.month)[:3]} {day.year}"


def format_moment(moment: dt.datetime, *, seconds: bool = False, at: bool = False) -> str:
    """`20 December 2023 14:05` (`at 14:05` with `at`, `14:05:09` with `seconds`)."""
    clock = f"{moment:%H:%M:%S}" if seconds else f"{moment:%H:%M}"
    return f"{format_date(moment.date())} {'at ' if at else ''}{clock}"


def parse_date(text: str, *, field: str | None = None) -> dt.date:
    """Read a date as officers write it: ISO, `20/12/2023`, `20/12/23`, `01-03-2027` (UK order),
    `20 December 2023`, `1 Mar 27` or `1-Mar-27`.

    Two-digit years are read as 20xx, which is what the council's approval tables mean by `07/12/23`.
    """
    cleaned = " ".join(str(text).split())
    day = _parsed(cleaned)
    if day is None:
        shown = cleaned if len(cleaned) <= 40 else cleaned[:37] + "…"
        raise ValidationError(
            f"'{shown}' is not a date (write it as 20 December 2023, 20/12/2023 or 2023-12-20)",
            field=field,
        )
    return day


@lru_cache(maxsize=4096)
def _parsed(cleaned: str) -> dt.date | None:
    """The date `cleaned` stands for, or None; remembered, as imports repeat the same dates."""
    try:
        if match := _ISO.match(cleaned):
            year, month, day = (int(part) for part in match.groups())
        elif match := _SLASHED.match(cleaned):
            day, month, year = int(match[1]), int(match[3]), int(match[4])
            if year < 100:
                year += 2000
        elif match := _WORDS.match(cleaned):
            day_text, month_name, year_text = match.groups()
            month_number = _MONTHS.get(month_name.lower())
            if month_number is None:
                return None
            day, month, year = int(day_text), month_number, int(year_text)
            if year < 100:
                year += 2000
        else:
            return None
        return dt.date(year, month, day)
    except ValueError:
        return None


def iso_date(text: str | dt.date | None, *, field: str | None = None) -> str | None:
    """Normalise any accepted date to the ISO text the database stores; None stays None."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, dt.date):
        return text.isoformat()
    return parse_date(text, field=field).isoformat()
