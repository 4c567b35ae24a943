"""Opening workspace files: every bad file gets a clear message and stays byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from ocplan_desktop.domain.errors import WorkspaceError
from ocplan_desktop.store import migrations
from ocplan_desktop.store.workspace import create_workspace, open_workspace
from tests.conftest import SEED_REPORT, copy_workspace

FIXTURES = Path(__file__).parent.parent / "fixtures" / "schemas"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_zero_bytes(path: Path, _demo: Path) -> None:
    path.write_bytes(b"")


def make_random_bytes(path: Path, _demo: Path) -> None:
    path.write_bytes(os.urandom(4096))


def make_text_file(path: Path, _demo: Path) -> None:
    shutil.copy(SEED_REPORT, path)


def make_truncated(path: Path, demo: Path) -> None:
    data = demo.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def make_header_only(path: Path, demo: Path) -> None:
    path.write_bytes(demo.read_bytes()[:60])


def make_newer_version(path: Path, demo: Path) -> None:
    copy_workspace(demo, path)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 99")
    connection.close()


def make_empty_sqlite(path: Path, _demo: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 0")
    connection.execute("VACUUM")
    connection.close()


def make_other_sqlite(path: Path, _demo: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()


def make_scribbled_page(path: Path, demo: Path) -> None:
    data = bytearray(demo.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for page in (3, 4, 5):  # schema and data pages past the header page
        data[page * page_size : page * page_size + 200] = os.urandom(200)
    path.write_bytes(bytes(data))


def make_scribbled_header_page(path: Path, demo: Path) -> None:
    data = bytearray(demo.read_bytes())
    data[100:4096] = os.urandom(3996)  # the rest of page 1: the schema's root
    path.write_bytes(bytes(data))


def make_scribbled_index(path: Path, demo: Path) -> None:
    copy_workspace(demo, path)
    connection = sqlite3.connect(path)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND name = 'meetings_committee_date'"
    ).fetchone()[0]
    connection.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    data[start + 8 : start + page_size] = os.urandom(page_size - 8)
    path.write_bytes(bytes(data))


def make_hot_journal(path: Path, demo: Path) -> None:
    """A workspace in rollback-journal mode copied (with its journal) in the middle of a change."""
    source = path.with_name("source.ocplan")
    copy_workspace(demo, source)
    writer = sqlite3.connect(source, isolation_level=None)
    writer.execute("PRAGMA journal_mode = DELETE")
    writer.execute("PRAGMA cache_size = 1")  # spill changed pages into the file before commit
    writer.execute("BEGIN")
    writer.execute("UPDATE feedback SET text = text || ' (edited)'")
    shutil.copyfile(source, path)
    shutil.copyfile(f"{source}-journal", f"{path}-journal")
    writer.execute("ROLLBACK")
    writer.close()
    source.unlink()


BAD_FILES = [
    (make_zero_bytes, r"is empty \(0 bytes\)"),
    (make_random_bytes, "not an SQLite database"),
    (make_text_file, "not an SQLite database"),
    (make_truncated, "is truncated"),
    (make_header_only, "is truncated"),
    (make_newer_version, r"newer version of ocplan \(schema version 99"),
    (make_empty_sqlite, "is an empty SQLite database, not an ocplan workspace"),
    (make_other_sqlite, "is an SQLite database, not an ocplan workspace"),
    (make_scribbled_page, "damaged|cannot be read"),
    (make_scribbled_header_page, "damaged|cannot be read"),
    (make_scribbled_index, "damaged|cannot be read"),
    (make_hot_journal, "unfinished change left by a crash"),
]


@pytest.mark.parametrize(
    ("make", "message"), BAD_FILES, ids=[make.__name__ for make, _ in BAD_FILES]
)
def test_bad_file_is_refused_with_a_clear_message_and_left_untouched(
    make, message, tmp_path, demo_master
):
    path = tmp_path / "workspace.ocplan"
    make(path, demo_master)
    before = digest(path)
    with pytest.raises(WorkspaceError, match=message) as caught:
        open_workspace(path, backups_dir=tmp_path / "backups")
    assert str(path) in str(caught.value)
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(WorkspaceError, match="no such file"):
        open_workspace(tmp_path / "nope.ocplan")
    with pytest.raises(WorkspaceError, match="is a folder"):
        open_workspace(tmp_path)


def test_a_read_only_file_opens_read_only_and_says_why(tmp_path, demo_master, monkeypatch):
    path = copy_workspace(demo_master, tmp_path / "locked.ocplan")
    before = digest(path)
    # As root every file is writable, so ask the check itself what it would see for a read-only
    # file (tests/store/test_read_only_folder.py mounts a real read-only folder).
    import ocplan_desktop.store.files as files_module

    monkeypatch.setattr(files_module.os, "access", lambda p, _mode: Path(p) != path)
    with open_workspace(path) as ws:
        assert ws.read_only and ws.read_only_reason == "the file is read-only"
        with pytest.raises(WorkspaceError, match=r"read-only \(the file is read-only\)"):
            ws.set_setting("x", "y")
    monkeypatch.undo()
    with open_workspace(path, read_only=True) as ws:
        assert ws.read_only
        with pytest.raises(WorkspaceError, match="read-only"):
            ws.set_setting("x", "y")
    assert digest(path) == before


def test_read_only_workspace_refuses_writes(demo_path):
    with open_workspace(demo_path, read_only=True) as ws:
        with pytest.raises(WorkspaceError, match="read-only"):
            ws.set_setting("area", "Elsewhere")


def test_create_refuses_to_overwrite(tmp_path):
    path = tmp_path / "taken.ocplan"
    path.write_text("precious")
    with pytest.raises(WorkspaceError, match="already exists"):
        create_workspace(path)
    assert path.read_text() == "precious"


def test_create_leaves_nothing_behind_when_populating_fails(tmp_path):
    path = tmp_path / "new.ocplan"

    def fail(_ws):
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        create_workspace(path, populate=fail)
    assert list(tmp_path.iterdir()) == []


def test_new_file_is_wal_with_foreign_keys_and_the_latest_schema(ws):
    assert ws.scalar("PRAGMA journal_mode") == "wal"
    assert ws.scalar("PRAGMA foreign_keys") == 1
    assert ws.schema_version == migrations.latest_version()
    applied = [row["name"] for row in ws.query("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == [step.name for step in migrations.schema_steps()]


def test_every_saved_schema_version_upgrades_cleanly(tmp_path):
    saved = sorted(FIXTURES.glob("schema_*.ocplan"))
    assert saved, (
        "a saved workspace of every released schema version lives in tests/fixtures/schemas"
    )
    for source in saved:
        path = copy_workspace(source, tmp_path / source.name)
        with open_workspace(path, backups_dir=tmp_path / "backups") as ws:
            assert ws.schema_version == migrations.latest_version()
            assert ws.scalar("PRAGMA integrity_check") == "ok"
            assert ws.scalar("SELECT count(*) FROM committees") == 1
            assert ws.scalar("SELECT count(*) FROM wards") == 18


@pytest.fixture
def schema_with_step_two(tmp_path, monkeypatch):
    """A schema folder with the real step 1 and a test step 2, used in place of db/."""
    folder = tmp_path / "db"
    folder.mkdir()
    shutil.copy(migrations.migrations_dir() / "0001_initial.sql", folder)
    monkeypatch.setattr(migrations, "migrations_dir", lambda: folder)
    return folder


def test_upgrade_backs_up_first_then_migrates_in_one_step(tmp_path, schema_with_step_two):
    (schema_with_step_two / "0002_add_colour.sql").write_text(
        "ALTER TABLE committees ADD COLUMN colour TEXT NOT NULL DEFAULT '';\n"
        "CREATE INDEX committees_colour ON committees (colour);\n"
    )
    path = copy_workspace(FIXTURES / "schema_0001.ocplan", tmp_path / "old.ocplan")
    before = digest(path)
    backups = tmp_path / "backups"
    with open_workspace(path, backups_dir=backups) as ws:
        assert ws.schema_version == 2
        assert "colour" in ws.db["committees"].columns_dict
    (folder,) = backups.iterdir()
    (backup,) = folder.iterdir()
    assert (
        digest(backup) == before
        or sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == 1
    )
    connection = sqlite3.connect(backup)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    assert connection.execute("SELECT count(*) FROM committees").fetchone()[0] == 1
    connection.close()


def test_failed_upgrade_rolls_back_and_says_so(tmp_path, schema_with_step_two):
    (schema_with_step_two / "0002_broken.sql").write_text(
        "ALTER TABLE committees ADD COLUMN colour TEXT;\nTHIS IS NOT SQL;\n"
    )
    path = copy_workspace(FIXTURES / "schema_0001.ocplan", tmp_path / "old.ocplan")
    with pytest.raises(WorkspaceError, match="rolled back"):
        open_workspace(path, backups_dir=tmp_path / "backups")
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [row[1] for row in connection.execute("PRAGMA table_info(committees)")]
    assert "colour" not in columns
    connection.close()


def test_schema_files_are_numbered_without_gaps(tmp_path, schema_with_step_two):
    (schema_with_step_two / "0003_skipped.sql").write_text("SELECT 1;")
    with pytest.raises(RuntimeError, match="without gaps"):
        migrations.schema_steps()


def test_statement_splitter_keeps_trigger_bodies_whole():
    script = (
        "-- a comment\nCREATE TABLE a (x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
        "  UPDATE a SET x = 1;\n  SELECT 1;\nEND;\n"
    )
    statements = migrations.split_statements(script)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


def test_a_hot_journal_can_be_recovered_into_a_new_file(tmp_path, demo_master):
    from ocplan_desktop.services.backups import recover_into

    path = tmp_path / "crashed.ocplan"
    make_hot_journal(path, demo_master)
    before = (digest(path), digest(Path(f"{path}-journal")))
    recovered = recover_into(path, tmp_path / "recovered.ocplan")
    assert (digest(path), digest(Path(f"{path}-journal"))) == before
    with open_workspace(recovered) as ws:
        assert ws.scalar("PRAGMA integrity_check") == "ok"
        assert ws.scalar("SELECT count(*) FROM feedback WHERE text LIKE '%(edited)'") == 0
