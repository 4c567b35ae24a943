"""Benchmark: full-text search and its triggers on a large workspace.

    .venv/bin/python bench/search_bench.py [RESPONSES]

Makes a workspace in a temporary folder with RESPONSES engagement responses (default 200,000)
written through the store (so the FTS5 triggers index every row), then times searches for common
and awkward words. Prints seconds; nothing is asserted (timings belong here, not in tests).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from ocplan_desktop.services.search import search
from ocplan_desktop.services.workspaces import new_workspace
from ocplan_desktop.store import engagement, records

WORDS = (
    "bins buses parks libraries WhatsApp O'Brien C++ 2024-25 recycling trees homes repairs "
    "lighting youth clubs energy bills warm spaces cycle routes apprenticeships GP waits"
).split()
QUERIES = ("recycling", "O'Brien", "C++", "2024-25", "AND", '"', "*", "warm spaces", "zebra")


def main(count: int) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        ws = new_workspace(Path(folder) / "bench.ocplan")
        exercise = engagement.add_exercise(ws, "Bench exercise")
        rows = [
            {"exercise_id": exercise, "text": " ".join(rng.choices(WORDS, k=12))}
            for _ in range(count)
        ]
        started = time.perf_counter()
        records.insert_many(ws, "feedback", rows, summary="bench responses")
        print(
            f"insert {count:,} responses (indexed by triggers): {time.perf_counter() - started:.2f} s"
        )
        for query in QUERIES:
            started = time.perf_counter()
            results = search(ws, query)
            elapsed = (time.perf_counter() - started) * 1000
            print(f"search {query!r:14} {results.count:4} records  {elapsed:7.1f} ms")
        started = time.perf_counter()
        with ws.atomic() as db:
            db.execute("DELETE FROM feedback WHERE id % 10 = 0")
        print(f"delete a tenth (index kept by rowid): {time.perf_counter() - started:.2f} s")
        ws.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200_000)
