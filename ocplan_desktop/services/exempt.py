"""Marking a report or an agenda item exempt (Schedule 12A), as undoable edits.

What the documents do with an exemption is in `reports/`: the public's pack and minutes name the
item and its paragraph and print nothing of its text.
"""

from __future__ import annotations

from ocplan_desktop.domain.exempt import Exemption, check_exemption
from ocplan_desktop.services import edits
from ocplan_desktop.services.change import AGENDA, MINUTES, REPORTS, Change
from ocplan_desktop.services.meetings import check_unlocked
from ocplan_desktop.store import exempt as store
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace, now_text


def set_report_exemption(
    ws: Workspace, report_id: int, paragraph: int | str | None, reason: str = ""
) -> Change:
    """Mark a report exempt under a paragraph (1-7) with the reason; None makes it public again."""
    records.get(ws, "reports", report_id)
    number, text = check_exemption(paragraph, reason)
    return edits.updated(
        ws,
        "reports",
        report_id,
        {"exempt_paragraph": number, "exempt_reason": text, "updated_at": now_text()},
        REPORTS,
        AGENDA,
    )


def set_item_exemption(
    ws: Workspace, item_id: int, paragraph: int | str | None, reason: str = ""
) -> Change:
    """Mark an agenda item exempt (an item with no report, or one whose report is public but whose
    discussion is not); locked with the meeting's approved minutes."""
    check_unlocked(ws, meeting_store.item_meeting_id(ws, item_id))
    number, text = check_exemption(paragraph, reason)
    return edits.updated(
        ws,
        "agenda_items",
        item_id,
        {"exempt_paragraph": number, "exempt_reason": text},
        AGENDA,
        MINUTES,
    )


def report_exemption(ws: Workspace, report_id: int) -> Exemption | None:
    return store.report_exemption(ws, report_id)


def item_exemption(ws: Workspace, item_id: int) -> Exemption | None:
    return store.item_exemption(ws, item_id)


def meeting_exemptions(ws: Workspace, meeting_id: int) -> dict[int, Exemption]:
    """{agenda item id: exemption} for each exempt item of the meeting."""
    return store.meeting_exemptions(ws, meeting_id)
