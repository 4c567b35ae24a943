"""Identity and change tracking in the workspace (no server): every shared record has a UUID, and
every write is noted for the next sync however it was made."""

from __future__ import annotations

import sqlite3

import pytest

from ocplan_desktop.services import meetings
from ocplan_desktop.store import migrations, records
from ocplan_desktop.store.sync import registry, tracking
from ocplan_desktop.store.workspace import open_workspace
from tests.conftest import copy_workspace
from tests.store.test_workspace_files import FIXTURES


def tables(ws) -> set[str]:
    return {row["name"] for row in ws.query("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_every_table_is_either_shared_or_kept_on_the_laptop(demo_ws):
    unlisted = {
        name
        for name in tables(demo_ws)
        if name not in registry.BY_NAME and not registry.is_local_table(name)
    }
    assert unlisted == set(), "add these tables to store/sync/registry.py (SHARED or LOCAL_TABLES)"
    assert set(registry.BY_NAME) <= tables(demo_ws)


def test_a_shared_table_comes_after_every_table_it_refers_to(demo_ws):
    for table in registry.SHARED:
        for row in demo_ws.query(f"PRAGMA foreign_key_list([{table.name}])"):
            if row["table"] != table.name and row["table"] in registry.RANK:
                assert registry.RANK[row["table"]] < registry.RANK[table.name], (table.name, row)


def test_old_workspaces_upgrade_with_a_unique_uuid_on_every_shared_record(tmp_path):
    for source in sorted(FIXTURES.glob("schema_*.ocplan")):
        path = copy_workspace(source, tmp_path / source.name)
        with open_workspace(path, backups_dir=tmp_path / "backups") as ws:
            assert ws.schema_version == migrations.latest_version()
            assert tracking.untracked(ws) == []
            for table in registry.SHARED:
                count, unique, missing = ws.db.execute(
                    f"SELECT count(*), count(DISTINCT uuid), sum(uuid IS NULL) FROM [{table.name}]"
                ).fetchone()
                assert count == unique and not missing, table.name
            assert ws.scalar("SELECT client_id FROM sync_state") is not None
            assert ws.scalar("SELECT count(*) FROM sync_pending") == 0


def track(ws) -> None:
    with ws.atomic() as db:
        db.execute("UPDATE sync_state SET tracking = 1")


def notes(ws) -> set[tuple[str, str]]:
    return {(row["table_name"], row["uuid"]) for row in ws.query("SELECT * FROM sync_pending")}


def test_nothing_is_noted_until_the_workspace_syncs(demo_ws):
    meeting = int(demo_ws.scalar("SELECT max(id) FROM meetings"))
    records.update(demo_ws, "meetings", meeting, {"venue": "Room 4"})
    assert notes(demo_ws) == set()


def test_writes_that_bypass_the_records_module_are_noted_too(demo_ws):
    ws = demo_ws
    track(ws)
    meeting = int(ws.scalar("SELECT max(id) FROM meetings"))
    items = {
        row["uuid"]
        for row in ws.query("SELECT uuid FROM agenda_items WHERE meeting_id = ?", (meeting,))
    }
    # an ordered move rewrites positions
    first = meetings.agenda(ws, meeting)[0]
    meetings.move_item(ws, first.id, 3)
    assert ("agenda_items", records.get(ws, "agenda_items", first.id)["uuid"]) in notes(ws)
    # another program inserting a row: it gets a UUID and is noted
    other = sqlite3.connect(ws.path)
    other.execute("INSERT INTO channels (name, position) VALUES ('Door knocking', 99)")
    other.commit()
    other.close()
    added = ws.scalar("SELECT uuid FROM channels WHERE name = 'Door knocking'")
    assert added and ("channels", added) in notes(ws)
    # a bulk insert
    records.insert_many(
        ws, "feedback_themes", [{"name": "Parking"}, {"name": "Noise"}], summary="t"
    )
    bulk = {
        row["uuid"]
        for row in ws.query("SELECT uuid FROM feedback_themes WHERE name IN ('Parking', 'Noise')")
    }
    assert len(bulk) == 2 and {("feedback_themes", uuid) for uuid in bulk} <= notes(ws)
    # a foreign key's cascade: the meeting's items go with it
    with ws.atomic() as db:
        db.execute("DELETE FROM meetings WHERE id = ?", (meeting,))
    assert {("agenda_items", uuid) for uuid in items} <= notes(ws)
    # each note carries a number from one counter, newest last
    numbers = [row["change_no"] for row in ws.query("SELECT change_no FROM sync_pending")]
    assert len(set(numbers)) > 1 and max(numbers) == ws.scalar("SELECT change_no FROM sync_state")


def test_what_a_sync_writes_is_not_noted(demo_ws):
    track(demo_ws)
    with demo_ws.atomic() as db:
        db.execute("UPDATE sync_state SET applying = 1")
        db.execute("UPDATE meetings SET venue = 'Pulled' WHERE id = 1")
        db.execute("UPDATE sync_state SET applying = 0")
    assert notes(demo_ws) == set()


def test_a_table_added_to_the_registry_later_is_tracked_when_the_workspace_next_syncs(
    demo_ws, monkeypatch
):
    ws = demo_ws
    track(ws)
    with ws.atomic() as db:
        db.execute(
            "CREATE TABLE report_files (id INTEGER PRIMARY KEY, report_id INTEGER REFERENCES reports (id), path TEXT)"
        )
        db.execute("INSERT INTO report_files (report_id, path) VALUES (1, 'appendix-a.pdf')")
    monkeypatch.setattr(
        tracking, "SHARED", (*registry.SHARED, registry.SharedTable("report_files"))
    )
    assert tracking.untracked(ws) == ["report_files"]
    assert tracking.ensure_tracking(ws) == ["report_files"]
    assert tracking.untracked(ws) == []
    uuid = ws.scalar("SELECT uuid FROM report_files")
    assert uuid and ("report_files", uuid) in notes(ws)


def test_an_upgrade_that_fails_leaves_no_uuid_half_made(tmp_path, monkeypatch):
    path = copy_workspace(FIXTURES / "schema_0003.ocplan", tmp_path / "old.ocplan")
    statements = migrations.split_statements
    monkeypatch.setattr(
        migrations,
        "split_statements",
        lambda script: (
            statements(script) + (["THIS IS NOT SQL;"] if "sync_state" in script else [])
        ),
    )
    with pytest.raises(Exception, match="rolled back"):
        open_workspace(path, backups_dir=tmp_path / "backups")
    connection = sqlite3.connect(path)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(meetings)")]
    connection.close()
    assert "uuid" not in columns
