"""Reading an indicators file row by row: which columns mean what, and each cell as the workspace
stores it, or a refusal that names the row and the field.

One file may hold the catalogue (code, name, theme, polarity, unit, tolerance, …), values in long form
(indicator, period, area, value) and values in wide form (one row per indicator, a column per period
headed `2019/20`, `2020-21`, …), in any combination. Headers match regardless of case and spacing.
Nothing here looks at the workspace: `indicators.py` plans the import against it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.indicators import (
    MAX_NAME,
    clean_code,
    clean_note,
    clean_text,
    parse_decimals,
    parse_frequency,
    parse_number,
    parse_polarity,
    parse_provisional,
    parse_tolerance,
    parse_unit,
    split_figure_mark,
    split_names,
)
from ocplan_desktop.domain.periods import normalise_period, parse_period
from ocplan_desktop.importers.tabular import Table, header_key

# The indicator's code comes first: `indicator` is its code unless a column is plainly the code.
CODE_HEADERS = ("code", "indicator code", "indicator ref", "ref", "reference", "indicator id")
CODE_FALLBACK = "indicator"

CATALOGUE_HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("name", "indicator name", "title", "indicator title", CODE_FALLBACK),
    "theme": ("theme", "plan theme", "theme name", "priority"),
    "polarity": ("polarity", "good is", "direction of good", "better"),
    "unit": ("unit", "units", "format", "measure"),
    "decimals": ("decimals", "decimal places", "dp"),
    "tolerance": ("tolerance", "same if within", "tolerance for same"),
    "source": ("source", "data source"),
    "frequency": ("frequency", "reporting frequency"),
    "comparators": ("comparators", "comparator areas"),
    "owner": ("owner", "lead officer", "responsible officer", "lead"),
    "first_period": ("first period", "first reported", "from period", "start period"),
    "last_period": ("last period", "last reported", "to period", "end period"),
    "notes": ("notes", "indicator notes"),
}
VALUE_HEADERS: dict[str, tuple[str, ...]] = {
    "period": ("period", "year", "financial year", "reporting period"),
    "area": ("area", "area name", "geography"),
    "value": ("value", "figure", "result", "actual"),
    "provisional": ("provisional", "provisional or final", "final or provisional", "data status"),
    "note": ("note", "value note", "comment", "comments"),
}
FIELD_NAMES = {
    "first_period": "first period",
    "last_period": "last period",
}


def _label(name: str) -> str:
    return FIELD_NAMES.get(name, name)


def _comparators(text: str) -> tuple[str, ...]:
    return tuple(clean_text(name, field="comparators", limit=200) for name in split_names(text))


PARSERS: dict[str, Callable[[str], object]] = {
    "name": lambda text: clean_text(text, field="name", limit=MAX_NAME),
    "theme": lambda text: clean_text(text, field="theme", limit=MAX_NAME),
    "polarity": lambda text: parse_polarity(text).value,
    "unit": parse_unit,
    "decimals": parse_decimals,
    "source": lambda text: clean_text(text, field="source"),
    "frequency": parse_frequency,
    "comparators": _comparators,
    "owner": lambda text: clean_text(text, field="owner"),
    "first_period": lambda text: normalise_period(text, field="first period"),
    "last_period": lambda text: normalise_period(text, field="last period"),
    "notes": lambda text: clean_note(text, field="notes"),
}


@dataclass(frozen=True)
class Layout:
    """Which header holds what: the code, catalogue fields, long-form value fields, period columns."""

    code: str
    catalogue: dict[str, str]
    values: dict[str, str]
    periods: dict[str, str]  # header as written → period label (wide form)
    ignored: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        found = []
        if self.catalogue:
            found.append("catalogue")
        if "value" in self.values:
            found.append("values in long form")
        if self.periods:
            found.append("values in wide form")
        return tuple(found)


@dataclass
class ParsedValue:
    row: int
    period: str
    area: str  # as written; empty means the council's own area
    value: float | None  # None: recorded as not available
    text: str
    provisional: bool | None = None  # None: not given
    note: str | None = None
    blank: bool = False  # an empty cell read with --blank-clears: clears a stored value only


@dataclass
class ParsedRow:
    row: int
    code: str
    catalogue: dict[str, object] = field(default_factory=dict)
    values: list[ParsedValue] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _find(table: Table, aliases: tuple[str, ...], taken: set[str]) -> str | None:
    """The first header (in the order of `aliases`) not yet taken by another field."""
    for alias in aliases:
        for header in table.headers:
            if header not in taken and header_key(header) == header_key(alias):
                return header
    return None


def _period_label(header: str) -> str | None:
    try:
        return parse_period(header).label
    except ValidationError:
        return None


def layout_of(table: Table) -> Layout:
    """Work out what the file holds from its headers; a file that holds nothing to import is refused."""
    taken: set[str] = set()
    code = _find(table, CODE_HEADERS, taken) or _find(table, (CODE_FALLBACK,), taken)
    if code is None:
        raise ValidationError(
            f"{table.name}: no column holds the indicator code (head one 'Code' or 'Indicator')"
        )
    taken.add(code)
    catalogue: dict[str, str] = {}
    for name, aliases in CATALOGUE_HEADERS.items():
        if (header := _find(table, aliases, taken)) is not None:
            catalogue[name] = header
            taken.add(header)
    values: dict[str, str] = {}
    for name, aliases in VALUE_HEADERS.items():
        if (header := _find(table, aliases, taken)) is not None:
            values[name] = header
            taken.add(header)
    periods: dict[str, str] = {}
    seen: dict[str, str] = {}
    for header in table.headers:
        if header in taken or (label := _period_label(header)) is None:
            continue
        if label in seen:
            raise ValidationError(
                f"{table.name}: the columns '{seen[label]}' and '{header}' are both {label}"
            )
        seen[label] = header
        periods[header] = label
        taken.add(header)
    if "value" in values and "period" not in values:
        raise ValidationError(f"{table.name}: a 'Value' column needs a 'Period' column beside it")
    ignored = tuple(header for header in table.headers if header not in taken)
    result = Layout(code, catalogue, values, periods, ignored)
    if not result.forms:
        raise ValidationError(
            f"{table.name}: nothing to import: no catalogue columns (name, theme, polarity, …), "
            "no 'Value' column and no columns headed by a period such as 2019/20"
        )
    return result


def _cell(row: dict[str, str], header: str | None) -> str:
    return row.get(header, "").strip() if header else ""


def _parse_values(
    parsed: ParsedRow, row: dict[str, str], layout: Layout, blank_clears: bool = False
) -> None:
    """A blank provisional, note or value cell leaves what is stored as it is, unless
    `blank_clears` (then it sets final, no note, not available)."""
    area = _cell(row, layout.values.get("area"))
    try:
        area = clean_text(area, field="area", limit=200)
        provisional_text = _cell(row, layout.values.get("provisional"))
        provisional = (
            parse_provisional(provisional_text)
            if "provisional" in layout.values and (provisional_text or blank_clears)
            else None
        )
        note_text = _cell(row, layout.values.get("note"))
        note = (
            clean_note(note_text)
            if "note" in layout.values and (note_text or blank_clears)
            else None
        )
    except ValidationError as error:
        parsed.problems.append(str(error))
        return
    if "value" in layout.values:
        period_text = _cell(row, layout.values["period"])
        text = _cell(row, layout.values["value"])
        if period_text:
            try:
                period = normalise_period(period_text, field="period")
                number, marked = split_figure_mark(text)
                value = parse_number(number)
                if text or blank_clears or provisional is not None or note is not None:
                    parsed.values.append(
                        ParsedValue(
                            parsed.row,
                            period,
                            area,
                            value,
                            text,
                            True if marked else provisional,
                            note,
                            not text,
                        )
                    )
            except ValidationError as error:
                parsed.problems.append(str(error))
        elif text:
            parsed.problems.append("period: is needed for a value")
    for header, period in layout.periods.items():
        text = _cell(row, header)
        if not text:
            if blank_clears:
                parsed.values.append(ParsedValue(parsed.row, period, area, None, "", blank=True))
            continue  # nothing given for that period; 'N/A' records not available
        number, marked = split_figure_mark(text)
        try:
            value = parse_number(number, field=header)
        except ValidationError as error:
            parsed.problems.append(str(error))
            continue
        parsed.values.append(
            ParsedValue(
                parsed.row, period, area, value, text, True if marked else provisional, note
            )
        )


# Catalogue fields a blank cell empties with --blank-clears (the rest are needed or have defaults).
CLEARED = {"source": "", "owner": "", "notes": "", "first_period": None, "last_period": None}


def parse_rows(table: Table, layout: Layout, blank_clears: bool = False) -> list[ParsedRow]:
    """Every row's code, catalogue fields and values, with what is wrong in each. A blank cell
    leaves what is stored as it is, unless `blank_clears`."""
    result = []
    for index, row in enumerate(table.rows):
        number = table.row_number(index)
        parsed = ParsedRow(number, "")
        try:
            parsed.code = clean_code(_cell(row, layout.code))
        except ValidationError as error:
            parsed.problems.append(str(error))
            result.append(parsed)
            continue
        for name, header in layout.catalogue.items():
            text = _cell(row, header)
            if not text:
                if blank_clears and name in CLEARED:
                    parsed.catalogue[name] = CLEARED[name]
                continue
            try:
                if name == "tolerance":
                    # "10%" is relative (within 10% of the previous value); "0.5" is absolute.
                    value, relative = parse_tolerance(text)
                    parsed.catalogue["tolerance"] = value
                    parsed.catalogue["tolerance_relative"] = int(relative)
                    continue
                parsed.catalogue[name] = PARSERS[name](text)
            except ValidationError as error:
                message = str(error)
                if error.field is None:
                    message = f"{_label(name)}: {message}"
                parsed.problems.append(message)
        _parse_values(parsed, row, layout, blank_clears)
        result.append(parsed)
    return result
