"""Engagement exercises, feedback responses and their themes."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ocplan_desktop.domain.engagement import Exercise
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace


def add_exercise(ws: Workspace, title: str, channel_ids: Iterable[int] = (), **fields: Any) -> int:
    with ws.atomic() as db:
        exercise_id = records.insert(ws, "exercises", {"title": title, **fields})
        for channel_id in channel_ids:
            db.table("exercise_channels").insert(
                {"exercise_id": exercise_id, "channel_id": channel_id}
            )
    return exercise_id


def list_exercises(ws: Workspace) -> list[Exercise]:
    rows = ws.query(
        "SELECT exercises.id, title, purpose, opens_on, closes_on, target_groups, public_link, "
        "(SELECT count(*) FROM feedback WHERE feedback.exercise_id = exercises.id) AS response_count "
        "FROM exercises ORDER BY opens_on, title"
    )
    return [Exercise(**row) for row in rows]


def add_feedback_batch(
    ws: Workspace,
    rows: Iterable[Mapping[str, Any]],
    themes: Mapping[int, Iterable[int]] | None = None,
    *,
    summary: str,
) -> list[int]:
    """Insert many responses at once; `themes` maps an index in `rows` to its theme ids."""
    themes = themes or {}
    ids: list[int] = []
    with ws.atomic() as db:
        table = db.table("feedback")
        for row in rows:
            ids.append(int(table.insert(dict(row)).last_rowid or 0))
        links = [
            {"feedback_id": ids[index], "theme_id": theme_id}
            for index, theme_ids in themes.items()
            for theme_id in theme_ids
        ]
        if links:
            db.table("feedback_theme_links").insert_all(links, batch_size=1000)
        records.audit(ws, "bulk", "feedback", None, summary=f"{summary} ({len(ids):,} responses)")
    return ids


def feedback_rows(ws: Workspace, exercise_id: int | None = None) -> list[dict[str, Any]]:
    where, params = ("WHERE feedback.exercise_id = ?", (exercise_id,)) if exercise_id else ("", ())
    return ws.query(
        "SELECT feedback.id, feedback.exercise_id, feedback.received_on, "
        "coalesce(channels.name, '') AS channel, coalesce(wards.name, 'not collected') AS ward, "
        "coalesce(respondent_types.name, '') AS respondent_type, feedback.text, feedback.passed_on_to, "
        "(SELECT group_concat(feedback_themes.name, '; ') FROM feedback_theme_links "
        " JOIN feedback_themes ON feedback_themes.id = feedback_theme_links.theme_id "
        " WHERE feedback_theme_links.feedback_id = feedback.id) AS themes "
        "FROM feedback LEFT JOIN channels ON channels.id = feedback.channel_id "
        "LEFT JOIN wards ON wards.id = feedback.ward_id "
        f"LEFT JOIN respondent_types ON respondent_types.id = feedback.respondent_type_id {where} "
        "ORDER BY feedback.received_on, feedback.id",
        params,
    )


def counts_by(ws: Workspace, exercise_id: int, dimension: str) -> dict[str, int]:
    """Responses counted by ward, channel or respondent type (names as keys; no zero rows)."""
    joins = {
        "ward": ("wards", "ward_id"),
        "channel": ("channels", "channel_id"),
        "respondent_type": ("respondent_types", "respondent_type_id"),
    }
    table, column = joins[dimension]
    rows = ws.query(
        f"SELECT {table}.name AS name, count(*) AS n FROM feedback LEFT JOIN {table} "
        f"ON {table}.id = feedback.{column} WHERE feedback.exercise_id = ? GROUP BY {table}.name",
        (exercise_id,),
    )
    return {row["name"]: row["n"] for row in rows}


def counts_by_theme(ws: Workspace, exercise_id: int) -> dict[str, int]:
    rows = ws.query(
        "SELECT feedback_themes.name AS name, count(*) AS n FROM feedback_theme_links "
        "JOIN feedback ON feedback.id = feedback_theme_links.feedback_id "
        "JOIN feedback_themes ON feedback_themes.id = feedback_theme_links.theme_id "
        "WHERE feedback.exercise_id = ? GROUP BY feedback_themes.name",
        (exercise_id,),
    )
    return {row["name"]: row["n"] for row in rows}
