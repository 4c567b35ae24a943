"""Indicators, their values by period and area, and officers' status overrides."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ocplan_desktop.domain.indicators import Indicator
from ocplan_desktop.domain.performance import IndicatorSeries, Override, Polarity, Status
from ocplan_desktop.store import records
from ocplan_desktop.store.reference import ensure_periods, own_area
from ocplan_desktop.store.workspace import Workspace, now_text

_SELECT = """
SELECT indicators.id, indicators.code, indicators.name, coalesce(themes.name, '') AS theme,
       indicators.polarity, indicators.unit, indicators.decimals, indicators.tolerance,
       indicators.source, indicators.frequency, indicators.owner, indicators.first_period,
       indicators.last_period
FROM indicators LEFT JOIN themes ON themes.id = indicators.theme_id
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


def list_indicators(ws: Workspace) -> list[Indicator]:
    return [Indicator(**row) for row in ws.query(_SELECT + " ORDER BY indicators.code")]


def add_values(ws: Workspace, rows: Iterable[Mapping[str, Any]], *, summary: str) -> int:
    """Bulk insert values (indicator_id, period, area_id, value, provisional, note)."""
    materialised = [dict(row) for row in rows]
    with ws.atomic():
        ensure_periods(ws, {row["period"] for row in materialised})
        return records.insert_many(ws, "indicator_values", materialised, summary=summary)


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


def values_for(ws: Workspace, indicator_id: int) -> list[dict[str, Any]]:
    return ws.query(
        "SELECT indicator_values.period, areas.name AS area, areas.is_own, indicator_values.value, "
        "indicator_values.provisional, indicator_values.note FROM indicator_values "
        "JOIN areas ON areas.id = indicator_values.area_id WHERE indicator_id = ? "
        "ORDER BY areas.is_own DESC, areas.position",
        (indicator_id,),
    )
