"""Survey imports against the plain path: pandas reading the file, `executemany` into the table.

The plain path writes the same responses into the same `feedback` table of a fresh workspace, so it
pays the search index's per-row trigger; the app's importer checks every row first and indexes its
rows in one statement after the batch. CSV through `read_csv`, XLSX through `read_excel` with
calamine; the app and the plain path alternate, and the medians are compared.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

COLUMNS = {
    "Date": "date",
    "Ward": "ward",
    "Respondent type": "respondent_type",
    "Response": "text",
    "Themes": "themes",
}


def survey_rows(count: int) -> list[list[str]]:
    """A survey export as online tools write it: messy ward names, several themes, long text."""
    import random

    from ocplan_desktop.domain.reference import COVENTRY_WARDS, FEEDBACK_THEMES

    rng = random.Random(100_000)
    wards = [*COVENTRY_WARDS, "St. Michaels", "binley & willenhall", ""]
    rows = [["Date", "Ward", "Respondent type", "Response", "Themes"]]
    for index in range(count):
        text = f"Comment {index}: " + "more buses and better parks " * rng.randint(1, 12)
        themes = "; ".join(rng.sample(FEEDBACK_THEMES, k=rng.randint(0, 3)))
        rows.append(
            [
                f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                rng.choice(wards),
                "Resident",
                text.strip(),
                themes,
            ]
        )
    return rows


def _fresh(folder: Path, name: str) -> tuple[Any, int]:
    from ocplan_desktop.services import engagement
    from ocplan_desktop.services.workspaces import new_workspace

    path = folder / f"{name}.ocplan"
    for leftover in folder.glob(f"{name}.ocplan*"):
        leftover.unlink()
    ws = new_workspace(path)
    exercise = next(iter(engagement.add_exercise(ws, engagement.ExerciseFields("Bench")).ids))
    return ws, exercise


def _ours(folder: Path, source: Path) -> float:
    from ocplan_desktop.importers.feedback import import_feedback

    ws, exercise = _fresh(folder, "ours")
    started = time.perf_counter()
    import_feedback(ws, source, exercise, COLUMNS)
    elapsed = time.perf_counter() - started
    ws.close()
    return elapsed


def _plain(folder: Path, read: Callable[[], Any]) -> float:
    import sqlite3

    ws, exercise = _fresh(folder, "plain")
    path = ws.path
    ws.close()
    started = time.perf_counter()
    frame = read()
    connection = sqlite3.connect(path)
    connection.executemany(
        "INSERT INTO feedback (exercise_id, received_on, text) VALUES (?, ?, ?)",
        (
            (exercise, date, text)
            for date, text in zip(frame["Date"], frame["Response"], strict=True)
        ),
    )
    connection.commit()
    connection.close()
    return time.perf_counter() - started


def _compare(folder: Path, source: Path, read: Callable[[], Any], runs: int) -> tuple[float, float]:
    ours, plain = [], []
    for _ in range(runs):
        plain.append(_plain(folder, read))
        ours.append(_ours(folder, source))
    return statistics.median(ours), statistics.median(plain)


def measure_imports(folder: Path, count: int, runs: int, *, xlsx: bool) -> dict[str, float]:
    """Import `count` survey rows through the app's importer and through the plain path."""
    import csv

    import pandas as pd

    rows = survey_rows(count)
    csv_path = folder / "survey.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    app, plain = _compare(
        folder,
        csv_path,
        lambda: pd.read_csv(csv_path, dtype=str, keep_default_na=False),
        runs,
    )
    results = {"csv_100k_s": app, "csv_baseline_s": plain, "csv_100k_ratio": app / plain}
    if xlsx:
        xlsx_path = folder / "survey.xlsx"
        pd.DataFrame(rows[1:], columns=rows[0]).to_excel(xlsx_path, index=False)
        app, plain = _compare(
            folder,
            xlsx_path,
            lambda: pd.read_excel(xlsx_path, engine="calamine", dtype=str, keep_default_na=False),
            runs,
        )
        results.update(
            {"xlsx_100k_s": app, "xlsx_baseline_s": plain, "xlsx_100k_ratio": app / plain}
        )
    return results
