"""Tracked recommendations and their dated progress updates."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ocplan_desktop.domain.recommendations import ProgressUpdate, RecommendationRow
from ocplan_desktop.store import records
from ocplan_desktop.store.rowtypes import build
from ocplan_desktop.store.workspace import Workspace, now_text

_SELECT = """
SELECT recommendations.id, recommendations.reference, recommendations.text,
       coalesce(source.name, '') AS from_body,
       coalesce(recommendations.from_date, source_meeting.date) AS from_date,
       coalesce(target.name, '') AS to_body, recommendations.category, recommendations.response,
       recommendations.response_date, recommendations.due_date, recommendations.status,
       coalesce(trim(officer.honorific || ' ' || officer.name), '') AS lead_officer,
       recommendations.response_text,
       coalesce(answer_body.name, '') AS response_body,
       answer_meeting.date AS response_meeting_date,
       recommendations.response_item,
       coalesce(trim(member.honorific || ' ' || member.name), '') AS cabinet_member,
       recommendations.from_committee_id, recommendations.to_committee_id,
       recommendations.from_meeting_id, recommendations.response_meeting_id,
       recommendations.lead_officer_id, recommendations.cabinet_member_id,
       latest.date AS latest_update_date, coalesce(latest.text, '') AS latest_update,
       (SELECT count(*) FROM recommendation_updates AS counted
        WHERE counted.recommendation_id = recommendations.id) AS update_count
FROM recommendations
LEFT JOIN committees AS source ON source.id = recommendations.from_committee_id
LEFT JOIN committees AS target ON target.id = recommendations.to_committee_id
LEFT JOIN meetings AS source_meeting ON source_meeting.id = recommendations.from_meeting_id
LEFT JOIN meetings AS answer_meeting ON answer_meeting.id = recommendations.response_meeting_id
LEFT JOIN committees AS answer_body ON answer_body.id = answer_meeting.committee_id
LEFT JOIN people AS officer ON officer.id = recommendations.lead_officer_id
LEFT JOIN people AS member ON member.id = recommendations.cabinet_member_id
LEFT JOIN recommendation_updates AS latest ON latest.id = (
    SELECT newest.id FROM recommendation_updates AS newest
    WHERE newest.recommendation_id = recommendations.id
    ORDER BY newest.date DESC, newest.id DESC LIMIT 1)
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
    ws: Workspace,
    recommendation_id: int,
    date: str,
    text: str,
    author: str = "",
    status: str | None = None,
) -> int:
    return records.insert(
        ws,
        "recommendation_updates",
        {
            "recommendation_id": recommendation_id,
            "date": date,
            "text": text,
            "author": author,
            "status": status,
        },
    )


def list_recommendations(ws: Workspace) -> list[RecommendationRow]:
    rows = ws.query(_SELECT + " ORDER BY from_date, recommendations.reference")
    return [build(RecommendationRow, row) for row in rows]


def get_recommendation(ws: Workspace, recommendation_id: int) -> RecommendationRow:
    rows = ws.query(_SELECT + " WHERE recommendations.id = ?", (recommendation_id,))
    if not rows:
        records.get(ws, "recommendations", recommendation_id)  # raises NotFoundError
    return RecommendationRow(**rows[0])


def stored_rows(ws: Workspace, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The stored columns of some recommendations, by id (missing ids are left out)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    placeholders = ", ".join("?" for _ in wanted)
    return {
        row["id"]: row
        for row in ws.query(
            f"SELECT * FROM recommendations WHERE id IN ({placeholders})", tuple(wanted)
        )
    }


def by_reference(ws: Workspace) -> dict[str, dict[str, Any]]:
    """Every recommendation's stored columns, keyed by its reference folded to lower case."""
    return {
        " ".join(row["reference"].split()).casefold(): row
        for row in ws.query("SELECT * FROM recommendations")
    }


def update_texts(ws: Workspace) -> dict[int, list[tuple[str, str]]]:
    """Every recommendation's progress updates as (date, text), oldest first."""
    found: dict[int, list[tuple[str, str]]] = {}
    for row in ws.query(
        "SELECT recommendation_id, date, text FROM recommendation_updates ORDER BY date, id"
    ):
        found.setdefault(int(row["recommendation_id"]), []).append(
            (str(row["date"] or ""), str(row["text"] or ""))
        )
    return found


def updates(ws: Workspace, recommendation_id: int) -> list[dict[str, Any]]:
    return ws.query(
        "SELECT date, text, author, status FROM recommendation_updates WHERE recommendation_id = ? "
        "ORDER BY date, id",
        (recommendation_id,),
    )


def progress_updates(
    ws: Workspace, recommendation_id: int | None = None, *, since: str | None = None
) -> list[ProgressUpdate]:
    """Progress updates oldest first: of one recommendation or all, dated on or after `since`."""
    where: list[str] = []
    params: list[Any] = []
    if recommendation_id is not None:
        where.append("recommendation_id = ?")
        params.append(recommendation_id)
    if since is not None:
        where.append("date >= ?")
        params.append(since)
    sql = "SELECT id, recommendation_id, date, text, author, status FROM recommendation_updates"
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = ws.query(sql + " ORDER BY date, id", tuple(params))
    return [build(ProgressUpdate, row) for row in rows]


def tracked_resolution_ids(ws: Workspace) -> set[int]:
    return {
        row["resolution_id"]
        for row in ws.query(
            "SELECT resolution_id FROM recommendations WHERE resolution_id IS NOT NULL"
        )
    }


def meeting_ids_by_body_and_date(ws: Workspace) -> dict[tuple[int, str], int]:
    """(committee id, ISO date) → meeting id, for matching meetings named in files."""
    return {
        (row["committee_id"], row["date"]): row["id"]
        for row in ws.query("SELECT id, committee_id, date FROM meetings ORDER BY id DESC")
    }
