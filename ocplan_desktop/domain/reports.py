"""Reports in the council's template (public report / briefing note)."""

from __future__ import annotations

from dataclasses import dataclass, field

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
