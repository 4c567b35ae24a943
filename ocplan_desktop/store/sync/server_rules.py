"""The rules a push must keep before anything is written, on the server's side.

Each pushed record becomes a plan: its merged result and its conflicts. Plans are then held to what
the team's copy must keep: no record left referring to one that is gone (a deletion others still
refer to is not applied; a record referring to one someone deleted is not applied), and approved
minutes changed only by a correction with a new revision (an approval is not taken back, an approved
revision is never changed). What a plan cannot do becomes a conflict, the team's version standing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ocplan_desktop.domain.merge import WHOLE_RECORD, FieldConflict, changed_fields
from ocplan_desktop.store.sync.protocol import Outgoing, ServerConflict
from ocplan_desktop.store.sync.registry import MINUTES_CONTENT
from ocplan_desktop.store.sync.server_schema import AT_TEXT, SCHEMA

LOCKED_MESSAGE = (
    "these minutes were approved while this edit was made offline, so it was not applied: keep "
    "yours to add it as a correction (a new revision), or keep theirs to let it go"
)
GONE_MESSAGE = "it refers to a record someone else deleted meanwhile, so it was not applied"
KEPT_MESSAGE = "someone else's record still refers to it, so it was not deleted"


@dataclass
class Plan:
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


def states(
    conn: Any, uuids: Iterable[str], *, lock: bool = False
) -> dict[str, tuple[str, dict[str, Any], bool, str, str]]:
    wanted = sorted(set(uuids))
    if not wanted:
        return {}
    rows = conn.execute(
        f"SELECT uuid, tbl, data, deleted, officer, {AT_TEXT} FROM {SCHEMA}.records "
        f"WHERE uuid = ANY(%s) ORDER BY uuid{' FOR UPDATE' if lock else ''}",
        (wanted,),
    ).fetchall()
    return {row[0]: (row[1], row[2], row[3], row[4], row[5]) for row in rows}


def alive_on_server(conn: Any, uuids: Iterable[str]) -> set[str]:
    return {uuid for uuid, state in states(conn, uuids).items() if not state[2]}


def keep_references(conn: Any, plans: dict[str, Plan], last_seq: int) -> bool:
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
    alive = alive_on_server(conn, wanted)
    for plan in plans.values():
        for ref in plan.refs():
            target = plans.get(ref)
            gone = target.result is None if target is not None else ref not in alive
            if gone and plan.result != plan.theirs:
                plan.refuse(GONE_MESSAGE)
                moved = True
                break
    return moved


def lookup(conn: Any, plans: dict[str, Plan], uuids: Iterable[str]) -> dict[str, Any]:
    """Each record as it will be after this push (the plan's result, else the server's)."""
    found: dict[str, Any] = {}
    outside = [uuid for uuid in uuids if uuid and uuid not in plans]
    for uuid, state in states(conn, outside).items():
        found[uuid] = None if state[2] else state[1]
    for uuid in uuids:
        if uuid in plans:
            found[uuid] = plans[uuid].result
    return found


def keep_approved(conn: Any, plans: dict[str, Plan]) -> bool:
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
    minutes_ids = {minutes_of(plan) for plan in content} - {None}
    minutes = lookup(conn, plans, [m for m in minutes_ids if m])
    items = lookup(conn, plans, [m.get("agenda_item_id") for m in minutes.values() if m])
    for plan in content:
        if plan.change.table == "minutes":
            item_id = (plan.result or plan.theirs or {}).get("agenda_item_id")
            if item_id and item_id not in items:
                items.update(lookup(conn, plans, [item_id]))
    meetings = lookup(conn, plans, [i.get("meeting_id") for i in items.values() if i])

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
            minutes_id = minutes_of(plan)
            record = minutes.get(minutes_id) if minutes_id else None
            if record is None or not locked(record.get("agenda_item_id")):
                continue
            if corrected(plans.get(minutes_id or "")):
                continue
        plan.refuse_fields(LOCKED_MESSAGE)
        moved = True
    return moved


def minutes_of(plan: Plan) -> str | None:
    if plan.change.table == "minutes":
        return plan.change.uuid
    row = plan.result or plan.theirs or plan.change.mine or plan.change.base or {}
    value = row.get("minutes_id")
    return str(value) if value else None


def corrected(plan: Plan | None) -> bool:
    """Whether this push writes the minutes row (added, or corrected with a new revision): what
    is made of them may then change with it, as the trigger allows."""
    return plan is not None and plan.result is not None and plan.result != plan.theirs
