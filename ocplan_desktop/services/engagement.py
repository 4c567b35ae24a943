"""Engagement exercises and their responses: what the window and the command line read, and the
undoable edits an officer makes (exercises, responses, passing comments on)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ocplan_desktop.domain.dates import iso_date
from ocplan_desktop.domain.engagement import MAX_NAME, MAX_RESPONSE_TEXT, NOT_COLLECTED, Exercise
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.services import edits
from ocplan_desktop.services.change import EXERCISES, FEEDBACK, Change
from ocplan_desktop.store import engagement as store
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace


@dataclass(frozen=True, slots=True)  # slots: a page may hold 100,000 of them
class Response:
    id: int
    received_on: str | None
    channel: str
    ward: str
    respondent_type: str
    text: str
    themes: str
    passed_on_to: str
    passed_on_date: str | None = None
    exercise_id: int = 0
    exercise: str = ""
    channel_id: int | None = None
    ward_id: int | None = None
    respondent_type_id: int | None = None
    theme_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class ExerciseFields:
    """What an officer fills in for an exercise."""

    title: str
    purpose: str = ""
    opens_on: str | None = None
    closes_on: str | None = None
    target_groups: str = ""
    public_link: str = ""
    channel_ids: tuple[int, ...] = ()


def list_exercises(ws: Workspace) -> list[Exercise]:
    return store.list_exercises(ws)


def exercise_fields(ws: Workspace, exercise_id: int) -> ExerciseFields:
    row = store.exercise_row(ws, exercise_id)
    return ExerciseFields(
        row["title"],
        row["purpose"],
        row["opens_on"],
        row["closes_on"],
        row["target_groups"],
        row["public_link"],
        tuple(row["channel_ids"]),
    )


def responses(ws: Workspace, exercise_id: int | None = None) -> list[Response]:
    """An exercise's responses (or all), read row by row; an exercise may have 100,000."""
    once = _Once()
    return [_response(row, once) for row in store.feedback_rows(ws, exercise_id)]


def passed_on(ws: Workspace, exercise_id: int | None = None) -> list[Response]:
    """Everything passed on to another consultation (of one exercise, or of all)."""
    once = _Once()
    return [_response(row, once) for row in store.passed_on_rows(ws, exercise_id)]


def passed_on_targets(ws: Workspace) -> list[str]:
    return store.passed_on_targets(ws)


class _Once:
    """Values that repeat from response to response (a ward's name, a date, a set of themes) held
    once for all of them, rather than once per row as SQLite hands them over."""

    def __init__(self) -> None:
        self._values: dict[Any, Any] = {}
        self._theme_sets: dict[str, frozenset[int]] = {}

    def __call__(self, value: Any) -> Any:
        return self._values.setdefault(value, value)

    def theme_ids(self, text: str) -> frozenset[int]:
        found = self._theme_sets.get(text)
        if found is None:
            found = self._theme_sets[text] = frozenset(
                int(part) for part in text.split(",") if part
            )
        return found


def _response(row: dict[str, Any], once: _Once) -> Response:
    return Response(
        id=row["id"],
        received_on=once(row["received_on"]),
        channel=once(row["channel"]),
        ward=once(row["ward"]),
        respondent_type=once(row["respondent_type"]),
        text=row["text"],
        themes=once(row["themes"] or ""),
        passed_on_to=once(row["passed_on_to"]),
        passed_on_date=once(row.get("passed_on_date")),
        exercise_id=row.get("exercise_id", 0),
        exercise=once(row.get("exercise", "")),
        channel_id=row.get("channel_id"),
        ward_id=row.get("ward_id"),
        respondent_type_id=row.get("respondent_type_id"),
        theme_ids=once.theme_ids(str(row.get("theme_ids") or "")),
    )


@dataclass(frozen=True)
class ResponseFilter:
    """What the coding view narrows responses to; an empty field does not filter.

    `ward` may be `not collected`; `theme` may be `NO_THEME` for responses not yet coded;
    `passed_on` is True (only those passed on), False (only those not) or None (either).
    """

    text: str = ""
    channel: str = ""
    ward: str = ""
    respondent_type: str = ""
    theme: str = ""
    passed_on: bool | None = None


NO_THEME = "(not coded yet)"


def filter_responses(items: Iterable[Response], wanted: ResponseFilter) -> list[Response]:
    """Responses matching every field of the filter; the text is searched case-insensitively."""
    needle = wanted.text.casefold().strip()
    result = []
    for item in items:
        if wanted.channel and item.channel != wanted.channel:
            continue
        if wanted.ward and item.ward != wanted.ward:
            continue
        if wanted.respondent_type and item.respondent_type != wanted.respondent_type:
            continue
        if wanted.theme == NO_THEME:
            if item.themes:
                continue
        elif wanted.theme and wanted.theme not in item.themes.split("; "):
            continue
        if wanted.passed_on is not None and bool(item.passed_on_to) != wanted.passed_on:
            continue
        if needle and needle not in item.text.casefold():
            continue
        result.append(item)
    return result


# exercises -------------------------------------------------------------------------------------
def _checked_exercise(fields: ExerciseFields) -> dict[str, Any]:
    title = " ".join(fields.title.split())
    if not title:
        raise ValidationError("an exercise needs a title", field="title")
    if len(title) > 300:
        raise ValidationError("a title is at most 300 characters", field="title")
    opens = iso_date(fields.opens_on, field="opens on")
    closes = iso_date(fields.closes_on, field="closes on")
    if opens and closes and closes < opens:
        raise ValidationError("the exercise closes before it opens", field="closes on")
    link = fields.public_link.strip()
    if len(link) > 2000 or any(char.isspace() for char in link):
        raise ValidationError(
            "a link is one address without spaces, at most 2,000 characters", field="public link"
        )
    return {
        "title": title,
        "purpose": fields.purpose.strip(),
        "opens_on": opens,
        "closes_on": closes,
        "target_groups": fields.target_groups.strip(),
        "public_link": link,
    }


def add_exercise(ws: Workspace, fields: ExerciseFields) -> Change:
    """A new exercise with the channels it uses; undo removes it."""
    values = _checked_exercise(fields)
    with ws.atomic():
        change = edits.inserted(ws, "exercises", values, EXERCISES)
        exercise_id = next(iter(change.ids))
        store.set_exercise_channels(ws, exercise_id, fields.channel_ids)
    return change


def update_exercise(ws: Workspace, exercise_id: int, fields: ExerciseFields) -> Change:
    """Change an exercise's details and channels; undo puts back both."""
    values = _checked_exercise(fields)
    with ws.atomic():
        row_change = edits.updated(ws, "exercises", exercise_id, values, EXERCISES)
        channels = _channels_set(ws, exercise_id, fields.channel_ids)
    return edits.combined([row_change, channels], "edit exercise")


def _channels_set(ws: Workspace, exercise_id: int, channel_ids: Sequence[int]) -> Change:
    before = store.set_exercise_channels(ws, exercise_id, channel_ids)
    return Change.of(
        EXERCISES,
        ids={exercise_id},
        undo=lambda w: _channels_set(w, exercise_id, before),
    )


def delete_exercise(ws: Workspace, exercise_id: int) -> Change:
    """Remove an exercise and its responses; undo restores all of it with the same ids."""
    return edits.deleted(ws, "exercises", exercise_id, EXERCISES, FEEDBACK)


# responses -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ResponseFields:
    received_on: str | None = None
    channel_id: int | None = None
    ward_id: int | None = None  # None: not collected
    respondent_type_id: int | None = None
    text: str = ""


def _checked_response(fields: ResponseFields) -> dict[str, Any]:
    text = fields.text.strip()
    if len(text) > MAX_RESPONSE_TEXT:
        raise ValidationError(
            f"a response is at most {MAX_RESPONSE_TEXT:,} characters (this one has {len(text):,})",
            field="text",
        )
    return {
        "received_on": iso_date(fields.received_on, field="received"),
        "channel_id": fields.channel_id,
        "ward_id": fields.ward_id,
        "respondent_type_id": fields.respondent_type_id,
        "text": text,
    }


def add_response(
    ws: Workspace, exercise_id: int, fields: ResponseFields, theme_ids: Iterable[int] = ()
) -> Change:
    """Record one response by hand (a letter, a comment at an event); undo removes it."""
    values = _checked_response(fields)
    records.get(ws, "exercises", exercise_id)
    with ws.atomic():
        change = edits.inserted(ws, "feedback", {"exercise_id": exercise_id, **values}, FEEDBACK)
        response_id = next(iter(change.ids))
        store.add_theme_links(ws, [(response_id, theme_id) for theme_id in theme_ids])
    return Change(change.kinds | {EXERCISES}, change.ids, change.undo, "add response")


def update_response(ws: Workspace, response_id: int, fields: ResponseFields) -> Change:
    return edits.updated(ws, "feedback", response_id, _checked_response(fields), FEEDBACK)


def delete_responses(ws: Workspace, response_ids: Sequence[int]) -> Change:
    """Remove responses (with their themes); undo brings them back with the same ids."""
    if not response_ids:
        raise ValidationError("select the responses to remove")
    with ws.atomic():
        changes = [
            edits.deleted(ws, "feedback", item, FEEDBACK, EXERCISES) for item in response_ids
        ]
    return edits.combined(changes, "remove responses")


def pass_on(
    ws: Workspace, response_ids: Sequence[int], to: str, on: str | dt.date | None = None
) -> Change:
    """Record that responses were passed on to another consultation (for example climate comments
    to the Climate Change Strategy consultation) on a date; undo restores what was there."""
    target = " ".join(to.split())
    if not response_ids:
        raise ValidationError("select the responses to pass on")
    if not target:
        raise ValidationError("say which consultation they were passed on to", field="passed on to")
    if len(target) > 300:
        raise ValidationError("at most 300 characters", field="passed on to")
    date = iso_date(on, field="date passed on") if on else dt.date.today().isoformat()
    with ws.atomic():
        changes = [
            edits.updated(
                ws, "feedback", item, {"passed_on_to": target, "passed_on_date": date}, FEEDBACK
            )
            for item in response_ids
        ]
    return edits.combined(changes, "pass on")


def clear_passed_on(ws: Workspace, response_ids: Sequence[int]) -> Change:
    with ws.atomic():
        changes = [
            edits.updated(
                ws, "feedback", item, {"passed_on_to": "", "passed_on_date": None}, FEEDBACK
            )
            for item in response_ids
        ]
    return edits.combined(changes, "clear passed on")


__all__ = [
    "MAX_NAME",
    "NOT_COLLECTED",
    "NO_THEME",
    "ExerciseFields",
    "Response",
    "ResponseFilter",
    "ResponseFields",
    "add_exercise",
    "add_response",
    "clear_passed_on",
    "delete_exercise",
    "delete_responses",
    "exercise_fields",
    "filter_responses",
    "list_exercises",
    "pass_on",
    "passed_on",
    "responses",
    "update_exercise",
    "update_response",
]
