"""Meetings and their agendas, as the window and the command line read them."""

from __future__ import annotations

from ocplan_desktop.domain.meetings import AgendaItem, Committee, Meeting
from ocplan_desktop.domain.reports import ReportSummary
from ocplan_desktop.store import committees as committee_store
from ocplan_desktop.store import meetings as store
from ocplan_desktop.store import reports as report_store
from ocplan_desktop.store.workspace import Workspace


def list_committees(ws: Workspace) -> list[Committee]:
    return committee_store.list_committees(ws)


def list_meetings(ws: Workspace, committee_id: int | None = None) -> list[Meeting]:
    return store.list_meetings(ws, committee_id)


def agenda(ws: Workspace, meeting_id: int) -> list[AgendaItem]:
    return store.agenda(ws, meeting_id)


def list_reports(ws: Workspace) -> list[ReportSummary]:
    return report_store.list_reports(ws)
