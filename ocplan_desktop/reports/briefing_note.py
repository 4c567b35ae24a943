"""The public report / briefing note PDF, in the layout of the council's report template."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.exempt import Audience
from ocplan_desktop.domain.reports import Report, RouteStep, numbered_sections
from ocplan_desktop.reports.document import heading
from ocplan_desktop.reports.fonts import printing
from ocplan_desktop.reports.live_figures import with_live_figures
from ocplan_desktop.reports.marks import marked
from ocplan_desktop.reports.publish import write_document
from ocplan_desktop.reports.styles import RULE, SHADE, styles
from ocplan_desktop.reports.text import escape_text as esc
from ocplan_desktop.services import reports as report_service
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store.workspace import Workspace


def _question(label: str, answer: str) -> list[Any]:
    from reportlab.platypus import Paragraph

    s = styles()
    question = Paragraph(esc(label), s.label)
    question.word_field = True  # Word prints the template's questions as a table
    return [question, Paragraph(esc(answer) or "—", s.body)]


def _approvals_table(report: Report) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    s = styles()
    header = [
        "Contributor/approver name",
        "Title",
        "Service Area",
        "Date doc sent out",
        "Date response received or approved",
    ]
    rows: list[list[Any]] = [[Paragraph(esc(text), s.cell_bold) for text in header]]
    spans = []
    for grouping, caption in (
        ("contributor", "Contributors:"),
        ("approver", "Names of approvers for submission: (officers and members)"),
    ):
        items = [item for item in report.approvals if item.grouping == grouping]
        if not items:
            continue
        spans.append(len(rows))
        rows.append([Paragraph(esc(caption), s.cell_bold), "", "", "", ""])
        for item in items:
            name = f"{item.role}: {item.name}" if item.role else item.name
            rows.append(
                [
                    Paragraph(esc(text), s.cell)
                    for text in (
                        name,
                        item.job_title,
                        item.service_area,
                        format_date(item.date_sent),
                        format_date(item.date_received),
                    )
                ]
            )
    table = Table(rows, colWidths=[130, 110, 85, 78, 80], repeatRows=1)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor(RULE)),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(SHADE)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    for row in spans:
        commands += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), colors.HexColor("#f5f7f9")),
        ]
    table.setStyle(TableStyle(commands))
    return table


def briefing_note_story(
    report: Report,
    route: Sequence[RouteStep],
    council: str,
    *,
    outline: int = 0,
    key: str = "report",
) -> list[Any]:
    """The report as flowables; `outline` is the outline level of its title (packs nest it)."""
    with printing(f"Report '{report.title}'"):
        return _briefing_note_story(report, route, council, outline=outline, key=key)


def _briefing_note_story(
    report: Report,
    route: Sequence[RouteStep],
    council: str,
    *,
    outline: int = 0,
    key: str = "report",
) -> list[Any]:
    """The report as flowables; `outline` is the outline level of its title (packs nest it)."""
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    s = styles()
    kind = "Briefing note" if report.kind == "briefing note" else report.kind.capitalize()
    story: list[Any] = [
        Paragraph(esc(council), s.subtitle),
        heading(esc(kind), s.title),
    ]
    # The body that decides, under "Public report", as the council's template has it.
    decides = report.decision_body or (route[-1].committee if route else "")
    if decides:
        story.append(Paragraph(esc(decides), s.heading2))
    if route:
        table = Table(
            [
                [
                    Paragraph(esc(step.committee), s.body),
                    Paragraph(esc(format_date(step.date)), s.body),
                ]
                for step in route
            ],
            colWidths=[300, 180],
            hAlign="LEFT",
        )
        table.word_header = ("Meeting", "Date")  # a Word table needs a header row
        table.setStyle(
            TableStyle(
                [("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
            )
        )
        story += [table, Spacer(1, 8)]
    story += _question("Name of Cabinet Member:", report.cabinet_member)
    story += _question("Director approving submission of the report:", report.director)
    story += _question("Ward(s) affected:", report.wards_text)
    story += [
        Paragraph("Title:", s.label),
        heading(esc(report.title), s.heading1, outline=outline, contents=outline, key=key),
    ]
    story += _question("Is this a key decision?", "Yes" if report.key_decision else "No")
    if report.key_decision and report.key_decision_reason:
        story.append(Paragraph(esc(report.key_decision_reason), s.body))
    story += [Paragraph("Executive summary:", s.label)]
    story += [
        Paragraph(esc(part), s.body)
        for part in report.executive_summary.split("\n\n")
        if part.strip()
    ]
    story.append(Paragraph("Recommendations:", s.label))
    for body, items in report.recommendations_by_body():
        story.append(Paragraph(f"{esc(body)} is requested to:", s.body_bold))
        story += [
            Paragraph(esc(text), s.numbered, bulletText=f"{number})")
            for number, text in enumerate(items, 1)
        ]
    story.append(Paragraph("List of appendices included:", s.label))
    story += [Paragraph(esc(item), s.body) for item in report.appendices] or [
        Paragraph("None", s.body)
    ]
    story += _question("Background papers:", report.background_papers or "None")
    story += _question(
        "Has it been or will it be considered by Scrutiny?", report.scrutiny_considered or "No"
    )
    story += _question(
        "Has it been or will it be considered by any other Council Committee, Advisory Panel, or other body?",
        report.other_bodies or "No",
    )
    story += _question("Will this report go to Council?", report.goes_to_council or "No")
    story += [
        Spacer(1, 6),
        Paragraph("Report title:", s.label),
        Paragraph(esc(report.title), s.heading2),
    ]
    for section in numbered_sections(report):
        story.append(
            heading(
                f"{section.number}.&nbsp;&nbsp;{esc(section.heading)}",
                s.heading2,
                outline=outline + 1,
                key=f"{key}-s{section.number}",
                label=f"{section.number}. {section.heading}",
            )
        )
        for number, subheading, text in section.paragraphs:
            if subheading:
                story.append(Paragraph(f"{number}&nbsp;&nbsp;{esc(subheading)}", s.heading3))
                story += [
                    Paragraph(esc(part), s.body) for part in text.split("\n\n") if part.strip()
                ]
            else:
                story.append(Paragraph(esc(text), s.numbered, bulletText=number))
    authors = [
        Paragraph("Report author(s):", s.label),
        Paragraph("Names and job titles:", s.body_bold),
    ]
    for author in report.authors:
        authors += [
            Paragraph(esc(author.name), s.body_bold),
            Paragraph(esc(author.job_title), s.body),
        ]
    authors += _question("Service:", report.author_service) + _question(
        "Contact:", report.author_contact
    )
    authors.append(Paragraph("Enquiries should be directed to the above persons.", s.body))
    if report.web_link:
        authors.append(Paragraph(esc(report.web_link, line_breaks=False), s.body))
    story.append(KeepTogether(authors))
    # The approvals table and the line under it go on one page: never a page with only that line.
    closing: list[Any] = []
    if report.approvals:
        closing += [Spacer(1, 6), _approvals_table(report)]
    if report.published_link:
        closing += [
            Spacer(1, 8),
            Paragraph(
                "This report is published on the council's website: "
                + esc(report.published_link, line_breaks=False),
                s.small,
            ),
        ]
    if closing:
        story.append(KeepTogether(closing))
    return story


def export_briefing_note(
    ws: Workspace,
    report_id: int,
    target: Path,
    progress: Progress = NO_PROGRESS,
    *,
    invariant: bool = False,
    audience: Audience = Audience.PUBLIC,
) -> int:
    """Write the report as PDF or Word (by `target`'s extension); returns the PDF's page count.

    An exempt report is for members only: every page says "NOT FOR PUBLICATION" and its paragraph;
    asked for the public, the export refuses (the public see the item in the pack, not the paper).
    """
    from ocplan_desktop.services.exempt import report_exemption

    report, route = report_service.load(ws, report_id), report_service.route(ws, report_id)
    report = with_live_figures(ws, report)
    council = ws.setting("council", "")
    story = briefing_note_story(report, route, council)
    exemption = report_exemption(ws, report_id)
    if exemption is not None:
        if audience is Audience.PUBLIC:
            raise ValidationError(
                f"report {report_id} is exempt under {exemption.citation}: it is not for "
                "publication (export it for members, or the public pack, which lists it)"
            )
        story = marked(exemption.mark, story)
    return write_document(
        target,
        story,
        title=report.title,
        subject=report.kind,
        author=council,
        progress=progress,
        invariant=invariant,
    )
