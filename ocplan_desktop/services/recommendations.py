"""Recommendations sent to another body: creating them from minutes, recording responses and
progress, and reading one back with its history.

Edits return a `Change` whose undo puts every touched row back, so changing seven rows at once is one
step on the Edit menu.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ocplan_desktop.domain.dates import iso_date
from ocplan_desktop.domain.errors import NotFoundError, ValidationError
from ocplan_desktop.domain.numbering import letters
from ocplan_desktop.domain.recommendations import (
    RecommendationRow,
    RecommendationStatus,
    Response,
    category_for,
    check_changes,
    check_dates,
    clean_text,
    reference,
)
from ocplan_desktop.domain.tracker_report import RecommendationDetail
from ocplan_desktop.services import edits
from ocplan_desktop.services.backups import make_backup
from ocplan_desktop.services.change import RECOMMENDATIONS, Change
from ocplan_desktop.services.tracker_names import load_names
from ocplan_desktop.store import audit as audit_store
from ocplan_desktop.store import committees as committee_store
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store import minutes as minutes_store
from ocplan_desktop.store import recommendations as store
from ocplan_desktop.store.workspace import Workspace, now_text


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


BULK = 5  # changing this many recommendations at once is a bulk change


def update_recommendations(
    ws: Workspace, ids: Iterable[int], changes: Mapping[str, Any], *, today: dt.date
) -> Change:
    """Change the same fields of one or several recommendations, as one undoable edit.

    Giving a response fills in its date from the meeting it was given at (or today); setting a
    response back to awaiting clears its date and meeting. A status change is written into the
    progress log, dated today, so the log says when each recommendation moved on.
    """
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        raise ValidationError("choose at least one recommendation")
    clean = check_changes(changes)
    if not clean:
        raise ValidationError("nothing to change: no field was given")
    _check_targets(ws, clean, wanted)
    stored = store.stored_rows(ws, wanted)
    missing = [item for item in wanted if item not in stored]
    if missing:
        raise NotFoundError(f"there is no recommendation with id {missing[0]}")
    if len(wanted) >= BULK and not ws.db.conn.in_transaction:
        make_backup(ws, "before bulk change")  # undoable too, but a bulk change is worth a copy
    steps: list[Change] = []
    count = 0
    with ws.atomic():
        for row_id in wanted:
            before = stored[row_id]
            row_changes = settled_changes(ws, before, clean, today)
            if not row_changes:
                continue
            count += 1
            steps.append(
                edits.updated(
                    ws,
                    "recommendations",
                    row_id,
                    {**row_changes, "updated_at": now_text()},
                    RECOMMENDATIONS,
                )
            )
            if "status" in row_changes:
                steps.append(
                    status_logged(ws, row_id, before["status"], row_changes["status"], today)
                )
    if not steps:
        raise ValidationError("nothing changed: the recommendations already say that")
    return edits.combined(steps, f"Update {count} recommendation{'s' if count != 1 else ''}")


def settled_changes(
    ws: Workspace, before: Mapping[str, Any], clean: Mapping[str, Any], today: dt.date
) -> dict[str, Any]:
    """The fields that really change on one stored row, with the response rules applied and the
    dates checked."""
    merged = {**before, **clean}
    if merged["response"] == Response.AWAITING.value:
        if clean.get("response_date") or clean.get("response_meeting_id") is not None:
            raise ValidationError(
                f"{before['reference']}: give the response too, not only when it was given",
                field="response",
            )
        merged.update(response_date=None, response_meeting_id=None, response_item="")
    else:
        if clean.get("response_meeting_id") is not None and "response_date" not in clean:
            merged["response_date"] = meeting_store.get_meeting(
                ws, int(clean["response_meeting_id"])
            ).date
        if not merged.get("response_date") and "response" in clean:
            merged["response_date"] = today.isoformat()
    check_dates(
        str(before["reference"]),
        before.get("from_date"),
        merged.get("response_date"),
        merged.get("due_date"),
        today,
    )
    return {name: value for name, value in merged.items() if before.get(name) != value}


def status_logged(
    ws: Workspace, recommendation_id: int, old: str, new: str, today: dt.date
) -> Change:
    """The progress-log line that records a status change."""
    text = (
        f"Status changed from {RecommendationStatus(old).text.lower()} "
        f"to {RecommendationStatus(new).text.lower()}."
    )
    return edits.inserted(
        ws,
        "recommendation_updates",
        {
            "recommendation_id": recommendation_id,
            "date": today.isoformat(),
            "text": text,
            "author": ws.user,
            "status": new,
        },
        RECOMMENDATIONS,
    )


def _check_targets(ws: Workspace, clean: Mapping[str, Any], ids: list[int]) -> None:
    """Ids the edit points at exist, and a new reference belongs to no other recommendation."""
    if clean.get("to_committee_id") is not None:
        if int(clean["to_committee_id"]) not in {c.id for c in committee_store.list_committees(ws)}:
            raise NotFoundError(f"there is no committee with id {clean['to_committee_id']}")
    people = None
    for name in ("lead_officer_id", "cabinet_member_id"):
        if clean.get(name) is not None:
            people = people or {person.id for person in committee_store.list_people(ws)}
            if int(clean[name]) not in people:
                raise NotFoundError(f"there is no person with id {clean[name]}")
    if clean.get("response_meeting_id") is not None:
        meeting_store.get_meeting(ws, int(clean["response_meeting_id"]))
    if "reference" in clean:
        if len(ids) > 1:
            raise ValidationError("a reference belongs to one recommendation", field="reference")
        other = store.by_reference(ws).get(" ".join(str(clean["reference"]).split()).casefold())
        if other is not None and other["id"] != ids[0]:
            raise ValidationError(
                f"'{clean['reference']}' is already the reference of another recommendation",
                field="reference",
            )


def record_response(
    ws: Workspace,
    ids: Iterable[int],
    response: str,
    *,
    today: dt.date,
    text: str | None = None,
    meeting_id: int | None = None,
    item: str | None = None,
    date: str | None = None,
) -> Change:
    """The receiving body's response to one or several recommendations (Cabinet accepted all seven),
    with the meeting and item it was given at, which may be a later Scrutiny's matters arising."""
    changes: dict[str, Any] = {"response": response}
    if text is not None:
        changes["response_text"] = text
    if meeting_id is not None:
        changes["response_meeting_id"] = meeting_id
    if item is not None:
        changes["response_item"] = item
    if date is not None and date.strip():
        changes["response_date"] = date
    return update_recommendations(ws, ids, changes, today=today)


def add_progress_update(
    ws: Workspace,
    recommendation_id: int,
    date: str,
    text: str,
    *,
    today: dt.date,
    status: str | None = None,
    author: str | None = None,
) -> Change:
    """A dated entry in the progress log; with a status, the recommendation moves to it too."""
    row = store.get_recommendation(ws, recommendation_id)
    clean = clean_text(text, field="progress update", required=True)
    day = iso_date(date, field="date")
    if day is None:
        raise ValidationError("give the date of the update", field="date")
    if day > today.isoformat():
        raise ValidationError("a progress update cannot be dated after today", field="date")
    if row.from_date and day < row.from_date:
        raise ValidationError(
            "a progress update cannot be dated before the recommendation was made", field="date"
        )
    new_status = RecommendationStatus.from_text(status).value if status else None
    steps = []
    with ws.atomic():
        steps.append(
            edits.inserted(
                ws,
                "recommendation_updates",
                {
                    "recommendation_id": recommendation_id,
                    "date": day,
                    "text": clean,
                    "author": ws.user if author is None else author,
                    "status": new_status,
                },
                RECOMMENDATIONS,
            )
        )
        if new_status is not None and new_status != row.status:
            steps.append(
                edits.updated(
                    ws,
                    "recommendations",
                    recommendation_id,
                    {"status": new_status, "updated_at": now_text()},
                    RECOMMENDATIONS,
                )
            )
    return edits.combined(steps, "Add progress update")


def recommendation_detail(ws: Workspace, recommendation_id: int) -> RecommendationDetail:
    """One recommendation with its progress log and everything the audit trail says about it."""
    row = store.get_recommendation(ws, recommendation_id)
    names = load_names(ws)
    history = tuple(
        names.history_entry(entry)
        for entry in audit_store.record_history(ws, "recommendations", recommendation_id)
    )
    return RecommendationDetail(
        row=row,
        response_meeting=names.describe("response_meeting_id", row.response_meeting_id),
        updates=tuple(store.progress_updates(ws, recommendation_id)),
        history=tuple(entry for entry in history if entry.changes or entry.action != "update"),
    )


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


@dataclass(frozen=True)
class EditChoices:
    """What the edit dialog offers: meetings (newest first), people and bodies."""

    meetings: tuple[Choice, ...]
    people: tuple[Choice, ...]
    members: tuple[Choice, ...]
    bodies: tuple[Choice, ...]


def edit_choices(ws: Workspace) -> EditChoices:
    people = committee_store.list_people(ws)
    return EditChoices(
        meetings=tuple(
            Choice(meeting.id, meeting.title)
            for meeting in reversed(meeting_store.list_meetings(ws))
        ),
        people=tuple(Choice(person.id, person.display_name) for person in people),
        members=tuple(
            Choice(person.id, person.display_name) for person in people if person.kind == "member"
        ),
        bodies=tuple(Choice(c.id, c.name) for c in committee_store.list_committees(ws)),
    )


def meeting_items(ws: Workspace, meeting_id: int) -> list[str]:
    """The agenda item titles of a meeting, for saying where a response was given."""
    return [item.title for item in meeting_store.agenda(ws, meeting_id)]
