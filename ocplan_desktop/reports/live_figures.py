"""Live figures expanded when a report is printed: every field in the report's text replaced by the
value worked out from the workspace at that moment (see `domain/figures.py`)."""

from __future__ import annotations

from dataclasses import replace

from ocplan_desktop.domain.reports import Report, ReportRecommendation, ReportSection
from ocplan_desktop.services.figures import FigureSource
from ocplan_desktop.store.workspace import Workspace


def with_live_figures(ws: Workspace, report: Report, source: FigureSource | None = None) -> Report:
    """The report as printed: the same report with each field in its text replaced by its value."""
    expand = (source or FigureSource(ws)).expand
    return replace(
        report,
        executive_summary=expand(report.executive_summary),
        key_decision_reason=expand(report.key_decision_reason),
        recommendations=tuple(
            ReportRecommendation(item.body, expand(item.text)) for item in report.recommendations
        ),
        sections=tuple(
            ReportSection(section.heading, tuple(expand(text) for text in section.paragraphs))
            for section in report.sections
        ),
        implications={name: expand(text) for name, text in report.implications.items()},
    )
