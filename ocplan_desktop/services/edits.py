"""Undoable edits of single records: each returns a `Change` whose `undo` returns the redo.

Undo and redo hand each other the exact values to write back, ids included, so a command undone and
done again leaves the workspace as it was, and later commands that refer to a record's id still find it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ocplan_desktop.services.change import Change
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace


def inserted(ws: Workspace, table: str, record: Mapping[str, Any], *kinds: str) -> Change:
    """Insert a row; undo deletes it."""
    row_id = records.insert(ws, table, record)
    return Change.of(*kinds, ids={row_id}, undo=lambda w: deleted(w, table, row_id, *kinds))


def updated(
    ws: Workspace, table: str, row_id: int, changes: Mapping[str, Any], *kinds: str
) -> Change:
    """Change fields of a row; undo writes the old values back."""
    before = records.update(ws, table, row_id, changes)
    old = {name: before[name] for name in changes}
    return Change.of(*kinds, ids={row_id}, undo=lambda w: updated(w, table, row_id, old, *kinds))


def deleted(ws: Workspace, table: str, row_id: int, *kinds: str) -> Change:
    """Delete a row and what cascades from it; undo restores all of it with the same ids."""
    with ws.atomic():
        saved = records.snapshot(ws, table, row_id)
        records.delete(ws, table, row_id)
    return Change.of(*kinds, ids={row_id}, undo=lambda w: restored(w, saved, *kinds))


def restored(ws: Workspace, saved: list[tuple[str, dict[str, Any]]], *kinds: str) -> Change:
    records.restore_snapshot(ws, saved)
    table, first = saved[0]
    row_id = int(first["id"])
    return Change.of(*kinds, ids={row_id}, undo=lambda w: deleted(w, table, row_id, *kinds))


def combined(changes: list[Change], description: str = "") -> Change:
    """Several changes as one edit; undo undoes them in reverse order."""
    kinds = frozenset().union(*(change.kinds for change in changes)) if changes else frozenset()
    ids = frozenset().union(*(change.ids for change in changes)) if changes else frozenset()
    undos = [change.undo for change in changes]

    def undo(ws: Workspace) -> Change:
        with ws.atomic():
            redos = [step(ws) for step in reversed(undos) if step is not None]
        return combined(redos, description)

    return Change(kinds, ids, undo, description)
