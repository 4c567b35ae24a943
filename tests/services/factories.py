"""Small factories for meetings tests: a committee with a template, a meeting, an item."""

from __future__ import annotations

from typing import Any

from ocplan_desktop.services import meetings
from ocplan_desktop.services.change import Change
from ocplan_desktop.store import committees
from ocplan_desktop.store.workspace import Workspace

TEMPLATE = ("Apologies", "Declarations of interest", "Minutes of the last meeting")


def only_id(change: Change) -> int:
    (value,) = change.ids
    return value


def make_committee(
    ws: Workspace, name: str = "Scrutiny Co-ordination Committee", **fields: Any
) -> int:
    committee_id = committees.add_committee(
        ws, name, fields.get("short_name", "SCC"), fields.get("kind", "scrutiny")
    )
    committees.set_standing_items(ws, committee_id, fields.get("template", TEMPLATE))
    return committee_id


def make_meeting(ws: Workspace, committee_id: int | None = None, **overrides: Any) -> int:
    committee_id = committee_id or make_committee(ws)
    values = {"date": "2023-06-21", "start_time": "10:00", "venue": "Council House"} | overrides
    return only_id(meetings.create_meeting(ws, committee_id, **values))


def make_item(ws: Workspace, meeting_id: int, title: str = "One Coventry Plan") -> int:
    return only_id(meetings.add_item(ws, meeting_id, title))
