"""A laptop killed with SIGKILL at many points of a sync, then synced again: nothing lost, nothing
doubled, and it ends the same as the other laptops."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocplan_desktop.store.workspace import open_workspace
from tests.sync.views import differences, dump

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 56


@pytest.mark.slow
def test_killed_at_many_points_the_next_sync_converges_with_nothing_lost_or_doubled(pair):
    team, alice, bob = pair
    path = alice.path
    team.laptops.remove(alice)
    alice.close()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.sync.kill_harness",
            str(path),
            team.url("alice"),
            str(TRIALS),
            "20231220",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    trials = outcome["trials"]
    assert len(trials) >= 50
    assert outcome["problems"] == []
    killed_at = {trial["point"] for trial in trials if trial["killed"] and trial["point"]}
    # killed at every named point, between the server's commit and the laptop's among them
    assert {
        "connected#1",
        "read#1",
        "server_applied#1",
        "server_committed#1",
        "local_applied#1",
    } <= killed_at
    assert "local_record#1" in killed_at
    assert sum(trial["killed"] for trial in trials) >= 40
    alice = open_workspace(path)
    team.laptops.append(alice)
    team.settle(alice, bob)
    assert differences(dump(alice), dump(bob)) == []
    for trial in range(TRIALS):
        assert (
            bob.scalar(
                "SELECT count(*) FROM recommendation_updates WHERE text = ?",
                (f"trial {trial} update",),
            )
            == 1
        )
