"""Tracked recommendations and their dated progress updates."""

from __future__ import annotations

from typing import Any

from ocplan_desktop.domain.recommendations import RecommendationRow
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace, now_text

_SELECT = """
SELECT recommendations.id, recommendations.reference, recommendations.text,
       coalesce(source.name, '') AS from_body,
       coalesce(recommendations.from_date, source_meeting.date) AS from_date,
       coalesce(target.name, '') AS to_body, recommendations.category, recommendations.response,
       recommendations.response_date, recommendations.due_date, recommendations.status,
       coalesce(trim(officer.honorific || ' ' || officer.name), '') AS lead_officer
FROM recommendations
LEFT JOIN committees AS source ON source.id = recommendations.from_committee_id
LEFT JOIN committees AS target ON target.id = recommendations.to_committee_id
LEFT JOIN meetings AS source_meeting ON source_meeting.id = recommendations.from_meeting_id
LEFT JOIN people AS officer ON officer.id = recommendations.lead_officer_id
"""


def add_recommendation(ws: Workspace, record: dict[str, Any]) -> int:
    stamp = now_text()
    return records.insert(
        ws, "recommendations", {"created_at": stamp, "updated_at": stamp, **record}
    )


def update_recommendation(
    ws: Workspace, recommendation_id: int, changes: dict[str, Any]
) -> dict[str, Any]:
    return records.update(
        ws, "recommendations", recommendation_id, {**changes, "updated_at": now_text()}
    )


def add_update(
    ws: Workspace, recommendation_id: int, date: str, text: str, author: str = ""
) -> int:
    return records.insert(
        ws,
        "recommendation_updates",
        {"recommendation_id": recommendation_id, "date": date, "text": text, "author": author},
    )


def list_recommendations(ws: Workspace) -> list[RecommendationRow]:
    rows = ws.query(_SELECT + " ORDER BY from_date, recommendations.reference")
    return [RecommendationRow(**row) for row in rows]


def updates(ws: Workspace, recommendation_id: int) -> list[dict[str, Any]]:
    return ws.query(
        "SELECT date, text, author, status FROM recommendation_updates WHERE recommendation_id = ? "
        "ORDER BY date, id",
        (recommendation_id,),
    )


def tracked_resolution_ids(ws: Workspace) -> set[int]:
    return {
        row["resolution_id"]
        for row in ws.query(
            "SELECT resolution_id FROM recommendations WHERE resolution_id IS NOT NULL"
        )
    }
