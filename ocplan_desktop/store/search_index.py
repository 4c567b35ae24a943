"""Keeping the search index for bulk writes: one `INSERT … SELECT` after the batch, not a trigger
per row.

Each table the index covers has a view, `search_source_<table>` (db/0007), saying what its rows put
in the index; its insert trigger does that row by row, except for ids inside a range recorded in
`search_index_deferred`. `indexed_after` records such a range, lets the caller insert its batch,
then indexes the range from the view and removes it, all inside one savepoint of the caller's
transaction: if anything fails, the rows, the range and their index entries roll back together, so
a committed row is never left out of the index. Updates and deletes keep their row triggers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ocplan_desktop.store.workspace import Workspace

LAST_ID = 2**59  # past any id (the index's rowid is id * 16 + a code, which must stay in 63 bits)


def indexed_tables(ws: Workspace) -> frozenset[str]:
    """The tables the search index covers (those with a `search_source_` view)."""
    rows = ws.db.execute(
        "SELECT substr(name, 15) FROM sqlite_master "
        "WHERE type = 'view' AND name LIKE 'search\\_source\\_%' ESCAPE '\\'"
    ).fetchall()
    return frozenset(row[0] for row in rows)


@contextlib.contextmanager
def indexed_after(ws: Workspace, table: str) -> Iterator[int]:
    """Insert a batch into `table` inside this block: rows with ids from the one yielded (the next
    free id) onwards are indexed in one statement at the end, rather than one by one."""
    if table not in indexed_tables(ws):
        raise ValueError(f"the search index does not cover {table}")
    with ws.atomic() as db:
        first = int(ws.scalar(f"SELECT coalesce(max(id), 0) + 1 FROM [{table}]"))
        deferred = db.execute(
            "INSERT INTO search_index_deferred (source, first_id, last_id) VALUES (?, ?, ?)",
            (table, first, LAST_ID),
        ).lastrowid
        yield first
        _index_range(ws, table, first, LAST_ID)
        db.execute("DELETE FROM search_index_deferred WHERE rowid = ?", (deferred,))


def _index_range(
    ws: Workspace, table: str, first: int, last: int, *, missing: bool = False
) -> None:
    only_missing = " AND search_rowid NOT IN (SELECT rowid FROM search_index)" if missing else ""
    ws.db.execute(
        "INSERT INTO search_index (rowid, body, kind, record_id) "
        f"SELECT search_rowid, body, kind, record_id FROM [search_source_{table}] "
        f"WHERE id BETWEEN ? AND ?{only_missing}",
        (first, last),
    )


def finish_deferred(ws: Workspace) -> int:
    """Index what any range left in `search_index_deferred` covers and remove it; the number of
    ranges. `indexed_after` never commits one, so this finds none unless something went wrong;
    opening a workspace runs it so that even then no row stays out of the index."""
    if (
        ws.read_only
        or not ws.db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'search_index_deferred'"
        ).fetchone()
    ):
        return 0
    ranges = ws.db.execute("SELECT source, first_id, last_id FROM search_index_deferred").fetchall()
    if not ranges:
        return 0
    covered = indexed_tables(ws)
    with ws.atomic() as db:
        for source, first, last in ranges:
            if source in covered:
                _index_range(ws, source, int(first), int(last), missing=True)
        db.execute("DELETE FROM search_index_deferred")
    return len(ranges)
