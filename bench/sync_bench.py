"""Team sync on localhost: the ten-year workspace uploaded and joined, and a sync of 100 changes.

    python bench/sync_bench.py LARGE.ocplan [--runs 3]

Starts a throwaway PostgreSQL (tests/sync/cluster.py: the Debian package's binaries, as the
`postgres` user when run as root) and prints a JSON object:
- `sync_upload_s`: uploading the workspace into an empty team server, plus joining a second laptop
  from it (the first day of a team);
- `sync_100_s`: one sync of a laptop that changed 100 records (sent, merged, written back), the
  median of `--runs`;
- `sync_pull_100_s`: the other laptop's sync that brings those 100 in.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure_sync(large: Path, folder: Path, runs: int = 3) -> dict[str, float]:
    from ocplan_desktop.services import sync
    from ocplan_desktop.store import records
    from ocplan_desktop.store.workspace import open_workspace
    from tests.conftest import copy_workspace
    from tests.sync.cluster import ADMIN, Cluster

    cluster = Cluster.create()
    saved = os.environ.get("PGPASSFILE")
    try:
        cluster.add_officer("alice")
        cluster.add_officer("bob")
        os.environ["PGPASSFILE"] = str(cluster.write_pgpass(folder / "pgpass"))
        cluster.create_database("bench")
        sync.initialise_server(cluster.url(ADMIN, "bench"))
        alice = open_workspace(
            copy_workspace(large, folder / "alice.ocplan"), backups_dir=folder / "b"
        )
        started = time.perf_counter()
        uploaded = sync.sync_workspace(alice, cluster.url("alice", "bench"))
        upload = time.perf_counter() - started
        started = time.perf_counter()
        bob, joined = sync.join_workspace(cluster.url("bob", "bench"), folder / "bob.ocplan")
        join = time.perf_counter() - started
        assert uploaded.sent == joined, (uploaded.sent, joined)

        ids = [row["id"] for row in alice.query("SELECT id FROM feedback ORDER BY id LIMIT 100")]
        pushes, pulls = [], []
        for run in range(runs):
            with alice.atomic():
                for row_id in ids:
                    records.update(
                        alice, "feedback", row_id, {"passed_on_to": f"Housing team {run}"}
                    )
            started = time.perf_counter()
            sent = sync.sync_workspace(alice)
            pushes.append(time.perf_counter() - started)
            started = time.perf_counter()
            received = sync.sync_workspace(bob)
            pulls.append(time.perf_counter() - started)
            assert (sent.sent, received.received) == (100, 100), (sent, received)
        alice.close()
        bob.close()
        return {
            "sync_upload_s": upload + join,
            "sync_upload_only_s": upload,
            "sync_join_s": join,
            "sync_records": float(joined),
            "sync_100_s": statistics.median(pushes),
            "sync_pull_100_s": statistics.median(pulls),
        }
    finally:
        if saved is None:
            os.environ.pop("PGPASSFILE", None)
        else:
            os.environ["PGPASSFILE"] = saved
        cluster.destroy()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ocplan-sync-bench-"))
    results: dict[str, Any] = measure_sync(args.workspace, folder, args.runs)
    print(json.dumps({key: round(value, 3) for key, value in results.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
