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
    # The body that decides, under "Public report" ("" = the last meeting on the route).
    decision_body: str = ""
    # "This report is published on the council's website: …", exactly as given.
    published_link: str = ""
    # The file kept with each appendix (same order as `appendices`; "" when only listed).
    appendix_files: tuple[str, ...] = ()

    @property
    def wards_text(self) -> str:
        return "All" if self.wards_all else ", ".join(self.wards)

    def recommendations_by_body(self) -> list[tuple[str, list[str]]]:
        """Bodies in the order they first appear, each with its recommendations in order."""
        grouped: dict[str, list[str]] = {}
        for item in self.recommendations:
            grouped.setdefault(item.body, []).append(item.text)
        return list(grouped.items())


IMPLICATION_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Comments from the Chief Operating Officer (Section 151 Officer) and the Chief Legal Officer",
        ("implications_financial", "implications_legal"),
    ),
    (
        "Other implications",
        (
            "implications_priorities",
            "implications_risk",
            "implications_organisation",
            "implications_equalities",
            "implications_climate",
            "implications_partners",
        ),
    ),
)


@dataclass(frozen=True)
class NumberedSection:
    number: str
    heading: str
    paragraphs: tuple[tuple[str, str, str], ...]  # (number, sub-heading or "", text)


def numbered_sections(report: Report) -> list[NumberedSection]:
    """The body of the report numbered as the template prints it: the report's own sections 1, 2, …
    with paragraphs 1.1, 1.2, …, then the implications as the next two sections (5.1 Financial …)."""
    result = []
    for index, section in enumerate(report.sections, start=1):
        paragraphs = tuple(
            (f"{index}.{number}", "", text) for number, text in enumerate(section.paragraphs, 1)
        )
        result.append(NumberedSection(str(index), section.heading, paragraphs))
    headings = dict(IMPLICATIONS)
    next_number = len(report.sections) + 1
    for group, fields in IMPLICATION_GROUPS:
        paragraphs = tuple(
            (
                f"{next_number}.{number}",
                headings[field],
                report.implications.get(field, "") or "None.",
            )
            for number, field in enumerate(fields, start=1)
        )
        result.append(NumberedSection(str(next_number), group, paragraphs))
        next_number += 1
    return result


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
