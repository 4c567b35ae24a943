"""Which import a file dropped on the window is for, from its first row alone.

A tracker has a `reference` column; an indicators file a code column with periods or catalogue
columns (see `indicator_rows.layout_of`); anything else with a header row is a survey export of
feedback. Minutes text comes as plain text. Reading one row keeps the answer instant for a file of
any size; the import itself then reads and checks the whole file as usual.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.importers.tabular import ENCODINGS, Table, header_key

TRACKER, INDICATORS, FEEDBACK, MINUTES = "tracker", "indicators", "feedback", "minutes"
TABLE_SUFFIXES = (".csv", ".xlsx")
TEXT_SUFFIXES = (".txt",)


def first_row(path: Path) -> tuple[str, ...]:
    """The header row of a CSV or XLSX file, or () when it cannot be read."""
    if path.suffix.lower() == ".xlsx":
        try:
            from python_calamine import CalamineWorkbook

            sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
            rows = sheet.to_python(nrows=1)
        except Exception:  # a damaged workbook: the import will say what is wrong
            return ()
        return tuple(str(cell).strip() for cell in rows[0]) if rows else ()
    try:
        with path.open("rb") as stream:
            head = stream.read(64 * 1024)
    except OSError:
        return ()
    for encoding in ENCODINGS:
        try:
            text = head.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        return ()
    line = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if ";" in line and "," not in line else "\t" if "\t" in line else ","
    row = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
    return tuple(cell.strip() for cell in row)


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
