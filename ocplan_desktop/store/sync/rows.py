"""Rows as they travel: shared columns only, references as UUIDs, identities derived from keys.

A row here has local integer keys (`meeting_id = 12`); on the wire it names what it refers to by
UUID (`"meeting_id": "3f2a…"`), so the same record means the same thing on every laptop. Which
columns are references comes from the schema's foreign keys.
"""

from __future__ import annotations

import json
import uuid as uuid_module
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.store.sync.registry import SHARED, SharedTable
from ocplan_desktop.store.workspace import Workspace

# Derived identities: the same key gives the same UUID on every laptop.
NAMESPACE = uuid_module.UUID("6f1c3c39-2a8e-4d5e-9a53-0c7d1a6a0b11")
_CHUNK = 500


class MissingReference(OcplanError):
    """A record refers to one this workspace does not hold."""

    def __init__(self, table: str, column: str, target: str) -> None:
        super().__init__(f"{table}.{column} refers to a record that is not here ({target})")
        self.table, self.column, self.target = table, column, target


@dataclass(frozen=True)
class Shape:
    """One shared table as this workspace's schema has it."""

    table: SharedTable
    columns: tuple[str, ...]
    fields: tuple[str, ...]
    refs: Mapping[str, str]  # column → the table whose id it holds
    has_id: bool

    @property
    def name(self) -> str:
        return self.table.name


def shapes(ws: Workspace) -> dict[str, Shape]:
    """Every shared table present in the workspace, in the registry's order."""
    present = {
        row["name"] for row in ws.query("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    result: dict[str, Shape] = {}
    for table in SHARED:
        if table.name not in present:
            continue
        columns = tuple(row["name"] for row in ws.query(f"PRAGMA table_info([{table.name}])"))
        refs = {
            row["from"]: row["table"]
            for row in ws.query(f"PRAGMA foreign_key_list([{table.name}])")
            if row["to"] in (None, "id") and row["from"] not in table.local_columns
        }
        fields = tuple(name for name in columns if name not in table.local_columns)
        result[table.name] = Shape(table, columns, fields, refs, "id" in columns)
    return result


def canonical(value: Any) -> str:
    """JSON with sorted keys: the same value always gives the same text (for content keys)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def compact(value: Any) -> str:
    """JSON as short as it goes, for storing (key order is the table's)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def derived_uuid(table: SharedTable, wire: Mapping[str, Any]) -> str:
    """The identity of a record known by its key (see the registry)."""
    key = canonical([table.name, [wire.get(column) for column in table.key]])
    return str(uuid_module.uuid5(NAMESPACE, key))


def group_key(table: SharedTable, wire: Mapping[str, Any]) -> str | None:
    """Which list an ordered row belongs to (its parent's UUID and any other group column)."""
    if table.ordered_by is None:
        return None
    return canonical([wire.get(column) for column in table.ordered_by])


class Ids:
    """Local id ↔ UUID for each table, looked up in batches and kept while a sync runs."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._uuid: dict[str, dict[int, str]] = {}
        self._id: dict[str, dict[str, int]] = {}

    def remember(self, table: str, row_id: int, uuid: str) -> None:
        self._uuid.setdefault(table, {})[row_id] = uuid
        self._id.setdefault(table, {})[uuid] = row_id

    def forget(self, table: str, uuid: str) -> None:
        row_id = self._id.get(table, {}).pop(uuid, None)
        if row_id is not None:
            self._uuid.get(table, {}).pop(row_id, None)

    def uuids(self, table: str) -> dict[int, str]:
        """The table's id → UUID map as loaded (kept up to date by `remember`)."""
        return self._uuid.setdefault(table, {})

    def load_all(self, table: str) -> None:
        for row in self.ws.db.execute(f"SELECT id, uuid FROM [{table}]").fetchall():
            self.remember(table, row[0], row[1])

    def load_ids(self, table: str, ids: Iterable[int]) -> None:
        self._load(table, "id", ids, self._uuid.get(table, {}))

    def load_uuids(self, table: str, uuids: Iterable[str]) -> None:
        self._load(table, "uuid", uuids, self._id.get(table, {}))

    def _load(
        self, table: str, column: str, values: Iterable[Any], known: Mapping[Any, Any]
    ) -> None:
        """Remember the id and UUID of the rows whose `column` is one of `values` not yet known."""
        wanted = sorted({value for value in values if value is not None and value not in known})
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ", ".join("?" for _ in chunk)
            for row in self.ws.db.execute(
                f"SELECT id, uuid FROM [{table}] WHERE {column} IN ({marks})", chunk
            ).fetchall():
                self.remember(table, row[0], row[1])

    def uuid_of(self, table: str, row_id: int) -> str | None:
        if row_id not in self._uuid.get(table, {}):
            self.load_ids(table, [row_id])
        return self._uuid.get(table, {}).get(row_id)

    def id_of(self, table: str, uuid: str) -> int | None:
        if uuid not in self._id.get(table, {}):
            self.load_uuids(table, [uuid])
        return self._id.get(table, {}).get(uuid)


def to_wire(shape: Shape, row: Mapping[str, Any], ids: Ids) -> dict[str, Any]:
    """A local row as it travels."""
    wire = {}
    for name in shape.fields:
        value = row.get(name)
        if value is not None and name in shape.refs:
            target = ids.uuid_of(shape.refs[name], int(value))
            if target is None:
                raise MissingReference(shape.name, name, f"id {value}")
            value = target
        wire[name] = value
    return wire


def from_wire(shape: Shape, wire: Mapping[str, Any], ids: Ids) -> dict[str, Any]:
    """A travelled record as a local row (the columns this schema has; ids for references)."""
    row = {}
    for name in shape.fields:
        if name not in wire:
            continue
        value = wire[name]
        if value is not None and name in shape.refs:
            local = ids.id_of(shape.refs[name], str(value))
            if local is None:
                raise MissingReference(shape.name, name, str(value))
            value = local
        row[name] = value
    return row


def preload(shape: Shape, rows: Iterable[Mapping[str, Any]], ids: Ids) -> None:
    """Look up every reference of `rows` (local rows) in one query per table."""
    rows = list(rows)
    for column, target in shape.refs.items():
        ids.load_ids(target, (row[column] for row in rows if row.get(column) is not None))


def preload_wire(shape: Shape, records: Iterable[Mapping[str, Any]], ids: Ids) -> None:
    """Look up every reference of travelled `records` in one query per table."""
    records = list(records)
    for column, target in shape.refs.items():
        ids.load_uuids(target, (str(r[column]) for r in records if r.get(column) is not None))


def wire_rows(
    ws: Workspace, shape: Shape, ids: Ids
) -> Iterator[tuple[str, int, int, dict[str, Any]]]:
    """Every row of a table as (uuid, position, id, travelled record), quickly: for whole-table
    work (an upload). Referenced tables must be loaded with `Ids.load_all` first."""
    cursor = ws.db.execute(f"SELECT * FROM [{shape.name}]")
    index = {column[0]: number for number, column in enumerate(cursor.description)}
    fields = [
        (name, index[name], ids.uuids(shape.refs[name]) if name in shape.refs else None)
        for name in shape.fields
    ]
    uuid_at, position_at, id_at = index["uuid"], index.get("position"), index.get("id")
    for values in cursor:
        wire = {}
        for name, at, targets in fields:
            value = values[at]
            if value is not None and targets is not None:
                found = targets.get(value)
                if found is None:
                    raise MissingReference(shape.name, name, f"id {value}")
                value = found
            wire[name] = value
        position = values[position_at] if position_at is not None else 0
        row_id = values[id_at] if id_at is not None else 0
        yield values[uuid_at], position, row_id, wire
