"""Benchmark: importing a large indicators file and working out the summary.

    .venv/bin/python bench/indicators.py [--indicators 500] [--periods 10] [--areas 4]

Writes a catalogue-and-values file in long form (CSV and XLSX) for a new workspace, then times the
preview, the import, and the summary with its history, by theme and a drill-down. Numbers only: it
asserts nothing about time (the tests never do).
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from ocplan_desktop.importers.indicators import import_indicators, preview_import
from ocplan_desktop.importers.tabular import write_table
from ocplan_desktop.services.performance import drill_down, performance_summary, theme_summaries
from ocplan_desktop.services.performance_charts import history_chart
from ocplan_desktop.services.workspaces import new_workspace

AREAS = ("", "England", "West Midlands", "Similar councils", "Warwickshire", "Solihull")


def make_rows(indicators: int, periods: int, areas: int) -> list[list[object]]:
    rng = random.Random(5)
    labels = [f"{2010 + year}-{(2011 + year) % 100:02d}" for year in range(periods)]
    rows: list[list[object]] = []
    for number in range(indicators):
        polarity = rng.choice(("higher", "lower", "none"))
        level = rng.uniform(10, 1000)
        for period in labels:
            for area in AREAS[:areas]:
                value = round(level * rng.uniform(0.9, 1.1), 1)
                rows.append(
                    [
                        f"B{number:04d}",
                        f"Indicator {number}",
                        polarity,
                        "count",
                        period,
                        area,
                        value,
                    ]
                )
    return rows


def timed(label: str, job):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = job()
    print(f"{label:<44} {time.perf_counter() - start:8.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--indicators", type=int, default=500)
    parser.add_argument("--periods", type=int, default=10)
    parser.add_argument("--areas", type=int, default=4)
    args = parser.parse_args()
    headers = ("Code", "Name", "Polarity", "Unit", "Period", "Area", "Value")
    rows = make_rows(args.indicators, args.periods, args.areas)
    print(
        f"{len(rows):,} rows: {args.indicators} indicators, {args.periods} periods, {args.areas} areas"
    )
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".csv", ".xlsx"):
            path = Path(folder) / f"indicators{suffix}"
            timed(f"write {suffix}", lambda path=path: write_table(path, headers, rows))
            ws = new_workspace(Path(folder) / f"bench{suffix}.ocplan")
            plan = timed(f"preview {suffix}", lambda ws=ws, path=path: preview_import(ws, path))
            assert plan.ok, plan.refusal()
            timed(f"import {suffix}", lambda ws=ws, path=path: import_indicators(ws, path))
            result = timed("summary with history", lambda ws=ws: performance_summary(ws))
            timed(
                "by theme, drill-down and history chart",
                lambda ws=ws, r=result: (
                    theme_summaries(ws, r),
                    drill_down(r),
                    history_chart(r.through_period),
                ),
            )
            ws.close()


if __name__ == "__main__":
    main()
