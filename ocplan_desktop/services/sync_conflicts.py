"""Settling what two officers changed differently: keep mine, or keep theirs.

Theirs already stands in the workspace, so keeping it only closes the conflict. Keeping mine writes
my value back as an ordinary edit, which the next sync sends. An edit made offline to minutes that
were approved meanwhile cannot go in as it was: kept, it becomes a correction, a new visible
revision of the approved minutes with the reason recorded.
"""

from __future__ import annotations

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.merge import ORDER, WHOLE_RECORD
from ocplan_desktop.domain.minutes import Minutes
from ocplan_desktop.domain.numbering import Node, Tree
from ocplan_desktop.domain.sync import Conflict, Keep
from ocplan_desktop.services import edits, minutes_approval
from ocplan_desktop.services.change import (
    AGENDA,
    COMMITTEES,
    EXERCISES,
    FEEDBACK,
    INDICATORS,
    MEETINGS,
    MINUTES,
    OVERRIDES,
    RECOMMENDATIONS,
    REFERENCE,
    REPORTS,
    VALUES,
    Change,
)
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store import minutes as minutes_store
from ocplan_desktop.store.sync import conflicts as store
from ocplan_desktop.store.workspace import Workspace

_KINDS = {
    "people": COMMITTEES,
    "committees": COMMITTEES,
    "committee_members": COMMITTEES,
    "standing_items": COMMITTEES,
    "meetings": MEETINGS,
    "attendance": MEETINGS,
    "agenda_items": AGENDA,
    "declarations": AGENDA,
    "minutes": MINUTES,
    "minute_paragraphs": MINUTES,
    "minute_bullets": MINUTES,
    "resolutions": MINUTES,
    "minute_revisions": MINUTES,
    "recommendations": RECOMMENDATIONS,
    "recommendation_updates": RECOMMENDATIONS,
    "indicators": INDICATORS,
    "indicator_comparators": INDICATORS,
    "indicator_values": VALUES,
    "status_overrides": OVERRIDES,
    "exercises": EXERCISES,
    "exercise_channels": EXERCISES,
    "feedback": FEEDBACK,
    "feedback_theme_links": FEEDBACK,
}


def kind_of(table: str) -> str:
    if table.startswith("report"):
        return REPORTS
    return _KINDS.get(table, REFERENCE)


def conflicts(ws: Workspace, *, settled: bool = False) -> list[Conflict]:
    """Conflicts still to settle (and, with `settled`, those settled already), oldest first."""
    return store.list_conflicts(ws, settled=settled)


def shown_value(ws: Workspace, conflict: Conflict, value: object) -> str:
    """One side of a conflict in words: a text as it is, a deleted record as "(deleted)", a
    record field by field, a list's order as its rows' names."""
    if value is None:
        return "(deleted)" if conflict.field == WHOLE_RECORD else "(empty)"
    if conflict.is_order and isinstance(value, list):
        names = store.row_names(ws, conflict.shown_table, [str(item) for item in value])
        return "\n".join(
            f"{n}. {names.get(str(item), '(not here)')}" for n, item in enumerate(value, 1)
        )
    table = conflict.shown_table
    if isinstance(value, dict):
        return "\n".join(
            f"{name.replace('_', ' ')}: {'' if v is None else store.readable(ws, table, name, v)}"
            for name, v in value.items()
        )
    return str(store.readable(ws, table, conflict.field, value))


def resolve(ws: Workspace, conflict_id: int, keep: Keep) -> Change:
    """Settle one conflict; with `keep="mine"` my value goes back in (and is sent next sync).
    Undoing it opens the conflict again and puts back what the workspace held."""
    if keep not in ("mine", "theirs"):
        raise ValidationError("keep mine or theirs", field="keep")
    conflict = store.get_conflict(ws, conflict_id)
    if conflict.resolved_at is not None:
        raise ValidationError(
            f"conflict {conflict_id} was settled already (kept {conflict.kept}) on "
            f"{conflict.resolved_at[:10]}"
        )
    kind = kind_of(conflict.shown_table)
    with ws.atomic():
        changes: list[Change] = []
        if keep == "mine":
            minutes_id = store.minutes_of(ws, conflict)
            if minutes_id is not None and _locked(ws, minutes_id):
                changes.append(_keep_as_correction(ws, conflict, minutes_id))
            else:
                changes += [_write(ws, step, kind) for step in store.mine_steps(ws, conflict)]
        store.mark_settled(ws, conflict_id, keep)
    done = edits.combined(changes)

    def undo(w: Workspace) -> Change:
        with w.atomic():
            if done.undo is not None:
                done.undo(w)
            store.reopen(w, conflict_id)
        return Change.of(kind, undo=lambda again: resolve(again, conflict_id, keep))

    return Change(done.kinds | {kind}, done.ids, undo, f"conflict {conflict_id} settled")


def _write(ws: Workspace, step: store.Step, kind: str) -> Change:
    if step.row_id is not None and step.kind == "update":
        return edits.updated(ws, step.table, step.row_id, step.values, kind)
    if step.row_id is not None and step.kind == "delete":
        return edits.deleted(ws, step.table, step.row_id, kind)
    if step.kind == "insert" and "id" in (store.local_columns(ws, step.table)):
        return edits.inserted(ws, step.table, step.values, kind)
    store.write_step(ws, step)
    return Change.of(kind)


def _locked(ws: Workspace, minutes_id: int) -> bool:
    item_id = minutes_store.item_of_minutes(ws, minutes_id)
    return meeting_store.meeting_details(ws, meeting_store.item_meeting_id(ws, item_id)).locked


def _keep_as_correction(ws: Workspace, conflict: Conflict, minutes_id: int) -> Change:
    """My offline edit to minutes approved meanwhile, recorded as a correction (a new revision)."""
    item_id = minutes_store.item_of_minutes(ws, minutes_id)
    current = minutes_store.load_minutes(ws, item_id)
    assert current is not None
    corrected = _corrected(ws, current, conflict, minutes_id)
    who = f" by {conflict.who}" if conflict.who else ""
    reason = (
        f"Offline edit kept after the minutes were approved{who} "
        f"(sync conflict {conflict.id}: {conflict.record})"
    )
    return minutes_approval.revise(ws, item_id, corrected, reason)


def _corrected(ws: Workspace, current: Minutes, conflict: Conflict, minutes_id: int) -> Minutes:
    table = conflict.shown_table
    mine = conflict.mine
    if table == "minutes":
        if conflict.field in ("heading", "report_of"):
            return _replace(current, **{conflict.field: str(mine or "")})
        raise ValidationError("only the heading and the Report of line of minutes can be kept")
    if table in ("minute_paragraphs", "minute_bullets"):
        part = "paragraphs" if table == "minute_paragraphs" else "bullets"
        lines = list(getattr(current, part))
        if conflict.field == ORDER:
            texts = store.texts_by_uuid(ws, table, minutes_id)
            lines = [texts[uuid] for uuid in mine or [] if uuid in texts]
            lines += [text for uuid, text in texts.items() if uuid not in (mine or [])]
            return _replace(current, **{part: tuple(lines)})
        index = store.row_index(ws, table, minutes_id, conflict.uuid)
        if conflict.field == WHOLE_RECORD:
            if mine is None:
                if index is not None:
                    del lines[index]
            elif index is None:
                lines.append(str(mine.get("text", "")))
            else:
                lines[index] = str(mine.get("text", ""))
        elif conflict.field == "text" and index is not None:
            lines[index] = str(mine or "")
        return _replace(current, **{part: tuple(lines)})
    if table == "resolutions":
        row = store.local_row(ws, "resolutions", conflict.uuid)
        if conflict.field == "text" and row is not None:
            tree = _retext(current.resolutions, int(row["id"]), str(mine or ""))
            return _replace(current, resolutions=tree)
        if conflict.field == WHOLE_RECORD and isinstance(mine, dict) and row is None:
            added = Node(key=None, text=str(mine.get("text", "")), children=())
            return _replace(current, resolutions=(*current.resolutions, added))
    raise ValidationError(
        f"this change to approved minutes ({conflict.field} of {conflict.record}) cannot be made "
        "a correction here: make the correction by hand (Minutes ▸ Correct approved minutes…)"
    )


def _retext(tree: Tree, key: int, text: str) -> Tree:
    return tuple(
        Node(
            node.key,
            text if str(node.key) == str(key) else node.text,
            _retext(node.children, key, text),
        )
        for node in tree
    )


def _replace(current: Minutes, **fields: object) -> Minutes:
    from dataclasses import replace

    return replace(current, **fields)  # type: ignore[arg-type]
