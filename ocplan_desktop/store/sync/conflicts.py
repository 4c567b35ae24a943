"""Conflicts kept in the workspace, and writing "mine" back when the officer keeps it.

Keeping mine is an ordinary audited edit here (so it waits to be sent, and the next sync sends it
against the team's value as its base); keeping theirs changes nothing but the conflict.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from ocplan_desktop.domain.errors import NotFoundError, ValidationError
from ocplan_desktop.domain.merge import WHOLE_RECORD
from ocplan_desktop.domain.sync import Conflict, Keep
from ocplan_desktop.store import records
from ocplan_desktop.store.sync.labels import describe, referred
from ocplan_desktop.store.sync.local import group_where
from ocplan_desktop.store.sync.rows import Ids, MissingReference, Shape, from_wire, shapes
from ocplan_desktop.store.workspace import Workspace, now_text


def _conflict(row: dict[str, Any]) -> Conflict:
    return Conflict(
        id=row["id"],
        table=row["table_name"],
        uuid=row["uuid"],
        record=row["record"],
        field=row["field"],
        mine=json.loads(row["mine"]) if row["mine"] is not None else None,
        theirs=json.loads(row["theirs"]) if row["theirs"] is not None else None,
        who=row["who"],
        when=row["at"],
        message=row["message"],
        found_at=row["found_at"],
        resolved_at=row["resolved_at"],
        kept=row["kept"],
    )


def list_conflicts(ws: Workspace, *, settled: bool = False) -> list[Conflict]:
    where = "" if settled else " WHERE resolved_at IS NULL"
    return [_conflict(row) for row in ws.query(f"SELECT * FROM sync_conflicts{where} ORDER BY id")]


def get_conflict(ws: Workspace, conflict_id: int) -> Conflict:
    rows = ws.query("SELECT * FROM sync_conflicts WHERE id = ?", (conflict_id,))
    if not rows:
        raise NotFoundError(f"there is no conflict {conflict_id} (`ocplan conflicts` lists them)")
    return _conflict(rows[0])


def mark_settled(ws: Workspace, conflict_id: int, keep: Keep) -> None:
    with ws.atomic() as db:
        db.execute(
            "UPDATE sync_conflicts SET resolved_at = ?, kept = ? WHERE id = ?",
            (now_text(), keep, conflict_id),
        )


def local_columns(ws: Workspace, table: str) -> set[str]:
    return {row["name"] for row in ws.query(f"PRAGMA table_info([{table}])")}


def local_row(ws: Workspace, table: str, uuid: str) -> dict[str, Any] | None:
    rows = ws.query(f"SELECT * FROM [{table}] WHERE uuid = ?", (uuid,))
    return rows[0] if rows else None


def _shape(ws: Workspace, table: str) -> Shape:
    found = shapes(ws).get(table)
    if found is None:
        raise ValidationError(f"this version of ocplan has no {table.replace('_', ' ')}")
    return found


@dataclass(frozen=True)
class Step:
    """One write that puts my value back: the service makes it (undoably where it can)."""

    kind: Literal["update", "insert", "delete"]
    table: str
    row_id: int | None  # None: a table whose rows have no id (a link), written by `write_step`
    values: dict[str, Any]
    uuid: str


def reopen(ws: Workspace, conflict_id: int) -> None:
    with ws.atomic() as db:
        db.execute(
            "UPDATE sync_conflicts SET resolved_at = NULL, kept = NULL WHERE id = ?", (conflict_id,)
        )


def _local_values(ws: Workspace, shape: Shape, wire: dict[str, Any], what: str) -> dict[str, Any]:
    try:
        return from_wire(shape, wire, Ids(ws))
    except MissingReference:
        raise ValidationError(
            f"{what} refers to a record that was deleted meanwhile, so yours cannot come back; "
            "keep theirs"
        ) from None


def mine_steps(ws: Workspace, conflict: Conflict) -> list[Step]:
    """What to write so this workspace holds my value again (then it waits to be sent)."""
    if conflict.is_order:
        return order_steps(ws, conflict.shown_table, conflict.uuid, list(conflict.mine or []))
    shape = _shape(ws, conflict.table)
    row = local_row(ws, shape.name, conflict.uuid)
    row_id = int(row["id"]) if row is not None and shape.has_id else None
    if conflict.field == WHOLE_RECORD:
        mine = conflict.mine
        if mine is None:
            return [] if row is None else [Step("delete", shape.name, row_id, {}, conflict.uuid)]
        values = _local_values(ws, shape, dict(mine), conflict.record)
        if row is None:
            values["uuid"] = conflict.uuid
            if shape.table.ordered_by is not None:
                values["position"] = 1_000_000
            return [Step("insert", shape.name, None, values, conflict.uuid)]
    elif row is None:
        raise ValidationError(
            f"{conflict.record} was deleted meanwhile: keep theirs, or add it again by hand"
        )
    else:
        values = _local_values(ws, shape, {conflict.field: conflict.mine}, conflict.record)
    changed = {name: value for name, value in values.items() if row.get(name) != value}
    return [Step("update", shape.name, row_id, changed, conflict.uuid)] if changed else []


def order_steps(ws: Workspace, table: str, group: str, items: list[str]) -> list[Step]:
    """Put one parent's rows in the order `items` gives (rows it does not name go last)."""
    shape = _shape(ws, table)
    columns = shape.table.ordered_by or ()
    local = _local_values(ws, shape, dict(zip(columns, json.loads(group), strict=True)), table)
    where, params = group_where(columns, local)
    rows = ws.query(
        f"SELECT id, uuid, position FROM [{table}] WHERE {where} ORDER BY position, id",
        tuple(params),
    )
    wanted = [uuid for uuid in items if any(row["uuid"] == uuid for row in rows)]
    wanted += [row["uuid"] for row in rows if row["uuid"] not in wanted]
    by_uuid = {row["uuid"]: row for row in rows}
    return [
        Step("update", table, int(by_uuid[uuid]["id"]), {"position": index}, uuid)
        for index, uuid in enumerate(wanted)
        if by_uuid[uuid]["position"] != index
    ]


def write_step(ws: Workspace, step: Step) -> None:
    """A step on a row without an id (a link between two records), audited but not undoable."""
    with ws.atomic() as db:
        if step.kind == "insert":
            records.insert(ws, step.table, step.values)
            return
        row = local_row(ws, step.table, step.uuid)
        if step.kind == "delete":
            db.execute(f"DELETE FROM [{step.table}] WHERE uuid = ?", (step.uuid,))
            records.audit(ws, "delete", step.table, None, row, None)
            return
        assignments = ", ".join(f"[{name}] = ?" for name in step.values)
        db.execute(
            f"UPDATE [{step.table}] SET {assignments} WHERE uuid = ?",
            [*step.values.values(), step.uuid],
        )
        records.audit(ws, "update", step.table, None, row, {**(row or {}), **step.values})


def readable(ws: Workspace, table: str, field_name: str, value: Any) -> Any:
    """A field's value for people: a reference as the record it names (not its UUID)."""
    shape = shapes(ws).get(table)
    if shape is None or value is None or field_name not in shape.refs:
        return value
    target = shape.refs[field_name]
    row = referred(ws, target, value)
    return describe(ws, target, row) if row else "(a record not here)"


def row_names(ws: Workspace, table: str, uuids: list[str]) -> dict[str, str]:
    """A short name for each row (its title, name or text), by UUID."""
    columns = {row["name"] for row in ws.query(f"PRAGMA table_info([{table}])")}
    shown = next((c for c in ("title", "name", "heading", "text", "label") if c in columns), None)
    if shown is None or not uuids:
        return {}
    marks = ", ".join("?" for _ in uuids)
    return {
        row["uuid"]: " ".join(str(row["shown"]).split())[:80]
        for row in ws.query(
            f"SELECT uuid, [{shown}] AS shown FROM [{table}] WHERE uuid IN ({marks})", tuple(uuids)
        )
    }


def minutes_of(ws: Workspace, conflict: Conflict) -> int | None:
    """The local id of the minutes a conflict is about (None when it is not about minutes)."""
    table = conflict.shown_table
    if table == "minutes":
        row = local_row(ws, "minutes", conflict.uuid)
        return int(row["id"]) if row else None
    if table not in ("minute_paragraphs", "minute_bullets", "resolutions"):
        return None
    if conflict.is_order:
        target = json.loads(conflict.uuid)[0]
    else:
        row = local_row(ws, table, conflict.uuid)
        if row is not None:
            return int(row["minutes_id"])
        data = conflict.mine if isinstance(conflict.mine, dict) else conflict.theirs
        target = (data or {}).get("minutes_id") if isinstance(data, dict) else None
    found = local_row(ws, "minutes", str(target)) if target else None
    return int(found["id"]) if found else None


def row_index(ws: Workspace, table: str, minutes_id: int, uuid: str) -> int | None:
    """Where a paragraph or bullet stands among its minutes' (None: not here)."""
    rows = ws.query(
        f"SELECT uuid FROM [{table}] WHERE minutes_id = ? ORDER BY position, id", (minutes_id,)
    )
    found = [index for index, row in enumerate(rows) if row["uuid"] == uuid]
    return found[0] if found else None


def texts_by_uuid(ws: Workspace, table: str, minutes_id: int) -> dict[str, str]:
    return {
        row["uuid"]: row["text"]
        for row in ws.query(f"SELECT uuid, text FROM [{table}] WHERE minutes_id = ?", (minutes_id,))
    }
