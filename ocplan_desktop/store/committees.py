"""Committees, their members, and the people (councillors and officers) the workspace knows."""

from __future__ import annotations

from collections.abc import Iterable

from ocplan_desktop.domain.meetings import Committee, Person
from ocplan_desktop.store import records
from ocplan_desktop.store.rowtypes import build
from ocplan_desktop.store.workspace import Workspace


def add_committee(
    ws: Workspace,
    name: str,
    short_name: str = "",
    kind: str = "committee",
    year_starts_month: int = 5,
) -> int:
    return records.insert(
        ws,
        "committees",
        {
            "name": name,
            "short_name": short_name,
            "kind": kind,
            "year_starts_month": year_starts_month,
        },
    )


def list_committees(ws: Workspace) -> list[Committee]:
    return [
        Committee(
            row["id"],
            row["name"],
            row["short_name"],
            row["kind"],
            row["year_starts_month"],
            row["notes"],
        )
        for row in ws.query("SELECT * FROM committees ORDER BY name")
    ]


def committee_by_name(ws: Workspace, name: str) -> Committee | None:
    for committee in list_committees(ws):
        if committee.name.casefold() == name.strip().casefold() or (
            committee.short_name and committee.short_name.casefold() == name.strip().casefold()
        ):
            return committee
    return None


def add_person(ws: Workspace, name: str, **fields: str) -> int:
    return records.insert(ws, "people", {"name": name, **fields})


def list_people(ws: Workspace, kind: str | None = None) -> list[Person]:
    if kind:
        rows = ws.query("SELECT * FROM people WHERE kind = ? ORDER BY name", (kind,))
    else:
        rows = ws.query("SELECT * FROM people ORDER BY name")
    return [build(Person, row) for row in rows]


def add_member(ws: Workspace, committee_id: int, person_id: int, role: str = "member") -> None:
    with ws.atomic() as db:
        db.table("committee_members").insert(
            {"committee_id": committee_id, "person_id": person_id, "role": role}
        )
        records.audit(
            ws,
            "insert",
            "committee_members",
            None,
            None,
            {"committee_id": committee_id, "person_id": person_id, "role": role},
        )


def members(ws: Workspace, committee_id: int) -> list[tuple[Person, str]]:
    rows = ws.query(
        "SELECT people.*, committee_members.role AS member_role FROM committee_members "
        "JOIN people ON people.id = committee_members.person_id "
        "WHERE committee_members.committee_id = ? ORDER BY people.name",
        (committee_id,),
    )
    result = []
    for row in rows:
        role = row.pop("member_role")
        result.append((build(Person, row), role))
    return result


def set_standing_items(ws: Workspace, committee_id: int, titles: Iterable[str]) -> None:
    with ws.atomic():
        for row in ws.query(
            "SELECT id FROM standing_items WHERE committee_id = ?", (committee_id,)
        ):
            records.delete(ws, "standing_items", row["id"])
        for position, title in enumerate(titles):
            records.insert(
                ws,
                "standing_items",
                {"committee_id": committee_id, "position": position, "title": title},
            )


def standing_items(ws: Workspace, committee_id: int) -> list[str]:
    return [
        row["title"]
        for row in ws.query(
            "SELECT title FROM standing_items WHERE committee_id = ? ORDER BY position",
            (committee_id,),
        )
    ]


def remove_member(ws: Workspace, committee_id: int, person_id: int) -> str | None:
    """Take a person off a committee; returns the role they had (None if they were not on it)."""
    with ws.atomic() as db:
        role = ws.scalar(
            "SELECT role FROM committee_members WHERE committee_id = ? AND person_id = ?",
            (committee_id, person_id),
        )
        if role is None:
            return None
        db.execute(
            "DELETE FROM committee_members WHERE committee_id = ? AND person_id = ?",
            (committee_id, person_id),
        )
        records.audit(
            ws,
            "delete",
            "committee_members",
            None,
            {"committee_id": committee_id, "person_id": person_id, "role": role},
            None,
        )
    return str(role)


def get_committee(ws: Workspace, committee_id: int) -> Committee:
    row = records.get(ws, "committees", committee_id)
    return Committee(
        row["id"],
        row["name"],
        row["short_name"],
        row["kind"],
        row["year_starts_month"],
        row["notes"],
    )


def committee_named(ws: Workspace, name: str) -> int | None:
    value = ws.scalar("SELECT id FROM committees WHERE name = ? COLLATE NOCASE", (name.strip(),))
    return None if value is None else int(value)
