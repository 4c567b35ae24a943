"""Committees, their members, and the standing items every new meeting of a committee starts with."""

from __future__ import annotations

from collections.abc import Sequence

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.meetings import Committee, CommitteeKind, Person
from ocplan_desktop.services import edits
from ocplan_desktop.services.change import COMMITTEES, MEETINGS, Change
from ocplan_desktop.store import committees as store
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace

ROLES = ("chair", "vice-chair", "member", "substitute", "co-opted member")


def list_committees(ws: Workspace) -> list[Committee]:
    return store.list_committees(ws)


def members(ws: Workspace, committee_id: int) -> list[tuple[Person, str]]:
    return store.members(ws, committee_id)


def people(ws: Workspace, kind: str | None = None) -> list[Person]:
    return store.list_people(ws, kind)


def standing_items(ws: Workspace, committee_id: int) -> list[str]:
    return store.standing_items(ws, committee_id)


def _name(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValidationError("a committee needs a name", field="name")
    if len(cleaned) > 200:
        raise ValidationError("at most 200 characters", field="name")
    return cleaned


def add_committee(
    ws: Workspace,
    name: str,
    short_name: str = "",
    kind: str = "committee",
    year_starts_month: int = 5,
) -> Change:
    cleaned = _name(name)
    if kind not in {item.value for item in CommitteeKind}:
        raise ValidationError(f"'{kind}' is not a kind of committee", field="kind")
    if not 1 <= year_starts_month <= 12:
        raise ValidationError("a month is 1 to 12", field="municipal year starts")
    if store.committee_named(ws, cleaned) is not None:
        raise ValidationError(f"there is already a committee called {cleaned}", field="name")
    return edits.inserted(
        ws,
        "committees",
        {
            "name": cleaned,
            "short_name": " ".join(short_name.split())[:20],
            "kind": kind,
            "year_starts_month": year_starts_month,
        },
        COMMITTEES,
    )


def rename_committee(ws: Workspace, committee_id: int, name: str, short_name: str) -> Change:
    cleaned = _name(name)
    other = store.committee_named(ws, cleaned)
    if other is not None and other != committee_id:
        raise ValidationError(f"there is already a committee called {cleaned}", field="name")
    return edits.updated(
        ws,
        "committees",
        committee_id,
        {"name": cleaned, "short_name": " ".join(short_name.split())[:20]},
        COMMITTEES,
        MEETINGS,
    )


def _member_change(ws: Workspace, committee_id: int, person_id: int, role: str | None) -> Change:
    """Set a person's role on the committee (None takes them off); undo puts the old role back."""
    with ws.atomic():
        old = store.remove_member(ws, committee_id, person_id)
        if role is not None:
            store.add_member(ws, committee_id, person_id, role)
    return Change.of(
        COMMITTEES,
        MEETINGS,
        ids={committee_id},
        undo=lambda w: _member_change(w, committee_id, person_id, old),
    )


def set_member(ws: Workspace, committee_id: int, person_id: int, role: str = "member") -> Change:
    """Add a person to the committee, or change their role on it."""
    records.get(ws, "committees", committee_id)
    records.get(ws, "people", person_id)
    if role not in ROLES:
        raise ValidationError(f"'{role}' is not a role on a committee", field="role")
    return _member_change(ws, committee_id, person_id, role)


def remove_member(ws: Workspace, committee_id: int, person_id: int) -> Change:
    return _member_change(ws, committee_id, person_id, None)


def _template_change(ws: Workspace, committee_id: int, titles: Sequence[str]) -> Change:
    old = store.standing_items(ws, committee_id)
    store.set_standing_items(ws, committee_id, titles)
    return Change.of(
        COMMITTEES,
        ids={committee_id},
        undo=lambda w: _template_change(w, committee_id, old),
    )


def set_standing_items(ws: Workspace, committee_id: int, titles: Sequence[str]) -> Change:
    """The committee's template: the items a new meeting of it starts with, in order."""
    records.get(ws, "committees", committee_id)
    cleaned = [" ".join(title.split()) for title in titles]
    if any(not title for title in cleaned):
        raise ValidationError("a standing item needs a title", field="standing items")
    if any(len(title) > 500 for title in cleaned):
        raise ValidationError("at most 500 characters", field="standing items")
    return _template_change(ws, committee_id, cleaned)
