"""Records in words, for conflicts: `Cabinet, 9 January 2024` rather than a UUID.

A record may come as a local row (references are ids) or as it travelled (references are UUIDs);
both are understood.
"""

from __future__ import annotations

from typing import Any

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.store.workspace import Workspace

_SHOWN = ("title", "name", "heading", "reference", "label", "code", "text", "body")
_KINDS = {
    "minute_paragraphs": "paragraph",
    "minute_bullets": "question or comment",
    "resolutions": "resolution",
    "agenda_items": "agenda item",
    "recommendation_updates": "progress update",
    "report_paragraphs": "report paragraph",
}


_PLURALS = {"minute_bullets": "questions and comments"}


def plural(table: str) -> str:
    """What a table's rows are called, together: `agenda items`."""
    if table in _PLURALS:
        return _PLURALS[table]
    return _KINDS.get(table, table.replace("_", " ").removesuffix("s")) + "s"


def _short(value: object, length: int = 60) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= length else text[: length - 1] + "…"


def referred(ws: Workspace, table: str, value: object) -> dict[str, Any] | None:
    """The row `value` (a local id or a UUID) names in `table`, if it is here."""
    if value is None:
        return None
    column = "id" if isinstance(value, int) else "uuid"
    try:
        rows = ws.query(f"SELECT * FROM [{table}] WHERE [{column}] = ?", (value,))
    except Exception:  # a table or column this schema does not have
        return None
    return rows[0] if rows else None


def name_of(row: dict[str, Any] | None) -> str:
    for name in _SHOWN:
        if row and row.get(name):
            return _short(row[name])
    return ""


def meeting_words(ws: Workspace, meeting: dict[str, Any] | None) -> str:
    if not meeting:
        return "a meeting"
    committee = referred(ws, "committees", meeting.get("committee_id"))
    when = format_date(str(meeting.get("date"))) if meeting.get("date") else ""
    return ", ".join(part for part in (name_of(committee), when) if part) or "a meeting"


def describe(ws: Workspace, table: str, data: dict[str, Any] | None) -> str:
    """A record in words: `agenda item “Budget 2024/25” (Cabinet, 9 January 2024)`."""
    data = data or {}
    kind = _KINDS.get(table, table.replace("_", " ").removesuffix("s"))
    if table == "meetings":
        return f"meeting of {meeting_words(ws, data)}"
    if table == "minutes":
        item = referred(ws, "agenda_items", data.get("agenda_item_id"))
        return f"minutes of “{name_of(item) or name_of(data)}”"
    shown = name_of(data)
    label = f"{kind} “{shown}”" if shown else kind
    if table == "agenda_items":
        return f"{label} ({meeting_words(ws, referred(ws, 'meetings', data.get('meeting_id')))})"
    if table in ("minute_paragraphs", "minute_bullets", "resolutions"):
        minutes = referred(ws, "minutes", data.get("minutes_id"))
        item = referred(ws, "agenda_items", (minutes or {}).get("agenda_item_id"))
        if item:
            return f"{label} in the minutes of “{name_of(item)}”"
    return label
