"""The audit trail as the viewer lists it: every change with time, user, record, before and after."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ocplan_desktop.domain.audit import AuditEntry
from ocplan_desktop.store import audit as store
from ocplan_desktop.store.workspace import Workspace

LIMIT = 20_000  # the newest entries shown at once; filter by table or record to see older ones


@dataclass(frozen=True)
class AuditFilter:
    table: str | None = None
    record_id: int | None = None
    since: str | None = None  # ISO date


EVERYTHING = AuditFilter()


def entries(
    ws: Workspace, wanted: AuditFilter = EVERYTHING, limit: int = LIMIT
) -> list[AuditEntry]:
    """Matching entries, newest first."""
    found = store.changes(
        ws,
        wanted.table,
        since=wanted.since,
        record_ids=None if wanted.record_id is None else [wanted.record_id],
        limit=limit,
    )
    return list(reversed(found))


def tables(ws: Workspace) -> list[str]:
    return store.audited_tables(ws)


def describe(entry: AuditEntry) -> str:
    """Before and after, field by field, in words an officer can read."""
    if entry.action == "bulk":
        return entry.summary or "A bulk change."
    lines = []
    for name, (before, after) in entry.changed_fields().items():
        label = name.replace("_", " ")
        old = _shown(before)
        new = _shown(after)
        if entry.action == "insert":
            lines.append(f"{label}: {new}")
        elif entry.action == "delete":
            lines.append(f"{label} was: {old}")
        else:
            lines.append(f"{label}: {old} → {new}")
    return "\n".join(lines) or entry.summary or "No visible change."


def _shown(value: object, most: int = 300) -> str:
    if value is None or value == "":
        return "(empty)"
    text = str(value)
    return text if len(text) <= most else text[: most - 1] + "…"


def newest_entry_id(ws: Workspace) -> int:
    return store.newest_entry_id(ws)


def records_written(ws: Workspace, spans: Iterable[tuple[int, int]]) -> set[tuple[str, int | None]]:
    """The records the entries in `spans` (each after one entry id, up to another) were about:
    what the edits that wrote them touched."""
    return store.records_in_entries(ws, spans)
