"""SIGKILL trials: a laptop killed at many points of a sync, then synced again.

    python -m tests.sync.kill_harness LAPTOP URL TRIALS SEED

Run by tests/sync/test_kill.py in its own process (a plain one, no threads, so forking is safe).
Each trial makes a few edits, forks a child that syncs and is killed with SIGKILL at one named point
of the sync (between the server's commit and the laptop's among them) or after a random delay, then
syncs again in the parent and checks, on the laptop and on the server, that each edit is there
exactly once. Prints one JSON object: the trials run, where each was killed, and any problem.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import threading
from pathlib import Path

import psycopg

from ocplan_desktop.services import meetings, sync
from ocplan_desktop.store import records
from ocplan_desktop.store.sync.local import pending_count
from ocplan_desktop.store.workspace import open_workspace

POINTS = [
    ("connected", 1),
    ("read", 1),
    ("server_applied", 1),
    ("server_committed", 1),  # the server has committed, the laptop has not
    ("local_record", 1),
    ("local_applied", 1),
]


def edit(path: Path, trial: int, rng: random.Random) -> dict[str, object]:
    """A few edits of the kinds a sync must carry: an added log entry, a changed field, an added
    and a moved agenda item. Returns what must be found afterwards."""
    with open_workspace(path) as ws:
        rec = rng.choice([r["id"] for r in ws.query("SELECT id FROM recommendations")])
        marker = f"trial {trial} update"
        records.insert(
            ws,
            "recommendation_updates",
            {"recommendation_id": rec, "date": "2024-02-01", "text": marker},
        )
        meeting = int(ws.scalar("SELECT id FROM meetings WHERE status = 'scheduled' LIMIT 1"))
        records.update(ws, "meetings", meeting, {"venue": f"Room {trial}"})
        added = meetings.add_item(ws, meeting, f"Trial {trial} item")
        items = meetings.agenda(ws, meeting)
        meetings.move_item(ws, next(iter(added.ids)), rng.randrange(len(items)))
        return {"marker": marker, "venue": f"Room {trial}", "item": f"Trial {trial} item"}


def child(path: Path, url: str, point: tuple[str, int] | None, delay: float) -> None:
    """Sync and be killed (never returns normally when killed)."""
    seen: dict[str, int] = {}

    def checkpoint(name: str) -> None:
        seen[name] = seen.get(name, 0) + 1
        if point is not None and (name, seen[name]) == point:
            os.kill(os.getpid(), signal.SIGKILL)

    if point is None:
        threading.Timer(delay, lambda: os.kill(os.getpid(), signal.SIGKILL)).start()
    with open_workspace(path) as ws:
        sync.sync_workspace(ws, url, checkpoint=checkpoint)


def check(path: Path, url: str, expected: list[dict[str, object]]) -> list[str]:
    problems = []
    with open_workspace(path) as ws:
        sync.sync_workspace(ws, url)
        if pending_count(ws):
            sync.sync_workspace(ws, url)
        if pending_count(ws):
            problems.append(f"{pending_count(ws)} changes still waiting after syncing again")
        with psycopg.connect(url) as conn:
            for wanted in expected:
                here = ws.scalar(
                    "SELECT count(*) FROM recommendation_updates WHERE text = ?",
                    (wanted["marker"],),
                )
                there = conn.execute(
                    "SELECT count(*) FROM ocplan.records WHERE tbl = 'recommendation_updates' "
                    "AND NOT deleted AND data ->> 'text' = %s",
                    (wanted["marker"],),
                ).fetchone()[0]
                items = ws.scalar(
                    "SELECT count(*) FROM agenda_items WHERE title = ?", (wanted["item"],)
                )
                if (here, there, items) != (1, 1, 1):
                    problems.append(f"{wanted}: here {here}, server {there}, items {items}")
            last = expected[-1]
            venue = conn.execute(
                "SELECT count(*) FROM ocplan.records WHERE tbl = 'meetings' "
                "AND data ->> 'venue' = %s",
                (last["venue"],),
            ).fetchone()[0]
            if venue != 1:
                problems.append(f"the last venue is on {venue} meetings on the server")
    return problems


def main() -> int:
    path, url, trials, seed = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(seed)
    expected: list[dict[str, object]] = []
    outcomes = []
    problems: list[str] = []
    for trial in range(trials):
        expected.append(edit(path, trial, rng))
        point = POINTS[(trial - trial // 3) % len(POINTS)] if trial % 3 != 2 else None
        delay = rng.uniform(0.0, 0.08)
        pid = os.fork()
        if pid == 0:
            try:
                child(path, url, point, delay)
            finally:
                os._exit(0)
        _pid, status = os.waitpid(pid, 0)
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        outcomes.append(
            {"point": point and f"{point[0]}#{point[1]}", "delay": delay, "killed": killed}
        )
        found = check(path, url, expected)
        problems += [f"trial {trial}: {problem}" for problem in found]
    print(json.dumps({"trials": outcomes, "problems": problems}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
