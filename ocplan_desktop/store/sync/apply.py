"""Writing what the server answered into the workspace, in one transaction.

Each record in the reply is the team's copy of it. Where nothing changed here since it was read for
the push (or it was not changed here at all), the team's copy is written as it is; where an officer
changed it again while the sync ran, their newer edit is kept on top (and stays waiting to be sent).
The copy becomes the record's new base, conflicts are kept with both values, and the audit trail
says which officer made each change that came in. Nothing written here is noted as a local change.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.domain.merge import ORDER, WHOLE_RECORD, merge_order, merge_record
from ocplan_desktop.store.records import audit, snapshot
from ocplan_desktop.store.sync.labels import describe, plural
from ocplan_desktop.store.sync.local import base_of, local_order
from ocplan_desktop.store.sync.protocol import (
    Incoming,
    IncomingOrder,
    Push,
    Reply,
    ServerConflict,
)
from ocplan_desktop.store.sync.registry import RANK
from ocplan_desktop.store.sync.rows import Ids, Shape, canonical, from_wire, preload_wire, to_wire
from ocplan_desktop.store.workspace import Workspace, now_text

Checkpoint = Callable[[str], None]
_UNPLACED = 1_000_000  # a new row's position until its list's order is applied


@dataclass
class Applied:
    received: int = 0
    changed: set[tuple[str, int]] = field(default_factory=set)
    conflicts: list[int] = field(default_factory=list)
    agendas: set[int] = field(default_factory=set)  # meetings whose agenda changed here
    problems: list[str] = field(default_factory=list)


class _Writer:
    def __init__(self, ws: Workspace, shapes: dict[str, Shape], ids: Ids, push: Push) -> None:
        self.ws, self.shapes, self.ids, self.push = ws, shapes, ids, push
        self.conn = ws.db.conn
        self.pushed = {(o.table, o.uuid): o for o in push.records}
        self.pushed_orders = {(o.table, o.group): o for o in push.orders}
        self.settled = {(table, uuid): number for table, uuid, number in push.settled}
        self.notes: dict[tuple[str, str], int] = {}
        self.applied = Applied()
        self.new_ids: dict[tuple[str, str], int] = {}

    def read_notes(self) -> None:
        self.notes = {
            (row[0], row[1]): int(row[2])
            for row in self.conn.execute("SELECT table_name, uuid, change_no FROM sync_pending")
        }

    def unchanged_since_push(self, table: str, uuid: str) -> bool:
        """Not changed here since the push was read (sent, settled as unchanged, or not noted)."""
        note = self.notes.get((table, uuid))
        if note is None or self.settled.get((table, uuid)) == note:
            return True
        sent = self.pushed.get((table, uuid))
        return sent is not None and sent.change_no == note

    # identities --------------------------------------------------------------------------------
    def adopt_derived(self) -> None:
        """Rows known by a key take the identity derived from it, as sent."""
        for sent in self.push.records:
            if sent.uuid == sent.local_uuid:
                continue
            self.conn.execute(
                f"UPDATE [{sent.table}] SET uuid = ? WHERE uuid = ?", (sent.uuid, sent.local_uuid)
            )
            self.conn.execute(
                "UPDATE OR REPLACE sync_pending SET uuid = ? WHERE table_name = ? AND uuid = ?",
                (sent.uuid, sent.table, sent.local_uuid),
            )
            self.ids.forget(sent.table, sent.local_uuid)

    def allocate(self, records: list[Incoming]) -> None:
        """Give every record new here its local id before any is written, so references between
        them (a resolution under another) resolve whatever order they are written in."""
        by_table: dict[str, list[Incoming]] = {}
        for record in records:
            if record.data is not None and record.table in self.shapes:
                by_table.setdefault(record.table, []).append(record)
        for name, shape in self.shapes.items():
            wanted = by_table.get(name, [])
            if not wanted:
                continue
            preload_wire(shape, [record.data or {} for record in wanted], self.ids)
            here = self._present(name, [record.uuid for record in wanted])
            fresh = [r for r in wanted if r.uuid not in here]
            if shape.table.key:
                fresh = [r for r in fresh if not self._adopt_by_key(shape, r)]
            if not fresh or not shape.has_id:
                continue
            top = int(self.conn.execute(f"SELECT coalesce(max(id), 0) FROM [{name}]").fetchone()[0])
            for offset, record in enumerate(fresh, start=1):
                self.ids.remember(name, top + offset, record.uuid)
                self.new_ids[(name, record.uuid)] = top + offset

    def _present(self, table: str, uuids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(uuids), 500):
            chunk = uuids[start : start + 500]
            marks = ", ".join("?" for _ in chunk)
            found.update(
                row[0]
                for row in self.conn.execute(
                    f"SELECT uuid FROM [{table}] WHERE uuid IN ({marks})", chunk
                )
            )
        return found

    def _adopt_by_key(self, shape: Shape, record: Incoming) -> bool:
        """A row here with the same key (made here while the sync ran) becomes that record."""
        try:
            values = from_wire(
                shape, {k: (record.data or {}).get(k) for k in shape.table.key}, self.ids
            )
        except OcplanError:
            return False
        where = " AND ".join(f"[{column}] IS ?" for column in shape.table.key)
        row = self.conn.execute(
            f"SELECT rowid, uuid FROM [{shape.name}] WHERE {where}",
            [values.get(column) for column in shape.table.key],
        ).fetchone()
        if row is None:
            return False
        self.conn.execute(
            f"UPDATE [{shape.name}] SET uuid = ? WHERE rowid = ?", (record.uuid, row[0])
        )
        self.conn.execute(
            "UPDATE OR REPLACE sync_pending SET uuid = ? WHERE table_name = ? AND uuid = ?",
            (record.uuid, shape.name, row[1]),
        )
        note = self.notes.pop((shape.name, row[1]), None)
        if note is not None:
            self.notes[(shape.name, record.uuid)] = note
        if shape.has_id:
            self.ids.forget(shape.name, row[1])
            self.ids.load_uuids(shape.name, [record.uuid])
        return True

    # records ---------------------------------------------------------------------------------------
    def record(self, record: Incoming) -> None:
        shape = self.shapes.get(record.table)
        if shape is None:
            return  # a table this version does not have
        current = self.ws.query(f"SELECT * FROM [{shape.name}] WHERE uuid = ?", (record.uuid,))
        row = current[0] if current else None
        try:
            mine = to_wire(shape, row, self.ids) if row is not None else None
            theirs = record.data
            key = (record.table, record.uuid)
            if self.unchanged_since_push(*key):
                target = theirs
                note = self.notes.get(key)
                if note is not None:
                    self.conn.execute(
                        "DELETE FROM sync_pending WHERE table_name = ? AND uuid = ? AND change_no = ?",
                        (record.table, record.uuid, note),
                    )
            else:
                sent = self.pushed.get(key)
                base = sent.mine if sent is not None else base_of(self.ws, *key)
                target = merge_record(base, theirs, mine).result  # my newer edit on top
            if target != mine:
                self._write(shape, record, row, target)
        except (OcplanError, sqlite3.IntegrityError) as error:
            self.applied.problems.append(f"{describe(self.ws, record.table, record.data)}: {error}")
            return
        if record.data is None:
            self.conn.execute(
                "DELETE FROM sync_base WHERE table_name = ? AND uuid = ?",
                (record.table, record.uuid),
            )
        else:
            self.conn.execute(
                "INSERT OR REPLACE INTO sync_base (table_name, uuid, seq, data) VALUES (?, ?, ?, ?)",
                (record.table, record.uuid, record.seq, canonical(record.data)),
            )

    def _write(
        self,
        shape: Shape,
        record: Incoming,
        row: dict[str, Any] | None,
        target: dict[str, Any] | None,
    ) -> None:
        user = record.officer or self.ws.user
        if target is None:
            if row is None:
                return
            self._keep_cascaded(shape, row)
            self.conn.execute(f"DELETE FROM [{shape.name}] WHERE uuid = ?", (record.uuid,))
            audit_user(self.ws, user, "delete", shape.name, row.get("id"), row, None)
            self.ids.forget(shape.name, record.uuid)
            self._touched(shape, row, row.get("id"))
            self._received(record)
            return
        values = from_wire(shape, target, self.ids)
        if row is None:
            values["uuid"] = record.uuid
            if shape.has_id:
                values["id"] = self.new_ids.get((shape.name, record.uuid)) or self.ids.id_of(
                    shape.name, record.uuid
                )
            if shape.table.ordered_by is not None:
                values["position"] = _UNPLACED
            names = ", ".join(f"[{name}]" for name in values)
            marks = ", ".join("?" for _ in values)
            self.conn.execute(
                f"INSERT INTO [{shape.name}] ({names}) VALUES ({marks})", list(values.values())
            )
            audit_user(self.ws, user, "insert", shape.name, values.get("id"), None, values)
            self._touched(shape, values, values.get("id"))
            self._received(record)
            return
        changes = {name: value for name, value in values.items() if row.get(name) != value}
        if not changes:
            return
        assignments = ", ".join(f"[{name}] = ?" for name in changes)
        self.conn.execute(
            f"UPDATE [{shape.name}] SET {assignments} WHERE uuid = ?",
            [*changes.values(), record.uuid],
        )
        audit_user(self.ws, user, "update", shape.name, row.get("id"), row, {**row, **changes})
        self._touched(shape, {**row, **changes}, row.get("id"))
        self._touched(shape, row, None)
        self._received(record)

    def _received(self, record: Incoming) -> None:
        """Count what others changed: a record not sent from here, or sent and merged with theirs."""
        sent = self.pushed.get((record.table, record.uuid))
        if sent is None or sent.mine != record.data:
            self.applied.received += 1

    def _touched(self, shape: Shape, row: dict[str, Any], row_id: Any) -> None:
        if row_id is not None:
            self.applied.changed.add((shape.name, int(row_id)))
        if shape.name == "agenda_items" and row.get("meeting_id") is not None:
            self.applied.agendas.add(int(row["meeting_id"]))

    def _keep_cascaded(self, shape: Shape, row: dict[str, Any]) -> None:
        """Rows deleted along with this one that were changed here and not yet sent: keep them in
        conflicts rather than lose them."""
        waiting = {key for key in self.notes if not self.unchanged_since_push(*key)}
        if not waiting or not shape.has_id:
            return
        for table, child in snapshot(self.ws, shape.name, int(row["id"]))[1:]:
            if (table, child.get("uuid")) in waiting and table in self.shapes:
                mine = to_wire(self.shapes[table], child, self.ids)
                self.conflict(
                    table,
                    str(child["uuid"]),
                    WHOLE_RECORD,
                    mine,
                    None,
                    "",
                    "",
                    f"deleted by someone else along with its {describe(self.ws, shape.name, row)}",
                    mine,
                )

    # orders ----------------------------------------------------------------------------------------
    def order(self, order: IncomingOrder) -> None:
        shape = self.shapes.get(order.table)
        if shape is None:
            return
        here = local_order(self.ws, shape, order.group, self.ids)
        if here is None:
            return  # the parent is not here
        target: tuple[str, ...] = order.items
        waiting = [uuid for uuid in here if not self.unchanged_since_push(order.table, uuid)]
        if waiting:
            sent = self.pushed_orders.get((order.table, order.group))
            stored = base_of(self.ws, shape.table.order_name, order.group)
            base = sent.mine if sent is not None else (tuple(stored) if stored else None)
            target = merge_order(base, order.items, here).result
        final = [uuid for uuid in target if uuid in here] + [u for u in here if u not in target]
        rows = (
            {
                row[0]: (row[1], row[2])
                for row in self.conn.execute(
                    f"SELECT uuid, id, position FROM [{shape.name}] WHERE uuid IN "
                    f"({', '.join('?' for _ in final)})",
                    final,
                )
            }
            if final
            else {}
        )
        moved = False
        for index, uuid in enumerate(final):
            row_id, position = rows[uuid]
            if position != index:
                self.conn.execute(
                    f"UPDATE [{shape.name}] SET position = ? WHERE uuid = ?", (index, uuid)
                )
                self.applied.changed.add((shape.name, int(row_id)))
                moved = True
        if moved and shape.name == "agenda_items":
            meeting = self.ids.id_of("meetings", json.loads(order.group)[0])
            if meeting is not None:
                self.applied.agendas.add(meeting)
        self.conn.execute(
            "INSERT OR REPLACE INTO sync_base (table_name, uuid, seq, data) VALUES (?, ?, ?, ?)",
            (shape.table.order_name, order.group, order.seq, canonical(list(order.items))),
        )

    # conflicts -----------------------------------------------------------------------------------
    def conflict(
        self,
        table: str,
        uuid: str,
        field_name: str,
        mine: Any,
        theirs: Any,
        who: str,
        at: str,
        message: str,
        about: dict[str, Any] | None = None,
    ) -> None:
        cursor = self.conn.execute(
            "INSERT INTO sync_conflicts (table_name, uuid, record, field, mine, theirs, who, at, "
            "message, found_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                table,
                uuid,
                self._record_words(table, about),
                field_name,
                json.dumps(mine, ensure_ascii=False),
                json.dumps(theirs, ensure_ascii=False),
                who,
                at,
                message,
                now_text(),
            ),
        )
        self.applied.conflicts.append(int(cursor.lastrowid or 0))

    def _record_words(self, table: str, about: dict[str, Any] | None) -> str:
        if not table.endswith("@order"):
            return describe(self.ws, table, about)
        child = table.removesuffix("@order")
        return f"the order of the {plural(child)} of the {self._parent_words(child, about)}"

    def _parent_words(self, child: str, about: dict[str, Any] | None) -> str:
        shape = self.shapes.get(child)
        columns = shape.table.ordered_by if shape is not None else None
        parent = shape.refs.get(columns[0]) if shape is not None and columns else None
        return describe(self.ws, parent, about) if parent else "a record"

    def server_conflict(self, item: ServerConflict) -> None:
        if item.field == ORDER:
            shape = self.shapes.get(item.table)
            columns = shape.table.ordered_by if shape is not None else None
            parent = shape.refs.get(columns[0]) if shape is not None and columns else None
            about = self.about(parent, json.loads(item.uuid)[0]) if parent else None
            table = f"{item.table}@order"
        else:
            about = self.about(item.table, item.uuid, item.mine, item.theirs)
            table = item.table
        self.conflict(
            table, item.uuid, item.field, item.mine, item.theirs, item.who, item.at,
            item.message, about,
        )  # fmt: skip

    def about(self, table: str, uuid: str, *values: Any) -> dict[str, Any] | None:
        for value in values:
            if isinstance(value, dict):
                return value
        shape = self.shapes.get(table)
        if shape is None:
            return None
        rows = self.ws.query(f"SELECT * FROM [{table}] WHERE uuid = ?", (uuid,))
        return rows[0] if rows else base_of(self.ws, table, uuid)


def audit_user(
    ws: Workspace,
    user: str,
    action: str,
    table: str,
    record_id: Any,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    """An audit row in another officer's name (what came in from the team's copy)."""
    saved, ws.user = ws.user, user
    try:
        audit(ws, action, table, record_id, before, after, summary="from the team server")
    finally:
        ws.user = saved


def apply_reply(
    ws: Workspace,
    shapes: dict[str, Shape],
    ids: Ids,
    push: Push,
    reply: Reply,
    checkpoint: Checkpoint | None = None,
) -> Applied:
    """Write the reply in one transaction (see the module's docstring)."""
    step = checkpoint or (lambda _name: None)
    writer = _Writer(ws, shapes, ids, push)
    conn = ws.db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("PRAGMA defer_foreign_keys = ON")
        conn.execute("UPDATE sync_state SET applying = 1")
        writer.read_notes()
        writer.adopt_derived()
        writer.read_notes()
        alive = sorted(
            (r for r in reply.records if r.data is not None), key=lambda r: RANK.get(r.table, 0)
        )
        gone = sorted(
            (r for r in reply.records if r.data is None), key=lambda r: -RANK.get(r.table, 0)
        )
        writer.allocate(alive)
        for index, record in enumerate(alive + gone):
            writer.record(record)
            if index % 50 == 0:
                step("local_record")
        for order in reply.orders:
            writer.order(order)
        for item in reply.conflicts:
            writer.server_conflict(item)
        for table, uuid, change_no in push.settled:
            conn.execute(
                "DELETE FROM sync_pending WHERE table_name = ? AND uuid = ? AND change_no = ?",
                (table, uuid, change_no),
            )
        conn.execute(
            "UPDATE sync_state SET applying = 0, last_seq = max(last_seq, ?), last_synced_at = ?",
            (reply.last_seq, now_text()),
        )
        step("local_applied")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    step("local_committed")
    return writer.applied
