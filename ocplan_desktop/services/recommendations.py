"""Recommendations sent to another body: creating them from minutes, listing them."""

from __future__ import annotations

from ocplan_desktop.domain.numbering import letters
from ocplan_desktop.domain.recommendations import RecommendationRow, category_for, reference
from ocplan_desktop.store import minutes as minutes_store
from ocplan_desktop.store import recommendations as store
from ocplan_desktop.store.workspace import Workspace


def track_from_minutes(ws: Workspace, minutes_id: int) -> list[int]:
    """A tracked recommendation for every lettered item under a resolution marked "to another body".

    Items already tracked are left as they are, so this can run again after the minutes change.
    """
    context = minutes_store.minutes_context(ws, minutes_id)
    tracked = store.tracked_resolution_ids(ws)
    tree = minutes_store.resolution_tree(ws, minutes_id)
    created = []
    with ws.atomic():
        for node, to_committee_id in minutes_store.recommendation_resolutions(ws, minutes_id):
            top_index = next(index for index, item in enumerate(tree) if item.key == node.key)
            for child_index, child in enumerate(node.children):
                if child.key in tracked:
                    continue
                label = f"{top_index + 1}({letters(child_index + 1)})"
                created.append(
                    store.add_recommendation(
                        ws,
                        {
                            "reference": reference(context["short_name"], context["date"], label),
                            "resolution_id": child.key,
                            "text": child.text,
                            "from_committee_id": context["committee_id"],
                            "from_meeting_id": context["meeting_id"],
                            "from_date": context["date"],
                            "to_committee_id": to_committee_id,
                            "category": category_for(child.text),
                        },
                    )
                )
    return created


def list_recommendations(ws: Workspace) -> list[RecommendationRow]:
    return store.list_recommendations(ws)
