"""Bulk writes index their rows in one statement after the batch (db/0007's deferred ranges), in the
same transaction: nothing committed is ever left out of the index, and deleting or undoing imported
rows still takes them out."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap

import pytest

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.importers.feedback import import_feedback
from ocplan_desktop.services import engagement
from ocplan_desktop.services.search import search
from ocplan_desktop.store import migrations, records, search_index
from ocplan_desktop.store.workspace import BULK_CACHE_KIB, open_workspace
from tests.conftest import copy_workspace

INDEX_BY_SELECT = "INSERT INTO search_index (rowid, body, kind, record_id) SELECT"


def exercise(ws, title="Bus network consultation"):
    return next(iter(engagement.add_exercise(ws, engagement.ExerciseFields(title)).ids))


def indexed(ws, table, ids):
    code = {"feedback": 12, "minute_paragraphs": 7}[table]
    return int(
        ws.scalar(
            "SELECT count(*) FROM search_index WHERE rowid IN "
            f"({', '.join(str(i * 16 + code) for i in ids)})"
        )
    )


def test_rows_of_a_batch_are_indexed_in_one_statement_at_its_end(ws):
    exercise_id = exercise(ws)
    statements = []
    ws.db.conn.set_trace_callback(statements.append)
    with ws.atomic(), search_index.indexed_after(ws, "feedback") as first:
        for number in range(5):
            ws.db.execute(
                "INSERT INTO feedback (id, exercise_id, text) VALUES (?, ?, ?)",
                (first + number, exercise_id, f"Zebra crossing on Foleshill Road {number}"),
            )
        ids = range(first, first + 5)
        assert indexed(ws, "feedback", ids) == 0  # the row trigger left them to the batch
    ws.db.conn.set_trace_callback(None)
    assert indexed(ws, "feedback", ids) == 5
    assert len([s for s in statements if s.startswith(INDEX_BY_SELECT)]) == 1
    assert search(ws, "zebra foleshill").count == 5
    assert ws.scalar("SELECT count(*) FROM search_index_deferred") == 0


def test_a_failed_batch_leaves_no_rows_no_range_and_no_index_entries(ws):
    exercise_id = exercise(ws)
    before = search_index_rows(ws)
    with pytest.raises(RuntimeError), ws.atomic(), search_index.indexed_after(ws, "feedback"):
        ws.db.execute(
            "INSERT INTO feedback (exercise_id, text) VALUES (?, 'Potholes on Walsgrave Road')",
            (exercise_id,),
        )
        raise RuntimeError("the import was cancelled")
    assert ws.scalar("SELECT count(*) FROM feedback") == 0
    assert ws.scalar("SELECT count(*) FROM search_index_deferred") == 0
    assert search_index_rows(ws) == before
    # Rows written afterwards, one at a time, are indexed by the trigger as ever.
    records.insert(ws, "feedback", {"exercise_id": exercise_id, "text": "Potholes again"})
    assert search(ws, "potholes").count == 1


def search_index_rows(ws):
    return ws.query("SELECT rowid, body FROM search_index ORDER BY rowid")


def test_a_process_killed_mid_batch_commits_nothing_unindexed(ws, tmp_path):
    exercise_id = exercise(ws)
    path = ws.path
    ws.close()
    script = textwrap.dedent(
        f"""
        import os
        from ocplan_desktop.store import search_index
        from ocplan_desktop.store.workspace import open_workspace
        ws = open_workspace({str(path)!r})
        with ws.atomic(), search_index.indexed_after(ws, "feedback"):
            ws.db.conn.executemany(
                "INSERT INTO feedback (exercise_id, text) VALUES (?, ?)",
                [({exercise_id}, f"Killed half way {{n}}") for n in range(2000)],
            )
            os._exit(9)  # the power goes off with the batch written but not indexed
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert result.returncode == 9, result.stderr
    with open_workspace(path, backups_dir=tmp_path / "backups") as reopened:
        assert reopened.scalar("SELECT count(*) FROM feedback") == 0
        assert reopened.scalar("SELECT count(*) FROM search_index_deferred") == 0
        assert search(reopened, "killed half way").count == 0


def test_a_range_left_behind_is_indexed_when_the_workspace_opens(ws, tmp_path):
    """`indexed_after` never commits a range; should one ever be committed (a bug, a hand edit),
    opening the workspace indexes the rows it covers and removes it."""
    exercise_id = exercise(ws)
    with ws.atomic() as db:
        db.execute("INSERT INTO search_index_deferred VALUES ('feedback', 1, 1000)")
        for number in range(3):
            db.execute(
                "INSERT INTO feedback (exercise_id, text) VALUES (?, ?)",
                (exercise_id, f"Left behind on Far Gosford Street {number}"),
            )
    assert search(ws, "gosford").count == 0
    path = ws.path
    ws.close()
    with open_workspace(path, backups_dir=tmp_path / "backups") as reopened:
        assert search(reopened, "gosford").count == 3
        assert reopened.scalar("SELECT count(*) FROM search_index_deferred") == 0


def test_generated_rows_through_insert_many_are_indexed_as_a_batch(ws):
    from ocplan_desktop.store import meetings

    committee = ws.db.table("committees").insert({"name": "Cabinet"}).last_rowid
    meeting = meetings.add_meeting(ws, committee, "2024-01-09")
    item = meetings.add_agenda_item(ws, meeting, "Bus Service Improvement Plan")
    minutes_id = records.insert(ws, "minutes", {"agenda_item_id": item, "heading": "Buses"})
    statements = []
    ws.db.conn.set_trace_callback(statements.append)
    records.insert_many(
        ws,
        "minute_paragraphs",
        (
            {"minutes_id": minutes_id, "position": n, "text": f"Tram trial number {n}"}
            for n in range(40)
        ),
        summary="test",
    )
    ws.db.conn.set_trace_callback(None)
    assert len([s for s in statements if s.startswith(INDEX_BY_SELECT)]) == 1
    assert search(ws, "tram trial").count == 1  # one hit per minutes, however many paragraphs
    ids = [row["id"] for row in ws.query("SELECT id FROM minute_paragraphs")]
    assert indexed(ws, "minute_paragraphs", ids) == 40


def write_survey(path, count):
    lines = ["Date,Ward,Response"]
    lines += [
        f"2024-03-{n % 28 + 1:02d},Foleshill,Quokka sighting {n} near the canal"
        for n in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_imported_responses_are_indexed_at_once_found_and_removed_by_delete_and_undo(
    ws, tmp_path, monkeypatch
):
    import ocplan_desktop.importers.feedback as feedback_importer

    monkeypatch.setattr(feedback_importer, "CHUNK", 100)
    exercise_id = exercise(ws)
    statements = []
    ws.db.conn.set_trace_callback(statements.append)
    result = import_feedback(ws, write_survey(tmp_path / "survey.csv", 250), exercise_id)
    ws.db.conn.set_trace_callback(None)
    assert result.imported == 250
    # Written in three chunks of up to 100 (between progress reports), indexed in one statement.
    assert len([s for s in statements if s.startswith(INDEX_BY_SELECT)]) == 1
    assert search(ws, "quokka").count == 250

    ids = [row["id"] for row in ws.query("SELECT id FROM feedback ORDER BY id LIMIT 10")]
    removal = engagement.delete_responses(ws, ids)
    assert search(ws, "quokka").count == 240
    assert removal.undo is not None
    restored = removal.undo(ws)
    assert search(ws, "quokka").count == 250
    assert restored.undo is not None
    restored.undo(ws)  # redo the removal
    assert search(ws, "quokka").count == 240

    engagement.delete_exercise(ws, exercise_id)
    assert search(ws, "quokka").count == 0
    assert ws.scalar("SELECT count(*) FROM search_index WHERE rowid % 16 = 12") == 0


def _bulk_step() -> str:
    return next(
        step.name
        for step in migrations.schema_steps()
        if "search_index_deferred" in step.path.read_text(encoding="utf-8")
    )


def test_each_source_view_indexes_exactly_what_the_earlier_triggers_did(demo_path, tmp_path):
    """Rows copied into a workspace of the schema before the bulk step are indexed by the old
    triggers; after the upgrade, every source's view says the same for every row."""
    old = tmp_path / "old.ocplan"
    connection = sqlite3.connect(old, isolation_level=None)
    from ocplan_desktop.store.workspace import Workspace

    before = Workspace(old, connection, read_only=False)
    migrations.apply_migrations(before.db, stop_before=_bulk_step())
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("ATTACH DATABASE ? AS demo", (str(demo_path),))
    sources = (
        "reports report_recommendations report_sections report_paragraphs report_appendices "
        "minutes minute_paragraphs minute_bullets resolutions recommendations "
        "recommendation_updates feedback"
    ).split()
    for table in sources:
        # The columns of the older schema (the demo's later ones, a UUID say, left behind).
        names = ", ".join(
            f"[{row[1]}]" for row in connection.execute(f"PRAGMA main.table_info([{table}])")
        )
        connection.execute(
            f"INSERT INTO main.[{table}] ({names}) SELECT {names} FROM demo.[{table}]"
        )
        assert connection.execute(f"SELECT count(*) FROM main.[{table}]").fetchone()[0] > 0
    connection.execute("DETACH DATABASE demo")
    connection.close()

    with open_workspace(old, backups_dir=tmp_path / "backups") as ws:
        assert ws.schema_version == migrations.latest_version()
        assert search_index.indexed_tables(ws) == frozenset(sources)
        for code, table in enumerate(sources, start=1):
            by_trigger = ws.query(
                "SELECT rowid AS search_rowid, body, kind, record_id FROM search_index "
                f"WHERE rowid % 16 = {code} ORDER BY rowid"
            )
            by_view = ws.query(
                "SELECT search_rowid, body, kind, record_id FROM "
                f"[search_source_{table}] ORDER BY search_rowid"
            )
            assert by_view == by_trigger, table


def test_a_workspace_copy_keeps_its_index_whole(demo_path, tmp_path):
    """The demo is built through bulk writes: every source row is in the index, once."""
    with open_workspace(copy_workspace(demo_path, tmp_path / "copy.ocplan")) as ws:
        for table in search_index.indexed_tables(ws):
            missing = ws.scalar(
                f"SELECT count(*) FROM [search_source_{table}] "
                "WHERE search_rowid NOT IN (SELECT rowid FROM search_index)"
            )
            assert missing == 0, table


def test_rows_given_as_tuples_are_written_audited_and_indexed_as_one_batch(ws):
    exercise_id = exercise(ws)
    statements = []
    ws.db.conn.set_trace_callback(statements.append)
    written = records.insert_rows(
        ws,
        "feedback",
        ("exercise_id", "received_on", "text"),
        [(exercise_id, f"2024-06-0{n + 1}", f"Cycle lane on London Road {n}") for n in range(4)],
        summary="test rows",
    )
    ws.db.conn.set_trace_callback(None)
    assert written == 4
    assert len([s for s in statements if s.startswith(INDEX_BY_SELECT)]) == 1
    assert search(ws, "cycle lane").count == 4
    audit = ws.query("SELECT action, summary FROM audit_log WHERE table_name = 'feedback'")
    assert audit == [{"action": "bulk", "summary": "test rows (4 rows)"}]
    with pytest.raises(ValueError, match="no column colour"):
        records.insert_rows(ws, "feedback", ("colour",), [("red",)], summary="bad")


def test_an_import_reports_each_chunk_and_cancelling_it_leaves_nothing(ws, tmp_path, monkeypatch):
    import ocplan_desktop.importers.feedback as feedback_importer
    from ocplan_desktop.services.progress import Cancelled, Progress

    monkeypatch.setattr(feedback_importer, "CHUNK", 100)
    exercise_id = exercise(ws)
    source = write_survey(tmp_path / "survey.csv", 250)
    steps: list[str] = []
    done = Progress(lambda _done, _total, text: steps.append(text))
    import_feedback(ws, source, exercise_id, progress=done)
    assert [text for text in steps if text.startswith("Importing")] == [
        "Importing responses 1–100",
        "Importing responses 101–200",
        "Importing responses 201–250",
    ]
    assert steps[-2:] == ["Indexing the responses for search", "Done"]

    other = exercise(ws, "Canal path consultation")
    index_before = search_index_rows(ws)
    steps.clear()
    # Cancelled while the second chunk is under way: the first is already written, in the same
    # transaction, unindexed as yet.
    cancelling = Progress(
        lambda _done, _total, text: steps.append(text),
        lambda: bool(steps) and steps[-1] == "Importing responses 101–200",
    )
    with pytest.raises(Cancelled):
        import_feedback(ws, source, other, progress=cancelling)
    assert ws.scalar("SELECT count(*) FROM feedback WHERE exercise_id = ?", (other,)) == 0
    assert ws.scalar("SELECT count(*) FROM search_index_deferred") == 0
    assert search_index_rows(ws) == index_before


def test_the_cycle_collector_rests_during_an_import_and_resumes_after(ws, tmp_path, monkeypatch):
    import gc

    import ocplan_desktop.importers.feedback as feedback_importer

    seen = []
    planning = feedback_importer.plan_import

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return planning(*args, **kwargs)

    monkeypatch.setattr(feedback_importer, "plan_import", watched)
    source = write_survey(tmp_path / "survey.csv", 5)
    import_feedback(ws, source, exercise(ws))
    assert seen == [False] and gc.isenabled()
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Ward,Response\nnot a date,Nowhere,Hello\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        import_feedback(ws, bad, exercise(ws, "Another"))
    assert gc.isenabled()  # resumed after a refusal too


def pragma(ws, name):
    return ws.db.execute(f"PRAGMA {name}").fetchone()[0]


def test_a_bulk_write_keeps_its_pages_in_memory_and_gives_the_settings_back(ws):
    exercise_id = exercise(ws)
    cache, temp_store = pragma(ws, "cache_size"), pragma(ws, "temp_store")
    with ws.bulk_write() as db:
        assert pragma(ws, "cache_size") == -BULK_CACHE_KIB
        assert pragma(ws, "temp_store") == 2  # savepoint journals in memory
        db.execute(
            "INSERT INTO feedback (exercise_id, text) VALUES (?, 'Bus shelter')", (exercise_id,)
        )
    assert (pragma(ws, "cache_size"), pragma(ws, "temp_store")) == (cache, temp_store)
    assert ws.scalar("SELECT count(*) FROM feedback") == 1


def test_a_failed_bulk_write_leaves_nothing_and_gives_the_settings_back(ws):
    exercise_id = exercise(ws)
    cache = pragma(ws, "cache_size")
    with pytest.raises(sqlite3.IntegrityError), ws.bulk_write() as db:
        db.execute(
            "INSERT INTO feedback (exercise_id, text) VALUES (?, 'Bus shelter')", (exercise_id,)
        )
        db.execute("INSERT INTO feedback (exercise_id, text) VALUES (NULL, 'no exercise')")
    assert ws.scalar("SELECT count(*) FROM feedback") == 0
    assert (pragma(ws, "cache_size"), pragma(ws, "temp_store")) == (cache, 0)


def test_a_bulk_write_inside_a_transaction_is_its_savepoint(ws):
    """SQLite will not move temporary storage inside a transaction: only the cache grows, and an
    inner batch that fails rolls back alone."""
    exercise_id = exercise(ws)
    with ws.atomic() as db:
        db.execute("INSERT INTO feedback (exercise_id, text) VALUES (?, 'kept')", (exercise_id,))
        with pytest.raises(sqlite3.IntegrityError), ws.bulk_write() as inner:
            assert pragma(ws, "cache_size") == -BULK_CACHE_KIB
            assert pragma(ws, "temp_store") == 0
            inner.execute(
                "INSERT INTO feedback (exercise_id, text) VALUES (?, 'gone')", (exercise_id,)
            )
            inner.execute("INSERT INTO feedback (exercise_id, text) VALUES (NULL, 'fails')")
    assert [row[0] for row in ws.db.execute("SELECT text FROM feedback")] == ["kept"]


def test_an_import_runs_as_one_bulk_write(ws, tmp_path, monkeypatch):
    """The importer's transaction is the bulk one: the rows' pages never spill to temporary files."""
    exercise_id = exercise(ws)
    source = tmp_path / "survey.csv"
    source.write_text(
        "Date,Response\n" + "".join(f"2024-05-{day:02d},Bus stop {day}\n" for day in range(1, 29)),
        encoding="utf-8",
    )
    seen = []
    real = type(ws).bulk_write

    def watched(self):
        seen.append((pragma(self, "temp_store"), self.db.conn.in_transaction))
        return real(self)

    monkeypatch.setattr(type(ws), "bulk_write", watched)
    import_feedback(ws, source, exercise_id, {"Date": "date", "Response": "text"})
    assert seen and seen[0] == (0, False)  # the outermost write of the import
    assert search(ws, "bus stop").count == 28
