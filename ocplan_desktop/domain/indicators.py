"""Indicators of the council plan, their themes, areas and values."""

from __future__ import annotations

from dataclasses import dataclass

from ocplan_desktop.domain.performance import Polarity

UNITS = (
    "count",
    "%",
    "£",
    "rate per 1,000",
    "rate per 10,000",
    "rate per 100,000",
    "days",
    "score",
    "years",
)
FREQUENCIES = ("annual", "financial year", "academic year", "quarterly")


@dataclass(frozen=True)
class Theme:
    id: int
    name: str
    kind: str = "priority"
    position: int = 0


@dataclass(frozen=True)
class Area:
    id: int
    name: str
    is_own: bool = False
    position: int = 0


@dataclass(frozen=True)
class Indicator:
    id: int
    code: str
    name: str
    theme: str = ""
    polarity: str = Polarity.HIGHER.value
    unit: str = "count"
    decimals: int = 0
    tolerance: float = 0.0
    source: str = ""
    frequency: str = "financial year"
    owner: str = ""
    first_period: str | None = None
    last_period: str | None = None

    @property
    def title(self) -> str:
        return f"{self.code} {self.name}"

    def format_value(self, value: float | None) -> str:
        if value is None:
            return "n/a"
        number = f"{value:,.{self.decimals}f}"
        if self.unit == "%":
            return number + "%"
        if self.unit == "£":
            return "£" + number
        return number
