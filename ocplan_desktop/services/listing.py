"""Ids and titles of records, so scripts and the window's pickers can find them."""

from __future__ import annotations

from typing import Any

from ocplan_desktop.store import committees, engagement, indicators, meetings, reports
from ocplan_desktop.store.workspace import Workspace

KINDS = ("committees", "meetings", "reports", "indicators", "exercises")


def list_records(ws: Workspace, kind: str) -> list[dict[str, Any]]:
    if kind == "committees":
        return [
            {"id": item.id, "title": item.name, "short_name": item.short_name, "kind": item.kind}
            for item in committees.list_committees(ws)
        ]
    if kind == "meetings":
        return [
            {
                "id": item.id,
                "title": item.title,
                "committee": item.committee,
                "date": item.date,
                "status": item.status,
            }
            for item in meetings.list_meetings(ws)
        ]
    if kind == "reports":
        return [
            {"id": item.id, "title": item.title, "kind": item.kind}
            for item in reports.list_reports(ws)
        ]
    if kind == "indicators":
        return [
            {"id": item.id, "title": item.name, "code": item.code, "theme": item.theme}
            for item in indicators.list_indicators(ws)
        ]
    if kind == "exercises":
        return [
            {"id": item.id, "title": item.title, "responses": item.response_count}
            for item in engagement.list_exercises(ws)
        ]
    raise ValueError(kind)
