"""The tracker as a spreadsheet (CSV or XLSX), in columns named plainly so that the same file, edited,
imports back without any mapping and updates each recommendation by its reference.

Cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return) are written
with a leading apostrophe; the importer takes it off again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ocplan_desktop.domain.recommendations import (
    RecommendationRow,
    RecommendationStatus,
    Response,
)
from ocplan_desktop.importers.tabular import write_table
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store import recommendations as store
from ocplan_desktop.store.workspace import Workspace

Cell = Callable[[RecommendationRow, dt.date], str]

# name → cell. The order is the file's column order.
COLUMNS: dict[str, Cell] = {
    "reference": lambda r, _t: r.reference,
    "text": lambda r, _t: r.text,
    "from_body": lambda r, _t: r.from_body,
    "from_date": lambda r, _t: r.from_date or "",
    "to_body": lambda r, _t: r.to_body,
    "category": lambda r, _t: r.category,
    "response": lambda r, _t: Response(r.response).text,
    "response_text": lambda r, _t: r.response_text,
    "response_meeting": lambda r, _t: r.response_meeting,
    "response_item": lambda r, _t: r.response_item,
    "response_date": lambda r, _t: r.response_date or "",
    "lead_officer": lambda r, _t: r.lead_officer,
    "cabinet_member": lambda r, _t: r.cabinet_member,
    "due_date": lambda r, _t: r.due_date or "",
    "status": lambda r, _t: RecommendationStatus(r.status).text,
    "overdue": lambda r, today: "yes" if r.is_overdue(today) else "",
    "latest_update_date": lambda r, _t: r.latest_update_date or "",
    "latest_update": lambda r, _t: r.latest_update,
}
# Worked out, not stored: exported for reading, ignored on import.
DERIVED = frozenset({"overdue"})


@dataclass(frozen=True)
class ExportResult:
    path: Path
    count: int


def export_tracker(
    ws: Workspace, path: Path | str, *, today: dt.date, progress: Progress = NO_PROGRESS
) -> ExportResult:
    """Write every tracked recommendation to a .csv or .xlsx file (atomically: all or nothing)."""
    rows = store.list_recommendations(ws)
    cells = []
    for index, row in enumerate(rows):
        if index % 100 == 0:
            progress.step(index, len(rows), "Writing the tracker…")
        cells.append([cell(row, today) for cell in COLUMNS.values()])
    written = write_table(path, list(COLUMNS), cells)
    progress.step(len(rows), len(rows), "Done")
    return ExportResult(written, len(rows))
