"""The update report's data: for a chosen date, what changed on each recommendation since then.

Two sources: the audit trail (every field an officer changed, with who and when) and the progress
log (updates dated on or after the date). The window previews the result; the printing code lays
the same dataclasses out as a PDF.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ocplan_desktop.domain.audit import AuditEntry, net_changes
from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.recommendations import (
    ProgressUpdate,
    RecommendationRow,
    RecommendationStatus,
)
from ocplan_desktop.domain.tracker_report import ReportEntry, UpdateReport
from ocplan_desktop.services.tracker_names import Names, load_names
from ocplan_desktop.store import audit as audit_store
from ocplan_desktop.store import recommendations as store
from ocplan_desktop.store.workspace import Workspace


def update_report(ws: Workspace, since: dt.date, today: dt.date) -> UpdateReport:
    """Each recommendation that changed since `since` (or is still unfinished), with the net change
    of each field since then and the progress updates dated from then on.

    The audit trail stores UTC times; a change counts from the start of `since` in UTC.
    """
    names = load_names(ws)
    audit: dict[int, list[AuditEntry]] = defaultdict(list)
    for change in audit_store.changes(ws, "recommendations", since=since.isoformat()):
        if change.record_id is not None:
            audit[change.record_id].append(change)
    updates: dict[int, list[ProgressUpdate]] = defaultdict(list)
    for update in store.progress_updates(ws, since=since.isoformat()):
        updates[update.recommendation_id].append(update)

    entries: list[ReportEntry] = []
    rows = store.list_recommendations(ws)
    for row in rows:
        entry = _entry(row, audit.get(row.id, []), updates.get(row.id, []), names, today)
        if entry.changed or not RecommendationStatus(row.status).is_finished:
            entries.append(entry)
    present = {row.id for row in rows}
    for record_id, history in audit.items():
        if record_id not in present and history[-1].action == "delete":
            entries.append(_removed(history[-1]))
    return UpdateReport(since=since, today=today, entries=tuple(entries))


def _entry(
    row: RecommendationRow,
    history: list[AuditEntry],
    updates: list[ProgressUpdate],
    names: Names,
    today: dt.date,
) -> ReportEntry:
    added = any(entry.action == "insert" for entry in history)
    return ReportEntry(
        reference=row.reference,
        text=row.text,
        to_body=row.to_body,
        response=names.describe("response", row.response),
        response_text=row.response_text,
        status=names.describe("status", row.status),
        due_date=format_date(row.due_date) if row.due_date else "",
        lead_officer=row.lead_officer,
        attention=row.attention(today),
        added=added,
        removed=False,
        changes=() if added else names.changes(net_changes(history)),
        updates=tuple(updates),
    )


def _removed(entry: AuditEntry) -> ReportEntry:
    before = entry.before or {}
    return ReportEntry(
        reference=str(before.get("reference", "")),
        text=str(before.get("text", "")),
        to_body="",
        response="",
        response_text="",
        status="",
        due_date="",
        lead_officer="",
        attention="",
        added=False,
        removed=True,
        changes=(),
        updates=(),
    )
