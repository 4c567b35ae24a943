"""Taking up an upload that was cut short: the server committed this laptop's upload, but the
laptop stopped before writing its own side."""

from __future__ import annotations

import json
from collections import defaultdict

from ocplan_desktop.store.sync.bulk import Snapshot, rows_of, set_state
from ocplan_desktop.store.sync.rows import Ids, Shape, canonical, derived_uuid, group_key, to_wire
from ocplan_desktop.store.workspace import Workspace, now_text


def adopt(
    ws: Workspace,
    shapes: dict[str, Shape],
    copy: Snapshot,
    *,
    server_id: str,
    server_url: str,
    officer: str,
) -> int:
    """This workspace's upload reached the server but its own side was never saved (the laptop
    stopped in between): take the team's copy as the base, and note whatever differs here as
    waiting to be sent. Returns how many records wait."""
    ids = Ids(ws)
    for name, shape in shapes.items():
        if shape.has_id:
            ids.load_all(name)
    local = ws.db.conn
    local.execute("BEGIN IMMEDIATE")
    try:
        local.execute("UPDATE sync_state SET applying = 1, change_no = change_no + 1")
        waiting: list[tuple[str, str]] = []
        for name, shape in shapes.items():
            team = {uuid: json.loads(text) for uuid, text in copy.records.get(name, [])}
            renames, seen = [], set()
            groups: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
            for row in rows_of(ws, name):
                wire = to_wire(shape, row, ids)
                ident = derived_uuid(shape.table, wire) if shape.table.key else row["uuid"]
                if ident != row["uuid"]:
                    renames.append((ident, row["uuid"]))
                    if shape.has_id:
                        ids.remember(name, int(row["id"]), ident)
                seen.add(ident)
                if team.get(ident) != wire:
                    waiting.append((name, ident))
                group = group_key(shape.table, wire)
                if group is not None:
                    groups[group].append((row["position"], row.get("id") or 0, ident))
            local.executemany(f"UPDATE [{name}] SET uuid = ? WHERE uuid = ?", renames)
            waiting += [(name, uuid) for uuid in team if uuid not in seen]
            listed = dict(copy.orders.get(name, []))
            for group, members in groups.items():
                here = [ident for _pos, _id, ident in sorted(members)]
                if listed.get(group) != here:
                    waiting += [(name, uuid) for uuid in here]
            local.executemany(
                "INSERT OR REPLACE INTO sync_base (table_name, uuid, seq, data) VALUES (?, ?, ?, ?)",
                ((name, uuid, copy.last_seq, canonical(data)) for uuid, data in team.items()),
            )
            if shape.table.ordered_by is not None:
                local.executemany(
                    "INSERT OR REPLACE INTO sync_base (table_name, uuid, seq, data) "
                    "VALUES (?, ?, ?, ?)",
                    (
                        (shape.table.order_name, group, copy.last_seq, canonical(items))
                        for group, items in listed.items()
                    ),
                )
        local.execute("DELETE FROM sync_pending")
        local.executemany(
            "INSERT OR IGNORE INTO sync_pending (table_name, uuid, change_no) "
            "VALUES (?, ?, (SELECT change_no FROM sync_state))",
            waiting,
        )
        set_state(
            ws,
            server_id=server_id,
            server_url=server_url,
            officer=officer,
            last_seq=copy.last_seq,
            last_synced_at=now_text(),
            tracking=1,
            applying=0,
        )
        local.execute("COMMIT")
    except BaseException:
        local.execute("ROLLBACK")
        raise
    return len(set(waiting))
