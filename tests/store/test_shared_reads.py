"""Reads shared while a view refreshes: the same SELECT runs once, until anything is written."""

from __future__ import annotations

from ocplan_desktop.store import records


def runs_of(statements, fragment):
    return sum(fragment in statement for statement in statements)


def committee_names(ws):
    return [row["name"] for row in ws.query("SELECT name FROM committees ORDER BY name")]


def test_a_read_asked_again_in_the_block_runs_once_and_gives_fresh_rows(ws):
    records.insert(ws, "committees", {"name": "Cabinet"})
    statements = []
    ws.db.conn.set_trace_callback(statements.append)
    with ws.shared_reads():
        first = ws.query("SELECT name FROM committees ORDER BY name")
        first[0]["name"] = "changed by a caller"
        second = ws.query("SELECT name FROM committees ORDER BY name")
        assert ws.scalar("SELECT count(*) FROM committees WHERE name = ?", ("Cabinet",)) == 1
        assert ws.scalar("SELECT count(*) FROM committees WHERE name = ?", ("Cabinet",)) == 1
        with ws.shared_reads():  # nested blocks share the outer one's reads
            ws.query("SELECT name FROM committees ORDER BY name")
    assert second == [{"name": "Cabinet"}]
    assert runs_of(statements, "SELECT name FROM committees ORDER BY name") == 1
    assert runs_of(statements, "SELECT count(*) FROM committees") == 1
    committee_names(ws)  # after the block, reads run again
    assert runs_of(statements, "SELECT name FROM committees ORDER BY name") == 2


def test_anything_written_ends_the_sharing_of_what_was_read_before(ws):
    statements = []
    ws.db.conn.set_trace_callback(statements.append)
    with ws.shared_reads():
        assert committee_names(ws) == []
        records.insert(ws, "committees", {"name": "Scrutiny Co-ordination Committee"})
        assert committee_names(ws) == ["Scrutiny Co-ordination Committee"]
        with ws.atomic():  # inside a transaction nothing is shared
            records.insert(ws, "committees", {"name": "Cabinet"})
            assert len(committee_names(ws)) == 2
            assert len(committee_names(ws)) == 2
    assert runs_of(statements, "SELECT name FROM committees ORDER BY name") == 4
