"""Benchmark: import a 10,000-row survey export, then summarise and chart the exercise.

Run with `.venv/bin/python bench/bench_feedback.py [ROWS]`; prints seconds per step.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from ocplan_desktop.domain.reference import COVENTRY_WARDS, FEEDBACK_THEMES
from ocplan_desktop.importers.feedback import import_feedback
from ocplan_desktop.services import engagement
from ocplan_desktop.services.engagement_analysis import analysis_charts, feedback_summary
from ocplan_desktop.services.workspaces import new_workspace


def main(rows: int = 10_000) -> None:
    rng = random.Random(6)
    folder = Path(tempfile.mkdtemp(prefix="ocplan-bench-"))
    wards = [*COVENTRY_WARDS, "St. Michaels", "binley & willenhall", ""]
    lines = ["Date,Ward,Respondent type,Response,Themes"]
    for index in range(rows):
        themes = "; ".join(rng.sample(FEEDBACK_THEMES, k=rng.randint(0, 3)))
        text = f'"Comment {index}: ' + "more buses, better parks " * rng.randint(1, 20) + '"'
        lines.append(
            f"2024-01-{rng.randint(1, 28):02d},{rng.choice(wards)},Resident,{text},{themes}"
        )
    path = folder / "survey.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    ws = new_workspace(folder / "bench.ocplan")
    exercise_id = next(iter(engagement.add_exercise(ws, engagement.ExerciseFields("Bench")).ids))
    timings = {}
    start = time.perf_counter()
    import_feedback(ws, path, exercise_id)
    timings[f"import {rows:,} rows"] = time.perf_counter() - start
    start = time.perf_counter()
    feedback_summary(ws, exercise_id)
    timings["summary"] = time.perf_counter() - start
    start = time.perf_counter()
    analysis_charts(ws, exercise_id)
    timings["analysis charts"] = time.perf_counter() - start
    start = time.perf_counter()
    engagement.responses(ws, exercise_id)
    timings["list responses"] = time.perf_counter() - start
    ws.close()
    for name, seconds in timings.items():
        print(f"{name}: {seconds:.3f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
