"""Tables in and out of CSV and XLSX files, through pandas.

Reading takes every cell as text (`00123` stays `00123`, `N/A` stays `N/A`): each importer converts
its own columns. CSV files may be UTF-8 (with or without BOM) or Windows-1252, as Excel writes them.
Writing neutralises text that a spreadsheet would run as a formula, keeps numbers as numbers, and
renames a finished temporary file into place.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.services.files import write_atomically

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ENCODINGS = ("utf-8-sig", "cp1252")
SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class Table:
    """A file's rows as text, keyed by the headers as written; `row_number(i)` is the spreadsheet row."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    encoding: str = ""

    def row_number(self, index: int) -> int:
        return index + 2  # row 1 holds the headers

    def column(self, wanted: str) -> str | None:
        """The header as written that matches `wanted` regardless of case, spaces and underscores."""
        key = header_key(wanted)
        for header in self.headers:
            if header_key(header) == key:
                return header
        return None


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
    if suffix == ".csv":
        return _read_csv(path)
    return _read_xlsx(path)


def _decode(path: Path) -> tuple[str, str]:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise ValidationError(f"{path.name} is not a text CSV file (it contains binary data)")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        f"{path.name}: the text is neither UTF-8 nor Windows-1252"
    )  # pragma: no cover


# The first line as `str.splitlines` would give it, without splitting the whole file.
_FIRST_LINE = re.compile("[^\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]*")


def _read_csv(path: Path) -> Table:
    import pandas as pd

    text, encoding = _decode(path)
    if not text.strip():
        raise ValidationError(f"{path.name} is empty")
    first_line = _FIRST_LINE.match(text)
    separator = _separator(first_line.group(0) if first_line else "")
    try:
        # pandas parses bytes in C; given a str it goes through a slower Python reader.
        frame = pd.read_csv(
            io.BytesIO(text.encode("utf-8")),
            encoding="utf-8",
            dtype=str,
            keep_default_na=False,
            sep=separator,
            skip_blank_lines=True,
        )
    except (pd.errors.ParserError, ValueError) as error:
        raise ValidationError(f"{path.name} is not a well-formed CSV file: {error}") from None
    return _table(path, frame, encoding)


def _separator(header_line: str) -> str:
    """Comma, unless the header row is plainly separated by semicolons or tabs (European Excel)."""
    for candidate in (";", "\t"):
        if candidate in header_line and "," not in header_line:
            return candidate
    return ","


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _read_xlsx(path: Path) -> Table:
    import pandas as pd

    try:
        frame = pd.read_excel(
            path, engine="calamine", dtype=object, sheet_name=0, header=0, keep_default_na=False
        )
    except Exception as error:  # calamine reports damage in many shapes
        raise ValidationError(
            f"{path.name} cannot be read as an Excel workbook ({error})"
        ) from None
    # Only columns holding something other than text (numbers, dates, empty cells) are converted.
    for position in range(frame.shape[1]):
        column = frame.iloc[:, position]
        if pd.api.types.infer_dtype(column, skipna=False) != "string":
            frame.isetitem(position, column.map(_cell_text))
    return _table(path, frame, "xlsx")


def _table(path: Path, frame: Any, encoding: str) -> Table:
    headers = tuple(str(header).strip() for header in frame.columns)
    unnamed = [header for header in headers if not header or header.startswith("Unnamed:")]
    if unnamed and len(unnamed) == len(headers):
        raise ValidationError(f"{path.name}: the first row must hold the column headers")
    # Column by column, then one dict per row; duplicate headers keep the last.
    columns = [
        [str(value).strip() for value in frame.iloc[:, index].tolist()]
        for index in range(len(headers))
    ]
    rows = tuple(
        row
        for row in (
            dict(zip(headers, values, strict=True)) for values in zip(*columns, strict=True)
        )
        if any(row.values())
    )
    return Table(path.name, headers, rows, encoding)


def neutralise(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


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
