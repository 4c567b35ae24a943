"""Writes that leave a trace: every insert, update and delete goes into the audit trail in the same
transaction as the change itself.

Table names come from code, never from the user; values are always bound parameters.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ocplan_desktop.domain.errors import NotFoundError
from ocplan_desktop.store import search_index
from ocplan_desktop.store.identity import new_uuid, new_uuids
from ocplan_desktop.store.workspace import Workspace, now_text


def _json(row: Mapping[str, Any] | None) -> str | None:
    return None if row is None else json.dumps(dict(row), ensure_ascii=False, default=str)


def audit(
    ws: Workspace,
    action: str,
    table: str,
    record_id: int | None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    summary: str = "",
) -> None:
    ws.db.table("audit_log").insert(
        {
            "at": now_text(),
            "user": ws.user,
            "action": action,
            "table_name": table,
            "record_id": record_id,
            "before": _json(before),
            "after": _json(after),
            "summary": summary,
        }
    )


def get(ws: Workspace, table: str, row_id: int) -> dict[str, Any]:
    rows = ws.query(f"SELECT * FROM [{table}] WHERE id = ?", (row_id,))
    if not rows:
        raise NotFoundError(f"there is no {table.rstrip('s').replace('_', ' ')} with id {row_id}")
    return rows[0]


def find(ws: Workspace, table: str, row_id: int) -> dict[str, Any] | None:
    rows = ws.query(f"SELECT * FROM [{table}] WHERE id = ?", (row_id,))
    return rows[0] if rows else None


def insert(ws: Workspace, table: str, record: Mapping[str, Any]) -> int:
    """Insert one row and audit it; returns the new id."""
    with ws.atomic() as db:
        row_id = int(db.table(table).insert(dict(record)).last_rowid or 0)
        audit(ws, "insert", table, row_id, None, {"id": row_id, **record})
    return row_id


def update(ws: Workspace, table: str, row_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Change some fields of one row and audit the row before and after; returns the row before."""
    with ws.atomic() as db:
        before = get(ws, table, row_id)
        if changes:
            db.table(table).update(row_id, dict(changes))
            after = get(ws, table, row_id)
            if after != before:
                audit(ws, "update", table, row_id, before, after)
    return before


def delete(ws: Workspace, table: str, row_id: int) -> dict[str, Any]:
    """Delete one row (and, by the schema's cascades, what hangs off it); returns it as it was."""
    with ws.atomic() as db:
        before = get(ws, table, row_id)
        db.execute(f"DELETE FROM [{table}] WHERE id = ?", (row_id,))
        audit(ws, "delete", table, row_id, before, None)
    return before


def insert_many(
    ws: Workspace, table: str, records: Iterable[Mapping[str, Any]], *, summary: str
) -> int:
    """Bulk insert for imports and generated data: one audit row for the batch, not one per record."""
    rows = [dict(record) for record in records]
    if not rows:
        return 0
    if "uuid" in ws.db[table].columns_dict:  # a shared record's identity, given here: quicker
        for row in rows:
            row.setdefault("uuid", new_uuid())
    with ws.bulk_write() as db:
        # A table the search index covers has the batch indexed in one statement at the end.
        indexed = (
            search_index.indexed_after(ws, table)
            if table in search_index.indexed_tables(ws)
            else contextlib.nullcontext()
        )
        with indexed:
            db.table(table).insert_all(rows, batch_size=1000)
        audit(ws, "bulk", table, None, None, None, summary=f"{summary} ({len(rows):,} rows)")
    return len(rows)


def insert_rows(
    ws: Workspace,
    table: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    summary: str,
) -> int:
    """Bulk insert of rows given as tuples of `columns` (an importer's rows as they are, with no
    dict per row), in one statement run for each; one audit row for the batch, and a table the
    search index covers has the batch indexed in one statement at the end."""
    if not rows:
        return 0
    known = {row[1] for row in ws.db.execute(f"PRAGMA table_info([{table}])").fetchall()}
    unknown = [column for column in columns if column not in known]
    if unknown:
        raise ValueError(f"{table} has no column {', '.join(unknown)}")
    values: Iterable[Sequence[Any]] = rows
    if "uuid" in known and "uuid" not in columns:  # a shared record's identity, given here
        columns = (*columns, "uuid")
        values = ((*row, uuid) for row, uuid in zip(rows, new_uuids(len(rows)), strict=True))
    names = ", ".join(f"[{column}]" for column in columns)
    marks = ", ".join("?" for _ in columns)
    with ws.bulk_write() as db:
        indexed = (
            search_index.indexed_after(ws, table)
            if table in search_index.indexed_tables(ws)
            else contextlib.nullcontext()
        )
        with indexed:
            db.conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({marks})", values)
        audit(ws, "bulk", table, None, None, None, summary=f"{summary} ({len(rows):,} rows)")
    return len(rows)


def _cascading_children(ws: Workspace, table: str) -> list[tuple[str, str]]:
    """(child table, foreign key column) for every table whose rows are deleted along with `table`'s."""
    children = []
    for (name,) in ws.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall():
        for row in ws.db.execute(f"PRAGMA foreign_key_list([{name}])").fetchall():
            # id, seq, table, from, to, on_update, on_delete, match
            if row[2] == table and row[6] == "CASCADE":
                children.append((name, row[3]))
    return children


def snapshot(ws: Workspace, table: str, row_id: int) -> list[tuple[str, dict[str, Any]]]:
    """The row and everything the schema would delete with it (each row once).

    What undoing a delete needs to put back exactly as it was, ids included.
    """
    rows: list[tuple[str, dict[str, Any]]] = []
    seen: set[tuple[str, object]] = set()

    def collect(name: str, where: str, params: tuple[Any, ...]) -> None:
        found = ws.query(f"SELECT rowid AS _rowid_, * FROM [{name}] WHERE {where}", params)
        for row in found:
            rowid = row.pop("_rowid_")
            if (name, rowid) in seen:
                continue
            seen.add((name, rowid))
            rows.append((name, row))
            for child, column in _cascading_children(ws, name):
                collect(child, f"[{column}] = ?", (row.get("id", rowid),))

    collect(table, "id = ?", (row_id,))
    return rows


def restore_snapshot(ws: Workspace, rows: list[tuple[str, dict[str, Any]]]) -> None:
    """Put back what `snapshot` saw (undo of a delete), audited as inserts.

    Foreign keys are checked at commit rather than row by row, since a tree (resolutions under
    resolutions) may come back in any order.
    """
    with ws.atomic() as db:
        db.execute("PRAGMA defer_foreign_keys = ON")
        for name, row in rows:
            db.table(name).insert(dict(row))
            audit(ws, "insert", name, row.get("id"), None, row, summary="restored")


def add_import_batch(
    ws: Workspace,
    kind: str,
    source: str,
    row_count: int,
    *,
    content_hash: str = "",
    target: str = "",
) -> int:
    """Record an import, so the rows it brought in can be told apart (and removed) as a batch,
    and the same file (its content's hash) is known again when it comes back to the same place."""
    return insert(
        ws,
        "import_batches",
        {
            "kind": kind,
            "source": source,
            "created_at": now_text(),
            "created_by": ws.user,
            "row_count": row_count,
            "content_hash": content_hash,
            "target": target,
        },
    )


def earlier_import(ws: Workspace, content_hash: str, target: str) -> dict[str, Any] | None:
    """The latest import of a file with this content into this place, or None."""
    if not content_hash:
        return None
    rows = ws.query(
        "SELECT * FROM import_batches WHERE content_hash = ? AND target = ? "
        "ORDER BY created_at DESC, id DESC LIMIT 1",
        (content_hash, target),
    )
    return rows[0] if rows else None
