"""Reading a spreadsheet file as Excel and survey tools write it, into clean rows of text.

This is the reading layer under every importer: it decides the encoding (UTF-8 with or without BOM,
UTF-16 "Unicode text", Windows-1252), the delimiter (comma, semicolon, tab or bar, quotes
respected), a title row above the headers, the headers themselves (a duplicated heading is refused
and named as written; a blank heading over data is named by its column letter), ragged rows (refused
with their line number), decimal commas in semicolon files, the formula-safety apostrophe the app's
own exports add, and in workbooks the number format of a cell (a cell shown as 68.3% reads as
"68.3%"). Workbooks whose parts would unpack past `MAX_UNPACKED` are refused before anything is
read. What comes out is text, row by row: each importer converts its own columns.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import re
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.errors import ValidationError

MAX_UNPACKED = 200 * 1024 * 1024  # bytes a workbook's parts may unpack to
DELIMITERS = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")  # "\n": XLSX keeps a CR as LF
_SAMPLE_LINES = 50
_TITLE_ROWS = 5
_DECIMAL_COMMA = re.compile(r"^[-+]?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+%?$")
_DECIMAL_POINT = re.compile(r"^[-+]?\d+\.\d+%?$")
_AMBIGUOUS = re.compile(r"^[-+]?\d{1,3},\d{3}%?$")
_PERCENT_FORMAT = re.compile(r"%")


@dataclass(frozen=True)
class Sheet:
    """A file's first sheet as text: headers as written, rows, and where each row was."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    line_numbers: tuple[int, ...]  # the row each came from, as a spreadsheet numbers it
    encoding: str  # utf-8-sig, utf-16, cp1252 or xlsx
    delimiter: str = ""
    title: str = ""  # a title row above the headers, as written
    notes: tuple[str, ...] = ()
    content_hash: str = ""  # SHA-256 of the file's bytes: the same file is known again


def unneutralise(text: str) -> str:
    """Take off exactly the apostrophe `neutralise` put before a formula-like cell (`'=SUM(A1)`
    → `=SUM(A1)`; `''=x` → `'=x`); anything else is left as written."""
    body = text.lstrip("'")
    if text.startswith("'") and body.startswith(FORMULA_STARTS):
        return text[1:]
    return text


def neutralise(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (so does text that
    already starts with apostrophes before such a character, so reading it back is exact);
    numbers stay numbers."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# text files ------------------------------------------------------------------------------------
def decode(data: bytes, name: str) -> tuple[str, str]:
    """The file's text and encoding: a BOM is believed; else UTF-8, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise ValidationError(f"{name}: the text is not readable UTF-16") from None
    head = data[:4096]
    if b"\x00" in head:
        odd, even = head[1::2], head[0::2]
        if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
            return data.decode("utf-16-le", errors="replace"), "utf-16"
        raise ValidationError(f"{name} is not a text CSV file (it contains binary data)")
    try:
        return data.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the sample lines into the same number of fields (quotes
    respected, so `"Smith, J";4` is two fields under `;`). A title row may differ; the most
    common count wins; ties go to the more usual delimiter."""
    lines = [line for line in text.splitlines()[: _SAMPLE_LINES * 2] if line.strip()]
    sample = "\n".join(lines[:_SAMPLE_LINES])
    best, best_score = ",", (0.0, 0)
    for delimiter in DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter)]
        except csv.Error:
            continue
        if not counts:
            continue
        width, agreeing = Counter(counts).most_common(1)[0]
        if width < 2:
            continue
        score = (agreeing / len(counts), width)
        if score[0] >= 0.8 and score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(text: str, name: str, delimiter: str) -> list[tuple[int, list[str]]]:
    """(row as a spreadsheet numbers it, cells) for each record; a record's cells may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for row in reader:
            rows.append((len(rows) + 1, row))
            line = reader.line_num + 1
    except csv.Error as error:
        reason = "a quote is not closed" if "end of data" in str(error) else str(error)
        raise ValidationError(
            f"{name} is not a well-formed CSV file: line {line}: {reason}"
        ) from None
    return rows


# workbooks -------------------------------------------------------------------------------------
def check_unpacked_size(path: Path) -> None:
    """Refuse a workbook whose parts would unpack past the limit, from the zip's own directory
    (read in milliseconds), before anything is decompressed."""
    try:
        with zipfile.ZipFile(path) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise ValidationError(
            f"{path.name} cannot be read as an Excel workbook ({error})"
        ) from None
    if size > MAX_UNPACKED:
        raise ValidationError(
            f"{path.name}: the workbook would unpack to {size / 1024 / 1024:,.0f} MB (the limit is "
            f"{MAX_UNPACKED // 1024 // 1024} MB), so it was not opened; it may be damaged or built "
            "to overload the computer"
        )


def _percent_formats_used(path: Path) -> bool:
    """Whether any cell style is a percentage: read from xl/styles.xml, so openpyxl (slow) is
    opened only for workbooks that need it."""
    try:
        with zipfile.ZipFile(path) as archive:
            styles = archive.read("xl/styles.xml").decode("utf-8", errors="replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return False
    custom = {
        match[1]
        for match in re.finditer(r'<numFmt[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"', styles)
        if "%" in match[2]
    }
    custom |= {
        match[2]
        for match in re.finditer(r'<numFmt[^>]*formatCode="([^"]*)"[^>]*numFmtId="(\d+)"', styles)
        if "%" in match[1]
    }
    used = set(re.findall(r'<xf[^>]*numFmtId="(\d+)"', styles))
    return bool(used & (custom | {"9", "10"}))


def _percent_cells(path: Path) -> dict[tuple[int, int], int]:
    """(row, column) from 0 → decimals shown, for numeric cells formatted as a percentage."""
    import openpyxl

    found: dict[tuple[int, int], int] = {}
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for row in workbook.worksheets[0].iter_rows():
            for cell in row:
                number_format = getattr(cell, "number_format", "") or ""
                if "%" in number_format and isinstance(cell.value, int | float):
                    decimals = re.search(r"\.([0#]+)%", number_format)
                    found[(cell.row - 1, cell.column - 1)] = len(decimals[1]) if decimals else 0
    finally:
        workbook.close()
    return found


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _workbook_rows(path: Path) -> list[tuple[int, list[str]]]:
    from python_calamine import CalamineWorkbook

    check_unpacked_size(path)
    try:
        grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        values = grid.to_python(skip_empty_area=False)
    except Exception as error:  # calamine reports damage in many shapes
        raise ValidationError(
            f"{path.name} cannot be read as an Excel workbook ({error})"
        ) from None
    percent = _percent_cells(path) if _percent_formats_used(path) else {}
    rows = []
    for index, row in enumerate(values):
        cells = []
        for column, value in enumerate(row):
            decimals = percent.get((index, column))
            if decimals is not None and isinstance(value, int | float):
                cells.append(f"{value * 100:.{decimals}f}%")  # the percentage the cell shows
            else:
                cells.append(cell_text(value))
        rows.append((index + 1, cells))
    return rows


# the rows a file holds ---------------------------------------------------------------------------
def _clean(row: list[str]) -> list[str]:
    """Each cell stripped, the export's formula apostrophe taken off (the common case is quick)."""
    return [cell.strip() if cell[:1] != "'" else unneutralise(cell).strip() for cell in row]


def _header_index(rows: Sequence[tuple[int, list[str]]]) -> int:
    """Where the headers are: past a title row (one filled cell) above a row of several."""
    filled = [sum(1 for cell in row if cell.strip()) for _line, row in rows[: _TITLE_ROWS + 1]]
    if not filled or filled[0] != 1:
        return 0
    for index, count in enumerate(filled):
        if count >= 2:
            return index
    return 0


def _headers(name: str, raw: list[str], rows: list[list[str]]) -> tuple[list[str], list[int]]:
    """The headers as written, and the columns kept (blank columns with no heading are not)."""
    headers: list[str] = []
    kept: list[int] = []
    seen: dict[str, int] = {}
    for index, header in enumerate(raw):
        text = " ".join(header.split())
        if not text:
            if not any(index < len(row) and row[index].strip() for row in rows):
                continue
            text = f"Column {column_letter(index)}"
        key = re.sub(r"[\s_\-.]+", "", text).casefold()
        if key in seen:
            raise ValidationError(
                f"{name}: the heading '{text}' is used by two columns ({column_letter(seen[key])} "
                f"and {column_letter(index)}): give each column its own heading"
            )
        seen[key] = index
        headers.append(text)
        kept.append(index)
    if not headers:
        raise ValidationError(f"{name}: the first row must hold the column headers")
    return headers, kept


def _decimal_commas(headers: list[str], rows: list[list[str]]) -> list[str]:
    """In a semicolon file, `3,5` is 3.5 where a column says so unambiguously (a comma followed
    by other than three digits, or `1.234,5`); the cells are rewritten with a point. Returns notes
    for columns left as written because `1,234` could be either."""
    notes = []
    for column, header in enumerate(headers):
        cells = [row[column].strip() for row in rows if row[column].strip()]
        commas = [cell for cell in cells if _DECIMAL_COMMA.match(cell)]
        if not commas or any(_DECIMAL_POINT.match(cell) for cell in cells):
            continue
        if all(_AMBIGUOUS.match(cell) for cell in commas):
            notes.append(
                f"column '{header}': values such as '{commas[0]}' could mean a decimal or "
                "thousands; they were read as written"
            )
            continue
        for row in rows:
            cell = row[column].strip()
            if _DECIMAL_COMMA.match(cell):
                row[column] = cell.replace(".", "").replace(",", ".")
    return notes


def read_sheet(path: Path) -> Sheet:
    """A CSV file or a workbook's first sheet as clean rows of text; bad files are one clear line."""
    delimiter = ""
    if path.suffix.lower() == ".xlsx":
        raw_rows, encoding = _workbook_rows(path), "xlsx"
        content_hash = _file_hash(path)
    else:
        data = path.read_bytes()
        content_hash = hashlib.sha256(data).hexdigest()
        text, encoding = decode(data, path.name)
        if not text.strip():
            raise ValidationError(f"{path.name} is empty")
        delimiter = detect_delimiter(text)
        raw_rows = _csv_rows(text, path.name, delimiter)
    raw_rows = [(line, row) for line, row in raw_rows if "".join(row).strip()]
    if not raw_rows:
        raise ValidationError(f"{path.name} is empty")
    start = _header_index(raw_rows)
    title = " — ".join(
        " ".join(cell.split()) for _line, row in raw_rows[:start] for cell in row if cell.strip()
    )
    header_line, raw_headers = raw_rows[start]
    body = raw_rows[start + 1 :]
    if delimiter:
        for line, row in body:
            extra = row[len(raw_headers) :]
            if len(row) < len(raw_headers) or any(cell.strip() for cell in extra):
                raise ValidationError(
                    f"{path.name}: row {line} has {len(row)} value{'s' if len(row) != 1 else ''} "
                    f"where the header row (row {header_line}) has {len(raw_headers)} columns: "
                    f"a value is missing, or a {DELIMITER_NAMES[delimiter]} inside a value is "
                    "not in quotes"
                )
    width = len(raw_headers)
    cells = [_clean(row if len(row) == width else (row + [""] * width)[:width]) for _l, row in body]
    headers, kept = _headers(path.name, raw_headers, cells)
    if len(kept) < width:
        cells = [[row[index] for index in kept] for row in cells]
    notes = []
    if title:
        notes.append(f"row {raw_rows[0][0]}: the title row “{title}” above the headers was skipped")
    if delimiter == ";":
        notes += _decimal_commas(headers, cells)
    return Sheet(
        headers=tuple(headers),
        rows=tuple(tuple(row) for row in cells),
        line_numbers=tuple(line for line, _row in body),
        encoding=encoding,
        delimiter=delimiter,
        title=title,
        notes=tuple(notes),
        content_hash=content_hash,
    )


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
