"""Looking at laptops the way the team sees them: records by UUID, lists in order, no local ids."""

from __future__ import annotations

from typing import Any

from ocplan_desktop.services import listing
from ocplan_desktop.store.sync.rows import Ids, group_key, shapes, to_wire
from ocplan_desktop.store.workspace import Workspace


def dump(ws: Workspace) -> dict[str, Any]:
    """Every shared record as it travels (references as UUIDs) and every list's order."""
    found: dict[str, Any] = {}
    ids = Ids(ws)
    for name, shape in shapes(ws).items():
        rows = ws.query(f"SELECT * FROM [{name}]")
        records = {row["uuid"]: to_wire(shape, row, ids) for row in rows}
        found[name] = records
        if shape.table.ordered_by is not None:
            groups: dict[str, list[tuple[int, int, str]]] = {}
            for row in rows:
                key = group_key(shape.table, records[row["uuid"]]) or ""
                groups.setdefault(key, []).append((row["position"], row["id"], row["uuid"]))
            found[shape.table.order_name] = {
                key: [uuid for _p, _i, uuid in sorted(items)] for key, items in groups.items()
            }
    return found


def differences(left: dict[str, Any], right: dict[str, Any]) -> list[str]:
    """Where two dumps differ, in words (empty when they are the same)."""
    problems = []
    for table in sorted(set(left) | set(right)):
        a, b = left.get(table, {}), right.get(table, {})
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                problems.append(f"{table} {key}: {a.get(key)!r} != {b.get(key)!r}")
    return problems


def listings(ws: Workspace) -> dict[str, list[dict[str, Any]]]:
    """`ocplan list` for every kind, without the local ids (they are each laptop's own)."""
    return {
        kind: sorted(
            (
                {k: v for k, v in item.items() if k != "id"}
                for item in listing.list_records(ws, kind)
            ),
            key=repr,
        )
        for kind in listing.KINDS
    }


def local_id(ws: Workspace, table: str, uuid: str) -> int:
    found = ws.scalar(f"SELECT id FROM [{table}] WHERE uuid = ?", (uuid,))
    assert found is not None, f"{table} {uuid} is not on {ws.path.name}"
    return int(found)


def uuid_of(ws: Workspace, table: str, row_id: int) -> str:
    return str(ws.scalar(f"SELECT uuid FROM [{table}] WHERE id = ?", (row_id,)))


def same_record(source: Workspace, target: Workspace, table: str, row_id: int) -> int:
    """The id on `target` of the record `row_id` is on `source`."""
    return local_id(target, table, uuid_of(source, table, row_id))
