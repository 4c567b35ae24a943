"""The resolutions of one item's minutes as a tree: add, edit, delete, indent, outdent, move.

The tree edits are the pure functions of `domain/numbering.py`; this module only writes back the
parent and position of each resolution that moved, so `1)`, `2)` and `a)`, `b)` stay right because
labels are never stored. A top-level resolution marked as recommendations to another body has its
lettered items tracked (`services.recommendations.track_from_minutes`); the tracking follows every
edit, and an item the tracker has already recorded a response or progress for cannot be taken away.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from ocplan_desktop.domain import numbering
from ocplan_desktop.domain.errors import NotFoundError, ValidationError
from ocplan_desktop.domain.numbering import Node, Path, Tree
from ocplan_desktop.domain.recommendations import reference
from ocplan_desktop.services import edits
from ocplan_desktop.services.change import MINUTES, RECOMMENDATIONS, Change
from ocplan_desktop.services.minutes import check_text, ensure_minutes, unlocked_item
from ocplan_desktop.services.recommendations import track_from_minutes
from ocplan_desktop.store import minutes as store
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace

TreeEdit = Callable[[Tree, Path], tuple[Tree, Path]]


def _path_of(tree: Tree, resolution_id: int) -> Path:
    for path, node in numbering.walk(tree):
        if node.key == resolution_id:
            return path
    raise NotFoundError(f"there is no resolution with id {resolution_id}")


def _minutes_of(ws: Workspace, resolution_id: int) -> int:
    minutes_id = int(records.get(ws, "resolutions", resolution_id)["minutes_id"])
    unlocked_item(ws, store.item_of_minutes(ws, minutes_id))
    return minutes_id


def _write_positions(ws: Workspace, old: Tree, new: Tree) -> list[Change]:
    """Write the parent and position of every resolution whose place differs between the trees;
    a resolution that is no longer at the top level stops being marked as recommendations."""
    before = {key: (parent, position) for key, parent, position in numbering.positions(old)}
    changes = []
    for key, parent, position in numbering.positions(new):
        if key not in before or before[key] == (parent, position):
            continue
        fields: dict[str, Any] = {"parent_id": parent, "position": position}
        if parent is not None:
            fields["to_committee_id"] = None
        changes.append(edits.updated(ws, "resolutions", int(str(key)), fields, MINUTES))
    return changes


def untrack(ws: Workspace, minutes_id: int, resolution_ids: Iterable[int]) -> list[Change]:
    """Stop tracking the recommendations made from these resolutions, undoably; refused for any
    the tracker has a response or progress for, since that would lose the officers' work."""
    wanted = set(resolution_ids)
    changes = []
    for rec in store.tracked_recommendations(ws, minutes_id):
        if rec["resolution_id"] not in wanted:
            continue
        if rec["response"] != "awaiting" or rec["update_count"] or rec["status"] != "open":
            raise ValidationError(
                f"{rec['reference']} already has a response or progress in the recommendation "
                "tracker, so it must stay a recommendation: change its text instead"
            )
        changes.append(edits.deleted(ws, "recommendations", rec["id"], RECOMMENDATIONS))
    return changes


def _created(recommendation_id: int) -> Change:
    """A recommendation `track_from_minutes` made: undo deletes it (and redo puts it back)."""

    def undo(w: Workspace) -> Change:
        return edits.deleted(w, "recommendations", recommendation_id, RECOMMENDATIONS)

    return Change.of(RECOMMENDATIONS, ids={recommendation_id}, undo=undo)


def sync_tracking(ws: Workspace, minutes_id: int) -> list[Change]:
    """Track every lettered item under a marked resolution, and only those."""
    tree = store.resolution_tree(ws, minutes_id)
    marked = store.marked_resolutions(ws, minutes_id)
    wanted = {child.key for node in tree if node.key in marked for child in node.children}
    tracked = {rec["resolution_id"]: rec for rec in store.tracked_recommendations(ws, minutes_id)}
    changes = untrack(ws, minutes_id, [key for key in tracked if key not in wanted])
    parents = {child.key: node.key for node in tree for child in node.children}
    for rec in tracked.values():  # a resolution marked to another body: its items follow
        parent = parents.get(rec["resolution_id"])
        target = marked.get(int(str(parent))) if parent is not None else None
        if target is not None and _to_committee(ws, rec["id"]) != target:
            changes.append(
                edits.updated(
                    ws, "recommendations", rec["id"], {"to_committee_id": target}, RECOMMENDATIONS
                )
            )
    if wanted - set(tracked):
        _check_references(ws, minutes_id, tree, marked, set(tracked))
        try:
            created = track_from_minutes(ws, minutes_id)
        except (
            sqlite3.IntegrityError
        ) as error:  # pragma: no cover - _check_references sees it first
            raise ValidationError(f"the recommendations could not be tracked ({error})") from None
        changes += [_created(rid) for rid in created]
    return changes


def _to_committee(ws: Workspace, recommendation_id: int) -> int | None:
    value = records.get(ws, "recommendations", recommendation_id)["to_committee_id"]
    return None if value is None else int(value)


def _check_references(
    ws: Workspace, minutes_id: int, tree: Tree, marked: dict[int, int], tracked: set[object]
) -> None:
    """A new item would be tracked as `SCC 2023-02-01 / 2(g)`: refuse clearly if that reference
    is already another recommendation's (references are stable, so they are never reused)."""
    context = store.minutes_context(ws, minutes_id)
    for top_index, node in enumerate(tree):
        if node.key not in marked:
            continue
        for child_index, child in enumerate(node.children):
            if child.key in tracked:
                continue
            label = f"{top_index + 1}({numbering.letters(child_index + 1)})"
            ref = reference(context["short_name"], context["date"], label)
            if store.reference_taken(ws, ref):
                raise ValidationError(
                    f"the new item would be tracked as {ref}, but that reference belongs to "
                    "another recommendation: add the new item at the end of the list"
                )


def _tree_edit(ws: Workspace, resolution_id: int, edit: TreeEdit) -> Change:
    minutes_id = _minutes_of(ws, resolution_id)
    with ws.atomic():
        tree = store.resolution_tree(ws, minutes_id)
        new_tree, _path = edit(tree, _path_of(tree, resolution_id))
        changes = _write_positions(ws, tree, new_tree)
        changes += sync_tracking(ws, minutes_id)
    change = edits.combined(changes)
    return Change(change.kinds | {MINUTES}, frozenset({resolution_id}), change.undo)


def indent(ws: Workspace, resolution_id: int) -> Change:
    """`3)` goes under `2)` as its next letter; the first item of a list stays where it is."""
    return _tree_edit(ws, resolution_id, numbering.indent)


def outdent(ws: Workspace, resolution_id: int) -> Change:
    """`2) c)` comes out to follow `2)` as `3)`; later numbers move up one."""
    return _tree_edit(ws, resolution_id, numbering.outdent)


def move_up(ws: Workspace, resolution_id: int) -> Change:
    return _tree_edit(ws, resolution_id, numbering.move_up)


def move_down(ws: Workspace, resolution_id: int) -> Change:
    return _tree_edit(ws, resolution_id, numbering.move_down)


def move_to(ws: Workspace, resolution_id: int, index: int) -> Change:
    """Drag a resolution to `index` among its siblings (one undo step however far it goes)."""

    def shift(tree: Tree, path: Path) -> tuple[Tree, Path]:
        while path[-1] < index:
            moved, new_path = numbering.move_down(tree, path)
            if new_path == path:
                break
            tree, path = moved, new_path
        while path[-1] > index:
            tree, path = numbering.move_up(tree, path)
        return tree, path

    return _tree_edit(ws, resolution_id, shift)


def add(
    ws: Workspace,
    item_id: int,
    text: str,
    *,
    after: int | None = None,
    child_of: int | None = None,
    index: int | None = None,
) -> Change:
    """A new resolution: just after `after` (at its level), or at `index` (the end when None)
    among the items under `child_of` (the top level when None). Numbers after it move on."""
    unlocked_item(ws, item_id)
    cleaned = check_text(text, "resolution")
    with ws.atomic():
        minutes_id, changes = ensure_minutes(ws, item_id)
        tree = store.resolution_tree(ws, minutes_id)
        if after is not None:
            path = _path_of(tree, after)
            place, position = path[:-1], path[-1] + 1
        else:
            place = _path_of(tree, child_of) if child_of is not None else ()
            count = len(numbering.node_at(tree, place).children) if place else len(tree)
            position = count if index is None else max(0, min(index, count))
        parent_key = numbering.node_at(tree, place).key if place else None
        added = edits.inserted(
            ws,
            "resolutions",
            {
                "minutes_id": minutes_id,
                "parent_id": parent_key,
                "position": position,
                "text": cleaned,
            },
            MINUTES,
        )
        new_id = next(iter(added.ids))
        new_tree, _path = numbering.insert(tree, place, position, Node(new_id, cleaned))
        changes += [added, *_write_positions(ws, tree, new_tree)]
        changes += sync_tracking(ws, minutes_id)
    change = edits.combined(changes)
    return Change(change.kinds | {MINUTES}, frozenset({new_id}), change.undo)


def edit(ws: Workspace, resolution_id: int, text: str) -> Change:
    """Change a resolution's words; a tracked recommendation still awaiting a response follows."""
    minutes_id = _minutes_of(ws, resolution_id)
    cleaned = check_text(text, "resolution")
    with ws.atomic():
        old = records.get(ws, "resolutions", resolution_id)["text"]
        changes = [edits.updated(ws, "resolutions", resolution_id, {"text": cleaned}, MINUTES)]
        for rec in store.tracked_recommendations(ws, minutes_id):
            if rec["resolution_id"] == resolution_id and rec["response"] == "awaiting":
                if rec["text"] == old:
                    changes.append(
                        edits.updated(
                            ws, "recommendations", rec["id"], {"text": cleaned}, RECOMMENDATIONS
                        )
                    )
    return edits.combined(changes)


def delete(ws: Workspace, resolution_id: int) -> Change:
    """Delete a resolution with the items under it; later numbers move up."""
    minutes_id = _minutes_of(ws, resolution_id)
    with ws.atomic():
        tree = store.resolution_tree(ws, minutes_id)
        path = _path_of(tree, resolution_id)
        gone = [
            int(str(node.key)) for _path, node in numbering.walk((numbering.node_at(tree, path),))
        ]
        changes = untrack(ws, minutes_id, gone)
        changes.append(edits.deleted(ws, "resolutions", resolution_id, MINUTES))
        changes += _write_positions(ws, tree, numbering.delete(tree, path))
    return edits.combined(changes)


def mark_recommendations(ws: Workspace, resolution_id: int, committee_id: int | None) -> Change:
    """Mark a top-level resolution's lettered items as recommendations to `committee_id` (None
    unmarks it): each becomes a tracked recommendation for the tracker to follow up."""
    minutes_id = _minutes_of(ws, resolution_id)
    row = records.get(ws, "resolutions", resolution_id)
    if row["parent_id"] is not None:
        raise ValidationError(
            "only a numbered resolution (1), 2), …) can send its lettered items to another body"
        )
    if committee_id is not None:
        committee = records.get(ws, "committees", committee_id)
        context = store.minutes_context(ws, minutes_id)
        if committee_id == context["committee_id"]:
            raise ValidationError(
                f"recommendations go to another body, not to {committee['name']} itself"
            )
    with ws.atomic():
        changes = [
            edits.updated(
                ws, "resolutions", resolution_id, {"to_committee_id": committee_id}, MINUTES
            )
        ]
        changes += sync_tracking(ws, minutes_id)
    change = edits.combined(changes)
    return Change(
        change.kinds | {MINUTES, RECOMMENDATIONS}, frozenset({resolution_id}), change.undo
    )


def removed_keys(old: Tree, new: Tree) -> list[int]:
    """Resolutions of `old` that writing `new` over it (place by place) would delete."""
    gone: list[int] = []
    for index, node in enumerate(old):
        if index < len(new):
            gone += removed_keys(node.children, new[index].children)
        else:
            gone += [int(str(item.key)) for _path, item in numbering.walk((node,))]
    return gone
