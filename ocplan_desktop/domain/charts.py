"""A chart as data: what the screen (pyqtgraph) and the PDF (ReportLab) both draw.

Values of None are gaps (a year with no figure is never drawn as zero).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ChartKind(StrEnum):
    LINE = "line"
    BAR = "bar"  # vertical bars, one group per category
    HBAR = "hbar"  # horizontal bars, for long category names (wards, themes)


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class ChartData:
    title: str
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    y_label: str = ""
    value_format: str = "{:,.0f}"
    # Categories to mark (for example wards with no responses), by index.
    flagged: frozenset[int] = field(default_factory=frozenset)
    flag_note: str = ""
    # A share (0–100%) is drawn from zero, so 69% against 79% does not look like a collapse.
    from_zero: bool = False
    # Each drawn value carries its figure as a label (the printed history chart).
    label_points: bool = False
    # What the chart says in words when it has nothing to draw.
    empty_note: str = "No figures to draw."

    def __post_init__(self) -> None:
        for item in self.series:
            if len(item.values) != len(self.categories):
                raise ValueError(
                    f"series {item.name!r} has {len(item.values)} values for {len(self.categories)} categories"
                )

    def points(self, series_index: int = 0) -> list[tuple[int, float]]:
        """(category index, value) for the values that exist; gaps are left out."""
        return [
            (index, value)
            for index, value in enumerate(self.series[series_index].values)
            if value is not None
        ]

    def segments(self, series_index: int = 0) -> list[list[tuple[int, float]]]:
        """Runs of consecutive values: a line is drawn through each run and broken at every gap."""
        runs: list[list[tuple[int, float]]] = []
        current: list[tuple[int, float]] = []
        for index, value in enumerate(self.series[series_index].values):
            if value is None:
                if current:
                    runs.append(current)
                current = []
            else:
                current.append((index, value))
        if current:
            runs.append(current)
        return runs

    @property
    def is_empty(self) -> bool:
        """True when no series has a single value: the chart says so in words instead."""
        return all(value is None for item in self.series for value in item.values)

    def value_range(self) -> tuple[float, float]:
        values = [value for item in self.series for value in item.values if value is not None]
        if not values:
            return (0.0, 1.0)
        low, high = min(values), max(values)
        if self.kind is not ChartKind.LINE or self.from_zero:
            low = min(low, 0.0)
        return (low, high if high > low else low + 1.0)
