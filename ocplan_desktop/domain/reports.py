"""Reports in the council's template (public report / briefing note)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The implications every report answers, in the order the template prints them.
IMPLICATIONS: tuple[tuple[str, str], ...] = (
    ("implications_financial", "Financial implications"),
    ("implications_legal", "Legal implications"),
    (
        "implications_priorities",
        "How will this contribute to achievement of the Council's key priorities?",
    ),
    ("implications_risk", "How is risk being managed?"),
    ("implications_organisation", "What is the impact on the organisation?"),
    ("implications_equalities", "Equalities / EIA"),
    ("implications_climate", "Implications for (or impact on) climate change and the environment"),
    ("implications_partners", "Implications for partner organisations"),
)


@dataclass(frozen=True)
class ReportSummary:
    """A report as lists show it."""

    id: int
    title: str
    kind: str
    cabinet_member: str
    director: str
    route: str = ""


@dataclass(frozen=True)
class ReportRecommendation:
    body: str
    text: str


@dataclass(frozen=True)
class ReportSection:
    heading: str
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportAuthor:
    name: str
    job_title: str = ""


@dataclass(frozen=True)
class Approval:
    grouping: str  # contributor | approver
    name: str
    role: str = ""
    job_title: str = ""
    service_area: str = ""
    date_sent: str | None = None
    date_received: str | None = None


@dataclass(frozen=True)
class Report:
    """Every field of the template, as one value the editor and the printer share."""

    title: str
    kind: str = "public report"
    report_of: str = ""
    cabinet_member: str = ""
    director: str = ""
    wards_all: bool = True
    wards: tuple[str, ...] = ()
    key_decision: bool = False
    key_decision_reason: str = ""
    executive_summary: str = ""
    recommendations: tuple[ReportRecommendation, ...] = ()
    appendices: tuple[str, ...] = ()
    background_papers: str = ""
    scrutiny_considered: str = ""
    other_bodies: str = ""
    goes_to_council: str = ""
    sections: tuple[ReportSection, ...] = ()
    implications: dict[str, str] = field(default_factory=dict)
    authors: tuple[ReportAuthor, ...] = ()
    author_service: str = ""
    author_contact: str = ""
    web_link: str = ""
    approvals: tuple[Approval, ...] = ()
    id: int | None = None

    @property
    def wards_text(self) -> str:
        return "All" if self.wards_all else ", ".join(self.wards)

    def recommendations_by_body(self) -> list[tuple[str, list[str]]]:
        """Bodies in the order they first appear, each with its recommendations in order."""
        grouped: dict[str, list[str]] = {}
        for item in self.recommendations:
            grouped.setdefault(item.body, []).append(item.text)
        return list(grouped.items())


@dataclass(frozen=True)
class RouteStep:
    """One meeting on a report's route (Scrutiny on 20 December 2023, then Cabinet on 9 January
    2024) and what happened to the report there."""

    meeting_id: int
    agenda_item_id: int
    committee: str
    date: str
    outcome: str = ""
    minute_number: str = ""
    meeting_status: str = "scheduled"
    minutes_status: str = "draft"
    has_minutes: bool = False


@dataclass(frozen=True)
class ReportDraft:
    """A report as its editor shows it: the scalar fields by column name, the wards chosen, and
    each list (recommendations, appendices, sections, paragraphs by section, authors, approvals) as
    rows with their ids, in order."""

    id: int
    fields: dict[str, Any]
    ward_ids: tuple[int, ...]
    parts: dict[str, list[dict[str, Any]]]
    paragraphs: dict[int, list[dict[str, Any]]]
    route: tuple[RouteStep, ...] = ()
