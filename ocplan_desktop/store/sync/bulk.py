"""Whole workspaces: the first upload into an empty team server, and joining from it.

Both stream rows (COPY on the server's side, one transaction on each), so a ten-year workspace moves
in seconds. An upload holds the workspace's write lock until the server has committed and then
commits its own side (each record's base, identities derived from keys); if it is cut off between
the two, the next sync finds the server holding this workspace's upload and takes up from there.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.store import search_index
from ocplan_desktop.store.records import audit
from ocplan_desktop.store.sync.connection import ServerError
from ocplan_desktop.store.sync.registry import BY_ORDER_NAME
from ocplan_desktop.store.sync.rows import (
    Ids,
    Shape,
    canonical,
    compact,
    derived_uuid,
    from_wire,
    group_key,
    wire_rows,
)
from ocplan_desktop.store.sync.server_schema import PUSH_LOCK, SCHEMA
from ocplan_desktop.store.workspace import Workspace, now_text

Checkpoint = Callable[[str], None]
Report = Callable[[str], None]


@dataclass(frozen=True)
class Snapshot:
    """The team's copy as one consistent read."""

    # table → (uuid, data as JSON text), the live ones; parsed a table at a time, so a large
    # team's copy does not sit in memory as objects all at once
    records: dict[str, list[tuple[str, str]]]
    orders: dict[str, list[tuple[str, list[str]]]]  # child table → (group, items)
    last_seq: int

    @property
    def size(self) -> int:
        return sum(len(rows) for rows in self.records.values())


def rows_of(ws: Workspace, table: str) -> Iterator[dict[str, Any]]:
    cursor = ws.db.execute(f"SELECT * FROM [{table}]")
    names = [column[0] for column in cursor.description]
    for values in cursor:
        yield dict(zip(names, values, strict=True))


def set_state(ws: Workspace, **values: Any) -> None:
    assignments = ", ".join(f"{name} = ?" for name in values)
    ws.db.conn.execute(f"UPDATE sync_state SET {assignments} WHERE id = 1", list(values.values()))


def upload(
    ws: Workspace,
    conn: Any,
    shapes: dict[str, Shape],
    *,
    server_id: str,
    server_url: str,
    officer: str,
    report: Report | None = None,
    checkpoint: Checkpoint | None = None,
) -> int:
    """Send the whole workspace into an empty team server; returns how many records went."""
    say = report or (lambda _text: None)
    step = checkpoint or (lambda _name: None)
    client_id = str(ws.scalar("SELECT client_id FROM sync_state"))
    ids = Ids(ws)
    for name, shape in shapes.items():
        if shape.has_id:
            ids.load_all(name)
    local = ws.db.conn
    local.execute("BEGIN IMMEDIATE")
    sent = 0
    try:
        local.execute("UPDATE sync_state SET applying = 1")
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (PUSH_LOCK,))
            if conn.execute(f"SELECT count(*) FROM {SCHEMA}.records").fetchone()[0]:
                raise ServerError(
                    "someone uploaded a workspace into the team server first: make this one's "
                    "copy with `ocplan join`; nothing was changed"
                )
            orders: list[tuple[str, str, str]] = []
            with conn.cursor() as cursor:
                copy_sql = f"COPY {SCHEMA}.records (uuid, tbl, grp, refs, data) FROM STDIN"
                with cursor.copy(copy_sql) as copy:
                    for name, shape in shapes.items():
                        say(f"Uploading {name.replace('_', ' ')}…")
                        groups: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
                        bases = []
                        renames = []
                        lines = []
                        for uuid, position, row_id, wire in wire_rows(ws, shape, ids):
                            ident = uuid
                            if shape.table.key:
                                ident = derived_uuid(shape.table, wire)
                            if ident != uuid:
                                renames.append((ident, uuid))
                                if shape.has_id:
                                    ids.remember(name, int(row_id), ident)
                            text = compact(wire)
                            group = group_key(shape.table, wire)
                            refs = ",".join(str(wire[c]) for c in shape.refs if wire.get(c))
                            lines.append(
                                f"{ident}\t{name}\t{_copy_text(group)}\t{{{refs}}}\t{_copy_text(text)}\n"
                            )
                            bases.append((name, ident, text))
                            if group is not None:
                                groups[group].append((position, row_id, ident))
                            if len(lines) >= 2000:
                                copy.write("".join(lines))
                                lines = []
                            sent += 1
                        if lines:
                            copy.write("".join(lines))
                        local.executemany(f"UPDATE [{name}] SET uuid = ? WHERE uuid = ?", renames)
                        bases.sort()
                        local.executemany(
                            "INSERT OR REPLACE INTO sync_base (table_name, uuid, seq, data) "
                            "VALUES (?, ?, 0, ?)",
                            bases,
                        )
                        for group, members in groups.items():
                            items = [ident for _pos, _id, ident in sorted(members)]
                            orders.append((shape.table.order_name, group, json.dumps(items)))
                orders_sql = f"COPY {SCHEMA}.orders (tbl, grp, items) FROM STDIN"
                with cursor.copy(orders_sql) as order_copy:
                    for order in orders:
                        order_copy.write_row(order)
            local.executemany(
                "INSERT OR REPLACE INTO sync_base (table_name, uuid, seq, data) VALUES (?, ?, 0, ?)",
                [(tbl, grp, items) for tbl, grp, items in orders],
            )
            conn.execute(
                f"INSERT INTO {SCHEMA}.meta (key, value) VALUES ('upload_client', %s), "
                "('uploaded_at', now()::text)",
                (client_id,),
            )
            last = conn.execute(
                f"SELECT greatest((SELECT coalesce(max(seq), 0) FROM {SCHEMA}.records), "
                f"(SELECT coalesce(max(seq), 0) FROM {SCHEMA}.orders))"
            ).fetchone()
            step("server_applied")
        step("server_committed")
        local.execute("UPDATE sync_base SET seq = ?", (int(last[0]),))
        local.execute("DELETE FROM sync_pending")
        set_state(
            ws,
            server_id=server_id,
            server_url=server_url,
            officer=officer,
            last_seq=int(last[0]),
            last_synced_at=now_text(),
            tracking=1,
            applying=0,
        )
        audit(
            ws,
            "bulk",
            "sync_state",
            None,
            summary=f"uploaded to the team server ({sent:,} records)",
        )
        step("local_applied")
        local.execute("COMMIT")
    except BaseException:
        local.execute("ROLLBACK")
        raise
    step("local_committed")
    return sent


def _copy_text(value: str | None) -> str:
    """A value in COPY's text format (NULL as \\N; backslash, tab and line breaks escaped)."""
    if value is None:
        return "\\N"
    return (
        value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    )


@contextmanager
def rows_indexed_after(ws: Workspace, tables: Iterable[str]) -> Iterator[None]:
    """While whole tables are written into a new workspace, their rows are indexed for search in one
    statement per table at the end (`search_index.indexed_after`), not row by row."""
    covered = search_index.indexed_tables(ws)
    with ExitStack() as stack:
        for table in sorted(set(tables) & covered):
            stack.enter_context(search_index.indexed_after(ws, table))
        yield


def uploaded_by(conn: Any) -> str | None:
    row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'upload_client'").fetchone()
    return str(row[0]) if row else None


def snapshot(conn: Any, report: Report | None = None) -> Snapshot:
    """Every live record and order of the team's copy, read in one consistent transaction."""
    say = report or (lambda _text: None)
    records: dict[str, list[tuple[str, str]]] = defaultdict(list)
    orders: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        say("Downloading the team's records…")
        with conn.cursor(name="ocplan_snapshot") as cursor:
            cursor.itersize = 5000
            cursor.execute(f"SELECT tbl, uuid, data::text FROM {SCHEMA}.records WHERE NOT deleted")
            for tbl, uuid, data in cursor:
                records[tbl].append((uuid, data))
        for tbl, grp, items in conn.execute(f"SELECT tbl, grp, items FROM {SCHEMA}.orders"):
            orders[tbl.removesuffix("@order")].append((grp, list(items)))
        row = conn.execute(
            f"SELECT greatest((SELECT coalesce(max(seq), 0) FROM {SCHEMA}.records), "
            f"(SELECT coalesce(max(seq), 0) FROM {SCHEMA}.orders))"
        ).fetchone()
    return Snapshot(dict(records), dict(orders), int(row[0]))


def fill(
    ws: Workspace,
    shapes: dict[str, Shape],
    copy: Snapshot,
    *,
    server_id: str,
    server_url: str,
    officer: str,
    report: Report | None = None,
) -> int:
    """Write the team's copy into a new, empty workspace (one transaction); returns the count."""
    say = report or (lambda _text: None)
    ids = Ids(ws)
    written = 0
    with ws.bulk_write() as db, rows_indexed_after(ws, copy.records):
        db.execute("PRAGMA defer_foreign_keys = ON")
        for name, shape in shapes.items():
            # in UUID order: each table's uuid index then grows at its end
            rows = sorted(copy.records.get(name, []), key=lambda item: item[0])
            if not rows:
                continue
            say(f"Writing {name.replace('_', ' ')} ({len(rows):,})…")
            if shape.has_id:
                for index, (uuid, _text) in enumerate(rows, start=1):
                    ids.remember(name, index, uuid)
            positions = _Positions(shape, copy.orders.get(name, []))
            first = from_wire(shape, json.loads(rows[0][1]), ids)
            columns = [*first, "uuid", *(["id"] if shape.has_id else [])]
            if shape.table.ordered_by is not None:
                columns.append("position")

            def local_rows(
                shape: Shape = shape, rows: list[tuple[str, str]] = rows, columns: list[str] = columns,
                positions: _Positions = positions,
            ) -> Iterator[list[Any]]:  # fmt: skip
                """One table's rows, parsed one at a time (the whole copy is never objects)."""
                for index, (uuid, text) in enumerate(rows, start=1):
                    data = json.loads(text)
                    try:
                        values = from_wire(shape, data, ids)
                    except OcplanError as error:
                        raise ServerError(f"the team's copy is inconsistent: {error}") from None
                    values["uuid"] = uuid
                    values["id"] = index
                    if shape.table.ordered_by is not None:  # elsewhere `position` is a field
                        values["position"] = positions.of(uuid, data)
                    yield [values.get(column) for column in columns]

            names = ", ".join(f"[{column}]" for column in columns)
            marks = ", ".join("?" for _ in columns)
            db.conn.executemany(f"INSERT INTO [{name}] ({names}) VALUES ({marks})", local_rows())
            db.conn.executemany(
                "INSERT INTO sync_base (table_name, uuid, seq, data) VALUES (?, ?, ?, ?)",
                ((name, uuid, copy.last_seq, text) for uuid, text in rows),
            )
            written += len(rows)
        db.conn.executemany(
            "INSERT INTO sync_base (table_name, uuid, seq, data) VALUES (?, ?, ?, ?)",
            (
                (f"{table}@order", group, copy.last_seq, canonical(items))
                for table, groups in copy.orders.items()
                if f"{table}@order" in BY_ORDER_NAME
                for group, items in groups
            ),
        )
        set_state(
            ws,
            server_id=server_id,
            server_url=server_url,
            officer=officer,
            last_seq=copy.last_seq,
            last_synced_at=now_text(),
            tracking=1,
        )
        audit(
            ws, "bulk", "sync_state", None, summary=f"joined the team server ({written:,} records)"
        )
    return written


class _Positions:
    """Each ordered row's position from its parent's list; rows a list does not name go last."""

    def __init__(self, shape: Shape, orders: list[tuple[str, list[str]]]) -> None:
        self.shape = shape
        self.listed = {uuid: index for _group, items in orders for index, uuid in enumerate(items)}
        self.tail: dict[str, int] = defaultdict(int)

    def of(self, uuid: str, data: dict[str, Any]) -> int:
        if uuid in self.listed:
            return self.listed[uuid]
        group = group_key(self.shape.table, data) or ""
        self.tail[group] += 1
        return 1_000_000 + self.tail[group]
