"""Tables in and out of CSV and XLSX files.

Reading (`sheet_reading.py`) takes every cell as text (`00123` stays `00123`, `N/A` stays `N/A`):
each importer converts its own columns. Encodings, delimiters, title rows, headers, ragged rows,
percent-formatted cells and the app's own formula apostrophes are dealt with there. Writing
neutralises text that a spreadsheet would run as a formula, keeps numbers as numbers, and renames a
finished temporary file into place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.importers.sheet_reading import (
    FORMULA_STARTS,
    neutralise,
    read_sheet,
    unneutralise,
)
from ocplan_desktop.services.files import write_atomically

__all__ = ["FORMULA_STARTS", "Table", "header_key", "neutralise", "read_table", "unneutralise"]

SUFFIXES = (".csv", ".xlsx")
ENCODING_TEXT = {
    "utf-8-sig": "UTF-8",
    "cp1252": "Windows-1252",
    "utf-16": "UTF-16 (Unicode text)",
    "xlsx": "Excel workbook",
}


@dataclass(frozen=True)
class Table:
    """A file's rows as text, keyed by the headers as written; `row_number(i)` is the line of the
    file (CSV) or the spreadsheet row (XLSX) the row came from."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    encoding: str = ""
    line_numbers: tuple[int, ...] = ()
    title: str = ""  # a title row above the headers, skipped
    notes: tuple[str, ...] = ()  # what the reader noticed (title row, ambiguous decimals)
    delimiter: str = ""
    content_hash: str = ""  # the file's SHA-256: the same file is known when it comes again

    def row_number(self, index: int) -> int:
        if index < len(self.line_numbers):
            return self.line_numbers[index]
        return index + 2  # row 1 holds the headers

    def column(self, wanted: str) -> str | None:
        """The header as written that matches `wanted` regardless of case, spaces and underscores."""
        key = header_key(wanted)
        for header in self.headers:
            if header_key(header) == key:
                return header
        return None

    @property
    def encoding_text(self) -> str:
        return ENCODING_TEXT.get(self.encoding, self.encoding)


def header_key(text: str) -> str:
    """`Indicator code`, `indicator_code` and ` INDICATOR  CODE ` all match."""
    return re.sub(r"[\s_\-.]+", "", str(text)).casefold()


def read_table(path: Path | str) -> Table:
    """Read a CSV or XLSX file's first sheet as text; a file that cannot be read is a clear error."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(f"{path.name}: only .csv and .xlsx files can be imported")
    if not path.is_file():
        raise ValidationError(f"{path}: there is no such file")
    sheet = read_sheet(path)
    rows = tuple(dict(zip(sheet.headers, row, strict=True)) for row in sheet.rows)
    return Table(
        path.name,
        sheet.headers,
        rows,
        sheet.encoding,
        sheet.line_numbers,
        sheet.title,
        sheet.notes,
        sheet.delimiter,
        sheet.content_hash,
    )


def write_table(path: Path | str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> Path:
    """Write a CSV (UTF-8 with BOM, which Excel reads) or XLSX file, safely and atomically."""
    import pandas as pd

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(f"{path.name}: choose a .csv or .xlsx file name")
    frame = pd.DataFrame(
        [[neutralise(value) for value in row] for row in rows], columns=list(headers), dtype=object
    )

    def write(temporary: Path) -> None:
        if suffix == ".csv":
            # CRLF as Excel writes it; a field holding a bare CR or LF is then quoted.
            frame.to_csv(temporary, index=False, encoding="utf-8-sig", lineterminator="\r\n")
        else:
            with pd.ExcelWriter(temporary, engine="openpyxl") as writer:
                frame.to_excel(writer, index=False, sheet_name="Sheet1")

    return write_atomically(path, write)
