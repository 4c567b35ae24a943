"""The figure check: every performance figure typed into report or minutes text, compared with the
figure the workspace gives for its period (`ocplan check-figures`, and the warning before a briefing
note, minutes or a pack is exported).

Live fields are not typed figures: they are worked out when printed, so they always agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.figure_check import (
    agrees,
    computed_text,
    consistent,
    document_period,
    own_rounding,
    typed_figures,
)
from ocplan_desktop.domain.reports import numbered_sections
from ocplan_desktop.services import reports as report_service
from ocplan_desktop.services.figures import FigureSource
from ocplan_desktop.services.minutes_data import LAST_MINUTES, meeting_minutes, previous_meeting
from ocplan_desktop.services.performance import periods_with_figures
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store import reports as report_store
from ocplan_desktop.store.workspace import Workspace


@dataclass(frozen=True)
class Place:
    """Where a piece of text lives: what the check names and what "Show me" opens."""

    where: str
    kind: str  # "report" or "minutes"
    record_id: int
    meeting_id: int | None = None
    agenda_item_id: int | None = None


@dataclass(frozen=True)
class FigureCheck:
    place: Place
    typed: str
    computed: str | None
    period: str | None
    agrees: bool
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "where": self.place.where,
            "typed": self.typed,
            "computed": self.computed,
            "period": self.period,
            "agrees": self.agrees,
        }

    @property
    def sentence(self) -> str:
        """One line for stderr and the warning dialog."""
        computed = self.computed if self.computed is not None else "no figure"
        text = f"{self.place.where}: typed {self.typed}"
        text += f", the workspace gives {computed}" + (f" for {self.period}" if self.period else "")
        return text + (f" ({self.note})" if self.note else "")


def _report_texts(ws: Workspace, report_id: int) -> Iterator[tuple[Place, str, str | None]]:
    report = report_service.load(ws, report_id)
    period = document_period(report.title)
    name = f"Report '{report.title}'"

    def place(part: str) -> Place:
        return Place(f"{name}, {part}", "report", report_id)

    yield place("executive summary"), report.executive_summary, period
    for index, item in enumerate(report.recommendations, start=1):
        yield place(f"recommendation {index} to {item.body}"), item.text, period
    for section in numbered_sections(report):
        for number, subheading, text in section.paragraphs:
            label = f"{number} {subheading}" if subheading else f"paragraph {number}"
            yield place(label), text, period


def _minutes_texts(ws: Workspace, meeting_id: int) -> Iterator[tuple[Place, str, str | None]]:
    record = meeting_minutes(ws, meeting_id)
    meeting = record.meeting
    for item, minutes in record.items:
        if minutes is None:
            continue
        number = item.minute_number or f"item {item.item_number}"
        title = minutes.heading or item.title
        base = f"Minutes of {meeting.committee}, {format_date(meeting.date)}, {number} {title}"
        texts = [
            *minutes.paragraphs,
            *minutes.bullets,
            *(text for _depth, _label, text in minutes.numbered_resolutions()),
        ]
        period = document_period(title, *texts)
        for index, text in enumerate(texts, start=1):
            place = Place(
                f"{base}, paragraph {index}", "minutes", minutes.id or 0, meeting.id, item.id
            )
            yield place, text, period


def _checks(ws: Workspace, texts: Iterable[tuple[Place, str, str | None]]) -> list[FigureCheck]:
    source = FigureSource(ws)
    known = periods_with_figures(ws)
    latest = known[-1] if known else None
    results = []
    for place, text, document in texts:
        for figure in typed_figures(text):
            period = figure.period or document or latest
            found = source.summary(period) if period else None
            summary = found[0] if found else None
            note = ""
            if not consistent(figure):
                own = own_rounding(figure.numerator, figure.denominator)
                note = (
                    f"{figure.numerator}/{figure.denominator} is {own}%, not {figure.percent:g}%"
                    if own is not None
                    else "a fraction of zero"
                )
            elif summary is None and period:
                note = f"no indicator values for {period}"
            results.append(
                FigureCheck(
                    place,
                    figure.typed,
                    computed_text(figure, summary),
                    period,
                    agrees(figure, summary),
                    note,
                )
            )
    return results


def check_report(ws: Workspace, report_id: int) -> list[FigureCheck]:
    return _checks(ws, _report_texts(ws, report_id))


def check_minutes(ws: Workspace, meeting_id: int) -> list[FigureCheck]:
    """What the minutes PDF prints: the meeting's minutes only."""
    return _checks(ws, _minutes_texts(ws, meeting_id))


def check_meeting(ws: Workspace, meeting_id: int) -> list[FigureCheck]:
    """The meeting's minutes and the reports on its agenda."""
    texts: list[tuple[Place, str, str | None]] = list(_minutes_texts(ws, meeting_id))
    for item in meeting_store.agenda(ws, meeting_id):
        if item.report_id:
            texts += list(_report_texts(ws, item.report_id))
    return _checks(ws, texts)


def check_workspace(ws: Workspace) -> list[FigureCheck]:
    """Every report and every meeting's minutes."""
    texts: list[tuple[Place, str, str | None]] = []
    for report in report_store.list_reports(ws):
        texts += list(_report_texts(ws, report.id))
    for meeting in meeting_store.list_meetings(ws):
        texts += list(_minutes_texts(ws, meeting.id))
    return _checks(ws, texts)


def check_pack(ws: Workspace, meeting_id: int) -> list[FigureCheck]:
    """What a pack prints: its reports, and the minutes of the last meeting when it carries them."""
    texts: list[tuple[Place, str, str | None]] = []
    meeting = meeting_store.get_meeting(ws, meeting_id)
    for item in meeting_store.agenda(ws, meeting_id):
        if item.report_id:
            texts += list(_report_texts(ws, item.report_id))
        elif item.title.strip().casefold() == LAST_MINUTES and (
            before := previous_meeting(ws, meeting)
        ):
            texts += list(_minutes_texts(ws, before.id))
    return _checks(ws, texts)


def disagreements(checks: Iterable[FigureCheck]) -> list[FigureCheck]:
    return [item for item in checks if not item.agrees]
