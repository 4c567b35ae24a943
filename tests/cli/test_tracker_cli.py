"""`ocplan export tracker-data` and `ocplan import tracker`: the window's checks without a window."""

from __future__ import annotations

import csv
import sqlite3

import pytest

from ocplan_desktop.cli import main


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def table(path, name):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT * FROM {name} ORDER BY id").fetchall()
    finally:
        connection.close()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_dry_run_import_changes_nothing(capsys, demo_path, tmp_path, suffix):
    out_file = tmp_path / f"tracker{suffix}"
    code, out, err = run(capsys, "export", "tracker-data", "--db", demo_path, "--out", out_file)
    assert code == 0, err
    assert out.strip() == f"{out_file}: 9 recommendations"
    before = table(demo_path, "recommendations")
    code, out, err = run(capsys, "import", "tracker", out_file, "--db", demo_path, "--dry-run")
    assert code == 0, err
    assert f"tracker{suffix}: 0 to create, 0 to update, 9 unchanged, 0 rows refused" in out
    assert "ignored columns: overdue" in out
    assert "dry run: nothing was written" in out
    assert table(demo_path, "recommendations") == before


def test_edited_export_imports_by_reference(capsys, demo_path, tmp_path):
    out_file = tmp_path / "tracker.csv"
    run(capsys, "export", "tracker-data", "--db", demo_path, "--out", out_file)
    with out_file.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    awaiting = [row for row in rows if row["response"] == "Awaiting"]
    assert len(awaiting) == 2
    for row in awaiting:
        row["response"] = "Accepted"
        row["response_meeting"] = "Cabinet, 9 January 2024"
    with out_file.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)

    code, out, err = run(capsys, "import", "tracker", out_file, "--db", demo_path, "--dry-run")
    assert code == 0, err
    assert out.count("(Response: Awaiting → Accepted; Response given at set to Cabinet, 9 Jan") == 2
    code, out, err = run(capsys, "import", "tracker", out_file, "--db", demo_path)
    assert code == 0, err
    assert "tracker.csv: created 0, updated 2, left 7 unchanged" in out
    responses = [
        row[0]
        for row in sqlite3.connect(demo_path).execute(
            "SELECT response_date FROM recommendations WHERE from_date = '2023-12-20'"
        )
    ]
    assert responses == ["2024-01-09", "2024-01-09"]
    code, out, err = run(capsys, "import", "tracker", out_file, "--db", demo_path)
    assert code == 0 and "nothing to import" in out
    assert len(table(demo_path, "recommendations")) == 9


def test_bad_rows_refuse_the_whole_file(capsys, demo_path, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "reference,status,due_date\n"
        "SCC 2023-02-01 / 2(b),Completed,\n"
        "SCC 2023-02-01 / 2(c),Finished,\n"
        "SCC 2023-02-01 / 2(d),Open,next Tuesday\n",
        encoding="utf-8",
    )
    before = {name: table(demo_path, name) for name in ("recommendations", "audit_log")}
    code, out, err = run(capsys, "import", "tracker", bad, "--db", demo_path)
    assert code == 1
    lines = err.strip().splitlines()
    assert lines[0].startswith("refused row 3, status: 'Finished' is not a status")
    assert lines[1].startswith("refused row 4, due_date: 'next Tuesday' is not a date")
    assert lines[-1] == (
        "ocplan: bad.csv: nothing was imported: 2 rows refused; fix them and import the whole "
        "file again"
    )
    assert {name: table(demo_path, name) for name in before} == before


def test_mistakes_are_one_line(capsys, demo_path, tmp_path):
    cases = [
        ("import", "tracker", tmp_path / "missing.csv", "--db", demo_path),
        ("import", "tracker", tmp_path / "notes.txt", "--db", demo_path),
        ("export", "tracker-data", "--db", demo_path, "--out", tmp_path / "tracker.pdf"),
        ("export", "tracker-data", "--db", demo_path, "--out", tmp_path / "no" / "t.csv"),
    ]
    for argv in cases:
        code, _out, err = run(capsys, *argv)
        assert code == 1, argv
        assert len(err.strip().splitlines()) == 1 and err.startswith("ocplan: "), err
