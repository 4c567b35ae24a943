"""Minutes become a record: approved at a later meeting, then locked; corrected only as a new,
visible revision (who, when, why) with the approved text kept readable; and imported from text.

Revision 1 of an item's minutes is the text as approved; each correction adds the next revision with
a snapshot of the corrected text, so every version can be read again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.minutes import Minutes, Revision, from_snapshot, snapshot_text
from ocplan_desktop.services import edits
from ocplan_desktop.services import meetings as meeting_service
from ocplan_desktop.services.change import AGENDA, MEETINGS, MINUTES, RECOMMENDATIONS, Change
from ocplan_desktop.services.meetings import check_unlocked
from ocplan_desktop.services.minutes import ensure_minutes, write_minutes
from ocplan_desktop.services.resolutions import removed_keys, sync_tracking, untrack
from ocplan_desktop.store import committees as committee_store
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store import minutes as store
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace, now_text

MAX_REASON = 2000


def approve(ws: Workspace, meeting_id: int, approving_meeting_id: int) -> Change:
    """Record the meeting's minutes as approved at a later meeting (on that meeting's date); from
    then on they are locked, and the approved text of each item is kept as revision 1."""
    meeting = check_unlocked(ws, meeting_id).meeting
    if meeting.status != "held":
        raise ValidationError(
            f"{meeting.title} is {meeting.status}: only the minutes of a meeting that was held "
            "can be approved"
        )
    approving = meeting_store.get_meeting(ws, approving_meeting_id)
    if (approving.date, approving.id) <= (
        meeting.date,
        meeting.id,
    ) or approving.date <= meeting.date:
        raise ValidationError(
            f"minutes are approved at a later meeting: {approving.title} is not after "
            f"{meeting.title}",
            field="approved at",
        )
    if approving.status == "cancelled":
        raise ValidationError(f"{approving.title} was cancelled", field="approved at")
    with ws.atomic():
        changes = [
            edits.updated(
                ws,
                "meetings",
                meeting_id,
                {
                    "minutes_status": "approved",
                    "minutes_approved_meeting_id": approving_meeting_id,
                    "minutes_approved_on": approving.date,
                },
                MEETINGS,
                MINUTES,
            )
        ]
        reason = f"Approved at {approving.title}"
        for minutes_id in store.meeting_minutes_ids(ws, meeting_id):
            changes += _record_revision(ws, minutes_id, reason, at=approving.date)
    change = edits.combined(changes)
    return Change(change.kinds | {MEETINGS, MINUTES, AGENDA}, frozenset({meeting_id}), change.undo)


def _current(ws: Workspace, minutes_id: int) -> Minutes:
    item_id = store.item_of_minutes(ws, minutes_id)
    minutes = store.load_minutes(ws, item_id)
    assert minutes is not None
    return minutes


def _record_revision(
    ws: Workspace, minutes_id: int, reason: str, *, at: str | None = None
) -> list[Change]:
    """Snapshot the minutes as they now stand as their next revision."""
    number = int(records.get(ws, "minutes", minutes_id)["revision"]) + 1
    snapshot = snapshot_text(_current(ws, minutes_id))
    return [
        edits.inserted(
            ws,
            "minute_revisions",
            {
                "minutes_id": minutes_id,
                "revision": number,
                "created_at": at or now_text(),
                "created_by": ws.user,
                "reason": reason,
                "snapshot": snapshot,
            },
            MINUTES,
        ),
        edits.updated(
            ws, "minutes", minutes_id, {"revision": number, "updated_at": now_text()}, MINUTES
        ),
    ]


def revise(ws: Workspace, item_id: int, corrected: Minutes, reason: str) -> Change:
    """Correct approved minutes: the correction becomes the next revision, with who made it, when
    and why; the approved text (revision 1) and every earlier revision stay readable."""
    meeting = meeting_store.meeting_details(ws, meeting_store.item_meeting_id(ws, item_id))
    if not meeting.locked:
        raise ValidationError(
            "these minutes are still a draft: edit them directly (corrections are for approved minutes)"
        )
    why = " ".join(reason.split())
    if not why:
        raise ValidationError("say why the approved minutes are being corrected", field="reason")
    if len(why) > MAX_REASON:
        raise ValidationError(f"at most {MAX_REASON:,} characters", field="reason")
    minutes_id = store.minutes_id_for_item(ws, item_id)
    if minutes_id is None:
        raise ValidationError("this item has no minutes to correct")
    with ws.atomic():
        changes: list[Change] = []
        if not store.revisions(ws, minutes_id):  # approved before revisions were kept
            approved = f"Approved at {meeting.approved_at}" if meeting.approved_at else "Approved"
            changes += _record_revision(ws, minutes_id, approved, at=meeting.approved_on)
        old_tree = store.resolution_tree(ws, minutes_id)
        changes += untrack(ws, minutes_id, removed_keys(old_tree, corrected.resolutions))
        written = write_minutes(ws, minutes_id, corrected)
        if not written:
            raise ValidationError("the correction changes nothing: edit the text first")
        changes += written
        changes += sync_tracking(ws, minutes_id)
        changes += _record_revision(ws, minutes_id, why)
    change = edits.combined(changes)
    return Change(change.kinds | {MINUTES}, frozenset({minutes_id}), change.undo)


def history(ws: Workspace, item_id: int) -> list[Revision]:
    """Every recorded revision of the item's minutes, oldest (the approved text) first."""
    minutes_id = store.minutes_id_for_item(ws, item_id)
    if minutes_id is None:
        return []
    return [
        Revision(
            revision=row["revision"],
            created_at=row["created_at"],
            created_by=row["created_by"],
            reason=row["reason"],
            minutes=from_snapshot(row["snapshot"], item_id, row["revision"]),
        )
        for row in store.revisions(ws, minutes_id)
    ]


def revision_caption(revision: Revision) -> str:
    """`Revision 2 · 3 July 2024 · jsmith · Councillor's name misspelt`."""
    when = format_date(revision.created_at[:10]) if revision.created_at else ""
    parts = [f"Revision {revision.revision}", when, revision.created_by, revision.reason]
    return " · ".join(part for part in parts if part)


# imports ---------------------------------------------------------------------------------------


def suggest_body(ws: Workspace, text: str) -> int | None:
    """The committee a resolution sends its lettered items to, from its words ("submitted to
    Cabinet for consideration"); None when it names no other body."""
    for committee in committee_store.list_committees(ws):
        names = [committee.name] + ([committee.short_name] if committee.short_name else [])
        for name in names:
            if re.search(rf"\bto\s+(?:the\s+)?{re.escape(name)}\b", text, re.IGNORECASE):
                return committee.id
    return None


def import_into_item(
    ws: Workspace,
    item_id: int,
    parsed: Minutes,
    recommendations_to: dict[int, int] | None = None,
    minute_number: str = "",
) -> Change:
    """Put recognised minutes into an item's draft, replacing what the draft said. Resolutions
    whose index is in `recommendations_to` are marked as recommendations to that committee. A
    minute number read from the pasted page becomes the item's number when it has none yet (a
    number the item already has is kept: the preview shows both)."""
    meeting = check_unlocked(ws, meeting_store.item_meeting_id(ws, item_id))
    with ws.atomic():
        minutes_id, changes = ensure_minutes(ws, item_id)
        number = " ".join(minute_number.split())[:20]
        if number and not records.get(ws, "agenda_items", item_id)["minute_number"]:
            changes.append(
                edits.updated(ws, "agenda_items", item_id, {"minute_number": number}, AGENDA)
            )
        old_tree = store.resolution_tree(ws, minutes_id)
        changes += untrack(ws, minutes_id, removed_keys(old_tree, parsed.resolutions))
        changes += write_minutes(ws, minutes_id, parsed)
        tree = store.resolution_tree(ws, minutes_id)
        for index, node in enumerate(tree):
            target = (recommendations_to or {}).get(index)
            if target == meeting.meeting.committee_id:
                target = None
            current = records.get(ws, "resolutions", int(str(node.key)))["to_committee_id"]
            if current != target:
                changes.append(
                    edits.updated(
                        ws, "resolutions", int(str(node.key)), {"to_committee_id": target}, MINUTES
                    )
                )
        changes += sync_tracking(ws, minutes_id)
    change = edits.combined(changes)
    return Change(change.kinds | {MINUTES, RECOMMENDATIONS}, frozenset({minutes_id}), change.undo)


@dataclass(frozen=True)
class ImportResult:
    item_id: int
    item_title: str
    created_item: bool
    tracked: int
    change: Change
    minute_number: str = ""


def _normal(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.casefold())


def import_into_meeting(
    ws: Workspace, meeting_id: int, parsed: Minutes, minute_number: str = ""
) -> ImportResult:
    """Import minutes text into a meeting (the command line's way): into the agenda item whose
    title matches the heading, or a new item at the end; refused if that item's minutes already
    hold text, so nothing an officer wrote is overwritten without them seeing it."""
    check_unlocked(ws, meeting_id)
    wanted = _normal(parsed.heading)
    items = meeting_store.agenda(ws, meeting_id)
    match = next((item for item in items if wanted and _normal(item.title) == wanted), None)
    with ws.atomic():
        changes = []
        if match is None:
            added = meeting_service.add_item(ws, meeting_id, parsed.heading or "Imported minutes")
            changes.append(added)
            item_id = next(iter(added.ids))
        else:
            item_id = match.id
            existing = store.load_minutes(ws, item_id)
            if existing is not None and (
                existing.paragraphs or existing.bullets or existing.resolutions
            ):
                raise ValidationError(
                    f"item {match.item_number} ({match.title}) already has minutes: "
                    "import into it from the window, where the replacement can be checked first"
                )
        before = len(store.tracked_recommendations(ws, store.minutes_id_for_item(ws, item_id) or 0))
        targets = {
            index: committee
            for index, node in enumerate(parsed.resolutions)
            if node.children and (committee := suggest_body(ws, node.text)) is not None
        }
        changes.append(import_into_item(ws, item_id, parsed, targets, minute_number))
        minutes_id = store.minutes_id_for_item(ws, item_id) or 0
        tracked = len(store.tracked_recommendations(ws, minutes_id)) - before
    row = records.get(ws, "agenda_items", item_id)
    return ImportResult(
        item_id,
        str(row["title"]),
        match is None,
        tracked,
        edits.combined(changes),
        str(row["minute_number"] or ""),
    )
