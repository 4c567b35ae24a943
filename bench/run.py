"""The benchmarks, run on purpose (never as timed tests): medians over repeated runs.

    python bench/run.py [--json] [--quick] [--workspace PATH]

Uses the ten-year workspace of bench/generate.py (or a smaller one with --quick), generated once and
kept between runs (see workspace_cache.py), then measures each budget of issues 8 and 16. Where a
measure is a ratio, the app and the plain path it is compared with run alternately in the same run,
so that a busy machine slows both. --json prints only the JSON object of medians.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

BUDGETS = {
    "start_ratio": 1.3,
    "ready_ratio": 4.0,
    "open_s": 1.0,
    "open_ratio": 1.3,
    "search_p95_ms": 50.0,
    "pack_200_s": 5.0,
    "pack_ratio": 1.1,
    "docx_pack_200_s": 5.0,
    "chart_10k_ms": 100.0,
    "csv_100k_ratio": 1.0,
    "xlsx_100k_ratio": 1.0,
    "peak_rss_mb": 200.0,
    # team sync on localhost (issue 11): upload + join of the ten-year workspace; 100 changes
    "sync_upload_s": 60.0,
    "sync_100_s": 1.0,
}


def median_of(runs: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(runs))


def _scratch_env(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "OCPLAN_QUIT_WHEN_SHOWN": "1",
        # Cold start means a new process, not uncompiled code: let Python keep its bytecode cache.
        "PYTHONDONTWRITEBYTECODE": "",
    }


def time_to_line(command: list[str], env: dict[str, str], wanted: str = "shown") -> float:
    """Seconds from starting `command` to its printing the line `wanted`."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    elapsed = None
    for line in process.stdout:
        if line.strip() == wanted:
            elapsed = time.perf_counter() - started
            break
    _out, err = process.communicate(timeout=120)
    if process.returncode != 0 or elapsed is None:
        raise RuntimeError(f"{command} failed: {err}")
    return elapsed


def measure_start(demo: Path, large: Path, folder: Path, runs: int) -> dict[str, float]:
    """The window shown (demo workspace), and the ten-year workspace usable (its first view filled
    and painted: the app prints `ready`), each against a bare PySide6 window; taken in turn."""
    env = _scratch_env(folder)
    app = [sys.executable, "-m", "ocplan_desktop", "--db"]
    bare, start, ready = [], [], []
    for _ in range(runs):
        bare.append(time_to_line([sys.executable, str(ROOT / "bench" / "bare_window.py")], env))
        start.append(time_to_line([*app, str(demo)], env))
        ready.append(time_to_line([*app, str(large)], env, "ready"))
    bare_s, start_s, ready_s = (statistics.median(v) for v in (bare, start, ready))
    return {
        "start_s": start_s,
        "bare_window_s": bare_s,
        "start_ratio": start_s / bare_s,
        "ready_s": ready_s,
        "ready_ratio": ready_s / bare_s,
    }


def measure_peak_rss(large: Path, folder: Path) -> float:
    """Peak memory (MB) of the app with the ten-year workspace open and every view visited."""
    env = {**_scratch_env(folder), "OCPLAN_QUIT_WHEN_SHOWN": ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "ocplan_desktop", "--db", str(large), "--smoke"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    out, err = process.stdout.read(), process.stderr.read()  # type: ignore[union-attr]
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"the smoke visit failed: {out!r} {err!r}")
    return usage.ru_maxrss / 1024  # kilobytes on Linux


class Window:
    """The real main window, offscreen, for the in-process measurements."""

    def __init__(self, folder: Path) -> None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QSettings

        from ocplan_desktop.app import make_application
        from ocplan_desktop.ui.main_window import MainWindow

        self.app = make_application()
        self.window = MainWindow(QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat))
        self.window.resize(1280, 800)
        self.window.show()
        self.app.processEvents()

    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()


FIRST_VIEW_QUERY = """
SELECT meetings.id, meetings.committee_id, committees.name, meetings.date, meetings.start_time,
       meetings.venue, meetings.status, meetings.minutes_status,
       (SELECT count(*) FROM agenda_items WHERE agenda_items.meeting_id = meetings.id)
FROM meetings JOIN committees ON committees.id = meetings.committee_id
ORDER BY meetings.date, meetings.start_time, committees.name
"""


def measure_open(window: Window, large: Path, runs: int) -> dict[str, float]:
    """Opening the large workspace (checks, connection, the first view filled and painted),
    against the plain path: connect, quick_check, and the first view's query; taken in turn."""
    import sqlite3

    from ocplan_desktop.store.workspace import open_workspace

    def ours() -> float:
        started = time.perf_counter()
        ws = open_workspace(large)
        window.window.set_workspace(ws)
        window.window.show_page(0)
        window.settle()
        window.window.repaint()
        return time.perf_counter() - started

    def plain() -> float:
        started = time.perf_counter()
        connection = sqlite3.connect(large)
        connection.execute("PRAGMA quick_check").fetchall()
        connection.execute(FIRST_VIEW_QUERY).fetchall()
        connection.close()
        return time.perf_counter() - started

    app_times, plain_times = [], []
    for _ in range(runs):
        plain_times.append(plain())
        app_times.append(ours())
    app, raw = statistics.median(app_times), statistics.median(plain_times)
    return {"open_s": app, "open_plain_s": raw, "open_ratio": app / raw}


def measure_scroll(window: Window) -> dict[str, float]:
    """Scrolling the largest table a page at a time, each step repainted: median ms per step."""
    from ocplan_desktop.ui.widgets.record_table import RecordTable

    best: tuple[int, Any] = (0, None)
    for row, page in enumerate(window.window.pages):
        window.window.show_page(row)
        window.settle()
        for table in page.findChildren(RecordTable):
            if table.model.rowCount() > best[0]:
                best = (table.model.rowCount(), (row, table))
    rows, (page_row, table) = best
    window.window.show_page(page_row)
    window.settle()
    bar = table.view.verticalScrollBar()
    steps = []
    position = 0
    while position < bar.maximum() and len(steps) < 400:
        started = time.perf_counter()
        position += bar.pageStep()
        bar.setValue(position)
        table.view.viewport().repaint()
        steps.append((time.perf_counter() - started) * 1000)
    return {"scroll_ms": statistics.median(steps), "scroll_rows": float(rows)}


def measure_chart(window: Window, runs: int) -> float:
    from ocplan_desktop.domain.charts import ChartData, ChartKind, Series
    from ocplan_desktop.ui.widgets.chart_view import ChartView

    values = tuple(float((index * 37) % 1000) for index in range(10_000))
    data = ChartData(
        "10,000 points",
        ChartKind.LINE,
        tuple(str(i) for i in range(10_000)),
        (Series("values", values),),
    )

    def once() -> float:
        view = ChartView("benchmark chart")
        view.resize(900, 500)
        view.show()
        started = time.perf_counter()
        view.show_chart(data)
        view.repaint()
        elapsed = time.perf_counter() - started
        view.close()
        view.deleteLater()
        return elapsed * 1000

    once()  # pyqtgraph's first import is start-up cost, not drawing
    return median_of(runs, once)


SEARCHES = (
    "buses",
    "housing",
    "climate change",
    "budget",
    "O'Brien",
    "C++",
    "2024-25",
    "AND",
    '"',
    "*",
    "parks trees",
    "cabinet report",
    "libraries",
    "engagement ward",
    "safety lighting",
    "apprenticeships",
    "council plan",
    "scrutiny",
    "recycling",
    "carers support",
)


def measure_search(large: Path) -> dict[str, float]:
    """Search over the large workspace: the 95th percentile of 200 searches, in ms."""
    from ocplan_desktop.services.search import search
    from ocplan_desktop.store.workspace import open_workspace

    ws = open_workspace(large, read_only=True)
    search(ws, "warm up")
    times = []
    for round_number in range(10):
        for text in SEARCHES:
            started = time.perf_counter()
            search(ws, text if round_number % 2 == 0 else text.upper())
            times.append((time.perf_counter() - started) * 1000)
    ws.close()
    times.sort()
    return {
        "search_p95_ms": times[int(len(times) * 0.95) - 1],
        "search_median_ms": statistics.median(times),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="print only the JSON object of medians")
    parser.add_argument(
        "--quick", action="store_true", help="a small workspace and fewer runs (a smoke test)"
    )
    parser.add_argument(
        "--workspace", type=Path, help="use this large workspace instead of the generated one"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ocplan-bench-"))
    try:
        return measure_all(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # a copy of the large workspace: 200 MB


def measure_all(args: argparse.Namespace, folder: Path) -> int:
    runs = 3 if args.quick else 7
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    log = (lambda *_a: None) if args.json else (lambda *a: print(*a, file=sys.stderr, flush=True))

    from import_bench import measure_imports
    from pack_bench import measure_pack
    from word_bench import measure_word
    from workspace_cache import working_copy

    from ocplan_desktop.services.demo import create_demo

    demo = folder / "demo.ocplan"
    create_demo(demo).close()
    large = args.workspace or working_copy(0.05 if args.quick else 1.0, folder, log)

    results: dict[str, float] = {}
    log("start-up and ready…")
    results.update(measure_start(demo, large, folder, runs))
    log("peak memory…")
    results["peak_rss_mb"] = measure_peak_rss(large, folder)
    window = Window(folder)
    log("opening the large workspace…")
    results.update(measure_open(window, large, runs))
    log("scrolling…")
    results.update(measure_scroll(window))
    log("chart…")
    results["chart_10k_ms"] = measure_chart(window, runs)
    window.window.close()
    log("briefing pack…")
    results.update(measure_pack(large, folder, max(1, runs // 2)))
    log("Word documents…")
    results.update(measure_word(large, folder, max(1, runs // 2), results["pack_pages"]))
    log("search…")
    results.update(measure_search(large))
    log("imports…")
    results.update(measure_imports(folder, 10_000 if args.quick else 100_000, 3, xlsx=True))
    log("team sync (a throwaway PostgreSQL on localhost)…")
    from sync_bench import measure_sync

    results.update(measure_sync(large, folder, 3))

    keys = [
        "start_ratio",
        "ready_s",
        "ready_ratio",
        "open_s",
        "open_ratio",
        "search_p95_ms",
        "scroll_ms",
        "pack_200_s",
        "pack_ratio",
        "docx_minutes_s",
        "chart_10k_ms",
        "csv_100k_ratio",
        "xlsx_100k_s",
        "xlsx_100k_ratio",
        "peak_rss_mb",
        "sync_upload_s",
        "sync_100_s",
    ]
    medians = {key: round(results[key], 3) for key in keys}
    if args.json:
        print(json.dumps(medians))
        return 0
    for key, value in results.items():
        budget = BUDGETS.get(key)
        verdict = (
            ""
            if budget is None
            else ("  within budget" if value <= budget else f"  OVER budget {budget}")
        )
        print(f"{key:>16}: {value:,.3f}{verdict}")
    print(json.dumps(medians))
    return 0


if __name__ == "__main__":
    sys.exit(main())
