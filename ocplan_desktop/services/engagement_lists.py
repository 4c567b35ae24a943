"""The engagement reference lists an officer edits: wards (renames kept as history, populations for
rates per 1,000 residents), channels, respondent types and feedback themes. Every edit is undoable."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ocplan_desktop.domain.dates import iso_date
from ocplan_desktop.domain.engagement import MAX_NAME, NOT_COLLECTED, Ward, name_key, ward_key
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.services import edits
from ocplan_desktop.services.change import FEEDBACK, REFERENCE, Change
from ocplan_desktop.store import reference
from ocplan_desktop.store.workspace import Workspace

# The lists of names an officer can add to and rename, by table, with what one entry is called.
LISTS = {
    "channels": "channel",
    "respondent_types": "respondent type",
    "feedback_themes": "theme",
}


@dataclass(frozen=True)
class WardRow:
    id: int
    name: str
    population: int | None
    former_names: tuple[str, ...]


def wards(ws: Workspace) -> list[WardRow]:
    """The current wards in order, each with the names it had before."""
    former: dict[int, list[str]] = {}
    for ward_id, name in reference.ward_former_names(ws):
        former.setdefault(ward_id, []).append(name)
    return [
        WardRow(ward.id, ward.name, ward.population, tuple(former.get(ward.id, ())))
        for ward in reference.list_wards(ws)
    ]


def current_wards(ws: Workspace) -> list[Ward]:
    return reference.list_wards(ws)


def list_names(ws: Workspace, table: str) -> list[tuple[int, str]]:
    """(id, name) of a list's entries in order."""
    _check_table(table)
    return reference.names(ws, table)


def _check_table(table: str) -> None:
    if table not in LISTS:
        raise ValueError(f"not an engagement list: {table}")


def _clean_name(name: str, what: str) -> str:
    text = " ".join(name.split())
    if not text:
        raise ValidationError(f"a {what} needs a name", field=what)
    if len(text) > MAX_NAME:
        raise ValidationError(f"a {what} name is at most {MAX_NAME} characters", field=what)
    return text


def rename_ward(
    ws: Workspace, ward_id: int, new_name: str, on: str | dt.date | None = None
) -> Change:
    """Rename a ward (`Holbrook` → `Holbrooks`), keeping the old name as history so imports that
    use it still find the ward; undo restores the old name and drops the history row."""
    name = _clean_name(new_name, "ward")
    if ward_key(name) == ward_key(NOT_COLLECTED):
        raise ValidationError(f"'{NOT_COLLECTED}' is not a ward name", field="ward")
    current = {
        ward.id: ward for ward in reference.list_wards(ws, include_inactive=True, every_date=True)
    }
    if ward_id not in current:
        raise ValidationError(f"there is no ward with id {ward_id}", field="ward")
    old = current[ward_id].name
    if name == old:
        raise ValidationError(f"the ward is already called {name}", field="ward")
    clash = [
        ward
        for ward in current.values()
        if ward.id != ward_id and ward_key(ward.name) == ward_key(name)
    ]
    if clash:
        raise ValidationError(f"there is already a ward called {clash[0].name}", field="ward")
    until = iso_date(on, field="renamed on") if on else dt.date.today().isoformat()
    with ws.atomic():
        history = edits.inserted(
            ws,
            "ward_names",
            {"ward_id": ward_id, "name": old, "valid_until": until},
            REFERENCE,
            FEEDBACK,
        )
        renamed = edits.updated(ws, "wards", ward_id, {"name": name}, REFERENCE, FEEDBACK)
    return edits.combined([history, renamed], f"rename ward {old} to {name}")


def change_boundaries(
    ws: Workspace,
    on: str | dt.date,
    ending: list[int],
    new_wards: list[tuple[str, int | None]],
) -> Change:
    """A boundary review taking effect on `on` (the election day): the wards in `ending` are used
    up to the day before, the new wards from that day. A ward whose name and area carry on is left
    alone. Responses are then matched against the wards in use on their own dates; undoable."""
    day = iso_date(on, field="boundary change")
    assert day is not None
    last = (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()
    every = {w.id: w for w in reference.list_wards(ws, include_inactive=True, every_date=True)}
    if not ending and not new_wards:
        raise ValidationError("a boundary change ends some wards or begins new ones", field="ward")
    for ward_id in ending:
        ward = every.get(ward_id)
        if ward is None:
            raise ValidationError(f"there is no ward with id {ward_id}", field="ward")
        if not ward.in_use_on(last) or (ward.valid_from and ward.valid_from > last):
            raise ValidationError(f"{ward.name} is not in use on {last}", field="ward")
    taken = {ward_key(ward.name): ward.name for ward in every.values()}
    names = []
    for name, _population in new_wards:
        clean = _clean_name(name, "ward")
        if ward_key(clean) in taken or ward_key(clean) == ward_key(NOT_COLLECTED):
            raise ValidationError(
                f"there is already a ward called {taken.get(ward_key(clean), clean)}", field="ward"
            )
        taken[ward_key(clean)] = clean
        names.append(clean)
    position = reference.next_position(ws, "wards")
    with ws.atomic():
        changes = [
            edits.updated(ws, "wards", ward_id, {"valid_to": last}, REFERENCE, FEEDBACK)
            for ward_id in ending
        ]
        changes += [
            edits.inserted(
                ws,
                "wards",
                {
                    "name": name,
                    "population": population,
                    "position": position + index,
                    "valid_from": day,
                },
                REFERENCE,
                FEEDBACK,
            )
            for index, (name, (_written, population)) in enumerate(
                zip(names, new_wards, strict=True)
            )
        ]
    return edits.combined(changes, f"ward boundaries from {day}")


def set_ward_population(ws: Workspace, ward_id: int, population: int | str | None) -> Change:
    """Enter (or clear) a ward's population, for responses per 1,000 residents."""
    value: int | None
    if population is None or (isinstance(population, str) and not population.strip()):
        value = None
    else:
        try:
            value = int(str(population).replace(",", "").strip())
        except ValueError:
            raise ValidationError(
                f"'{population}' is not a whole number of residents", field="population"
            ) from None
        if value < 0 or value > 10_000_000:
            raise ValidationError("a population is between 0 and 10,000,000", field="population")
    return edits.updated(ws, "wards", ward_id, {"population": value}, REFERENCE)


def _clean_entry(table: str, name: str) -> str:
    text = _clean_name(name, LISTS[table])
    if table == "feedback_themes" and any(mark in text for mark in ";,|"):
        # Imports split a cell of several themes at these marks.
        raise ValidationError("a theme name cannot contain ; , or |", field="theme")
    return text


def add_to_list(ws: Workspace, table: str, name: str) -> Change:
    """A new channel, respondent type or theme at the end of its list."""
    _check_table(table)
    text = _clean_entry(table, name)
    _refuse_duplicate(ws, table, text, None)
    position = reference.next_position(ws, table)
    return edits.inserted(ws, table, {"name": text, "position": position}, REFERENCE, FEEDBACK)


def rename_in_list(ws: Workspace, table: str, item_id: int, name: str) -> Change:
    _check_table(table)
    text = _clean_entry(table, name)
    _refuse_duplicate(ws, table, text, item_id)
    return edits.updated(ws, table, item_id, {"name": text}, REFERENCE, FEEDBACK)


def _refuse_duplicate(ws: Workspace, table: str, name: str, item_id: int | None) -> None:
    for other_id, other in reference.names(ws, table):
        if other_id != item_id and name_key(other) == name_key(name):
            raise ValidationError(f"the list already has {other}", field=LISTS[table])
