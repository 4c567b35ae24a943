"""The workspace's side of a sync: its state, and reading what waits to be sent.

Reading writes nothing: the workspace is only changed once the server has committed, in one
transaction (`apply.py`), so a sync that fails anywhere leaves it exactly as it was.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.store.sync.protocol import Outgoing, OutgoingOrder, Push, change_key
from ocplan_desktop.store.sync.rows import (
    Ids,
    Shape,
    derived_uuid,
    from_wire,
    group_key,
    preload,
    to_wire,
)
from ocplan_desktop.store.workspace import Workspace


@dataclass(frozen=True)
class SyncState:
    server_id: str | None
    server_url: str
    client_id: str | None
    officer: str
    last_seq: int
    last_synced_at: str | None
    tracking: bool

    @property
    def joined(self) -> bool:
        return self.tracking and self.server_id is not None


def state(ws: Workspace) -> SyncState:
    row = ws.query("SELECT * FROM sync_state WHERE id = 1")[0]
    return SyncState(
        row["server_id"],
        row["server_url"],
        row["client_id"],
        row["officer"],
        int(row["last_seq"]),
        row["last_synced_at"],
        bool(row["tracking"]),
    )


def has_sync_tables(ws: Workspace) -> bool:
    return bool(
        ws.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'")
    )


def pending_count(ws: Workspace) -> int:
    """How many records wait to be sent (0 for a workspace that does not sync)."""
    if not has_sync_tables(ws):
        return 0
    return int(
        ws.scalar("SELECT count(*) FROM sync_pending WHERE (SELECT tracking FROM sync_state) = 1")
        or 0
    )


def waiting(ws: Workspace) -> tuple[int, int]:
    """(records waiting to be sent, conflicts not yet settled) in one read, for the status bar; the
    caller has checked the workspace has the sync tables."""
    row = ws.db.execute(
        "SELECT (SELECT count(*) FROM sync_pending WHERE (SELECT tracking FROM sync_state) = 1),"
        " (SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL)"
    ).fetchone()
    return int(row[0] or 0), int(row[1] or 0)


def open_conflicts(ws: Workspace) -> int:
    if not has_sync_tables(ws):
        return 0
    return int(ws.scalar("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL") or 0)


def agenda_numbered(ws: Workspace, meeting_id: int) -> bool:
    """Whether any of the meeting's agenda items has a minute number."""
    return bool(
        ws.scalar(
            "SELECT count(*) FROM agenda_items WHERE meeting_id = ? AND minute_number <> ''",
            (meeting_id,),
        )
    )


def _bases(ws: Workspace, table: str, uuids: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in ws.db.execute(
            f"SELECT uuid, data FROM sync_base WHERE table_name = ? AND uuid IN ({marks})",
            [table, *chunk],
        ).fetchall():
            found[row[0]] = json.loads(row[1])
    return found


def base_of(ws: Workspace, table: str, uuid: str) -> dict[str, Any] | None:
    return _bases(ws, table, [uuid]).get(uuid)


def group_where(columns: tuple[str, ...], values: dict[str, Any]) -> tuple[str, list[Any]]:
    """`WHERE` for one parent's rows (`=` where a value is given, so an index serves it)."""
    clauses, params = [], []
    for column in columns:
        if values.get(column) is None:
            clauses.append(f"[{column}] IS NULL")
        else:
            clauses.append(f"[{column}] = ?")
            params.append(values[column])
    return " AND ".join(clauses), params


def local_order(ws: Workspace, shape: Shape, group: str, ids: Ids) -> tuple[str, ...] | None:
    """The uuids of one parent's rows in their order here (None: the parent is not here)."""
    values = json.loads(group)
    columns = shape.table.ordered_by or ()
    wire = dict(zip(columns, values, strict=True))
    try:
        local = from_wire(shape, wire, ids)
    except OcplanError:
        return None
    where, params = group_where(columns, local)
    rows = ws.db.execute(
        f"SELECT uuid FROM [{shape.name}] WHERE {where} ORDER BY position, id", params
    ).fetchall()
    return tuple(row[0] for row in rows)


def read_push(ws: Workspace, shapes: dict[str, Shape], ids: Ids, client_id: str) -> Push:
    """Every record noted as changed, with its base; every ordered list whose order changed."""
    notes: dict[str, dict[str, int]] = defaultdict(dict)
    for row in ws.db.execute("SELECT table_name, uuid, change_no FROM sync_pending").fetchall():
        notes[row[0]][row[1]] = int(row[2])
    records: dict[tuple[str, str], Outgoing] = {}
    settled: list[tuple[str, str, int]] = []
    groups: dict[str, dict[str, int]] = defaultdict(dict)
    for name, shape in shapes.items():
        noted = notes.get(name)
        if not noted:
            continue
        uuids = sorted(noted)
        rows: dict[str, dict[str, Any]] = {}
        for start in range(0, len(uuids), 500):
            chunk = uuids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in ws.query(f"SELECT * FROM [{name}] WHERE uuid IN ({marks})", tuple(chunk)):
                rows[row["uuid"]] = row
        preload(shape, rows.values(), ids)
        bases = _bases(ws, name, uuids)
        for uuid in uuids:
            row = rows.get(uuid)
            mine = to_wire(shape, row, ids) if row is not None else None
            base = bases.get(uuid)
            ident = uuid
            if shape.table.key and mine is not None and base is None:
                ident = derived_uuid(shape.table, mine)
                if ident != uuid:
                    base = _bases(ws, name, [ident]).get(ident)
            previous = records.get((name, ident))
            if previous is not None:  # a deletion and a re-creation of one keyed record
                base = previous.base if previous.base is not None else base
                mine = mine if mine is not None else previous.mine
            for version in (mine, base):  # a move changes its list even when the row is the same
                group = group_key(shape.table, version) if version is not None else None
                if group is not None:
                    groups[name][group] = max(groups[name].get(group, 0), noted[uuid])
            if mine == base:
                settled.append((name, uuid, noted[uuid]))
                continue
            records[(name, ident)] = Outgoing(
                name,
                ident,
                uuid,
                noted[uuid],
                base,
                mine,
                group_key(shape.table, mine) if mine is not None else None,
                tuple(shape.refs),
                change_key(client_id, noted[uuid], name, ident, base, mine),
            )
    orders = []
    for name, latest in groups.items():
        shape = shapes[name]
        order_bases = _bases(ws, shape.table.order_name, sorted(latest))
        for key in sorted(latest):
            mine_order = local_order(ws, shape, key, ids) or ()
            base_items = order_bases.get(key)
            base_order = tuple(base_items) if base_items is not None else None
            if mine_order == base_order or (not mine_order and base_order is None):
                continue
            orders.append(
                OutgoingOrder(
                    name,
                    key,
                    base_order,
                    mine_order,
                    change_key(
                        client_id, latest[key], f"{name}@order", key, base_items, list(mine_order)
                    ),
                )
            )
    return Push(client_id, tuple(records.values()), tuple(orders), tuple(settled))
