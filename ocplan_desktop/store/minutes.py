"""Minutes per agenda item: paragraphs, bullets and the resolution tree."""

from __future__ import annotations

from typing import Any

from ocplan_desktop.domain.minutes import Minutes
from ocplan_desktop.domain.numbering import Node, Tree, build_tree
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace, now_text


def add_minutes(
    ws: Workspace, minutes: Minutes, *, to_committees: dict[int, int] | None = None
) -> int:
    """Insert minutes for an agenda item with all their parts.

    `to_committees` maps a top-level resolution's index to the committee its lettered items are sent
    to as recommendations.
    """
    with ws.atomic():
        minutes_id = records.insert(
            ws,
            "minutes",
            {
                "agenda_item_id": minutes.agenda_item_id,
                "heading": minutes.heading,
                "report_of": minutes.report_of,
                "resolved_wording": minutes.resolved_wording,
                "revision": minutes.revision,
                "updated_at": now_text(),
            },
        )
        for position, text in enumerate(minutes.paragraphs):
            records.insert(
                ws,
                "minute_paragraphs",
                {"minutes_id": minutes_id, "position": position, "text": text},
            )
        for position, text in enumerate(minutes.bullets):
            records.insert(
                ws, "minute_bullets", {"minutes_id": minutes_id, "position": position, "text": text}
            )
        _insert_tree(ws, minutes_id, minutes.resolutions, None, to_committees or {})
    return minutes_id


def _insert_tree(
    ws: Workspace,
    minutes_id: int,
    nodes: Tree,
    parent_id: int | None,
    to_committees: dict[int, int],
) -> None:
    for position, node in enumerate(nodes):
        row: dict[str, Any] = {
            "minutes_id": minutes_id,
            "parent_id": parent_id,
            "position": position,
            "text": node.text,
        }
        if parent_id is None and position in to_committees:
            row["to_committee_id"] = to_committees[position]
        resolution_id = records.insert(ws, "resolutions", row)
        _insert_tree(ws, minutes_id, node.children, resolution_id, {})


def resolution_tree(ws: Workspace, minutes_id: int) -> Tree:
    rows = ws.query(
        "SELECT id, parent_id, position, text FROM resolutions WHERE minutes_id = ?", (minutes_id,)
    )
    return build_tree([(row["id"], row["parent_id"], row["position"], row["text"]) for row in rows])


def load_minutes(ws: Workspace, agenda_item_id: int) -> Minutes | None:
    rows = ws.query("SELECT * FROM minutes WHERE agenda_item_id = ?", (agenda_item_id,))
    if not rows:
        return None
    row = rows[0]
    paragraphs = tuple(
        item["text"]
        for item in ws.query(
            "SELECT text FROM minute_paragraphs WHERE minutes_id = ? ORDER BY position",
            (row["id"],),
        )
    )
    bullets = tuple(
        item["text"]
        for item in ws.query(
            "SELECT text FROM minute_bullets WHERE minutes_id = ? ORDER BY position", (row["id"],)
        )
    )
    return Minutes(
        id=row["id"],
        agenda_item_id=agenda_item_id,
        heading=row["heading"],
        report_of=row["report_of"],
        paragraphs=paragraphs,
        bullets=bullets,
        resolutions=resolution_tree(ws, row["id"]),
        revision=row["revision"],
        resolved_wording=row.get("resolved_wording", ""),
    )


def recommendation_resolutions(ws: Workspace, minutes_id: int) -> list[tuple[Node, int]]:
    """Top-level resolutions marked as recommendations to another body, with that body's id."""
    tree = resolution_tree(ws, minutes_id)
    marked = {
        row["id"]: row["to_committee_id"]
        for row in ws.query(
            "SELECT id, to_committee_id FROM resolutions WHERE minutes_id = ? AND to_committee_id IS NOT NULL",
            (minutes_id,),
        )
    }
    return [(node, marked[node.key]) for node in tree if node.key in marked]


def minutes_context(ws: Workspace, minutes_id: int) -> dict[str, Any]:
    """The meeting and committee the minutes belong to."""
    rows = ws.query(
        "SELECT meetings.id AS meeting_id, meetings.date, committees.id AS committee_id, "
        "coalesce(nullif(committees.short_name, ''), committees.name) AS short_name "
        "FROM minutes JOIN agenda_items ON agenda_items.id = minutes.agenda_item_id "
        "JOIN meetings ON meetings.id = agenda_items.meeting_id "
        "JOIN committees ON committees.id = meetings.committee_id WHERE minutes.id = ?",
        (minutes_id,),
    )
    if not rows:
        records.get(ws, "minutes", minutes_id)
    return rows[0]


def minutes_id_for_item(ws: Workspace, agenda_item_id: int) -> int | None:
    value = ws.scalar("SELECT id FROM minutes WHERE agenda_item_id = ?", (agenda_item_id,))
    return None if value is None else int(value)


def item_of_minutes(ws: Workspace, minutes_id: int) -> int:
    return int(records.get(ws, "minutes", minutes_id)["agenda_item_id"])


def resolution_rows(ws: Workspace, minutes_id: int) -> list[dict[str, Any]]:
    return ws.query(
        "SELECT id, parent_id, position, text, to_committee_id FROM resolutions "
        "WHERE minutes_id = ? ORDER BY parent_id, position, id",
        (minutes_id,),
    )


def marked_resolutions(ws: Workspace, minutes_id: int) -> dict[int, int]:
    """Top-level resolution id → the committee its lettered items are recommendations to."""
    return {
        row["id"]: row["to_committee_id"]
        for row in ws.query(
            "SELECT id, to_committee_id FROM resolutions WHERE minutes_id = ? "
            "AND parent_id IS NULL AND to_committee_id IS NOT NULL",
            (minutes_id,),
        )
    }


def tracked_recommendations(ws: Workspace, minutes_id: int) -> list[dict[str, Any]]:
    """Tracked recommendations made from these minutes' resolutions, with how far each has got."""
    return ws.query(
        "SELECT recommendations.id, recommendations.reference, recommendations.resolution_id, "
        "recommendations.text, recommendations.response, recommendations.status, "
        "(SELECT count(*) FROM recommendation_updates "
        " WHERE recommendation_updates.recommendation_id = recommendations.id) AS update_count "
        "FROM recommendations JOIN resolutions ON resolutions.id = recommendations.resolution_id "
        "WHERE resolutions.minutes_id = ? ORDER BY recommendations.id",
        (minutes_id,),
    )


def revisions(ws: Workspace, minutes_id: int) -> list[dict[str, Any]]:
    return ws.query(
        "SELECT * FROM minute_revisions WHERE minutes_id = ? ORDER BY revision", (minutes_id,)
    )


def meeting_minutes_ids(ws: Workspace, meeting_id: int) -> list[int]:
    return [
        row["id"]
        for row in ws.query(
            "SELECT minutes.id FROM minutes JOIN agenda_items "
            "ON agenda_items.id = minutes.agenda_item_id WHERE agenda_items.meeting_id = ? "
            "ORDER BY agenda_items.position",
            (meeting_id,),
        )
    ]


def reference_taken(ws: Workspace, reference: str) -> bool:
    return bool(ws.scalar("SELECT count(*) FROM recommendations WHERE reference = ?", (reference,)))
