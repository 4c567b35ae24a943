"""Undoable edits: undo puts back exactly what was there, ids included; redo does the edit again."""

from __future__ import annotations

from ocplan_desktop.domain.minutes import Minutes, resolution
from ocplan_desktop.services import edits
from ocplan_desktop.services.change import COMMITTEES, MINUTES
from ocplan_desktop.store import committees, meetings
from ocplan_desktop.store import minutes as minutes_store


def count(ws, table):
    return ws.scalar(f"SELECT count(*) FROM {table}")


def test_insert_undo_redo(ws):
    change = edits.inserted(ws, "committees", {"name": "Audit Committee"}, COMMITTEES)
    (row_id,) = change.ids
    assert change.touches(COMMITTEES)
    redo = change.undo(ws)
    assert count(ws, "committees") == 0
    again = redo.undo(ws)
    assert ws.scalar("SELECT name FROM committees WHERE id = ?", (row_id,)) == "Audit Committee"
    again.undo(ws)
    assert count(ws, "committees") == 0


def test_update_undo_redo(ws):
    committee = committees.add_committee(ws, "Cabinet")
    change = edits.updated(ws, "committees", committee, {"name": "Cabinet (renamed)"}, COMMITTEES)
    redo = change.undo(ws)
    assert ws.scalar("SELECT name FROM committees") == "Cabinet"
    redo.undo(ws)
    assert ws.scalar("SELECT name FROM committees") == "Cabinet (renamed)"


def test_delete_restores_everything_that_cascaded_with_the_same_ids(ws):
    committee = committees.add_committee(ws, "Scrutiny Co-ordination Committee", "SCC")
    meeting = meetings.add_meeting(ws, committee, "2023-02-01")
    item = meetings.add_agenda_item(ws, meeting, "One Coventry Plan")
    tree = (resolution("noted"), resolution("to Cabinet", resolution("a"), resolution("b")))
    minutes_store.add_minutes(ws, Minutes(item, "Heading", paragraphs=("p",), resolutions=tree))
    before = {
        table: ws.query(f"SELECT * FROM {table} ORDER BY id")
        for table in ("meetings", "agenda_items", "minutes", "minute_paragraphs", "resolutions")
    }

    change = edits.deleted(ws, "meetings", meeting, MINUTES)
    assert count(ws, "resolutions") == 0 and count(ws, "agenda_items") == 0
    redo = change.undo(ws)
    after = {table: ws.query(f"SELECT * FROM {table} ORDER BY id") for table in before}
    assert after == before
    redo.undo(ws)
    assert count(ws, "meetings") == 0


def test_combined_undoes_in_reverse_order(ws):
    first = edits.inserted(ws, "committees", {"name": "A"}, COMMITTEES)
    (row_id,) = first.ids
    second = edits.updated(ws, "committees", row_id, {"name": "B"}, COMMITTEES)
    both = edits.combined([first, second], "make and rename")
    redo = both.undo(ws)
    assert count(ws, "committees") == 0
    redo.undo(ws)
    assert ws.scalar("SELECT name FROM committees WHERE id = ?", (row_id,)) == "B"


def test_every_step_is_audited(ws):
    change = edits.inserted(ws, "committees", {"name": "Audit"}, COMMITTEES)
    change.undo(ws).undo(ws)
    actions = [
        row["action"]
        for row in ws.query(
            "SELECT action FROM audit_log WHERE table_name = 'committees' ORDER BY id"
        )
    ]
    assert actions == ["insert", "delete", "insert"]
