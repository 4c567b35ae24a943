"""Word documents from the ten-year workspace: the largest meeting's minutes (against the same
minutes as PDF, in the same run) and the pack benchmark's meeting as a Word pack (issue 15)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def largest_minutes_meeting(ws: Any) -> int:
    """The meeting whose minutes hold the most: paragraphs, bullets and resolutions together."""
    return int(
        ws.scalar(
            "SELECT agenda_items.meeting_id FROM minutes"
            " JOIN agenda_items ON agenda_items.id = minutes.agenda_item_id"
            " GROUP BY agenda_items.meeting_id ORDER BY"
            " sum((SELECT count(*) FROM minute_paragraphs WHERE minutes_id = minutes.id)"
            " + (SELECT count(*) FROM minute_bullets WHERE minutes_id = minutes.id)"
            " + (SELECT count(*) FROM resolutions WHERE minutes_id = minutes.id)) DESC LIMIT 1"
        )
    )


def _timed(export: Callable[[], object]) -> float:
    started = time.perf_counter()
    export()
    return time.perf_counter() - started


def measure_word(large: Path, folder: Path, runs: int, pack_pages: float) -> dict[str, float]:
    from ocplan_desktop.domain.exempt import Audience
    from ocplan_desktop.reports.minutes_pdf import export_minutes
    from ocplan_desktop.reports.pack import export_pack
    from ocplan_desktop.store.workspace import open_workspace

    ws = open_workspace(large, read_only=True)
    meeting_id = largest_minutes_meeting(ws)
    members = Audience.MEMBERS
    pages = export_minutes(ws, meeting_id, folder / "minutes.pdf", audience=members)

    def median(export: Callable[[], object], count: int) -> float:
        return statistics.median(_timed(export) for _ in range(count))

    word = median(
        lambda: export_minutes(ws, meeting_id, folder / "minutes.docx", audience=members), runs
    )
    pdf = median(
        lambda: export_minutes(ws, meeting_id, folder / "minutes.pdf", audience=members), runs
    )
    pack_meeting = int(
        ws.scalar(
            "SELECT meeting_id FROM agenda_items WHERE report_id IS NOT NULL GROUP BY "
            "meeting_id ORDER BY count(*) DESC LIMIT 1"
        )
    )
    pack_word = median(lambda: export_pack(ws, pack_meeting, folder / "pack.docx"), 1)
    ws.close()
    return {
        "docx_minutes_s": word,
        "minutes_pdf_s": pdf,
        "minutes_pages": float(pages),
        "docx_pack_s": pack_word,
        # The Word pack per 200 pages of the same pack as PDF: held to the pack's budget.
        "docx_pack_200_s": pack_word * 200 / max(pack_pages, 1),
    }
