"""The server's side of a sync: apply a push in one transaction and answer with what is new.

The push takes the advisory lock before anything is numbered, so numbers commit in order and a
pull that has seen number N has seen every change up to N. Each pushed record is merged field by
field against its base (`domain.merge`); what cannot be merged is a conflict, the team's value
standing. A change the team's copy cannot take is turned into a conflict before anything is written:
one that refers to a record someone deleted, a deletion of a record others still refer to, and an
edit to minutes approved meanwhile (the trigger would refuse it anyway).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ocplan_desktop.domain.merge import (
    ORDER,
    WHOLE_RECORD,
    FieldConflict,
    changed_fields,
    merge_order,
    merge_record,
    reconcile_order,
)
from ocplan_desktop.store.sync.connection import ServerError
from ocplan_desktop.store.sync.protocol import (
    Incoming,
    IncomingOrder,
    Outgoing,
    OutgoingOrder,
    Push,
    Reply,
    ServerConflict,
)
from ocplan_desktop.store.sync.registry import BY_ORDER_NAME, MINUTES_CONTENT, RANK
from ocplan_desktop.store.sync.server_schema import (
    PUSH_LOCK,
    SCHEMA,
    SCHEMA_VERSION,
    installed_version,
)

Checkpoint = Callable[[str], None]
# When a row was written, as ISO 8601 in UTC (`2024-01-09T14:32:05+00:00`).
_AT = "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"')"

LOCKED_MESSAGE = (
    "these minutes were approved while this edit was made offline, so it was not applied: keep "
    "yours to add it as a correction (a new revision), or keep theirs to let it go"
)
GONE_MESSAGE = "it refers to a record someone else deleted meanwhile, so it was not applied"
KEPT_MESSAGE = "someone else's record still refers to it, so it was not deleted"


class SchemaMismatch(ServerError):
    """The server's schema is of another version than this app's."""


@dataclass(frozen=True)
class ServerInfo:
    server_id: str
    records: int


def server_info(conn: Any, label: str) -> ServerInfo:
    """Check the server holds the team's schema of this app's version."""
    version = installed_version(conn)
    if version is None:
        raise ServerError(
            f"the database at {label} has no team schema: IT sets it up once with "
            "`ocplan server init --server URL`; nothing was changed"
        )
    if version != SCHEMA_VERSION:
        newer = "a newer" if version > SCHEMA_VERSION else "an older"
        raise SchemaMismatch(
            f"the team server at {label} uses {newer} schema (version {version}; this ocplan "
            f"uses {SCHEMA_VERSION}): use the ocplan that matches the team's; nothing was changed"
        )
    server_id = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'server_id'").fetchone()
    count = conn.execute(f"SELECT count(*) FROM {SCHEMA}.records").fetchone()
    return ServerInfo(str(server_id[0]), int(count[0]))


@dataclass
class _Plan:
    change: Outgoing
    theirs: dict[str, Any] | None
    who: str
    at: str
    result: dict[str, Any] | None
    conflicts: list[ServerConflict] = field(default_factory=list)

    def conflict(self, item: FieldConflict, message: str = "") -> None:
        self.conflicts.append(
            ServerConflict(
                self.change.table,
                self.change.uuid,
                item.field,
                item.mine,
                item.theirs,
                self.who,
                self.at,
                message,
            )
        )

    def refuse(self, message: str) -> None:
        """Leave the team's copy as it is; my version is kept in a conflict."""
        self.result = None if self.theirs is None else dict(self.theirs)
        self.conflicts = []
        self.conflict(FieldConflict(WHOLE_RECORD, self.change.mine, self.theirs), message)

    def refuse_fields(self, message: str) -> None:
        """Like `refuse`, but an edit of an existing record keeps each changed field apart (so
        the officer sees, say, the paragraph's two texts side by side)."""
        mine, theirs, base = self.change.mine, self.theirs, self.change.base
        if mine is None or theirs is None:
            self.refuse(message)
            return
        self.result = dict(theirs)
        self.conflicts = []
        for name, value in changed_fields(base, mine).items():
            if theirs.get(name) != value:
                self.conflict(FieldConflict(name, value, theirs.get(name)), message)
        if not self.conflicts:
            self.conflict(FieldConflict(WHOLE_RECORD, mine, theirs), message)

    def refs(self) -> list[str]:
        if self.result is None:
            return []
        return [str(self.result[name]) for name in self.change.refs if self.result.get(name)]


def exchange(conn: Any, push: Push, last_seq: int, checkpoint: Checkpoint | None = None) -> Reply:
    """Apply `push` and read back everything after `last_seq`, in one transaction."""
    step = checkpoint or (lambda _name: None)
    with conn.transaction():
        if push.size:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (PUSH_LOCK,))
            conflicts, applied = _apply(conn, push, last_seq)
        else:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            conflicts, applied = [], 0
        step("server_applied")
        reply = _collect(conn, push, last_seq, conflicts, applied)
    step("server_committed")
    return reply


def _apply(conn: Any, push: Push, last_seq: int) -> tuple[list[ServerConflict], int]:
    keys = [change.key for change in push.records] + [order.key for order in push.orders]
    seen = {
        row[0]
        for row in conn.execute(
            f"SELECT key FROM {SCHEMA}.changes WHERE key = ANY(%s)", (keys,)
        ).fetchall()
    }
    replayed = _stored_conflicts(conn, seen)
    fresh = [change for change in push.records if change.key not in seen]
    current = _states(conn, [change.uuid for change in fresh], lock=True)
    plans: dict[str, _Plan] = {}
    for change in fresh:
        tbl, data, deleted, who, at = current.get(change.uuid, (change.table, None, True, "", ""))
        if tbl != change.table:
            raise ServerError(
                f"the record {change.uuid} is a {tbl} on the server, not a {change.table}"
            )
        theirs = None if deleted else data
        merged = merge_record(change.base, change.mine, theirs)
        plan = _Plan(change, theirs, who, at, merged.result)
        for item in merged.conflicts:
            plan.conflict(item)
        plans[change.uuid] = plan
    for _round in range(10):
        if not (_keep_references(conn, plans, last_seq) | _keep_approved(conn, plans)):
            break
    _write(conn, plans)
    order_conflicts = _apply_orders(conn, [o for o in push.orders if o.key not in seen], plans)
    _record(conn, push, seen, plans, order_conflicts)
    conflicts = [item for plan in plans.values() for item in plan.conflicts]
    return replayed + conflicts + order_conflicts, len(keys) - len(seen)


def _states(
    conn: Any, uuids: Iterable[str], *, lock: bool = False
) -> dict[str, tuple[str, dict[str, Any], bool, str, str]]:
    wanted = sorted(set(uuids))
    if not wanted:
        return {}
    rows = conn.execute(
        f"SELECT uuid, tbl, data, deleted, officer, {_AT} FROM {SCHEMA}.records "
        f"WHERE uuid = ANY(%s) ORDER BY uuid{' FOR UPDATE' if lock else ''}",
        (wanted,),
    ).fetchall()
    return {row[0]: (row[1], row[2], row[3], row[4], row[5]) for row in rows}


def _alive_on_server(conn: Any, uuids: Iterable[str]) -> set[str]:
    return {uuid for uuid, state in _states(conn, uuids).items() if not state[2]}


def _keep_references(conn: Any, plans: dict[str, _Plan], last_seq: int) -> bool:
    """No record may be left referring to one that is gone: a deletion others still refer to is
    not applied; a record referring to one that is gone is not applied. True if anything moved."""
    moved = False
    deleting = [
        uuid for uuid, plan in plans.items() if plan.result is None and plan.theirs is not None
    ]
    if deleting:
        # A record the laptop knew of that refers to one it deletes was deleted (or changed) with
        # it in the same push; what it did not know of is what changed since its last sync.
        rows = conn.execute(
            f"SELECT uuid, refs FROM {SCHEMA}.records WHERE seq > %s AND NOT deleted "
            "AND refs && %s",
            (last_seq, deleting),
        ).fetchall()
        outside = {row[0]: set(row[1]) for row in rows if row[0] not in plans}
        inside = {uuid: set(plan.refs()) for uuid, plan in plans.items()}
        for uuid in deleting:
            if any(uuid in refs for refs in outside.values()) or any(
                uuid in refs for other, refs in inside.items() if other != uuid
            ):
                plans[uuid].refuse(KEPT_MESSAGE)
                moved = True
    wanted = {ref for plan in plans.values() for ref in plan.refs() if ref not in plans}
    alive = _alive_on_server(conn, wanted)
    for plan in plans.values():
        for ref in plan.refs():
            target = plans.get(ref)
            gone = target.result is None if target is not None else ref not in alive
            if gone and plan.result != plan.theirs:
                plan.refuse(GONE_MESSAGE)
                moved = True
                break
    return moved


def _lookup(conn: Any, plans: dict[str, _Plan], uuids: Iterable[str]) -> dict[str, Any]:
    """Each record as it will be after this push (the plan's result, else the server's)."""
    found: dict[str, Any] = {}
    outside = [uuid for uuid in uuids if uuid and uuid not in plans]
    for uuid, state in _states(conn, outside).items():
        found[uuid] = None if state[2] else state[1]
    for uuid in uuids:
        if uuid in plans:
            found[uuid] = plans[uuid].result
    return found


def _keep_approved(conn: Any, plans: dict[str, _Plan]) -> bool:
    """Approved minutes change only by a correction (a new revision); an approval stays."""
    moved = False
    for plan in plans.values():
        table, theirs = plan.change.table, plan.theirs
        if table == "meetings" and theirs and theirs.get("minutes_status") == "approved":
            if plan.result is None or plan.result.get("minutes_status") != "approved":
                plan.refuse("these minutes were approved meanwhile and stay approved")
                moved = True
        elif table == "minute_revisions" and theirs is not None and plan.result != theirs:
            plan.refuse("an approved revision of minutes is a record and is not changed")
            moved = True
    content = [p for p in plans.values() if p.change.table in MINUTES_CONTENT]
    if not content:
        return moved
    minutes_ids = {_minutes_of(plan) for plan in content} - {None}
    minutes = _lookup(conn, plans, [m for m in minutes_ids if m])
    items = _lookup(conn, plans, [m.get("agenda_item_id") for m in minutes.values() if m])
    for plan in content:
        if plan.change.table == "minutes":
            item_id = (plan.result or plan.theirs or {}).get("agenda_item_id")
            if item_id and item_id not in items:
                items.update(_lookup(conn, plans, [item_id]))
    meetings = _lookup(conn, plans, [i.get("meeting_id") for i in items.values() if i])

    def locked(item_id: str | None) -> bool:
        item = items.get(item_id) if item_id else None
        meeting = meetings.get(item.get("meeting_id")) if item else None
        return bool(meeting and meeting.get("minutes_status") == "approved")

    for plan in content:
        if plan.result == plan.theirs:
            continue
        if plan.change.table == "minutes":
            if plan.theirs is None:
                continue  # minutes may be added
            if not locked(plan.theirs.get("agenda_item_id")):
                continue
            was = int(plan.theirs.get("revision") or 0)
            if plan.result is not None and int(plan.result.get("revision") or 0) > was:
                continue
        else:
            minutes_id = _minutes_of(plan)
            record = minutes.get(minutes_id) if minutes_id else None
            if record is None or not locked(record.get("agenda_item_id")):
                continue
            if _corrected(plans.get(minutes_id or "")):
                continue
        plan.refuse_fields(LOCKED_MESSAGE)
        moved = True
    return moved


def _minutes_of(plan: _Plan) -> str | None:
    if plan.change.table == "minutes":
        return plan.change.uuid
    row = plan.result or plan.theirs or plan.change.mine or plan.change.base or {}
    value = row.get("minutes_id")
    return str(value) if value else None


def _corrected(plan: _Plan | None) -> bool:
    """Whether this push writes the minutes row (added, or corrected with a new revision): what
    is made of them may then change with it, as the trigger allows."""
    return plan is not None and plan.result is not None and plan.result != plan.theirs


def _write(conn: Any, plans: dict[str, _Plan]) -> None:
    changed = [plan for plan in plans.values() if plan.result != plan.theirs]
    upserts = sorted(
        (plan for plan in changed if plan.result is not None),
        key=lambda plan: RANK.get(plan.change.table, 0),
    )
    deletions = sorted(
        (plan for plan in changed if plan.result is None),
        key=lambda plan: -RANK.get(plan.change.table, 0),
    )
    sql = (
        f"INSERT INTO {SCHEMA}.records (uuid, tbl, grp, refs, data, deleted, seq) "
        f"VALUES (%s, %s, %s, %s, %s, %s, nextval('{SCHEMA}.change_seq')) "
        "ON CONFLICT (uuid) DO UPDATE SET grp = excluded.grp, refs = excluded.refs, "
        "data = excluded.data, deleted = excluded.deleted, seq = excluded.seq, "
        "officer = session_user, at = now()"
    )
    with conn.cursor() as cursor:
        # in rank order (pipelined, still one after another): the trigger on minutes reads what
        # came before it in the same push
        rows = [_row(plan, plan.result, deleted=False) for plan in upserts]
        rows += [
            _row(plan, plan.theirs or plan.change.base or {}, deleted=True) for plan in deletions
        ]
        if rows:
            cursor.executemany(sql, rows)


def _row(plan: _Plan, data: dict[str, Any] | None, *, deleted: bool) -> tuple[Any, ...]:
    from psycopg.types.json import Jsonb

    refs = [] if deleted else plan.refs()
    group = None if deleted else plan.change.group
    return (plan.change.uuid, plan.change.table, group, refs, Jsonb(data or {}), deleted)


def _apply_orders(
    conn: Any, orders: list[OutgoingOrder], plans: dict[str, _Plan]
) -> list[ServerConflict]:
    from psycopg.types.json import Jsonb

    conflicts: list[ServerConflict] = []
    for order in orders:
        child = BY_ORDER_NAME[f"{order.table}@order"]
        row = conn.execute(
            f"SELECT items, officer, {_AT} FROM {SCHEMA}.orders WHERE tbl = %s AND grp = %s "
            "FOR UPDATE",
            (child.order_name, order.group),
        ).fetchone()
        theirs = tuple(row[0]) if row else None
        members = [
            r[0]
            for r in conn.execute(
                f"SELECT uuid FROM {SCHEMA}.records WHERE tbl = %s AND grp = %s AND NOT deleted "
                "ORDER BY seq, uuid",
                (order.table, order.group),
            ).fetchall()
        ]
        merged = merge_order(order.base, order.mine, theirs)
        final = reconcile_order(merged.result, members)
        locked_out = False
        if child.name in MINUTES_CONTENT and theirs is not None:
            minutes_id = json.loads(order.group)[0]
            if conn.execute(
                f"SELECT {SCHEMA}.minutes_locked(%s) AND NOT {SCHEMA}.corrected_now(%s)",
                (minutes_id, minutes_id),
            ).fetchone()[0]:
                final = reconcile_order(theirs, members)
                locked_out = tuple(order.mine) != final
        who, at = (row[1], row[2]) if row else ("", "")
        if merged.conflict or locked_out:
            conflicts.append(
                ServerConflict(
                    order.table,
                    order.group,
                    ORDER,
                    list(order.mine),
                    list(theirs or ()),
                    who,
                    at,
                    LOCKED_MESSAGE if locked_out else "",
                )
            )
        if final != theirs:
            conn.execute(
                f"INSERT INTO {SCHEMA}.orders (tbl, grp, items, seq) "
                f"VALUES (%s, %s, %s, nextval('{SCHEMA}.change_seq')) "
                "ON CONFLICT (tbl, grp) DO UPDATE SET items = excluded.items, seq = excluded.seq, "
                "officer = session_user, at = now()",
                (child.order_name, order.group, Jsonb(list(final))),
            )
    return conflicts


def _record(
    conn: Any,
    push: Push,
    seen: set[str],
    plans: dict[str, _Plan],
    order_conflicts: list[ServerConflict],
) -> None:
    """Remember each change by its key (so a second arrival is not applied again), and its
    conflicts (so the laptop that sent it twice learns of them the second time too)."""
    from psycopg.types.json import Jsonb

    rows = [
        (change.key, push.client_id, change.change_no, change.table, change.uuid)
        for change in push.records
        if change.key not in seen
    ]
    rows += [
        (order.key, push.client_id, 0, f"{order.table}@order", order.group)
        for order in push.orders
        if order.key not in seen
    ]
    with conn.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {SCHEMA}.changes (key, client_id, change_no, tbl, uuid) "
            "VALUES (%s, %s, %s, %s, %s)",
            rows,
        )
        order_keys = {(o.table, o.group): o.key for o in push.orders}
        stored = [
            (plans[item.uuid].change.key, item)
            for plan in plans.values()
            for item in plan.conflicts
        ] + [(order_keys[(item.table, item.uuid)], item) for item in order_conflicts]
        cursor.executemany(
            f"INSERT INTO {SCHEMA}.conflicts (change_key, tbl, uuid, field, mine, theirs, who, "
            "theirs_at, message) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            [
                (
                    key,
                    item.table,
                    item.uuid,
                    item.field,
                    Jsonb(item.mine),
                    Jsonb(item.theirs),
                    item.who,
                    item.at,
                    item.message,
                )
                for key, item in stored
            ],
        )


def _stored_conflicts(conn: Any, keys: set[str]) -> list[ServerConflict]:
    if not keys:
        return []
    rows = conn.execute(
        f"SELECT tbl, uuid, field, mine, theirs, who, theirs_at, message FROM {SCHEMA}.conflicts "
        "WHERE change_key = ANY(%s) ORDER BY id",
        (sorted(keys),),
    ).fetchall()
    return [ServerConflict(*row) for row in rows]


def _collect(
    conn: Any, push: Push, last_seq: int, conflicts: list[ServerConflict], applied: int
) -> Reply:
    pushed = sorted({change.uuid for change in push.records})
    rows = conn.execute(
        f"SELECT uuid, tbl, data, deleted, seq, officer, {_AT} FROM {SCHEMA}.records "
        "WHERE seq > %s OR uuid = ANY(%s) ORDER BY seq",
        (last_seq, pushed),
    ).fetchall()
    records = tuple(
        Incoming(row[1], row[0], None if row[3] else row[2], row[4], row[5], row[6]) for row in rows
    )
    missing = set(pushed) - {record.uuid for record in records}
    tables = {change.uuid: change.table for change in push.records}
    records += tuple(Incoming(tables[uuid], uuid, None, 0, "", "") for uuid in sorted(missing))
    groups = [[f"{o.table}@order", o.group] for o in push.orders]
    order_rows = conn.execute(
        f"SELECT tbl, grp, items, seq FROM {SCHEMA}.orders WHERE seq > %s "
        "OR (tbl, grp) IN (SELECT g ->> 0, g ->> 1 FROM jsonb_array_elements(%s::jsonb) g) "
        "ORDER BY seq",
        (last_seq, json.dumps(groups)),
    ).fetchall()
    orders = tuple(
        IncomingOrder(row[0].removesuffix("@order"), row[1], tuple(row[2]), row[3])
        for row in order_rows
    )
    newest = max([last_seq] + [r.seq for r in records] + [o.seq for o in orders])
    return Reply(records, orders, tuple(conflicts), newest, applied)
