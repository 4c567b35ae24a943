"""Checking one row of a tracker file against the workspace: each cell read, each name looked up,
the same rules as an edit in the window. Errors are collected per field so the preview can list every
reason a row is refused, not only the first."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ocplan_desktop.domain.dates import format_date, iso_date, parse_date
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.recommendations import (
    SHORT_LIMIT,
    RecommendationStatus,
    Response,
    category_for,
    check_category,
    check_dates,
    clean_text,
)
from ocplan_desktop.store import committees as committee_store
from ocplan_desktop.store import recommendations as store
from ocplan_desktop.store.workspace import Workspace

T = TypeVar("T")
_MEETING = re.compile(
    r"^(?P<body>.*?)[\s,]+(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4})$"
)
_FAILED = object()


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Lookups:
    """What cells are matched against: bodies, people, meetings and the recommendations there are."""

    committees: dict[str, int]
    committee_names: tuple[str, ...]
    people: dict[str, int]
    meetings: dict[tuple[int, str], int]
    meeting_dates: dict[int, str]
    existing: dict[str, dict[str, Any]]
    # Every progress update each recommendation has (date, text): a file's update already among
    # them is not added again, even when it is no longer the latest (an import's own "Status
    # changed" line comes after it).
    updates: dict[int, list[tuple[str, str]]]

    @property
    def by_id(self) -> dict[int, dict[str, Any]]:
        return {int(row["id"]): row for row in self.existing.values()}


def load_lookups(ws: Workspace) -> Lookups:
    committees = committee_store.list_committees(ws)
    names: dict[str, int] = {}
    for committee in committees:
        names[_key(committee.name)] = committee.id
        if committee.short_name:
            names.setdefault(_key(committee.short_name), committee.id)
    people: dict[str, int] = {}
    for person in committee_store.list_people(ws):
        people.setdefault(_key(person.display_name), person.id)
        people.setdefault(_key(person.name), person.id)
    meetings = store.meeting_ids_by_body_and_date(ws)
    return Lookups(
        committees=names,
        committee_names=tuple(committee.name for committee in committees),
        people=people,
        meetings=meetings,
        meeting_dates={meeting_id: date for (_body, date), meeting_id in meetings.items()},
        existing=store.by_reference(ws),
        updates=store.update_texts(ws),
    )


@dataclass
class RowPlan:
    record_id: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)
    progress_update: tuple[str, str] | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)


_DEFAULTS: dict[str, Any] = {
    "from_committee_id": None,
    "from_meeting_id": None,
    "from_date": None,
    "response": Response.AWAITING.value,
    "response_text": "",
    "response_meeting_id": None,
    "response_item": "",
    "response_date": None,
    "lead_officer_id": None,
    "cabinet_member_id": None,
    "due_date": None,
    "status": RecommendationStatus.OPEN.value,
}


# What people write in a person's column when there is nobody (yet): not a person to add.
NOBODY = {
    "n/a",
    "na",
    "-",
    "–",
    "—",
    "tbc",
    "tba",
    "to be confirmed",
    "none",
    "nobody",
    "unknown",
    "?",
}


def check_row(
    cells: dict[str, str], lookups: Lookups, today: dt.date, *, blank_clears: bool = False
) -> RowPlan:
    """Check the cells of one row (our column name → text). Columns missing from the file, and
    empty cells, leave a stored recommendation's fields as they are, unless `blank_clears` (then an
    empty cell clears the field, except the text, to_body and category every recommendation
    needs). For a new recommendation an empty response is awaiting, an empty status open, its
    category comes from its opening verb. "N/A", "-", "TBC" in a person's column mean nobody."""
    plan = RowPlan()

    def read(name: str, convert: Callable[[str], T]) -> T | object:
        try:
            return convert(cells[name])
        except ValidationError as error:
            plan.errors.append((name, error.reason))
            return _FAILED

    values: dict[str, Any] = {}
    reference = read(
        "reference", lambda t: clean_text(t, field="", required=True, limit=SHORT_LIMIT)
    )
    existing = lookups.existing.get(_key(str(reference))) if reference is not _FAILED else None
    creating = existing is None
    if reference is not _FAILED:
        values["reference"] = reference
    if not creating and not blank_clears:
        # A blank cell in an update leaves the stored value alone.
        cells = {name: text for name, text in cells.items() if text.strip() or name == "reference"}
    for name, column, convert in (
        ("text", "text", lambda t: clean_text(t, field="", required=True)),
        ("from_body", "from_committee_id", lambda t: _committee(t, lookups, required=False)),
        ("from_date", "from_date", lambda t: iso_date(t)),
        ("to_body", "to_committee_id", lambda t: _committee(t, lookups, required=True)),
        ("response", "response", lambda t: Response.from_text(t).value if t else "awaiting"),
        ("response_text", "response_text", lambda t: clean_text(t, field="")),
        ("response_meeting", "response_meeting_id", lambda t: _meeting(t, lookups)),
        ("response_item", "response_item", lambda t: clean_text(t, field="", limit=SHORT_LIMIT)),
        ("response_date", "response_date", lambda t: iso_date(t)),
        ("due_date", "due_date", lambda t: iso_date(t)),
        ("status", "status", lambda t: RecommendationStatus.from_text(t).value if t else "open"),
    ):
        if name in cells and not creating and name in ("text", "to_body") and not cells[name]:
            continue  # an empty cell cannot clear what every recommendation must have
        if name in cells:
            value = read(name, convert)
            if value is not _FAILED:
                values[column] = value
        elif creating and name in ("text", "to_body"):
            plan.errors.append((name, "a new recommendation needs this column"))
    for name, column in (
        ("lead_officer", "lead_officer_id"),
        ("cabinet_member", "cabinet_member_id"),
    ):
        if name in cells:
            person = _key(cells[name])
            if len(cells[name]) > SHORT_LIMIT:
                plan.errors.append((name, f"is longer than {SHORT_LIMIT} characters"))
            elif not person or person.strip(" .") in NOBODY:
                values[column] = None
            elif person in lookups.people:
                values[column] = lookups.people[person]
            else:
                plan.people[column] = " ".join(cells[name].split())
    if "category" in cells and cells["category"]:
        category = read("category", lambda t: check_category(t, field=""))
        if category is not _FAILED:
            values["category"] = category
    elif creating:
        values["category"] = category_for(str(values.get("text", "")))
    moved = existing is None or any(
        name in values and not _same(existing.get(name), values[name])
        for name in ("from_committee_id", "from_date")
    )
    if {"from_body", "from_date"} & set(cells) and moved:
        # Made at another meeting than the one stored: link to that meeting where there is one.
        merged_from = {**_DEFAULTS, **(existing or {}), **values}
        values["from_meeting_id"] = lookups.meetings.get(
            (merged_from["from_committee_id"], merged_from["from_date"] or "")
        )
    if plan.errors:
        return plan
    merged = {**_DEFAULTS, **(existing or {}), **values}
    _settle_response(merged, values, lookups, plan)
    try:
        check_dates("", merged["from_date"], merged["response_date"], merged["due_date"], today)
    except ValidationError as error:
        plan.errors.append((str(error.field), error.reason.removeprefix(": ")))
    plan.progress_update = _progress_update(cells, existing, merged, lookups, today, plan)
    if plan.errors:
        return plan
    if creating:
        plan.values = merged
        return plan
    assert existing is not None
    plan.record_id = int(existing["id"])
    plan.values = {
        name: value
        for name, value in merged.items()
        if name in values or name in ("response_date", "response_meeting_id", "response_item")
        if not _same(existing.get(name), value)
    }
    return plan


def _settle_response(
    merged: dict[str, Any], values: dict[str, Any], lookups: Lookups, plan: RowPlan
) -> None:
    """The same rules as an edit: no date without a response; a meeting gives its date."""
    if merged["response"] == Response.AWAITING.value:
        if values.get("response_date") or values.get("response_meeting_id") is not None:
            plan.errors.append(("response", "give the response too, not only when it was given"))
        merged.update(response_date=None, response_meeting_id=None, response_item="")
    elif not merged["response_date"] and merged["response_meeting_id"] is not None:
        merged["response_date"] = lookups.meeting_dates.get(merged["response_meeting_id"])


def _progress_update(
    cells: dict[str, str],
    existing: dict[str, Any] | None,
    merged: dict[str, Any],
    lookups: Lookups,
    today: dt.date,
    plan: RowPlan,
) -> tuple[str, str] | None:
    """A new progress-log line when the file's latest update differs from the stored latest one."""
    text = cells.get("latest_update", "")
    date_text = cells.get("latest_update_date", "")
    if not text:
        if date_text:
            plan.errors.append(("latest_update", "the update's date is given without its text"))
        return None
    try:
        clean = clean_text(text, field="")
        day = iso_date(date_text) or today.isoformat()
    except ValidationError as error:
        name = "latest_update_date" if date_text and "date" in error.reason else "latest_update"
        plan.errors.append((name, error.reason))
        return None
    if day > today.isoformat():
        plan.errors.append(("latest_update_date", f"{format_date(day)} is after today"))
        return None
    if merged["from_date"] and day < merged["from_date"]:
        plan.errors.append(
            ("latest_update_date", "an update cannot be dated before the recommendation was made")
        )
        return None
    if existing is not None:
        for stored_date, stored_text in lookups.updates.get(int(existing["id"]), []):
            if stored_text and _same(stored_text, clean) and (not date_text or stored_date == day):
                return None
    return (day, clean)


def _committee(text: str, lookups: Lookups, *, required: bool) -> int | None:
    if not text:
        if required:
            raise ValidationError("cannot be empty: name the body (for example Cabinet)")
        return None
    found = lookups.committees.get(_key(text))
    if found is None:
        raise ValidationError(
            f"'{_short(text)}' is not a body in this workspace "
            f"({', '.join(lookups.committee_names) or 'there are none yet'})"
        )
    return found


def _meeting(text: str, lookups: Lookups) -> int | None:
    """`Cabinet 2023-02-14` or `Cabinet, 14 February 2023` → that meeting's id."""
    if not text:
        return None
    match = _MEETING.match(" ".join(text.split()))
    if match is None:
        raise ValidationError(
            f"'{_short(text)}' does not name a meeting (write the body and the date, "
            "for example Cabinet 2023-02-14)"
        )
    committee = _committee(match["body"].strip(" ,"), lookups, required=True)
    day = parse_date(match["date"]).isoformat()
    found = lookups.meetings.get((committee or 0, day))
    if found is None:
        raise ValidationError(
            f"there is no meeting of {match['body'].strip(' ,')} on {format_date(day)}"
        )
    return found


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return clean_text(old, field="", limit=10**9) == new
    return bool(old in (None, "") and new in (None, "")) or old == new


def _short(text: str) -> str:
    cleaned = " ".join(text.split())
    return cleaned if len(cleaned) <= 40 else cleaned[:37] + "…"
