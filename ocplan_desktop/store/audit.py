"""Reading the audit trail back: what changed, by table and record, since a time.

Plain read functions, kept general: the recommendation tracker's update report and history use them,
and an audit viewer can list the same entries.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ocplan_desktop.domain.audit import AuditEntry
from ocplan_desktop.store.workspace import Workspace


def _entry(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        id=row["id"],
        at=row["at"],
        user=row["user"],
        action=row["action"],
        table_name=row["table_name"],
        record_id=row["record_id"],
        before=json.loads(row["before"]) if row["before"] else None,
        after=json.loads(row["after"]) if row["after"] else None,
        summary=row["summary"],
    )


def changes(
    ws: Workspace,
    table: str | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    record_ids: Iterable[int] | None = None,
    limit: int | None = None,
) -> list[AuditEntry]:
    """Audit entries oldest first, optionally of one table, from `since` (an ISO time or date,
    inclusive) to `until` (exclusive), for some records, at most `limit` of the newest."""
    where: list[str] = []
    params: list[Any] = []
    if table is not None:
        where.append("table_name = ?")
        params.append(table)
    if since is not None:
        where.append("at >= ?")
        params.append(since)
    if until is not None:
        where.append("at < ?")
        params.append(until)
    if record_ids is not None:
        ids = sorted(set(record_ids))
        if not ids:
            return []
        where.append(f"record_id IN ({', '.join('?' for _ in ids)})")
        params.extend(ids)
    sql = "SELECT * FROM audit_log"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if limit is not None:
        sql = f"SELECT * FROM ({sql} ORDER BY id DESC LIMIT ?)"
        params.append(int(limit))
    rows = ws.query(sql + " ORDER BY id", tuple(params))
    return [_entry(row) for row in rows]


def record_history(ws: Workspace, table: str, record_id: int) -> list[AuditEntry]:
    """Everything the audit trail holds about one record, oldest first."""
    return changes(ws, table, record_ids=[record_id])


def changed_record_ids(ws: Workspace, table: str, since: str) -> set[int]:
    """Ids of the records of a table inserted, updated or deleted from `since` on."""
    return {
        row["record_id"]
        for row in ws.query(
            "SELECT DISTINCT record_id FROM audit_log WHERE table_name = ? AND at >= ? "
            "AND record_id IS NOT NULL",
            (table, since),
        )
    }


def audited_tables(ws: Workspace) -> list[str]:
    """The tables the audit trail has entries for, by name."""
    return [
        row["table_name"]
        for row in ws.query("SELECT DISTINCT table_name FROM audit_log ORDER BY table_name")
    ]


def newest_entry_id(ws: Workspace) -> int:
    """The id of the newest entry (0 for none): entries after it are what comes next."""
    return int(ws.scalar("SELECT coalesce(max(id), 0) FROM audit_log"))


def records_in_entries(
    ws: Workspace, spans: Iterable[tuple[int, int]]
) -> set[tuple[str, int | None]]:
    """The (table, record id) of every entry with an id after the first of a span and up to its
    last; a bulk entry names no record (None)."""
    found: set[tuple[str, int | None]] = set()
    for after, last in spans:
        found.update(
            (row[0], row[1])
            for row in ws.db.execute(
                "SELECT table_name, record_id FROM audit_log WHERE id > ? AND id <= ?",
                (after, last),
            )
        )
    return found
