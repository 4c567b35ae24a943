"""Planning an indicators import against the workspace: what each row adds or changes, and which
rows are refused and why. Reads the workspace; writes nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ocplan_desktop.domain.indicators import Indicator, decimals_in, tolerance_text
from ocplan_desktop.domain.performance import Polarity
from ocplan_desktop.domain.periods import period_sort_key
from ocplan_desktop.importers.indicator_preview import (
    Action,
    ImportPlan,
    IndicatorChange,
    NewIndicator,
    NewValue,
    PreviewLine,
)
from ocplan_desktop.importers.indicator_rows import Layout, ParsedRow, ParsedValue
from ocplan_desktop.importers.tabular import Table
from ocplan_desktop.store import indicators as store
from ocplan_desktop.store import reference
from ocplan_desktop.store.workspace import Workspace

# Catalogue fields as the indicators table holds them (theme and comparators are resolved by name).
PLAIN_FIELDS = (
    "name",
    "polarity",
    "unit",
    "decimals",
    "tolerance",
    "tolerance_relative",
    "source",
    "frequency",
    "owner",
    "first_period",
    "last_period",
    "notes",
)
DEFAULTS: dict[str, Any] = {
    "unit": "count",
    "decimals": 0,
    "tolerance": 0.0,
    "tolerance_relative": 0,
    "source": "",
    "frequency": "financial year",
    "owner": "",
    "first_period": None,
    "last_period": None,
    "notes": "",
}


def _number(value: float | None) -> str:
    if value is None:
        return "not available"
    return f"{value:,.10g}" if abs(value) < 1e15 else f"{value:g}"


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "(none)"
    if isinstance(value, tuple):
        return "; ".join(value) or "(none)"
    if isinstance(value, float):
        return _number(value)
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


@dataclass
class _Catalogue:
    """One code's catalogue fields, merged over the rows that give them."""

    code: str
    row: int
    fields: dict[str, Any] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)  # field → the row that gave it


class Planner:
    def __init__(self, ws: Workspace, layout: Layout, blank_clears: bool = False) -> None:
        self.ws = ws
        self.layout = layout
        self.blank_clears = blank_clears
        self.lines: list[PreviewLine] = []
        self.existing = {item.code.casefold(): item for item in store.list_indicators(ws)}
        self.themes = {theme.name.casefold(): theme.name for theme in reference.list_themes(ws)}
        own = reference.own_area(ws)
        self.own_id = own.id
        self.own_key = own.name.casefold()
        self.areas = {area.name.casefold(): area for area in reference.list_areas(ws)}
        self.periods = set(reference.list_periods(ws))
        self.new_themes: dict[str, str] = {}
        self.new_areas: dict[str, str] = {}
        self.new_periods: set[str] = set()

    def refuse(self, row: int | None, detail: str, subject: str = "") -> None:
        self.lines.append(PreviewLine(Action.REFUSE, "row", subject, detail, row))

    def plan(self, table: Table, rows: list[ParsedRow]) -> ImportPlan:
        good = []
        for parsed in rows:
            for problem in parsed.problems:
                self.refuse(parsed.row, problem, parsed.code)
            if not parsed.problems:
                good.append(parsed)
        catalogues = self._merge(good)
        new_indicators, changes = self._catalogue(catalogues, good)
        defined = {item.code.casefold(): str(item.record["unit"]) for item in new_indicators}
        new_values, value_changes, unchanged = self._values(good, defined)
        for label in sorted(self.new_periods):
            self.lines.append(PreviewLine(Action.ADD, "period", label, "a new reporting period"))
        order = {Action.REFUSE: 0, Action.ADD: 1, Action.CHANGE: 2}
        kinds = {"row": 0, "theme": 1, "area": 2, "period": 3, "indicator": 4, "value": 5}
        lines = sorted(
            self.lines,
            key=lambda line: (order[line.action], kinds.get(line.kind, 9), line.row or 0),
        )
        return ImportPlan(
            file=table.name,
            encoding=table.encoding,
            forms=self.layout.forms,
            lines=tuple(lines),
            unchanged=unchanged,
            ignored_columns=self.layout.ignored,
            new_themes=tuple(self.new_themes.values()),
            new_areas=tuple(self.new_areas.values()),
            new_periods=tuple(sorted(self.new_periods)),
            new_indicators=tuple(new_indicators),
            indicator_changes=tuple(changes),
            new_values=tuple(new_values),
            value_changes=tuple(value_changes),
            row_count=len(table.rows),
            notes=table.notes,
        )

    # catalogue ------------------------------------------------------------------------------
    def _merge(self, rows: Iterable[ParsedRow]) -> dict[str, _Catalogue]:
        merged: dict[str, _Catalogue] = {}
        for parsed in rows:
            if not parsed.catalogue:
                continue
            entry = merged.setdefault(parsed.code.casefold(), _Catalogue(parsed.code, parsed.row))
            for name, value in parsed.catalogue.items():
                if name not in entry.fields:
                    entry.fields[name] = value
                    entry.rows[name] = parsed.row
                elif _differs(entry.fields[name], value):
                    self.refuse(
                        parsed.row,
                        f"{name.replace('_', ' ')}: '{_shown(value)}' differs from "
                        f"'{_shown(entry.fields[name])}' in row {entry.rows[name]}",
                        parsed.code,
                    )
        return merged

    def _theme(self, name: str) -> str:
        key = name.casefold()
        if key in self.themes:
            return self.themes[key]
        if key not in self.new_themes:
            self.new_themes[key] = name
            self.lines.append(PreviewLine(Action.ADD, "theme", name, "a new plan theme"))
        return self.new_themes[key]

    def _area(self, name: str) -> str:
        """The area's name as stored; empty for the council's own area."""
        key = name.casefold()
        if not key or key == self.own_key:
            return ""
        if key in self.areas:
            return self.areas[key].name
        if key not in self.new_areas:
            self.new_areas[key] = name
            self.lines.append(PreviewLine(Action.ADD, "area", name, "a new comparator area"))
        return self.new_areas[key]

    def _comparators(self, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(area for area in (self._area(name) for name in names) if area)

    def _catalogue(
        self, catalogues: dict[str, _Catalogue], rows: list[ParsedRow]
    ) -> tuple[list[NewIndicator], list[IndicatorChange]]:
        new: list[NewIndicator] = []
        changes: list[IndicatorChange] = []
        written: dict[str, list[str]] = {}  # the values as written, by code: for decimals and unit
        for parsed in rows:
            written.setdefault(parsed.code.casefold(), []).extend(v.text for v in parsed.values)
        for key, entry in catalogues.items():
            fields = entry.fields
            theme = self._theme(fields["theme"]) if fields.get("theme") else None
            comparators = (
                self._comparators(fields["comparators"]) if "comparators" in fields else None
            )
            first, last = fields.get("first_period"), fields.get("last_period")
            existing = self.existing.get(key)
            if existing is not None:
                first = first or existing.first_period
                last = last or existing.last_period
            if first and last and _after(first, last):
                self.refuse(entry.row, f"last period: {last} is before {first}", entry.code)
                continue
            if existing is not None:
                change = self._change(existing, fields, theme, comparators, entry.row)
                if change is not None:
                    changes.append(change)
                continue
            missing = [name for name in ("name", "polarity") if name not in fields]
            if missing:
                self.refuse(
                    entry.row,
                    f"{' and '.join(missing)}: needed for a new indicator "
                    f"('{entry.code}' is not in the workspace)",
                    entry.code,
                )
                continue
            record = {"code": entry.code, **DEFAULTS}
            record.update({name: fields[name] for name in PLAIN_FIELDS if name in fields})
            texts = written.get(key, [])
            if "decimals" not in fields:
                record["decimals"] = max((decimals_in(text) for text in texts), default=0)
            if "unit" not in fields and texts:
                if all(text.endswith("%") for text in texts if text):
                    record["unit"] = "%"
                elif all(text.startswith("£") for text in texts if text):
                    record["unit"] = "£"
            new.append(NewIndicator(entry.code, record, theme, comparators or ()))
            polarity = Polarity(record["polarity"]).text.lower()
            detail = f"{theme or 'no theme'}; {polarity}; unit {record['unit']}"
            self.lines.append(
                PreviewLine(
                    Action.ADD, "indicator", f"{entry.code} {record['name']}", detail, entry.row
                )
            )
        return new, changes

    def _change(
        self,
        existing: Indicator,
        fields: dict[str, Any],
        theme: str | None,
        comparators: tuple[str, ...] | None,
        row: int,
    ) -> IndicatorChange | None:
        changed: dict[str, Any] = {}
        shown = []
        for name in PLAIN_FIELDS:
            if name in fields and _differs(getattr(existing, name), fields[name]):
                changed[name] = fields[name]
                if name not in ("tolerance", "tolerance_relative"):
                    shown.append(
                        f"{name.replace('_', ' ')} {_shown(getattr(existing, name))} → "
                        f"{_shown(fields[name])}"
                    )
        if "tolerance" in changed or "tolerance_relative" in changed:
            new = tolerance_text(
                float(fields.get("tolerance", existing.tolerance)),
                bool(fields.get("tolerance_relative", existing.tolerance_relative)),
            )
            shown.append(f"tolerance {existing.tolerance_text} → {new}")
        new_theme = None
        if theme is not None and theme.casefold() != existing.theme.casefold():
            new_theme = theme
            shown.append(f"theme {_shown(existing.theme)} → {theme}")
        new_comparators = None
        if comparators is not None and {name.casefold() for name in comparators} != {
            name.casefold() for name in existing.comparators
        }:
            new_comparators = comparators
            shown.append(f"comparators {_shown(existing.comparators)} → {_shown(comparators)}")
        if not shown:
            return None
        self.lines.append(
            PreviewLine(Action.CHANGE, "indicator", existing.title, "; ".join(shown), row)
        )
        return IndicatorChange(existing.id, changed, new_theme, new_comparators)

    # values -----------------------------------------------------------------------------------
    def _values(
        self, rows: list[ParsedRow], defined: dict[str, str]
    ) -> tuple[list[NewValue], list[tuple[int, dict[str, Any]]], int]:
        known = store.value_keys(self.ws) if any(row.values for row in rows) else {}
        seen: dict[tuple[str, str, str], ParsedValue] = {}
        new: list[NewValue] = []
        changes: list[tuple[int, dict[str, Any]]] = []
        unchanged = 0
        for parsed in rows:
            key = parsed.code.casefold()
            existing = self.existing.get(key)
            if parsed.values and existing is None and key not in defined:
                self.refuse(
                    parsed.row,
                    f"code: there is no indicator '{parsed.code}' in the workspace or in this "
                    "file's catalogue columns (give its name and polarity to add it)",
                    parsed.code,
                )
                continue
            code = existing.code if existing else parsed.code
            unit = existing.unit if existing else defined.get(key, "")
            for item in parsed.values:
                if item.text.strip().endswith("%") and unit != "%":
                    # A cell shown as 68.3% (typed so, or formatted so in Excel) is a percentage.
                    self.refuse(
                        item.row,
                        f"{item.period}: {item.text.strip()} is a percentage, but {code} is not a "
                        f"percentage indicator (its unit is {unit or 'count'}); give the value in "
                        "its unit, or change the indicator's unit to %",
                        code,
                    )
                    continue
                area = self._area(item.area)
                value_key = (key, item.period, area.casefold())
                if item.blank:
                    # An empty cell only ever changes a value already stored (--blank-clears).
                    self._blank(item, existing, area, value_key in seen, known, changes)
                    continue
                earlier = seen.get(value_key)
                if earlier is not None:
                    if _differs(earlier.value, item.value):
                        self.refuse(
                            item.row,
                            f"{item.period}, {area or 'own area'}: {_number(item.value)} differs "
                            f"from {_number(earlier.value)} in row {earlier.row}",
                            code,
                        )
                    continue
                seen[value_key] = item
                if item.period not in self.periods:
                    self.new_periods.add(item.period)
                subject = f"{code} {item.period} {area or self._own_name()}"
                stored = None
                if existing is not None and (not area or area.casefold() in self.areas):
                    area_id = self.areas[area.casefold()].id if area else self.own_id
                    stored = known.get((existing.id, item.period, area_id))
                if stored is None:
                    new.append(
                        NewValue(
                            code,
                            item.period,
                            area,
                            item.value,
                            bool(item.provisional),
                            item.note or "",
                        )
                    )
                    detail = _number(item.value) + (" (provisional)" if item.provisional else "")
                    self.lines.append(PreviewLine(Action.ADD, "value", subject, detail, item.row))
                    continue
                value_id, old_value, old_provisional, old_note = stored
                fields: dict[str, Any] = {}
                shown = []
                if _differs(old_value, item.value):
                    fields["value"] = item.value
                    shown.append(f"{_number(old_value)} → {_number(item.value)}")
                if item.provisional is not None and item.provisional != old_provisional:
                    fields["provisional"] = int(item.provisional)
                    shown.append("provisional" if item.provisional else "final")
                if item.note is not None and item.note != old_note:
                    fields["note"] = item.note
                    shown.append("note changed")
                if not fields:
                    unchanged += 1
                    continue
                changes.append((value_id, fields))
                self.lines.append(
                    PreviewLine(Action.CHANGE, "value", subject, "; ".join(shown), item.row)
                )
        return new, changes, unchanged

    def _blank(
        self,
        item: ParsedValue,
        existing: Indicator | None,
        area: str,
        given_elsewhere: bool,
        known: dict[tuple[int, str, int], tuple[int, float | None, bool, str]],
        changes: list[tuple[int, dict[str, Any]]],
    ) -> None:
        if existing is None or given_elsewhere or (area and area.casefold() not in self.areas):
            return
        area_id = self.areas[area.casefold()].id if area else self.own_id
        stored = known.get((existing.id, item.period, area_id))
        if stored is None:
            return
        value_id, old_value, old_provisional, old_note = stored
        fields: dict[str, Any] = {}
        shown = []
        if self.blank_clears and old_value is not None:
            fields["value"] = None
            shown.append(f"{_number(old_value)} → not available (blank cell)")
        if item.provisional is not None and item.provisional != old_provisional:
            fields["provisional"] = int(item.provisional)
            shown.append("provisional" if item.provisional else "final")
        if item.note is not None and item.note != old_note:
            fields["note"] = item.note
            shown.append("note changed")
        if fields:
            changes.append((value_id, fields))
            subject = f"{existing.code} {item.period} {area or self._own_name()}"
            self.lines.append(
                PreviewLine(Action.CHANGE, "value", subject, "; ".join(shown), item.row)
            )

    def _own_name(self) -> str:
        return next(area.name for area in self.areas.values() if area.id == self.own_id)


def _differs(old: Any, new: Any) -> bool:
    if isinstance(old, float | int) and isinstance(new, float | int):
        return abs(float(old) - float(new)) > 1e-9 * max(abs(old), abs(new), 1.0)
    if isinstance(old, str) and isinstance(new, str):
        return old != new
    return bool(old != new)


def _after(first: str, last: str) -> bool:
    return period_sort_key(first) > period_sort_key(last)
