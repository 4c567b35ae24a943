"""Engagement exercises, feedback responses and their themes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from ocplan_desktop.domain.engagement import Exercise
from ocplan_desktop.store import records, search_index
from ocplan_desktop.store.identity import new_uuids
from ocplan_desktop.store.rowtypes import build
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
    return [build(Exercise, row) for row in rows]


FEEDBACK_COLUMNS = frozenset(
    {
        "exercise_id",
        "received_on",
        "channel_id",
        "ward_id",
        "respondent_type_id",
        "text",
        "passed_on_to",
        "passed_on_date",
        "import_batch_id",
    }
)


def add_feedback_batch(
    ws: Workspace,
    rows: Iterable[Mapping[str, Any]],
    themes: Mapping[int, Iterable[int]] | None = None,
    *,
    summary: str,
) -> list[int]:
    """Insert many responses at once; `themes` maps an index in `rows` to its theme ids."""
    materialised = [dict(row) for row in rows]
    columns = sorted({key for row in materialised for key in row} & FEEDBACK_COLUMNS)
    values = [tuple(row.get(column) for column in columns) for row in materialised]
    return add_feedback_rows(ws, columns, values, themes, summary=summary)


def add_feedback_rows(
    ws: Workspace,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    themes: Mapping[int, Iterable[int]] | None = None,
    *,
    summary: str,
    chunk: int = 0,
    on_chunk: Callable[[int], object] | None = None,
) -> list[int]:
    """Insert many responses given as tuples of `columns` (an importer's rows as they are, with no
    dict per row); `themes` maps an index in `rows` to its theme ids. All in one transaction, indexed
    for search in one statement after the last row.

    With `chunk`, the rows go in that many at a time and `on_chunk(index of the first)` is called
    before each, and with `len(rows)` before the indexing (progress, and the chance to cancel by
    raising). The chunks share the one savepoint:
    a savepoint per chunk would copy every page each chunk touches again, doubling the cost.
    """
    unknown = set(columns) - FEEDBACK_COLUMNS
    if unknown:
        raise ValueError(f"not feedback columns: {', '.join(sorted(unknown))}")
    themes = themes or {}
    size = chunk or max(len(rows), 1)
    with ws.bulk_write() as db, search_index.indexed_after(ws, "feedback") as first:
        # Ids given here (the next free ones, inside this transaction), so all rows go in as one
        # bulk insert and the theme links can name them; each response's UUID (team sync) is
        # given here too rather than by the table's trigger (an update per row).
        sql = (
            f"INSERT INTO feedback (id, uuid, {', '.join(columns)}) "
            f"VALUES (?, ?, {', '.join('?' for _ in columns)})"
        )
        for start in range(0, len(rows), size):
            if on_chunk is not None:
                on_chunk(start)
            chunk_rows = rows[start : start + size]
            db.conn.executemany(
                sql,
                [
                    (row_id, uuid, *row)
                    for row_id, uuid, row in zip(
                        range(first + start, first + start + len(chunk_rows)),
                        new_uuids(len(chunk_rows)),
                        chunk_rows,
                        strict=True,
                    )
                ],
            )
        if on_chunk is not None:
            on_chunk(len(rows))
        links = [
            (first + index, theme_id)
            for index, theme_ids in themes.items()
            for theme_id in theme_ids
        ]
        if links:  # after the rows: written between chunks, they would slow every chunk
            db.conn.executemany(
                "INSERT INTO feedback_theme_links (feedback_id, theme_id, uuid) VALUES (?, ?, ?)",
                [
                    (feedback_id, theme_id, uuid)
                    for (feedback_id, theme_id), uuid in zip(
                        links, new_uuids(len(links)), strict=True
                    )
                ],
            )
        records.audit(ws, "bulk", "feedback", None, summary=f"{summary} ({len(rows):,} responses)")
    return list(range(first, first + len(rows)))


_FEEDBACK_SELECT = (
    "SELECT feedback.id, feedback.exercise_id, exercises.title AS exercise, feedback.received_on, "
    "feedback.channel_id, coalesce(channels.name, '') AS channel, feedback.ward_id, "
    "coalesce(wards.name, 'not collected') AS ward, feedback.respondent_type_id, "
    "coalesce(respondent_types.name, '') AS respondent_type, feedback.text, feedback.passed_on_to, "
    "feedback.passed_on_date, "
    "(SELECT group_concat(feedback_themes.name, '; ') FROM "
    " (SELECT feedback_themes.name FROM feedback_theme_links "
    "  JOIN feedback_themes ON feedback_themes.id = feedback_theme_links.theme_id "
    "  WHERE feedback_theme_links.feedback_id = feedback.id "
    "  ORDER BY feedback_themes.position, feedback_themes.name) AS feedback_themes) AS themes, "
    "(SELECT group_concat(theme_id, ',') FROM feedback_theme_links "
    " WHERE feedback_theme_links.feedback_id = feedback.id) AS theme_ids "
    "FROM feedback JOIN exercises ON exercises.id = feedback.exercise_id "
    "LEFT JOIN channels ON channels.id = feedback.channel_id "
    "LEFT JOIN wards ON wards.id = feedback.ward_id "
    "LEFT JOIN respondent_types ON respondent_types.id = feedback.respondent_type_id "
)


def feedback_rows(ws: Workspace, exercise_id: int | None = None) -> Iterator[dict[str, Any]]:
    """Every response of an exercise (or of all), with the names of its lists and its themes, one
    row at a time (an exercise may have 100,000: the caller keeps what it needs of each)."""
    where, params = ("WHERE feedback.exercise_id = ?", (exercise_id,)) if exercise_id else ("", ())
    return ws.rows(
        f"{_FEEDBACK_SELECT} {where} ORDER BY feedback.received_on, feedback.id",
        params,
    )


def passed_on_rows(ws: Workspace, exercise_id: int | None = None) -> list[dict[str, Any]]:
    """Responses passed on to another consultation, oldest hand-over first."""
    where = "WHERE feedback.passed_on_to != ''"
    params: tuple[Any, ...] = ()
    if exercise_id:
        where += " AND feedback.exercise_id = ?"
        params = (exercise_id,)
    return ws.query(
        f"{_FEEDBACK_SELECT} {where} ORDER BY feedback.passed_on_date, exercises.title, feedback.id",
        params,
    )


def passed_on_targets(ws: Workspace) -> list[str]:
    """The consultations responses have been passed on to so far (for the officer to pick from)."""
    rows = ws.query(
        "SELECT DISTINCT passed_on_to FROM feedback WHERE passed_on_to != '' ORDER BY passed_on_to"
    )
    return [row["passed_on_to"] for row in rows]


def counts_by(ws: Workspace, exercise_id: int, dimension: str) -> dict[str | None, int]:
    """Responses counted by ward, channel or respondent type (names as keys, None for responses
    without one; no zero rows)."""
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


def response_dates(ws: Workspace, exercise_id: int) -> tuple[str | None, str | None]:
    """The first and last day a dated response of the exercise was received."""
    row = ws.query(
        "SELECT min(received_on) AS first, max(received_on) AS last FROM feedback "
        "WHERE exercise_id = ? AND received_on IS NOT NULL",
        (exercise_id,),
    )[0]
    return row["first"], row["last"]


def count_responses(ws: Workspace, exercise_id: int) -> int:
    return int(ws.scalar("SELECT count(*) FROM feedback WHERE exercise_id = ?", (exercise_id,)))


def counts_by_theme(ws: Workspace, exercise_id: int) -> dict[str | None, int]:
    rows = ws.query(
        "SELECT feedback_themes.name AS name, count(*) AS n FROM feedback_theme_links "
        "JOIN feedback ON feedback.id = feedback_theme_links.feedback_id "
        "JOIN feedback_themes ON feedback_themes.id = feedback_theme_links.theme_id "
        "WHERE feedback.exercise_id = ? GROUP BY feedback_themes.name",
        (exercise_id,),
    )
    return {row["name"]: row["n"] for row in rows}


def exercise_row(ws: Workspace, exercise_id: int) -> dict[str, Any]:
    """The exercise as stored, with the ids of the channels it used."""
    row = records.get(ws, "exercises", exercise_id)
    row["channel_ids"] = exercise_channel_ids(ws, exercise_id)
    return row


def exercise_channel_ids(ws: Workspace, exercise_id: int) -> list[int]:
    return [
        row["channel_id"]
        for row in ws.query(
            "SELECT channel_id FROM exercise_channels JOIN channels ON channels.id = channel_id "
            "WHERE exercise_id = ? ORDER BY channels.position, channels.name",
            (exercise_id,),
        )
    ]


def set_exercise_channels(ws: Workspace, exercise_id: int, channel_ids: Iterable[int]) -> list[int]:
    """Replace the channels an exercise used; returns the ones it had before."""
    wanted = list(dict.fromkeys(channel_ids))
    with ws.atomic() as db:
        before = exercise_channel_ids(ws, exercise_id)
        if set(before) != set(wanted):
            db.execute("DELETE FROM exercise_channels WHERE exercise_id = ?", (exercise_id,))
            for channel_id in wanted:
                db.table("exercise_channels").insert(
                    {"exercise_id": exercise_id, "channel_id": channel_id}
                )
            records.audit(
                ws,
                "update",
                "exercise_channels",
                exercise_id,
                {"channel_ids": before},
                {"channel_ids": wanted},
            )
    return before


def theme_links(ws: Workspace, feedback_ids: Iterable[int]) -> set[tuple[int, int]]:
    """(response id, theme id) pairs that exist among the given responses."""
    ids = list(feedback_ids)
    found: set[tuple[int, int]] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            (row["feedback_id"], row["theme_id"])
            for row in ws.query(
                "SELECT feedback_id, theme_id FROM feedback_theme_links "
                f"WHERE feedback_id IN ({marks})",
                tuple(chunk),
            )
        )
    return found


def add_theme_links(ws: Workspace, pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Tag responses with themes; returns the pairs that were new (the ones an undo removes)."""
    wanted = list(dict.fromkeys(pairs))
    with ws.atomic() as db:
        existing = theme_links(ws, {feedback_id for feedback_id, _theme in wanted})
        added = [pair for pair in wanted if pair not in existing]
        for feedback_id, theme_id in added:
            db.execute(
                "INSERT INTO feedback_theme_links (feedback_id, theme_id) VALUES (?, ?)",
                (feedback_id, theme_id),
            )
            records.audit(
                ws,
                "insert",
                "feedback_theme_links",
                feedback_id,
                None,
                {"feedback_id": feedback_id, "theme_id": theme_id},
            )
    return added


def remove_theme_links(ws: Workspace, pairs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Untag responses; returns the pairs that existed and were removed."""
    wanted = list(dict.fromkeys(pairs))
    with ws.atomic() as db:
        existing = theme_links(ws, {feedback_id for feedback_id, _theme in wanted})
        removed = [pair for pair in wanted if pair in existing]
        for feedback_id, theme_id in removed:
            db.execute(
                "DELETE FROM feedback_theme_links WHERE feedback_id = ? AND theme_id = ?",
                (feedback_id, theme_id),
            )
            records.audit(
                ws,
                "delete",
                "feedback_theme_links",
                feedback_id,
                {"feedback_id": feedback_id, "theme_id": theme_id},
                None,
            )
    return removed
