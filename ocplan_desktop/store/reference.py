"""Reference lists: wards, plan themes, areas, periods, engagement channels, respondent types and
feedback themes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from ocplan_desktop.domain.engagement import Ward
from ocplan_desktop.domain.indicators import Area, Theme
from ocplan_desktop.domain.periods import parse_period, sorted_periods
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace


def add_named(ws: Workspace, table: str, names: Iterable[str], **extra: object) -> list[int]:
    """Add rows of a simple name list (channels, respondent types, feedback themes) in order."""
    start = int(ws.scalar(f"SELECT coalesce(max(position) + 1, 0) FROM [{table}]") or 0)
    return [
        records.insert(ws, table, {"name": name, "position": start + offset, **extra})
        for offset, name in enumerate(names)
    ]


def names(ws: Workspace, table: str) -> list[tuple[int, str]]:
    return [
        (row["id"], row["name"])
        for row in ws.query(f"SELECT id, name FROM [{table}] ORDER BY position, name")
    ]


def add_wards(
    ws: Workspace, wards: Sequence[tuple[str, int | None]], *, valid_from: str | None = None
) -> list[int]:
    """Add wards at the end of the list, in use from `valid_from` (None: since before records)."""
    start = int(ws.scalar("SELECT coalesce(max(position) + 1, 0) FROM wards") or 0)
    return [
        records.insert(
            ws,
            "wards",
            {
                "name": name,
                "population": population,
                "position": start + index,
                "valid_from": valid_from,
            },
        )
        for index, (name, population) in enumerate(wards)
    ]


def list_wards(
    ws: Workspace,
    *,
    include_inactive: bool = False,
    on: str | dt.date | None = None,
    every_date: bool = False,
) -> list[Ward]:
    """The wards in use on `on` (today when None), or of every date with `every_date`."""
    where = "" if include_inactive else "WHERE active = 1"
    wards = [
        Ward(
            row["id"],
            row["name"],
            row["population"],
            row["position"],
            bool(row["active"]),
            row["valid_from"],
            row["valid_to"],
        )
        for row in ws.query(f"SELECT * FROM wards {where} ORDER BY position, name")
    ]
    if every_date:
        return wards
    day = on or dt.date.today()
    return [ward for ward in wards if ward.in_use_on(day)]


def rename_ward(ws: Workspace, ward_id: int, new_name: str, on: str) -> None:
    """Rename a ward and keep the old name as history (`Holbrook` → `Holbrooks`)."""
    with ws.atomic():
        old = records.get(ws, "wards", ward_id)
        records.insert(
            ws, "ward_names", {"ward_id": ward_id, "name": old["name"], "valid_until": on}
        )
        records.update(ws, "wards", ward_id, {"name": new_name})


def ward_former_names(ws: Workspace) -> list[tuple[int, str]]:
    return [
        (row["ward_id"], row["name"]) for row in ws.query("SELECT ward_id, name FROM ward_names")
    ]


def add_theme(ws: Workspace, name: str, kind: str = "priority") -> int:
    position = int(ws.scalar("SELECT coalesce(max(position) + 1, 0) FROM themes") or 0)
    return records.insert(ws, "themes", {"name": name, "kind": kind, "position": position})


def list_themes(ws: Workspace) -> list[Theme]:
    return [
        Theme(row["id"], row["name"], row["kind"], row["position"])
        for row in ws.query("SELECT * FROM themes ORDER BY position, name")
    ]


def add_area(ws: Workspace, name: str, *, is_own: bool = False) -> int:
    position = int(ws.scalar("SELECT coalesce(max(position) + 1, 0) FROM areas") or 0)
    return records.insert(ws, "areas", {"name": name, "is_own": int(is_own), "position": position})


def list_areas(ws: Workspace) -> list[Area]:
    return [
        Area(row["id"], row["name"], bool(row["is_own"]), row["position"])
        for row in ws.query("SELECT * FROM areas ORDER BY is_own DESC, position, name")
    ]


def own_area(ws: Workspace) -> Area:
    rows = ws.query("SELECT * FROM areas WHERE is_own = 1")
    if not rows:
        raise LookupError("the workspace has no own area")
    row = rows[0]
    return Area(row["id"], row["name"], True, row["position"])


def ensure_periods(ws: Workspace, labels: Iterable[str]) -> None:
    """Make sure every label is a known period (labels must already be normalised)."""
    with ws.atomic() as db:
        for label in set(labels):
            key = parse_period(label)
            db.execute(
                "INSERT OR IGNORE INTO periods (label, sort_key) VALUES (?, ?)",
                (label, f"{key.start_year:04d}-{key.quarter}"),
            )


def list_periods(ws: Workspace) -> list[str]:
    return sorted_periods([row["label"] for row in ws.query("SELECT label FROM periods")])


def set_ward_population(ws: Workspace, ward_id: int, population: int | None) -> None:
    records.update(ws, "wards", ward_id, {"population": population})


def next_position(ws: Workspace, table: str) -> int:
    """The position after the last entry of a list (channels, respondent types, themes, wards)."""
    return int(ws.scalar(f"SELECT coalesce(max(position) + 1, 0) FROM [{table}]") or 0)


def find_theme(ws: Workspace, name: str) -> Theme | None:
    """The theme called `name`, regardless of case and spacing."""
    key = " ".join(name.split()).casefold()
    return next((theme for theme in list_themes(ws) if theme.name.casefold() == key), None)


def find_area(ws: Workspace, name: str) -> Area | None:
    """The area called `name`, regardless of case and spacing."""
    key = " ".join(name.split()).casefold()
    return next((area for area in list_areas(ws) if area.name.casefold() == key), None)


def period_use(ws: Workspace, label: str) -> int:
    """How many values and overrides refer to a period (one in use cannot be removed)."""
    return int(
        ws.scalar(
            "SELECT (SELECT count(*) FROM indicator_values WHERE period = ?) "
            "+ (SELECT count(*) FROM status_overrides WHERE period = ?)",
            (label, label),
        )
        or 0
    )


def has_period(ws: Workspace, label: str) -> bool:
    return ws.scalar("SELECT 1 FROM periods WHERE label = ?", (label,)) is not None


def remove_period(ws: Workspace, label: str) -> None:
    """Remove a period no value refers to, audited."""
    with ws.atomic() as db:
        db.execute("DELETE FROM periods WHERE label = ?", (label,))
        records.audit(ws, "delete", "periods", None, {"label": label}, None, summary=label)


def add_period(ws: Workspace, label: str) -> None:
    """Add a period (labels must already be normalised), audited."""
    with ws.atomic():
        ensure_periods(ws, [label])
        records.audit(ws, "insert", "periods", None, None, {"label": label}, summary=label)
