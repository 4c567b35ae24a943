"""Full-text search over reports, minutes, recommendations and feedback (SQLite FTS5).

The index is kept by triggers (db/0003_meetings.sql), so every write through the store is searchable
at once and an undo takes its text out again. This module is the one place that knows it is FTS5:
a PostgreSQL port replaces it with tsvector queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ocplan_desktop.domain.search import MARK_END, MARK_START
from ocplan_desktop.store.workspace import Workspace

_MATCHES = """
SELECT kind, record_id, snippet(search_index, 0, ?, ?, '…', ?) AS excerpt,
       bm25(search_index) AS score
FROM search_index WHERE search_index MATCH ?
ORDER BY {order} LIMIT ?
"""
# Ranking scores every match: past this many (a word in most feedback) it costs more than the
# 100 ms a search may take, so very common words list the newest matches instead.
RANKED_AT_MOST = 20_000


def matches(
    ws: Workspace, expression: str, *, limit: int = 400, words: int = 18
) -> tuple[list[dict[str, Any]], bool]:
    """Index rows matching an FTS5 expression (build it with `domain.search.match_expression`),
    each with an excerpt whose matched words are marked; best first, or newest first when there
    are more than RANKED_AT_MOST matches (the second value says which)."""
    many = (
        int(
            ws.scalar(
                "SELECT count(*) FROM (SELECT rowid FROM search_index WHERE search_index MATCH ? LIMIT ?)",
                (expression, RANKED_AT_MOST + 1),
            )
        )
        > RANKED_AT_MOST
    )
    sql = _MATCHES.format(order="rowid DESC" if many else "score")
    return ws.query(sql, (MARK_START, MARK_END, words, expression, limit)), many


def _placeholders(ids: Iterable[int]) -> tuple[str, tuple[int, ...]]:
    values = tuple(int(value) for value in ids)
    return ", ".join("?" for _ in values) or "NULL", values


def report_titles(ws: Workspace, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    marks, values = _placeholders(ids)
    rows = ws.query(f"SELECT id, title, kind FROM reports WHERE id IN ({marks})", values)
    return {row["id"]: row for row in rows}


def minutes_titles(ws: Workspace, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    marks, values = _placeholders(ids)
    rows = ws.query(
        "SELECT minutes.id, minutes.heading, agenda_items.title AS item_title, "
        "agenda_items.id AS agenda_item_id, agenda_items.minute_number, meetings.id AS meeting_id, "
        "meetings.date, committees.name AS committee "
        "FROM minutes JOIN agenda_items ON agenda_items.id = minutes.agenda_item_id "
        "JOIN meetings ON meetings.id = agenda_items.meeting_id "
        "JOIN committees ON committees.id = meetings.committee_id "
        f"WHERE minutes.id IN ({marks})",
        values,
    )
    return {row["id"]: row for row in rows}


def recommendation_titles(ws: Workspace, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    marks, values = _placeholders(ids)
    rows = ws.query(
        "SELECT recommendations.id, recommendations.reference, recommendations.text, "
        "coalesce(target.name, '') AS to_body FROM recommendations "
        "LEFT JOIN committees AS target ON target.id = recommendations.to_committee_id "
        f"WHERE recommendations.id IN ({marks})",
        values,
    )
    return {row["id"]: row for row in rows}


def feedback_titles(ws: Workspace, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    marks, values = _placeholders(ids)
    rows = ws.query(
        "SELECT feedback.id, feedback.received_on, feedback.text, exercises.title AS exercise, "
        "feedback.exercise_id, "
        "coalesce(channels.name, '') AS channel FROM feedback "
        "JOIN exercises ON exercises.id = feedback.exercise_id "
        "LEFT JOIN channels ON channels.id = feedback.channel_id "
        f"WHERE feedback.id IN ({marks})",
        values,
    )
    return {row["id"]: row for row in rows}


def indexed_rows(ws: Workspace) -> int:
    """How many rows the index holds (a check that the triggers keep up)."""
    return int(ws.scalar("SELECT count(*) FROM search_index"))
