"""Find anything again: one query over reports, minutes, recommendations and feedback."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.search import SearchHit, SearchResults, match_expression
from ocplan_desktop.store import search as store
from ocplan_desktop.store.workspace import Workspace

MAX_EXCERPTS = 3


def _shorten(text: str, length: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1].rstrip() + "…"


def _report(row: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    return row["title"], row["kind"].capitalize(), {}


def _minutes(row: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    number = f"Minute {row['minute_number']}, " if row["minute_number"] else ""
    subtitle = f"{number}{row['committee']}, {format_date(row['date'])}"
    context = {"meeting_id": row["meeting_id"], "agenda_item_id": row["agenda_item_id"]}
    return row["heading"] or row["item_title"], subtitle, context


def _recommendation(row: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    to_body = f"to {row['to_body']}" if row["to_body"] else ""
    return f"{row['reference']}: {_shorten(row['text'])}", to_body, {}


def _feedback(row: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
    when = format_date(row["received_on"]) if row["received_on"] else "undated"
    subtitle = f"{row['exercise']}, {row['channel'] or 'no channel'}, {when}"
    return _shorten(row["text"]) or "(no text)", subtitle, {"exercise_id": row["exercise_id"]}


_DESCRIBE: dict[
    str,
    tuple[
        Callable[[Workspace, list[int]], dict[int, dict[str, Any]]],
        Callable[[dict[str, Any]], tuple[str, str, dict[str, Any]]],
    ],
] = {
    "report": (store.report_titles, _report),
    "minutes": (store.minutes_titles, _minutes),
    "recommendation": (store.recommendation_titles, _recommendation),
    "feedback": (store.feedback_titles, _feedback),
}


def search(ws: Workspace, text: str, *, limit: int = 400) -> SearchResults:
    """Records matching every word of `text`, best first, grouped by record with their excerpts.

    Any text is safe: words are quoted for FTS5 (see `domain.search`), so `O'Brien`, `C++`,
    `2024-25`, `AND`, `"` and `*` search for what they say instead of failing or meaning an operator.
    """
    expression = match_expression(text)
    if expression is None:
        message = "Type a word to search for." if text.strip() else ""
        return SearchResults(text, (), message)
    rows, newest_first = store.matches(ws, expression, limit=limit)
    found: dict[tuple[str, int], dict[str, Any]] = {}
    for row in rows:
        key = (str(row["kind"]), int(row["record_id"]))
        entry = found.setdefault(key, {"score": row["score"], "excerpts": []})
        if len(entry["excerpts"]) < MAX_EXCERPTS and row["excerpt"] not in entry["excerpts"]:
            entry["excerpts"].append(row["excerpt"])
    hits = []
    for kind, (lookup, describe) in _DESCRIBE.items():
        ids = [record_id for found_kind, record_id in found if found_kind == kind]
        if not ids:
            continue
        details = lookup(ws, ids)
        for record_id in ids:
            if record_id not in details:
                continue
            title, subtitle, context = describe(details[record_id])
            entry = found[(kind, record_id)]
            hits.append(
                SearchHit(
                    kind=kind,
                    record_id=record_id,
                    title=title,
                    excerpts=tuple(entry["excerpts"]),
                    score=float(entry["score"]),
                    subtitle=subtitle,
                    **context,
                )
            )
    hits.sort(key=lambda hit: hit.score)
    message = "" if hits else f"Nothing found for {text.strip()}."
    if newest_first:
        message = (
            f"More than {store.RANKED_AT_MOST:,} matches: the newest are shown. "
            "Add a word to narrow the search."
        )
    return SearchResults(text, tuple(hits), message)
