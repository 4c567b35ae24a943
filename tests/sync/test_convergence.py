"""Random edits on three laptops, synced in random orders: all end with the same workspace, and
every edit is either in it, kept in a conflict on the laptop that made it, or was overwritten by an
officer who had seen it (or went with a record someone deleted)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.services import attendance, meetings, sync
from ocplan_desktop.services import recommendations as tracker
from ocplan_desktop.services.sync_conflicts import conflicts, resolve
from ocplan_desktop.services.workspaces import new_workspace
from ocplan_desktop.store import committees, records
from ocplan_desktop.store.sync.local import pending_count
from ocplan_desktop.store.workspace import open_workspace
from tests.conftest import copy_workspace
from tests.sync.cluster import ADMIN
from tests.sync.conftest import Team
from tests.sync.views import differences, dump

NAMES = ("alice", "bob", "carol")
_databases = itertools.count(1)


@pytest.fixture(scope="session")
def small_team(pg, tmp_path_factory):
    """A small workspace (two meetings, three people, one recommendation) on three laptops."""
    folder = tmp_path_factory.mktemp("small")
    source = folder / "source.ocplan"
    ws = new_workspace(source)
    committee = committees.add_committee(ws, "Scrutiny Co-ordination Committee", "SCC", "scrutiny")
    people = [
        committees.add_person(ws, name, kind="member")
        for name in ("Cllr Ali", "Cllr Bell", "Cllr Cox")
    ]
    for date in ("2024-03-06", "2024-04-10"):
        change = meetings.create_meeting(ws, committee, date, venue="Council House")
        meeting = next(iter(change.ids))
        for title in ("Apologies", "Declarations of interest", "Work programme"):
            meetings.add_item(ws, meeting, title)
    records.insert(
        ws,
        "recommendations",
        {
            "reference": "SCC 2024-01 / 1(a)",
            "text": "Publish the air quality data",
            "from_date": "2024-01-10",
        },
    )
    ws.close()
    pg.create_database("small_template")
    sync.initialise_server(pg.url(ADMIN, "small_template"))
    made = Team(pg, "small_template", folder)
    made.upload(source, "alice").close()
    made.join("bob").close()
    made.join("carol").close()
    return [
        folder / "alice.ocplan",
        folder / "bob-joined.ocplan",
        folder / "carol-joined.ocplan",
    ], people


@dataclass
class Model:
    """What each laptop did, to check afterwards that nothing it did vanished unseen."""

    writes: list[tuple[int, str, str, str]] = field(
        default_factory=list
    )  # laptop, table, field, value
    overwritten: set[str] = field(
        default_factory=set
    )  # values some laptop had before changing them
    added: list[tuple[int, str, str]] = field(default_factory=list)  # laptop, table, text
    deleted: set[str] = field(default_factory=set)  # titles of items some laptop deleted
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))


def _unique(model: Model, laptop: int, what: str) -> str:
    return f"{NAMES[laptop]} {what} {next(model.counter)}"


def step(ws_list, people, model: Model, action) -> None:
    kind, laptop, a, b = action
    ws = ws_list[laptop]
    meeting_ids = [row["id"] for row in ws.query("SELECT id FROM meetings ORDER BY date")]
    meeting = meeting_ids[a % len(meeting_ids)]
    items = meetings.agenda(ws, meeting)
    try:
        if kind == "sync":
            sync.sync_workspace(ws)
        elif kind in ("venue", "notes"):
            model.overwritten.add(str(records.get(ws, "meetings", meeting)[kind]))
            value = _unique(model, laptop, kind)
            records.update(ws, "meetings", meeting, {kind: value})
            model.writes.append((laptop, "meetings", kind, value))
        elif kind == "title" and items:
            item = items[b % len(items)]
            model.overwritten.add(item.title)
            value = _unique(model, laptop, "title")
            meetings.rename_item(ws, item.id, value)
            model.writes.append((laptop, "agenda_items", "title", value))
        elif kind == "add_item":
            value = _unique(model, laptop, "item")
            meetings.add_item(ws, meeting, value, at=b % (len(items) + 1))
            model.added.append((laptop, "agenda_items", value))
        elif kind == "move" and items:
            meetings.move_item(ws, items[b % len(items)].id, a % len(items))
        elif kind == "delete" and len(items) > 1:
            item = items[b % len(items)]
            meetings.delete_item(ws, item.id)
            model.deleted.add(item.title)
        elif kind == "update":
            rec = int(ws.scalar("SELECT id FROM recommendations LIMIT 1"))
            value = _unique(model, laptop, "update")
            tracker.add_progress_update(ws, rec, "2024-02-01", value, today=dt.date(2024, 3, 1))
            model.added.append((laptop, "recommendation_updates", value))
        elif kind == "attend":
            person = int(ws.scalar("SELECT id FROM people ORDER BY id LIMIT 1 OFFSET ?", (b % 3,)))
            attendance.set_attendance(ws, meeting, person, ("present", "apologies")[a % 2])
        elif kind == "resolve":
            open_ones = conflicts(ws)
            if open_ones:
                resolve(ws, open_ones[0].id, ("mine", "theirs")[b % 2])
    except OcplanError as error:  # a refused edit (say, a title left empty) changes nothing
        assert "not" in str(error) or "no" in str(error) or "cannot" in str(error)


actions = st.tuples(
    st.sampled_from(
        [
            "sync",
            "sync",
            "sync",
            "venue",
            "notes",
            "title",
            "add_item",
            "move",
            "delete",
            "update",
            "attend",
            "resolve",
        ]
    ),  # fmt: skip
    st.integers(0, 2),
    st.integers(0, 5),
    st.integers(0, 7),
)


def conflict_values(ws) -> set[str]:
    found = set()
    for conflict in conflicts(ws, settled=True):
        for value in (conflict.mine, conflict.theirs):
            if isinstance(value, str):
                found.add(value)
            elif isinstance(value, dict):
                found.update(str(v) for v in value.values())
    return found


@pytest.mark.slow
@settings(
    max_examples=14,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=st.lists(actions, min_size=4, max_size=24))
def test_random_edits_on_three_laptops_converge_and_nothing_vanishes_unseen(
    pg, small_team, tmp_path_factory, plan
):
    paths, people = small_team
    name = f"conv{next(_databases)}"
    with pg.admin_connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE small_template')
    folder = tmp_path_factory.mktemp("laptops")
    team = Team(pg, name, folder)
    laptops = []
    try:
        for index, source in enumerate(paths):
            ws = open_workspace(copy_workspace(source, folder / f"{NAMES[index]}.ocplan"))
            with ws.atomic() as db:
                db.execute("UPDATE sync_state SET server_url = ?", (team.url(NAMES[index]),))
            laptops.append(ws)
        model = Model()
        for action in plan:
            step(laptops, people, model, action)
        team.settle(*laptops, rounds=4)
        assert not any(pending_count(ws) for ws in laptops)
        first = dump(laptops[0])
        for other in laptops[1:]:
            assert differences(first, dump(other)) == []
        # every edit is in the workspace, in a conflict, or was seen by whoever changed it
        final = {
            "meetings": {
                v
                for row in laptops[0].query("SELECT venue, notes FROM meetings")
                for v in row.values()
            },
            "agenda_items": {
                row["title"] for row in laptops[0].query("SELECT title FROM agenda_items")
            },
            "recommendation_updates": {
                row["text"] for row in laptops[0].query("SELECT text FROM recommendation_updates")
            },
        }
        kept = [conflict_values(ws) for ws in laptops]
        for laptop, table, _field, value in model.writes:
            assert (
                value in final[table]
                or value in kept[laptop]
                or value in model.overwritten
                or value in model.deleted
                or table == "agenda_items"
                and value not in final[table]
                and any(value in k for k in kept)
            ), (NAMES[laptop], table, value)
        for laptop, table, value in model.added:
            assert (
                value in final[table]
                or value in kept[laptop]
                or value in model.deleted
                or value in model.overwritten
            ), (
                NAMES[laptop],
                table,
                value,
            )
    finally:
        for ws in laptops:
            ws.close()
