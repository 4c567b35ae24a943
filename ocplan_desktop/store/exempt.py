"""Exempt information as stored: a paragraph of Schedule 12A and a reason on reports and agenda
items (an item is exempt when it is marked or its report is)."""

from __future__ import annotations

from ocplan_desktop.domain.exempt import Exemption, effective, exemption
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace


def report_exemption(ws: Workspace, report_id: int) -> Exemption | None:
    row = records.get(ws, "reports", report_id)
    return exemption(row["exempt_paragraph"], row["exempt_reason"])


def item_exemption(ws: Workspace, item_id: int) -> Exemption | None:
    """The item's own exemption, not its report's (what the agenda editor edits)."""
    row = records.get(ws, "agenda_items", item_id)
    return exemption(row["exempt_paragraph"], row["exempt_reason"])


def meeting_exemptions(ws: Workspace, meeting_id: int) -> dict[int, Exemption]:
    """{agenda item id: exemption} for the meeting's exempt items, marked or by their report."""
    rows = ws.query(
        "SELECT agenda_items.id, agenda_items.exempt_paragraph AS item_paragraph,"
        " agenda_items.exempt_reason AS item_reason, reports.exempt_paragraph AS report_paragraph,"
        " reports.exempt_reason AS report_reason FROM agenda_items"
        " LEFT JOIN reports ON reports.id = agenda_items.report_id"
        " WHERE agenda_items.meeting_id = ?",
        (meeting_id,),
    )
    result = {}
    for row in rows:
        found = effective(
            exemption(row["item_paragraph"], row["item_reason"]),
            exemption(row["report_paragraph"], row["report_reason"]),
        )
        if found is not None:
            result[int(row["id"])] = found
    return result
