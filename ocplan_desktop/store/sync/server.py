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
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ocplan_desktop.domain.merge import (
    ORDER,
    merge_order,
    merge_record,
    reconcile_order,
)
from ocplan_desktop.store.sync.connection import ServerError
from ocplan_desktop.store.sync.protocol import (
    Incoming,
    IncomingOrder,
    OutgoingOrder,
    Push,
    Reply,
    ServerConflict,
)
from ocplan_desktop.store.sync.registry import BY_ORDER_NAME, MINUTES_CONTENT, RANK
from ocplan_desktop.store.sync.server_rules import (
    LOCKED_MESSAGE,
    Plan,
    keep_approved,
    keep_references,
    states,
)
from ocplan_desktop.store.sync.server_schema import (
    AT_TEXT,
    PUSH_LOCK,
    SCHEMA,
    SCHEMA_VERSION,
    installed_version,
)

Checkpoint = Callable[[str], None]


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
    current = states(conn, [change.uuid for change in fresh], lock=True)
    plans: dict[str, Plan] = {}
    for change in fresh:
        tbl, data, deleted, who, at = current.get(change.uuid, (change.table, None, True, "", ""))
        if tbl != change.table:
            raise ServerError(
                f"the record {change.uuid} is a {tbl} on the server, not a {change.table}"
            )
        theirs = None if deleted else data
        merged = merge_record(change.base, change.mine, theirs)
        plan = Plan(change, theirs, who, at, merged.result)
        for item in merged.conflicts:
            plan.conflict(item)
        plans[change.uuid] = plan
    for _round in range(10):
        if not (keep_references(conn, plans, last_seq) | keep_approved(conn, plans)):
            break
    _write(conn, plans)
    order_conflicts = _apply_orders(conn, [o for o in push.orders if o.key not in seen], plans)
    _record(conn, push, seen, plans, order_conflicts)
    conflicts = [item for plan in plans.values() for item in plan.conflicts]
    return replayed + conflicts + order_conflicts, len(keys) - len(seen)


def _write(conn: Any, plans: dict[str, Plan]) -> None:
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


def _row(plan: Plan, data: dict[str, Any] | None, *, deleted: bool) -> tuple[Any, ...]:
    from psycopg.types.json import Jsonb

    refs = [] if deleted else plan.refs()
    group = None if deleted else plan.change.group
    return (plan.change.uuid, plan.change.table, group, refs, Jsonb(data or {}), deleted)


def _apply_orders(
    conn: Any, orders: list[OutgoingOrder], plans: dict[str, Plan]
) -> list[ServerConflict]:
    from psycopg.types.json import Jsonb

    conflicts: list[ServerConflict] = []
    for order in orders:
        child = BY_ORDER_NAME[f"{order.table}@order"]
        row = conn.execute(
            f"SELECT items, officer, {AT_TEXT} FROM {SCHEMA}.orders WHERE tbl = %s AND grp = %s "
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
    plans: dict[str, Plan],
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
        f"SELECT uuid, tbl, data, deleted, seq, officer, {AT_TEXT} FROM {SCHEMA}.records "
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
