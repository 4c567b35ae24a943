"""Drafting one agenda item's minutes: heading, "Report of" line, narrative paragraphs and the
questions-and-comments bullets. Every edit is saved at once and can be undone; the minutes of a
meeting whose minutes were approved are locked (`LockedError`).

Resolutions are in `resolutions.py`, approval and corrections in `minutes_approval.py`.
"""

from __future__ import annotations

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.meetings import MeetingDetails
from ocplan_desktop.domain.minutes import Minutes, MinutesView, clean_text
from ocplan_desktop.domain.numbering import Node, Tree
from ocplan_desktop.services import edits, ordered
from ocplan_desktop.services.change import MINUTES, Change
from ocplan_desktop.services.meetings import check_unlocked
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store import minutes as store
from ocplan_desktop.store import records
from ocplan_desktop.store.ordered import ordered_rows
from ocplan_desktop.store.workspace import Workspace, now_text

PARTS = {"paragraphs": "minute_paragraphs", "bullets": "minute_bullets"}
MAX_TEXT = 50_000
MAX_LINE = 1_000


def check_text(text: str, field: str, *, limit: int = MAX_TEXT, required: bool = True) -> str:
    cleaned = clean_text(text)
    if required and not cleaned:
        raise ValidationError("write something first (an empty entry is not kept)", field=field)
    if len(cleaned) > limit:
        raise ValidationError(
            f"{len(cleaned):,} characters is too long (at most {limit:,})", field=field
        )
    return cleaned


def _default_report_of(ws: Workspace, item_id: int) -> str:
    report_id = records.get(ws, "agenda_items", item_id)["report_id"]
    if report_id is None:
        return ""
    author = str(records.get(ws, "reports", report_id)["report_of"]).strip()
    return f"Report of the {author}" if author else ""


def view(ws: Workspace, item_id: int) -> MinutesView:
    """The item's minutes for the editor; an empty draft headed with the item's title when there
    are none yet (nothing is written until the officer types)."""
    item = records.get(ws, "agenda_items", item_id)
    meeting = meeting_store.meeting_details(ws, item["meeting_id"])
    status = meeting.approval_text
    minutes_id = store.minutes_id_for_item(ws, item_id)
    if minutes_id is None:
        return MinutesView(
            agenda_item_id=item_id,
            minutes_id=None,
            heading=item["title"],
            report_of=_default_report_of(ws, item_id),
            marked={},
            tracked={},
            locked=meeting.locked,
            status_text=status,
        )
    row = records.get(ws, "minutes", minutes_id)
    if row["revision"] > 1:
        status += f" · corrected (revision {row['revision']})"
    return MinutesView(
        agenda_item_id=item_id,
        minutes_id=minutes_id,
        heading=row["heading"],
        report_of=row["report_of"],
        paragraphs=_lines(ws, minutes_id, "paragraphs"),
        bullets=_lines(ws, minutes_id, "bullets"),
        resolutions=store.resolution_tree(ws, minutes_id),
        marked=store.marked_resolutions(ws, minutes_id),
        tracked={
            rec["resolution_id"]: rec["reference"]
            for rec in store.tracked_recommendations(ws, minutes_id)
        },
        locked=meeting.locked,
        status_text=status,
        revision=row["revision"],
    )


def _lines(ws: Workspace, minutes_id: int, part: str) -> tuple[tuple[int, str], ...]:
    return tuple(
        (row["id"], row["text"])
        for row in ordered_rows(ws, PARTS[part], {"minutes_id": minutes_id})
    )


def unlocked_item(ws: Workspace, item_id: int) -> MeetingDetails:
    return check_unlocked(ws, meeting_store.item_meeting_id(ws, item_id))


def ensure_minutes(ws: Workspace, item_id: int) -> tuple[int, list[Change]]:
    """The item's minutes id, creating the minutes (undoably) when the first thing is written."""
    existing = store.minutes_id_for_item(ws, item_id)
    if existing is not None:
        return existing, []
    item = records.get(ws, "agenda_items", item_id)
    created = edits.inserted(
        ws,
        "minutes",
        {
            "agenda_item_id": item_id,
            "heading": item["title"],
            "report_of": _default_report_of(ws, item_id),
            "updated_at": now_text(),
        },
        MINUTES,
    )
    return next(iter(created.ids)), [created]


def _with_minutes(changes: list[Change], minutes_id: int) -> Change:
    change = edits.combined(changes)
    return Change(change.kinds | {MINUTES}, frozenset({minutes_id}), change.undo)


def set_heading(ws: Workspace, item_id: int, text: str) -> Change:
    unlocked_item(ws, item_id)
    cleaned = check_text(text, "heading", limit=MAX_LINE, required=False)
    with ws.atomic():
        minutes_id, changes = ensure_minutes(ws, item_id)
        changes.append(edits.updated(ws, "minutes", minutes_id, {"heading": cleaned}, MINUTES))
    return _with_minutes(changes, minutes_id)


def set_report_of(ws: Workspace, item_id: int, text: str) -> Change:
    unlocked_item(ws, item_id)
    cleaned = check_text(text, "report of", limit=MAX_LINE, required=False)
    with ws.atomic():
        minutes_id, changes = ensure_minutes(ws, item_id)
        changes.append(edits.updated(ws, "minutes", minutes_id, {"report_of": cleaned}, MINUTES))
    return _with_minutes(changes, minutes_id)


def _part(part: str) -> str:
    if part not in PARTS:
        raise ValueError(part)
    return PARTS[part]


def add_line(ws: Workspace, item_id: int, part: str, text: str, *, at: int | None = None) -> Change:
    """Add a narrative paragraph (`part="paragraphs"`) or a bullet (`"bullets"`) at index `at`."""
    table = _part(part)
    unlocked_item(ws, item_id)
    cleaned = check_text(text, part.rstrip("s"))
    with ws.atomic():
        minutes_id, changes = ensure_minutes(ws, item_id)
        added = ordered.add(
            ws, table, {"minutes_id": minutes_id}, {"text": cleaned}, (MINUTES,), at=at
        )
        changes.append(added)
    change = edits.combined(changes)
    return Change(change.kinds, added.ids, change.undo)


def _line_item(ws: Workspace, part: str, row_id: int) -> int:
    minutes_id = records.get(ws, _part(part), row_id)["minutes_id"]
    item_id = store.item_of_minutes(ws, minutes_id)
    unlocked_item(ws, item_id)
    return item_id


def edit_line(ws: Workspace, part: str, row_id: int, text: str) -> Change:
    _line_item(ws, part, row_id)
    cleaned = check_text(text, part.rstrip("s"))
    return edits.updated(ws, _part(part), row_id, {"text": cleaned}, MINUTES)


def delete_line(ws: Workspace, part: str, row_id: int) -> Change:
    _line_item(ws, part, row_id)
    return ordered.remove(ws, _part(part), row_id, ("minutes_id",), MINUTES)


def move_line(ws: Workspace, part: str, row_id: int, index: int) -> Change:
    """Drag a paragraph or bullet to `index`."""
    _line_item(ws, part, row_id)
    return ordered.move_to(ws, _part(part), row_id, ("minutes_id",), index, MINUTES)


def move_line_by(ws: Workspace, part: str, row_id: int, delta: int) -> Change:
    _line_item(ws, part, row_id)
    return ordered.move_by(ws, _part(part), row_id, ("minutes_id",), delta, MINUTES)


# writing whole minutes (imports and corrections) ------------------------------------------------


def _sync_lines(ws: Workspace, minutes_id: int, part: str, texts: tuple[str, ...]) -> list[Change]:
    table = PARTS[part]
    rows = ordered_rows(ws, table, {"minutes_id": minutes_id})
    changes = []
    for index, text in enumerate(texts):
        if index < len(rows):
            if rows[index]["text"] != text:
                changes.append(edits.updated(ws, table, rows[index]["id"], {"text": text}, MINUTES))
        else:
            changes.append(
                edits.inserted(
                    ws,
                    table,
                    {"minutes_id": minutes_id, "position": index, "text": text},
                    MINUTES,
                )
            )
    for row in reversed(rows[len(texts) :]):
        changes.append(edits.deleted(ws, table, row["id"], MINUTES))
    return changes


def _sync_tree(
    ws: Workspace, minutes_id: int, old: Tree, new: Tree, parent_id: int | None
) -> list[Change]:
    """Write `new` over `old` keeping the ids of resolutions at the same place, so a correction
    that changes a word leaves tracked recommendations linked to their resolutions."""
    changes = []
    for index, node in enumerate(new):
        if index < len(old):
            key = int(str(old[index].key))
            if old[index].text != node.text:
                changes.append(edits.updated(ws, "resolutions", key, {"text": node.text}, MINUTES))
            changes += _sync_tree(ws, minutes_id, old[index].children, node.children, key)
        else:
            added = edits.inserted(
                ws,
                "resolutions",
                {
                    "minutes_id": minutes_id,
                    "parent_id": parent_id,
                    "position": index,
                    "text": node.text,
                },
                MINUTES,
            )
            changes.append(added)
            new_id = next(iter(added.ids))
            changes += _sync_tree(ws, minutes_id, (), node.children, new_id)
    for gone in reversed(old[len(new) :]):
        changes.append(edits.deleted(ws, "resolutions", int(str(gone.key)), MINUTES))
    return changes


def write_minutes(ws: Workspace, minutes_id: int, new: Minutes) -> list[Change]:
    """Make the stored minutes say what `new` says, changing only what differs (no lock check:
    callers check the lock or record a revision)."""
    cleaned = Minutes(
        agenda_item_id=new.agenda_item_id,
        heading=check_text(new.heading, "heading", limit=MAX_LINE, required=False),
        report_of=check_text(new.report_of, "report of", limit=MAX_LINE, required=False),
        paragraphs=tuple(check_text(text, "paragraph") for text in new.paragraphs),
        bullets=tuple(check_text(text, "bullet") for text in new.bullets),
        resolutions=_clean_tree(new.resolutions),
    )
    row = records.get(ws, "minutes", minutes_id)
    changes = []
    fields = {
        name: value
        for name, value in (("heading", cleaned.heading), ("report_of", cleaned.report_of))
        if row[name] != value
    }
    if fields:
        changes.append(edits.updated(ws, "minutes", minutes_id, fields, MINUTES))
    changes += _sync_lines(ws, minutes_id, "paragraphs", cleaned.paragraphs)
    changes += _sync_lines(ws, minutes_id, "bullets", cleaned.bullets)
    old_tree = store.resolution_tree(ws, minutes_id)
    changes += _sync_tree(ws, minutes_id, old_tree, cleaned.resolutions, None)
    return changes


def _clean_tree(nodes: Tree) -> Tree:
    return tuple(
        Node(node.key, check_text(node.text, "resolution"), _clean_tree(node.children))
        for node in nodes
    )
