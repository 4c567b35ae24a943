"""Indicators, their values by period and area, and officers' status overrides."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ocplan_desktop.domain.errors import NotFoundError
from ocplan_desktop.domain.indicators import Indicator, IndicatorValue
from ocplan_desktop.domain.performance import IndicatorSeries, Override, Polarity, Status
from ocplan_desktop.store import records
from ocplan_desktop.store.reference import ensure_periods, own_area
from ocplan_desktop.store.rowtypes import build
from ocplan_desktop.store.workspace import Workspace, now_text

_SELECT = """
SELECT indicators.id, indicators.code, indicators.name, coalesce(themes.name, '') AS theme,
       indicators.polarity, indicators.unit, indicators.decimals, indicators.tolerance,
       indicators.source, indicators.frequency, indicators.owner, indicators.first_period,
       indicators.last_period, indicators.notes, indicators.theme_id,
       indicators.tolerance_relative
FROM indicators LEFT JOIN themes ON themes.id = indicators.theme_id
"""
_VALUES = """
SELECT indicator_values.id, indicator_values.indicator_id, indicator_values.period,
       indicator_values.area_id, areas.name AS area, areas.is_own, indicator_values.value,
       indicator_values.provisional, indicator_values.note
FROM indicator_values JOIN areas ON areas.id = indicator_values.area_id
"""


def add_indicator(
    ws: Workspace, record: Mapping[str, Any], comparator_area_ids: Iterable[int] = ()
) -> int:
    with ws.atomic() as db:
        indicator_id = records.insert(ws, "indicators", record)
        for area_id in comparator_area_ids:
            db.table("indicator_comparators").insert(
                {"indicator_id": indicator_id, "area_id": area_id}
            )
    return indicator_id


def _comparator_names(ws: Workspace) -> dict[int, tuple[str, ...]]:
    names: dict[int, list[str]] = {}
    for row in ws.query(
        "SELECT indicator_comparators.indicator_id, areas.name FROM indicator_comparators "
        "JOIN areas ON areas.id = indicator_comparators.area_id ORDER BY areas.position, areas.name"
    ):
        names.setdefault(row["indicator_id"], []).append(row["name"])
    return {key: tuple(value) for key, value in names.items()}


def list_indicators(ws: Workspace) -> list[Indicator]:
    comparators = _comparator_names(ws)
    return [
        _indicator(row, comparators.get(row["id"], ()))
        for row in ws.query(_SELECT + " ORDER BY indicators.code")
    ]


def _indicator(row: dict[str, Any], comparators: tuple[str, ...]) -> Indicator:
    relative = bool(row.get("tolerance_relative"))
    return build(Indicator, row, comparators=comparators, tolerance_relative=relative)


def get_indicator(ws: Workspace, indicator_id: int) -> Indicator:
    rows = ws.query(_SELECT + " WHERE indicators.id = ?", (indicator_id,))
    if not rows:
        raise NotFoundError(f"there is no indicator with id {indicator_id}")
    names = tuple(
        row["name"]
        for row in ws.query(
            "SELECT areas.name FROM indicator_comparators JOIN areas "
            "ON areas.id = indicator_comparators.area_id WHERE indicator_id = ? "
            "ORDER BY areas.position, areas.name",
            (indicator_id,),
        )
    )
    return _indicator(rows[0], names)


def code_owner(ws: Workspace, code: str) -> int | None:
    """The id of the indicator whose code matches `code` regardless of case, if any."""
    value = ws.scalar("SELECT id FROM indicators WHERE lower(code) = lower(?)", (code,))
    return None if value is None else int(value)


def count_in_theme(ws: Workspace, theme_id: int) -> int:
    return int(ws.scalar("SELECT count(*) FROM indicators WHERE theme_id = ?", (theme_id,)) or 0)


def comparator_area_ids(ws: Workspace, indicator_id: int) -> list[int]:
    return [
        row["area_id"]
        for row in ws.query(
            "SELECT area_id FROM indicator_comparators WHERE indicator_id = ? ORDER BY area_id",
            (indicator_id,),
        )
    ]


def replace_comparators(ws: Workspace, indicator_id: int, area_ids: Iterable[int]) -> list[int]:
    """Set an indicator's comparator areas; returns the ones it had before (audited as one update)."""
    wanted = sorted(set(area_ids))
    with ws.atomic() as db:
        before = comparator_area_ids(ws, indicator_id)
        if before == wanted:
            return before
        db.execute("DELETE FROM indicator_comparators WHERE indicator_id = ?", (indicator_id,))
        for area_id in wanted:
            db.execute(
                "INSERT INTO indicator_comparators (indicator_id, area_id) VALUES (?, ?)",
                (indicator_id, area_id),
            )
        records.audit(
            ws,
            "update",
            "indicator_comparators",
            indicator_id,
            {"area_ids": before},
            {"area_ids": wanted},
            summary="comparator areas",
        )
    return before


def add_values(ws: Workspace, rows: Iterable[Mapping[str, Any]], *, summary: str) -> int:
    """Bulk insert values (indicator_id, period, area_id, value, provisional, note)."""
    materialised = [dict(row) for row in rows]
    columns = sorted({key for row in materialised for key in row})
    return add_value_rows(
        ws,
        columns,
        [tuple(row.get(column) for column in columns) for row in materialised],
        summary=summary,
    )


def add_value_rows(
    ws: Workspace, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, summary: str
) -> int:
    """Bulk insert values given as tuples of `columns` (which include `period`)."""
    period = list(columns).index("period")
    with ws.atomic():
        ensure_periods(ws, {row[period] for row in rows})
        return records.insert_rows(ws, "indicator_values", columns, rows, summary=summary)


def update_values(ws: Workspace, changes: Iterable[tuple[int, Mapping[str, Any]]]) -> int:
    """Bulk update of values by id (imports), audited row by row with the value before and after."""
    count = 0
    with ws.atomic():
        for row_id, fields in changes:
            records.update(ws, "indicator_values", row_id, fields)
            count += 1
    return count


def _value(row: Mapping[str, Any]) -> IndicatorValue:
    return IndicatorValue(
        id=row["id"],
        indicator_id=row["indicator_id"],
        period=row["period"],
        area_id=row["area_id"],
        area=row["area"],
        is_own=bool(row["is_own"]),
        value=row["value"],
        provisional=bool(row["provisional"]),
        note=row["note"],
    )


def list_values(ws: Workspace, indicator_id: int) -> list[IndicatorValue]:
    """One indicator's values, the council's own area first."""
    return [
        _value(row)
        for row in ws.query(
            _VALUES + " WHERE indicator_id = ? ORDER BY areas.is_own DESC, areas.position, "
            "indicator_values.period",
            (indicator_id,),
        )
    ]


def all_values(ws: Workspace) -> list[tuple[str, IndicatorValue]]:
    """Every value with its indicator's code, by code, period and area (what an export writes)."""
    return [
        (row.pop("code"), _value(row))
        for row in ws.query(
            "SELECT indicators.code, v.* FROM (" + _VALUES + ") AS v "
            "JOIN indicators ON indicators.id = v.indicator_id "
            "JOIN periods ON periods.label = v.period "
            "JOIN areas ON areas.id = v.area_id "
            "ORDER BY indicators.code, periods.sort_key, areas.is_own DESC, areas.position"
        )
    ]


def value_keys(ws: Workspace) -> dict[tuple[int, str, int], tuple[int, float | None, bool, str]]:
    """{(indicator id, period, area id): (value id, value, provisional, note)} for imports."""
    return {
        (row["indicator_id"], row["period"], row["area_id"]): (
            row["id"],
            row["value"],
            bool(row["provisional"]),
            row["note"],
        )
        for row in ws.query(
            "SELECT id, indicator_id, period, area_id, value, provisional, note FROM indicator_values"
        )
    }


def find_value(
    ws: Workspace, indicator_id: int, period: str, area_id: int
) -> IndicatorValue | None:
    rows = ws.query(
        _VALUES + " WHERE indicator_id = ? AND period = ? AND area_id = ?",
        (indicator_id, period, area_id),
    )
    return _value(rows[0]) if rows else None


def own_series(ws: Workspace) -> list[IndicatorSeries]:
    """Every indicator with its own area's values: what the summary rule reads."""
    area = own_area(ws)
    values: dict[int, dict[str, float | None]] = {}
    for row in ws.query(
        "SELECT indicator_id, period, value FROM indicator_values WHERE area_id = ?", (area.id,)
    ):
        values.setdefault(row["indicator_id"], {})[row["period"]] = row["value"]
    return [
        IndicatorSeries(
            indicator_id=item.id,
            code=item.code,
            name=item.name,
            polarity=Polarity(item.polarity),
            tolerance=item.tolerance,
            tolerance_relative=item.tolerance_relative,
            values=values.get(item.id, {}),
            theme=item.theme,
            first_period=item.first_period,
            last_period=item.last_period,
        )
        for item in list_indicators(ws)
    ]


def overrides(ws: Workspace) -> dict[tuple[int, str], Override]:
    return {
        (row["indicator_id"], row["period"]): Override(Status(row["status"]), row["reason"])
        for row in ws.query("SELECT indicator_id, period, status, reason FROM status_overrides")
    }


def override_rows(ws: Workspace, period: str) -> list[dict[str, Any]]:
    """The period's overrides with the indicator's code and name, who set each and when."""
    return ws.query(
        "SELECT i.code, i.name, o.status, o.reason, o.created_by, o.created_at"
        " FROM status_overrides o JOIN indicators i ON i.id = o.indicator_id"
        " WHERE o.period = ? ORDER BY i.code",
        (period,),
    )


def override_row(ws: Workspace, indicator_id: int, period: str) -> dict[str, Any] | None:
    rows = ws.query(
        "SELECT * FROM status_overrides WHERE indicator_id = ? AND period = ?",
        (indicator_id, period),
    )
    return rows[0] if rows else None


def set_override(ws: Workspace, indicator_id: int, period: str, status: str, reason: str) -> int:
    with ws.atomic():
        ensure_periods(ws, [period])
        existing = ws.scalar(
            "SELECT id FROM status_overrides WHERE indicator_id = ? AND period = ?",
            (indicator_id, period),
        )
        values = {
            "status": status,
            "reason": reason,
            "created_by": ws.user,
            "created_at": now_text(),
        }
        if existing:
            records.update(ws, "status_overrides", int(existing), values)
            return int(existing)
        return records.insert(
            ws, "status_overrides", {"indicator_id": indicator_id, "period": period, **values}
        )


def update_indicator(ws: Workspace, indicator_id: int, fields: Mapping[str, Any]) -> None:
    records.update(ws, "indicators", indicator_id, fields)
