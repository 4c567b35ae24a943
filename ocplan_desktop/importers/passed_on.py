"""The export of everything passed on to another consultation, as CSV or XLSX, for the officer who
takes the comments over (for example to the Climate Change Strategy consultation)."""

from __future__ import annotations

from pathlib import Path

from ocplan_desktop.importers.tabular import write_table
from ocplan_desktop.services import engagement
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store.workspace import Workspace

HEADERS = (
    "Passed on to",
    "Date passed on",
    "Exercise",
    "Received",
    "Channel",
    "Ward",
    "Respondent type",
    "Themes",
    "Response",
)


def export_passed_on(
    ws: Workspace,
    path: Path | str,
    exercise_id: int | None = None,
    progress: Progress = NO_PROGRESS,
) -> int:
    """Write the passed-on responses (of one exercise, or of all); returns how many.

    Dates stay ISO so a spreadsheet sorts them; text that a spreadsheet would run as a formula is
    neutralised by `write_table`.
    """
    items = engagement.passed_on(ws, exercise_id)
    progress.step(0, 1, f"Writing {len(items):,} responses")
    write_table(
        path,
        HEADERS,
        (
            (
                item.passed_on_to,
                item.passed_on_date or "",
                item.exercise,
                item.received_on or "",
                item.channel,
                item.ward,
                item.respondent_type,
                item.themes,
                item.text,
            )
            for item in items
        ),
    )
    progress.step(1, 1, "Done")
    return len(items)
