"""The meetings calendar as stored: every meeting (of one committee or all) with its agenda titles
and how often it has changed (the audit trail counts its updates)."""

from __future__ import annotations

from ocplan_desktop.domain.calendar import CalendarEntry
from ocplan_desktop.store.workspace import Workspace


def calendar_entries(ws: Workspace, committee_id: int | None = None) -> list[CalendarEntry]:
    rows = ws.query(
        "SELECT meetings.id AS meeting_id, meetings.uuid, meetings.committee_id, committees.name AS committee,"
        " meetings.date, meetings.start_time, meetings.end_time, meetings.venue, meetings.status,"
        " meetings.web_link,"
        " (SELECT count(*) FROM audit_log WHERE audit_log.table_name = 'meetings'"
        "  AND audit_log.record_id = meetings.id AND audit_log.action = 'update') AS revisions,"
        " (SELECT coalesce(max(at), '') FROM audit_log WHERE audit_log.table_name = 'meetings'"
        "  AND audit_log.record_id = meetings.id) AS changed_at"
        " FROM meetings JOIN committees ON committees.id = meetings.committee_id"
        " WHERE (? IS NULL OR meetings.committee_id = ?)"
        " ORDER BY meetings.date, meetings.start_time, committees.name",
        (committee_id, committee_id),
    )
    agendas: dict[int, list[str]] = {}
    for row in ws.query(
        "SELECT agenda_items.meeting_id, agenda_items.title FROM agenda_items"
        " JOIN meetings ON meetings.id = agenda_items.meeting_id"
        " WHERE (? IS NULL OR meetings.committee_id = ?)"
        " ORDER BY agenda_items.meeting_id, agenda_items.position, agenda_items.id",
        (committee_id, committee_id),
    ):
        agendas.setdefault(row["meeting_id"], []).append(row["title"])
    return [CalendarEntry(**row, agenda=tuple(agendas.get(row["meeting_id"], []))) for row in rows]
