"""The indicator catalogue and its values out to CSV or XLSX, in the shape the importer reads back.

Numbers stay numbers; text a spreadsheet would run as a formula is neutralised (`write_table`).
A value recorded as not available is written `N/A`, which the importer reads as not available again.
"""

from __future__ import annotations

from pathlib import Path

from ocplan_desktop.domain.performance import Polarity
from ocplan_desktop.importers.tabular import write_table
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store import indicators as store
from ocplan_desktop.store.workspace import Workspace

CATALOGUE_HEADERS = (
    "Code",
    "Name",
    "Theme",
    "Polarity",
    "Unit",
    "Decimals",
    "Tolerance",
    "Source",
    "Frequency",
    "Comparators",
    "Owner",
    "First period",
    "Last period",
    "Notes",
)
VALUE_HEADERS = ("Indicator", "Period", "Area", "Value", "Provisional", "Note")


def export_catalogue(ws: Workspace, path: Path | str, progress: Progress = NO_PROGRESS) -> int:
    """Write every indicator's catalogue entry; returns how many rows were written."""
    progress.step(0, 2, "Reading the catalogue")
    rows = [
        [
            item.code,
            item.name,
            item.theme,
            Polarity(item.polarity).value,
            item.unit,
            item.decimals,
            item.tolerance_text if item.tolerance_relative else _cell(item.tolerance),
            item.source,
            item.frequency,
            "; ".join(item.comparators),
            item.owner,
            item.first_period or "",
            item.last_period or "",
            item.notes,
        ]
        for item in store.list_indicators(ws)
    ]
    progress.step(1, 2, f"Writing {len(rows):,} indicators")
    write_table(path, CATALOGUE_HEADERS, rows)
    progress.step(2, 2, "Written")
    return len(rows)


def export_values(ws: Workspace, path: Path | str, progress: Progress = NO_PROGRESS) -> int:
    """Write every value in long form (indicator, period, area, value); returns the row count."""
    progress.step(0, 2, "Reading the values")
    rows = [
        [
            code,
            value.period,
            value.area,
            _cell(value.value),
            "provisional" if value.provisional else "final",
            value.note,
        ]
        for code, value in store.all_values(ws)
    ]
    progress.step(1, 2, f"Writing {len(rows):,} values")
    write_table(path, VALUE_HEADERS, rows)
    progress.step(2, 2, "Written")
    return len(rows)


def _cell(value: float | None) -> float | int | str:
    if value is None:
        return "N/A"
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value
