"""Undoable edits of ordered lists: add, move, drag to a place, delete, with positions kept 0, 1, 2…

Agenda items, minutes paragraphs and bullets, report sections and paragraphs, authors and approvals
are all lists whose numbers follow from their order. These edits rewrite only the positions that
change, each through `edits.updated`, so one undo puts the whole order back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocplan_desktop.domain.errors import NotFoundError
from ocplan_desktop.services import edits
from ocplan_desktop.services.change import Change
from ocplan_desktop.store import records
from ocplan_desktop.store.ordered import group_of, ordered_rows
from ocplan_desktop.store.workspace import Workspace


def _reorder(
    ws: Workspace, table: str, ids: list[int], rows: list[dict[str, Any]], kinds: tuple[str, ...]
) -> list[Change]:
    current = {row["id"]: row["position"] for row in rows}
    return [
        edits.updated(ws, table, row_id, {"position": index}, *kinds)
        for index, row_id in enumerate(ids)
        if current.get(row_id) != index
    ]


def add(
    ws: Workspace,
    table: str,
    group: Mapping[str, Any],
    values: Mapping[str, Any],
    kinds: tuple[str, ...],
    *,
    at: int | None = None,
) -> Change:
    """Insert a row into the group at index `at` (the end when None); later rows move down one."""
    with ws.atomic():
        rows = ordered_rows(ws, table, group)
        index = len(rows) if at is None else max(0, min(at, len(rows)))
        inserted = edits.inserted(ws, table, {**group, **values, "position": index}, *kinds)
        new_id = next(iter(inserted.ids))
        ids = [row["id"] for row in rows]
        ids.insert(index, new_id)
        shifted = _reorder(ws, table, ids, [*rows, {"id": new_id, "position": index}], kinds)
    change = edits.combined([inserted, *shifted])
    return Change(change.kinds, frozenset({new_id}), change.undo)


def move_to(
    ws: Workspace, table: str, row_id: int, columns: tuple[str, ...], index: int, *kinds: str
) -> Change:
    """Put the row at `index` within its group (drag and drop); the others close up around it."""
    with ws.atomic():
        group = group_of(ws, table, row_id, columns)
        if not group:
            raise NotFoundError(
                f"there is no {table.rstrip('s').replace('_', ' ')} with id {row_id}"
            )
        rows = ordered_rows(ws, table, group)
        ids = [row["id"] for row in rows]
        ids.remove(row_id)
        ids.insert(max(0, min(index, len(ids))), row_id)
        changes = _reorder(ws, table, ids, rows, kinds)
    change = edits.combined(changes)
    return Change(change.kinds | frozenset(kinds), frozenset({row_id}), change.undo)


def move_by(
    ws: Workspace, table: str, row_id: int, columns: tuple[str, ...], delta: int, *kinds: str
) -> Change:
    """Move the row up (delta -1) or down (+1); at either end it stays where it is."""
    group = group_of(ws, table, row_id, columns)
    rows = ordered_rows(ws, table, group) if group else []
    ids = [row["id"] for row in rows]
    if row_id not in ids:
        raise NotFoundError(f"there is no {table.rstrip('s').replace('_', ' ')} with id {row_id}")
    return move_to(ws, table, row_id, columns, ids.index(row_id) + delta, *kinds)


def remove(ws: Workspace, table: str, row_id: int, columns: tuple[str, ...], *kinds: str) -> Change:
    """Delete the row (and what cascades from it); the rows after it close up."""
    with ws.atomic():
        group = group_of(ws, table, row_id, columns)
        records.get(ws, table, row_id)
        deleted = edits.deleted(ws, table, row_id, *kinds)
        rows = ordered_rows(ws, table, group)
        changes = _reorder(ws, table, [row["id"] for row in rows], rows, kinds)
    return edits.combined([deleted, *changes])


def normalise(ws: Workspace, table: str, group: Mapping[str, Any], *kinds: str) -> list[Change]:
    """Positions 0, 1, 2… in the present order (after rows were added or removed elsewhere)."""
    rows = ordered_rows(ws, table, group)
    return _reorder(ws, table, [row["id"] for row in rows], rows, kinds)
