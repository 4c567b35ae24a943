"""A report with the meetings it goes to: what the report editor and the printed report both show."""

from __future__ import annotations

from dataclasses import dataclass

from ocplan_desktop.domain.reports import Report
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store import reports as report_store
from ocplan_desktop.store.workspace import Workspace


@dataclass(frozen=True)
class ReportRoute:
    """One step of a report's route: a body, the meeting date, and what happened there."""

    body: str
    date: str
    meeting_id: int
    outcome: str


def report_route(ws: Workspace, report_id: int) -> list[ReportRoute]:
    return [
        ReportRoute(row["committee"], row["date"], row["meeting_id"], row["outcome"])
        for row in meeting_store.report_route(ws, report_id)
    ]


def report_with_route(ws: Workspace, report_id: int) -> tuple[Report, list[ReportRoute]]:
    return report_store.load_report(ws, report_id), report_route(ws, report_id)
