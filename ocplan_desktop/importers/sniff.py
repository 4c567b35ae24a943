"""Which import a file dropped on the window is for, from its first row alone.

A tracker has a `reference` column; an indicators file a code column with periods or catalogue
columns (see `indicator_rows.layout_of`); anything else with a header row is a survey export of
feedback. Minutes text comes as plain text. The header row is found the way the imports find it,
so a file is sent to the import that will read it.
"""

from __future__ import annotations

from pathlib import Path

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.importers.sheet_reading import read_sheet
from ocplan_desktop.importers.tabular import Table, header_key

TRACKER, INDICATORS, FEEDBACK, MINUTES = "tracker", "indicators", "feedback", "minutes"
TABLE_SUFFIXES = (".csv", ".xlsx")
TEXT_SUFFIXES = (".txt",)


def first_row(path: Path) -> tuple[str, ...]:
    """The header row of a CSV or XLSX file as the import reads it (a title row above it skipped,
    any encoding and delimiter the import reads), or () when it cannot be read."""
    try:
        return tuple(read_sheet(path).headers)
    except (ValidationError, OSError):  # the import itself will say what is wrong
        return ()


def kind_of(path: Path | str) -> str | None:
    """`tracker`, `indicators`, `feedback` or `minutes` for a file that looks like one; None for a
    file no import takes."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return MINUTES
    if suffix not in TABLE_SUFFIXES:
        return None
    headers = first_row(path)
    if not any(headers):
        return None
    keys = {header_key(header) for header in headers}
    if "reference" in keys:
        return TRACKER
    from ocplan_desktop.importers.indicator_rows import layout_of

    try:
        layout_of(Table(path.name, headers, ()))
    except ValidationError:
        return FEEDBACK
    return INDICATORS
