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

ENTRY_SECONDS = 60  # edits this soon after a recommendation is entered count as entering it


def update_report(ws: Workspace, since: dt.date, today: dt.date) -> UpdateReport:
    """Each recommendation that is new or changed since `since` (or is still unfinished), with the
    net change of each field since then and the progress updates dated from then on.

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
        entry = _entry(row, audit.get(row.id, []), updates.get(row.id, []), names, since, today)
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
    since: dt.date,
    today: dt.date,
) -> ReportEntry:
    """New since the date if made on or after it (or, with no date, entered since); its changes are
    what the audit trail says changed since, leaving out the values it was entered with (with the
    edits of its first minute, as when a file, the minutes or the demo fill it in)."""
    entered = next((entry for entry in history if entry.action == "insert"), None)
    settled = _plus_seconds(entered.at, ENTRY_SECONDS) if entered is not None else ""
    later = [entry for entry in history if entered is None or entry.at > settled]
    added = (row.from_date or "") >= since.isoformat() if row.from_date else entered is not None
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
        changes=names.changes(net_changes(later)),
        updates=tuple(updates),
        meeting=", ".join(part for part in (row.from_body, format_date(row.from_date)) if part),
    )


def _plus_seconds(at: str, seconds: int) -> str:
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    return (moment + dt.timedelta(seconds=seconds)).isoformat(timespec="seconds")


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
