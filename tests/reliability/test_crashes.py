"""Real processes killed mid-write: nothing acknowledged is lost, nothing half-written appears."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ocplan_desktop.domain.errors import WorkspaceError
from ocplan_desktop.services.workspaces import new_workspace
from ocplan_desktop.store import committees
from ocplan_desktop.store.workspace import open_workspace
from tests.reliability.crash_writer import ITEMS_PER_MEETING

ROOT = Path(__file__).resolve().parents[2]
KILLS = 200


def start_writer(path: Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_writer", str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if line.strip() != "ready":
        _out, err = process.communicate(timeout=30)
        raise AssertionError(f"the writer did not start: {err}")
    return process


def stop(process: subprocess.Popen[str]) -> set[int]:
    """Kill the writer with SIGKILL; the ids it acknowledged before it died."""
    process.send_signal(signal.SIGKILL)
    out, _err = process.communicate(timeout=30)
    return {int(line) for line in out.split() if line.isdigit()}


def check_consistent(path: Path, expected: set[int]) -> None:
    with open_workspace(path) as ws:
        assert ws.scalar("PRAGMA integrity_check") == "ok"
        present = {row["id"] for row in ws.query("SELECT id FROM meetings")}
        assert expected <= present, f"acknowledged but lost: {sorted(expected - present)[:5]}"
        half = ws.query(
            "SELECT meetings.id, count(agenda_items.id) AS items FROM meetings "
            "LEFT JOIN agenda_items ON agenda_items.meeting_id = meetings.id "
            "GROUP BY meetings.id HAVING items != ?",
            (ITEMS_PER_MEETING,),
        )
        assert half == [], f"meetings with a partial agenda: {half[:3]}"
        orphans = ws.scalar(
            "SELECT count(*) FROM agenda_items LEFT JOIN minutes ON minutes.agenda_item_id = agenda_items.id "
            "WHERE agenda_items.position = 0 AND minutes.id IS NULL"
        )
        assert orphans == 0
        assert ws.scalar("SELECT count(*) FROM resolutions") == 3 * len(present)


@pytest.fixture
def small_workspace(tmp_path: Path) -> Path:
    path = tmp_path / "crash.ocplan"
    ws = new_workspace(path)
    committees.add_committee(ws, "Scrutiny Co-ordination Committee", "SCC")
    ws.close()
    return path


def test_writer_killed_at_random_moments_loses_nothing_it_acknowledged(small_workspace):
    rng = random.Random(20231220)
    everything: set[int] = set()
    for _kill in range(KILLS):
        process = start_writer(small_workspace)
        time.sleep(rng.uniform(0.0, 0.12))
        everything |= stop(process)
        if _kill % 20 == 19:
            check_consistent(small_workspace, everything)
    check_consistent(small_workspace, everything)
    assert len(everything) > KILLS  # the writer really was writing when it was killed


def test_copies_taken_while_writing_open_consistent_or_are_refused(small_workspace, tmp_path):
    process = start_writer(small_workspace)
    rng = random.Random(7)
    copies = []
    try:
        for index in range(40):
            time.sleep(rng.uniform(0.005, 0.05))
            copy = tmp_path / f"copy{index}.ocplan"
            shutil.copyfile(small_workspace, copy)  # the careless copy: main file only, mid-write
            if index % 2 and os.path.exists(f"{small_workspace}-wal"):
                shutil.copyfile(f"{small_workspace}-wal", f"{copy}-wal")
            copies.append(copy)
    finally:
        stop(process)
    opened = refused = 0
    for copy in copies:
        try:
            check_consistent(copy, set())
            opened += 1
        except WorkspaceError:
            refused += 1
    assert opened + refused == len(copies)
    assert opened > 0
