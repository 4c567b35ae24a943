"""Benchmark: the recommendation tracker with thousands of rows.

Times listing, the dashboard, the update report, exporting (CSV and XLSX) and importing back an
edited export (preview, then apply). Run: `python bench/tracker_import.py [ROWS]` (default 2,000).
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ocplan_desktop.importers.tracker import apply_import, plan_import
from ocplan_desktop.importers.tracker_export import export_tracker
from ocplan_desktop.services.recommendations import list_recommendations
from ocplan_desktop.services.tracker_dashboard import dashboard
from ocplan_desktop.services.update_report import update_report
from ocplan_desktop.services.workspaces import new_workspace
from ocplan_desktop.store import committees, meetings
from ocplan_desktop.store import recommendations as store

TODAY = dt.date(2026, 6, 1)


def timed(label: str, job: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = job()
    print(f"{label:<38} {time.perf_counter() - start:8.3f} s")
    return result


def populate(ws: Any, count: int) -> None:
    scrutiny = committees.add_committee(ws, "Scrutiny Co-ordination Committee", "SCC")
    cabinet = committees.add_committee(ws, "Cabinet", "CAB")
    officer = committees.add_person(ws, "Tom Adeyemi")
    with ws.atomic():
        for index in range(count):
            day = dt.date(2020, 1, 1) + dt.timedelta(days=index % 2000)
            meeting = (
                meetings.add_meeting(ws, scrutiny, day.isoformat()) if index % 7 == 0 else None
            )
            record_id = store.add_recommendation(
                ws,
                {
                    "reference": f"SCC {day.isoformat()} / {index}(a)",
                    "text": f"Request that officers report on item {index} " + "detail " * 20,
                    "from_committee_id": scrutiny,
                    "from_meeting_id": meeting,
                    "from_date": day.isoformat(),
                    "to_committee_id": cabinet,
                    "category": "request",
                    "response": "accepted" if index % 3 else "awaiting",
                    "response_date": (day + dt.timedelta(days=30)).isoformat()
                    if index % 3
                    else None,
                    "due_date": (day + dt.timedelta(days=180)).isoformat(),
                    "status": ("open", "in_progress", "completed", "closed")[index % 4],
                    "lead_officer_id": officer,
                },
            )
            if index % 2:
                store.add_update(ws, record_id, day.isoformat(), f"Progress on {index}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    folder = Path(tempfile.mkdtemp(prefix="ocplan-bench-"))
    ws = new_workspace(folder / "bench.ocplan")
    timed(f"create {count:,} recommendations", lambda: populate(ws, count))
    timed("list the tracker", lambda: list_recommendations(ws))
    timed("dashboard", lambda: dashboard(ws, TODAY))
    timed("update report (since 2024-01-01)", lambda: update_report(ws, dt.date(2024, 1, 1), TODAY))
    path = timed("export CSV", lambda: export_tracker(ws, folder / "t.csv", today=TODAY).path)
    timed("export XLSX", lambda: export_tracker(ws, folder / "t.xlsx", today=TODAY))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows[::10]:
        row["status"] = "Closed"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    plan = timed("import preview (CSV, 10% edited)", lambda: plan_import(ws, path, today=TODAY))
    result = timed("import apply", lambda: apply_import(ws, plan, today=TODAY))
    print(result.summary)
    ws.close()


if __name__ == "__main__":
    main()
