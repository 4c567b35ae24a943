"""Reporting periods: `2022-23` for financial and academic years, `2023` for calendar years,
`2023-24 Q1` for quarters.

Councils write the same year as `2019/20`, `2019-20` or `2019-2020`; all are read as `2019-20`, the form
the workspace stores and shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ocplan_desktop.domain.errors import ValidationError

_YEAR_PAIR = re.compile(r"^(\d{4})\s*[-/–]\s*(\d{2}|\d{4})(?:\s*Q([1-4]))?$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})(?:\s*Q([1-4]))?$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Period:
    """A period label with the order it sorts in (start year, then quarter)."""

    start_year: int
    quarter: int
    spans_two_years: bool

    @property
    def label(self) -> str:
        if self.spans_two_years:
            text = f"{self.start_year}-{(self.start_year + 1) % 100:02d}"
        else:
            text = str(self.start_year)
        return f"{text} Q{self.quarter}" if self.quarter else text

    def __str__(self) -> str:
        return self.label


def parse_period(text: str, *, field: str | None = None) -> Period:
    """Read a period label in any of the usual spellings; refuse anything else with a clear message."""
    cleaned = " ".join(str(text).split())
    if match := _YEAR_PAIR.match(cleaned):
        start, end_text, quarter = match.groups()
        start_year = int(start)
        end_year = (
            int(end_text) if len(end_text) == 4 else (start_year // 100) * 100 + int(end_text)
        )
        if end_year < start_year and len(end_text) == 2:
            end_year += 100
        if end_year == start_year + 1:
            return Period(start_year, int(quarter or 0), True)
    elif match := _YEAR.match(cleaned):
        year, quarter = match.groups()
        return Period(int(year), int(quarter or 0), False)
    shown = cleaned if len(cleaned) <= 30 else cleaned[:27] + "…"
    raise ValidationError(
        f"'{shown}' is not a period (write it as 2022-23, 2022/23, 2023 or 2023-24 Q1)", field=field
    )


def normalise_period(text: str, *, field: str | None = None) -> str:
    """The stored form of a period label: `2019/20` → `2019-20`."""
    return parse_period(text, field=field).label


def period_sort_key(label: str) -> Period:
    """Sort key for stored labels; labels are validated on the way in, so this does not fail."""
    return parse_period(label)


def sorted_periods(labels: list[str] | set[str]) -> list[str]:
    """Labels in time order, oldest first."""
    return sorted(set(labels), key=period_sort_key)
