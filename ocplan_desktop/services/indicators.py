"""The indicator catalogue and its values, edited one undoable step at a time.

Every function checks what it is given, writes through the store in one transaction and returns a
`Change` whose `undo` puts back exactly what was there (ids included), so the window can offer Undo and
Redo for each edit. Bulk imports are in `importers/indicators.py` and are not undo steps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.indicators import (
    FREQUENCIES,
    MAX_DECIMALS,
    MAX_NAME,
    Area,
    Indicator,
    Theme,
    clean_code,
    clean_note,
    clean_text,
    parse_number,
    parse_unit,
)
from ocplan_desktop.domain.performance import Polarity, Status
from ocplan_desktop.domain.periods import normalise_period, period_sort_key
from ocplan_desktop.services import edits
from ocplan_desktop.services.change import INDICATORS, OVERRIDES, REFERENCE, VALUES, Change
from ocplan_desktop.store import indicators as store
from ocplan_desktop.store import reference
from ocplan_desktop.store.workspace import Workspace, now_text


@dataclass(frozen=True)
class IndicatorFields:
    """What the catalogue editor hands over; checked by `add_indicator` and `update_indicator`."""

    code: str
    name: str
    theme_id: int | None = None
    polarity: str = Polarity.HIGHER.value
    unit: str = "count"
    decimals: int = 0
    tolerance: float = 0.0
    source: str = ""
    frequency: str = "financial year"
    owner: str = ""
    first_period: str | None = None
    last_period: str | None = None
    notes: str = ""
    comparator_area_ids: tuple[int, ...] = field(default_factory=tuple)
    tolerance_relative: bool = False  # the tolerance is a percentage of the previous value


def _period_or_none(text: str | None, name: str) -> str | None:
    return normalise_period(text, field=name) if text and text.strip() else None


def checked_record(
    ws: Workspace, fields: IndicatorFields, indicator_id: int | None = None
) -> dict[str, object]:
    """The row to write for `fields`, or a `ValidationError` naming the field that is wrong."""
    code = clean_code(fields.code)
    owner_id = store.code_owner(ws, code)
    if owner_id is not None and owner_id != indicator_id:
        raise ValidationError(f"another indicator already has the code '{code}'", field="code")
    if fields.theme_id is not None and fields.theme_id not in {
        theme.id for theme in reference.list_themes(ws)
    }:
        raise ValidationError("is not one of the plan's themes", field="theme")
    try:
        polarity = Polarity(fields.polarity)
    except ValueError:
        raise ValidationError("must be higher, lower or none", field="polarity") from None
    if not 0 <= fields.decimals <= MAX_DECIMALS:
        raise ValidationError(f"must be 0 to {MAX_DECIMALS}", field="decimals")
    if fields.tolerance < 0 or fields.tolerance != fields.tolerance:
        raise ValidationError("cannot be negative", field="tolerance")
    if fields.frequency not in FREQUENCIES:
        raise ValidationError(f"must be one of {', '.join(FREQUENCIES)}", field="frequency")
    first = _period_or_none(fields.first_period, "first period")
    last = _period_or_none(fields.last_period, "last period")
    if first and last and period_sort_key(first) > period_sort_key(last):
        raise ValidationError(f"{last} is before the first period {first}", field="last period")
    return {
        "code": code,
        "name": clean_text(fields.name, field="name", limit=MAX_NAME, required=True),
        "theme_id": fields.theme_id,
        "polarity": polarity.value,
        "unit": parse_unit(fields.unit),
        "decimals": int(fields.decimals),
        "tolerance": float(fields.tolerance),
        "tolerance_relative": int(bool(fields.tolerance_relative)),
        "source": clean_text(fields.source, field="source"),
        "frequency": fields.frequency,
        "owner": clean_text(fields.owner, field="owner"),
        "first_period": first,
        "last_period": last,
        "notes": clean_note(fields.notes, field="notes"),
    }


def _checked_comparators(ws: Workspace, area_ids: Sequence[int]) -> list[int]:
    comparators = {area.id for area in reference.list_areas(ws) if not area.is_own}
    unknown = set(area_ids) - comparators
    if unknown:
        raise ValidationError("must be comparator areas of the workspace", field="comparators")
    return sorted(set(area_ids))


def _comparators_set(ws: Workspace, indicator_id: int, area_ids: Sequence[int]) -> Change:
    before = store.replace_comparators(ws, indicator_id, area_ids)
    return Change.of(
        INDICATORS,
        ids={indicator_id},
        undo=lambda w: _comparators_set(w, indicator_id, before),
    )


def add_indicator(ws: Workspace, fields: IndicatorFields) -> Change:
    """A new catalogue entry; undo removes it."""
    with ws.atomic():
        record = checked_record(ws, fields)
        comparators = _checked_comparators(ws, fields.comparator_area_ids)
        indicator_id = store.add_indicator(ws, record, comparators)
    return Change.of(
        INDICATORS,
        ids={indicator_id},
        description=f"Add indicator {record['code']}",
        undo=lambda w: delete_indicator(w, indicator_id),
    )


def update_indicator(ws: Workspace, indicator_id: int, fields: IndicatorFields) -> Change:
    """Change a catalogue entry (its fields and comparator areas) as one step."""
    store.get_indicator(ws, indicator_id)
    with ws.atomic():
        record = checked_record(ws, fields, indicator_id)
        comparators = _checked_comparators(ws, fields.comparator_area_ids)
        steps = [
            edits.updated(ws, "indicators", indicator_id, record, INDICATORS),
            _comparators_set(ws, indicator_id, comparators),
        ]
    return edits.combined(steps, f"Edit indicator {record['code']}")


def delete_indicator(ws: Workspace, indicator_id: int) -> Change:
    """Remove an indicator with its values and overrides; undo brings all of them back."""
    store.get_indicator(ws, indicator_id)
    return edits.deleted(ws, "indicators", indicator_id, INDICATORS, VALUES, OVERRIDES)


# values ---------------------------------------------------------------------------------------


def _known_period(ws: Workspace, text: str) -> str:
    period = normalise_period(text, field="period")
    if not reference.has_period(ws, period):
        raise ValidationError(f"{period} is not a period of this workspace (add it first)")
    return period


def _known_area(ws: Workspace, area_id: int) -> None:
    if area_id not in {area.id for area in reference.list_areas(ws)}:
        raise ValidationError(f"there is no area with id {area_id}", field="area")


def set_value(ws: Workspace, indicator_id: int, period: str, area_id: int, text: str) -> Change:
    """Record what an officer typed in a grid cell: a number (`1,234`, `45%`, `£512`), `N/A` for
    not available, or nothing to remove the value."""
    store.get_indicator(ws, indicator_id)
    period = _known_period(ws, period)
    _known_area(ws, area_id)
    existing = store.find_value(ws, indicator_id, period, area_id)
    if not str(text).strip():
        if existing is None:
            return Change.of(VALUES)
        return edits.deleted(ws, "indicator_values", existing.id, VALUES)
    value = parse_number(text)
    if existing is None:
        record = {
            "indicator_id": indicator_id,
            "period": period,
            "area_id": area_id,
            "value": value,
            "provisional": 0,
            "note": "",
        }
        return edits.inserted(ws, "indicator_values", record, VALUES)
    return edits.updated(ws, "indicator_values", existing.id, {"value": value}, VALUES)


def set_value_details(ws: Workspace, value_id: int, provisional: bool, note: str) -> Change:
    """Mark a value provisional or final and give it a note."""
    return edits.updated(
        ws,
        "indicator_values",
        value_id,
        {"provisional": int(bool(provisional)), "note": clean_note(note)},
        VALUES,
    )


# overrides ------------------------------------------------------------------------------------


def set_override(
    ws: Workspace, indicator_id: int, period: str, status: Status | str, reason: str
) -> Change:
    """An officer's status for one indicator and period, with the reason; counted everywhere as
    that status and shown as an override."""
    store.get_indicator(ws, indicator_id)
    period = _known_period(ws, period)
    try:
        chosen = Status(status)
    except ValueError:
        raise ValidationError(f"'{status}' is not a status", field="status") from None
    text = clean_note(reason, field="reason")
    if not text:
        raise ValidationError("an override needs a reason", field="reason")
    values = {"status": chosen.value, "reason": text, "created_by": ws.user}
    existing = store.override_row(ws, indicator_id, period)
    if existing is None:
        record = {"indicator_id": indicator_id, "period": period, **values}
        return edits.inserted(
            ws, "status_overrides", {**record, "created_at": now_text()}, OVERRIDES
        )
    return edits.updated(ws, "status_overrides", int(existing["id"]), values, OVERRIDES)


def clear_override(ws: Workspace, indicator_id: int, period: str) -> Change:
    """Go back to the computed status; undo restores the override and its reason."""
    existing = store.override_row(ws, indicator_id, normalise_period(period, field="period"))
    if existing is None:
        raise ValidationError(f"there is no override for {period} to remove")
    return edits.deleted(ws, "status_overrides", int(existing["id"]), OVERRIDES)


# reference lists: themes, comparator areas, periods -------------------------------------------


def _theme_name(ws: Workspace, name: str, theme_id: int | None = None) -> str:
    text = clean_text(name, field="theme name", limit=MAX_NAME, required=True)
    same = reference.find_theme(ws, text)
    if same is not None and same.id != theme_id:
        raise ValidationError(f"there is already a theme called '{same.name}'", field="theme name")
    return text


def add_theme(ws: Workspace, name: str, kind: str = "priority") -> Change:
    text = _theme_name(ws, name)
    if kind not in ("priority", "enabler"):
        raise ValidationError("must be priority or enabler", field="kind")
    position = max((theme.position for theme in reference.list_themes(ws)), default=-1) + 1
    return edits.inserted(
        ws, "themes", {"name": text, "kind": kind, "position": position}, REFERENCE, INDICATORS
    )


def update_theme(ws: Workspace, theme_id: int, name: str, kind: str) -> Change:
    """Rename a theme or make it a priority or an enabler; its indicators follow."""
    if kind not in ("priority", "enabler"):
        raise ValidationError("must be priority or enabler", field="kind")
    text = _theme_name(ws, name, theme_id)
    return edits.updated(
        ws, "themes", theme_id, {"name": text, "kind": kind}, REFERENCE, INDICATORS
    )


def move_theme(ws: Workspace, theme_id: int, offset: int) -> Change:
    """Move a theme up (-1) or down (+1) the plan's order."""
    themes = reference.list_themes(ws)
    index = next((i for i, theme in enumerate(themes) if theme.id == theme_id), None)
    if index is None:
        raise ValidationError(f"there is no theme with id {theme_id}")
    target = index + offset
    if not 0 <= target < len(themes):
        return Change.of(REFERENCE)
    order = [theme.id for theme in themes]
    order[index], order[target] = order[target], order[index]
    with ws.atomic():
        steps = [
            edits.updated(ws, "themes", item, {"position": position}, REFERENCE, INDICATORS)
            for position, item in enumerate(order)
            if next(theme for theme in themes if theme.id == item).position != position
        ]
    return edits.combined(steps, "Move theme")


def delete_theme(ws: Workspace, theme_id: int) -> Change:
    used = store.count_in_theme(ws, theme_id)
    if used:
        raise ValidationError(
            f"{used} indicator{'s are' if used != 1 else ' is'} in this theme: move "
            f"{'them' if used != 1 else 'it'} to another theme first"
        )
    return edits.deleted(ws, "themes", theme_id, REFERENCE, INDICATORS)


def add_area(ws: Workspace, name: str) -> Change:
    """A comparator area (England, a region, a group of similar councils)."""
    text = clean_text(name, field="area name", limit=200, required=True)
    if reference.find_area(ws, text) is not None:
        raise ValidationError(f"there is already an area called '{text}'", field="area name")
    position = max((area.position for area in reference.list_areas(ws)), default=-1) + 1
    return edits.inserted(
        ws, "areas", {"name": text, "is_own": 0, "position": position}, REFERENCE, INDICATORS
    )


def _period_added(ws: Workspace, label: str) -> Change:
    reference.add_period(ws, label)
    return Change.of(REFERENCE, VALUES, undo=lambda w: _period_removed(w, label))


def _period_removed(ws: Workspace, label: str) -> Change:
    if reference.period_use(ws, label):
        raise ValidationError(f"{label} has values or overrides: it cannot be removed")
    reference.remove_period(ws, label)
    return Change.of(REFERENCE, VALUES, undo=lambda w: _period_added(w, label))


def add_period(ws: Workspace, text: str) -> Change:
    """A new reporting period (`2023/24` is stored as `2023-24`); undo removes it again."""
    label = normalise_period(text, field="period")
    if reference.has_period(ws, label):
        raise ValidationError(f"{label} is already a period of this workspace", field="period")
    return _period_added(ws, label)


def remove_period(ws: Workspace, text: str) -> Change:
    """Remove a period nothing is recorded for."""
    label = normalise_period(text, field="period")
    if not reference.has_period(ws, label):
        raise ValidationError(f"{label} is not a period of this workspace", field="period")
    return _period_removed(ws, label)


# what the window lists ------------------------------------------------------------------------


def catalogue(ws: Workspace) -> list[Indicator]:
    """Every indicator, by code, with its theme and comparator areas."""
    return store.list_indicators(ws)


def get_indicator(ws: Workspace, indicator_id: int) -> Indicator:
    return store.get_indicator(ws, indicator_id)


def themes(ws: Workspace) -> list[Theme]:
    return reference.list_themes(ws)


def areas(ws: Workspace) -> list[Area]:
    """The council's own area first, then the comparator areas."""
    return reference.list_areas(ws)


def periods(ws: Workspace) -> list[str]:
    return reference.list_periods(ws)
