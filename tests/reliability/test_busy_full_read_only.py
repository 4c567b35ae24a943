"""A workspace another program is writing to, a disk that fills (or a file-size limit) in the middle
of an import or a backup, and a workspace in a read-only folder: each is one line on the command line,
nothing is changed, and no half-written file is left behind."""

from __future__ import annotations

import csv
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ocplan_desktop.cli import main
from ocplan_desktop.domain.errors import WorkspaceError
from ocplan_desktop.store import workspace as workspace_module
from ocplan_desktop.store.failures import WorkspaceBusy
from ocplan_desktop.store.workspace import open_workspace
from tests.reliability.hazards import another_program_writing

ROOT = Path(__file__).resolve().parents[2]


def test_a_write_waits_for_another_programs_transaction_and_then_succeeds(demo_path):
    with open_workspace(demo_path, backups_dir=demo_path.parent / "b") as ws:
        waits: list[float] = []
        ws.on_busy = waits.append
        with another_program_writing(demo_path, 1.2):
            started = time.monotonic()
            ws.set_setting("officer", "J Smith")
            waited = time.monotonic() - started
        assert ws.setting("officer") == "J Smith"
        assert ws.setting("other program") == "was here"
        assert 0.9 < waited < 4.5 and waits and waits == sorted(waits)


def test_a_workspace_busy_for_too_long_is_one_line_and_nothing_changes(
    demo_path, monkeypatch, capsys
):
    monkeypatch.setattr(workspace_module, "BUSY_WAIT_SECONDS", 1.0)
    with another_program_writing(demo_path, 3.0):
        started = time.monotonic()
        code = main(["exercise", "add", "--db", str(demo_path), "--title", "Parks survey"])
        waited = time.monotonic() - started
    err = capsys.readouterr().err
    assert code == 1 and waited >= 1.0
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("ocplan: demo.ocplan is busy: another program has been writing to it")
    assert "Nothing was changed" in err
    with open_workspace(demo_path, read_only=True) as ws:
        assert ws.scalar("SELECT count(*) FROM exercises WHERE title = 'Parks survey'") == 0


def test_busy_in_the_store_is_its_own_error(demo_path, monkeypatch):
    monkeypatch.setattr(workspace_module, "BUSY_WAIT_SECONDS", 0.5)
    with open_workspace(demo_path, backups_dir=demo_path.parent / "b") as ws:
        with another_program_writing(demo_path, 2.0), pytest.raises(WorkspaceBusy):
            ws.set_setting("officer", "J Smith")
        assert ws.setting("officer") == ""


# a full disk, or a file-size limit ----------------------------------------------------------------


def run_limited(args: list[str], limit: int, data_home: Path) -> subprocess.CompletedProcess[str]:
    """`ocplan ARGS` in a process that may not write any file larger than `limit` bytes (as a
    full disk or a quota would stop it; Python ignores SIGXFSZ, so writes fail with EFBIG)."""

    def limit_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    env = {**os.environ, "XDG_DATA_HOME": str(data_home)}
    return subprocess.run(
        [sys.executable, "-m", "ocplan_desktop", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_files,
    )


def leftovers(*folders: Path) -> list[str]:
    return sorted(
        str(path)
        for folder in folders
        if folder.exists()
        for path in folder.rglob("*")
        if path.name.endswith((".partial", ".partial-journal")) or ".partial" in path.name
    )


def test_a_backup_that_does_not_fit_is_one_line_and_leaves_no_partial_file(demo_path, tmp_path):
    data = tmp_path / "data"
    result = run_limited(["backup", "--db", str(demo_path)], 64 * 1024, data)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "failed: the disk" in result.stderr and "Nothing was changed" in result.stderr
    assert leftovers(data, demo_path.parent) == []
    assert not [p for p in data.rglob("*.ocplan")]  # no backup at all, not a 0-byte one


def survey_file(path: Path, rows: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["date", "channel", "ward", "text"])
        for number in range(rows):
            writer.writerow(
                [
                    "2023-11-01",
                    "Online survey",
                    "Earlsdon",
                    f"Response {number}: more buses to the hospital, and safer cycle lanes "
                    "on the Kenilworth Road, please; the parks need more bins and lighting.",
                ]
            )
    return path


def test_an_import_that_fills_the_disk_is_one_line_and_imports_nothing(demo_path, tmp_path):
    data = tmp_path / "data"
    with open_workspace(demo_path, backups_dir=tmp_path / "b") as ws:
        exercise = ws.scalar("SELECT min(id) FROM exercises")
        before = ws.scalar("SELECT count(*) FROM feedback")
    survey = survey_file(tmp_path / "survey.csv", 6000)
    # Room for the backup taken before the import, not for the import itself.
    limit = demo_path.stat().st_size + 256 * 1024
    result = run_limited(
        ["import", "feedback", str(survey), "--db", str(demo_path), "--exercise", str(exercise)],
        limit,
        data,
    )
    assert result.returncode == 1, result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "failed: the disk" in result.stderr and "Nothing was changed" in result.stderr
    assert leftovers(data, demo_path.parent) == []
    with open_workspace(demo_path, backups_dir=tmp_path / "b") as ws:
        assert ws.scalar("SELECT count(*) FROM feedback") == before
        assert ws.scalar("PRAGMA quick_check") == "ok"


# a read-only folder -------------------------------------------------------------------------------


def test_a_workspace_in_a_read_only_folder_opens_read_only(read_only_folder, capsys):
    path = read_only_folder / "Shared.ocplan"
    with pytest.raises(OSError):
        (read_only_folder / "probe").write_text("x")  # really read-only, even for root
    with open_workspace(path) as ws:
        assert ws.read_only and ws.read_only_reason == "its folder cannot be written to"
        assert ws.scalar("SELECT count(*) FROM indicators") == 73
        with pytest.raises(WorkspaceError, match="its folder cannot be written to"):
            ws.set_setting("x", "y")
    assert main(["check", "--db", str(path)]) == 0
    assert main(["summary", "--db", str(path), "--period", "2022-23"]) == 0
    out = capsys.readouterr().out
    assert "74% (42/57)" in out
    assert main(["exercise", "add", "--db", str(path), "--title", "Parks"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "its folder cannot be written to" in err
    assert sorted(p.name for p in read_only_folder.iterdir()) == ["Shared.ocplan"]


def test_an_export_that_does_not_fit_is_one_line_and_leaves_no_partial_file(demo_path, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = run_limited(
        ["export", "performance", "--db", str(demo_path), "--out", str(out / "performance.pdf")],
        48 * 1024,  # room for the workspace's shared-memory file, not for the report
        tmp_path / "data",
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "failed: a file-size limit was reached" in result.stderr
    assert list(out.iterdir()) == []
