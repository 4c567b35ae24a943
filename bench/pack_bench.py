"""The briefing pack against the plain path: ReportLab alone, the same kinds of flowables.

The plain document is what a developer writes from ReportLab's own examples (docco): a cover, a
`TableOfContents` fed from `afterFlowable`, the agenda as a table, then each item's report as
paragraphs, numbered paragraphs, headings with outline entries, a kept-together block and a table,
in the same DejaVu fonts, built with `multiBuild`. Both are timed per page in the same run, and the
layout passes each took are reported (`pack_passes`, `pack_raw_passes`).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

from workspace_cache import ROOT


class PassCounter:
    """Counts the passes `multiBuild` makes (its return value), for any document class."""

    def __init__(self) -> None:
        from reportlab.platypus import BaseDocTemplate

        self.passes: list[int] = []
        self._original = BaseDocTemplate.multiBuild
        counter = self

        def counting(document: Any, story: Any, *args: Any, **kwargs: Any) -> int:
            passes = int(counter._original(document, story, *args, **kwargs))
            counter.passes.append(passes)
            return passes

        BaseDocTemplate.multiBuild = counting

    def close(self) -> None:
        from reportlab.platypus import BaseDocTemplate

        BaseDocTemplate.multiBuild = self._original


def _fonts() -> tuple[str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = ROOT / "resources" / "fonts"
    if "RawSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("RawSans", str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("RawSans-Bold", str(folder / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily("RawSans", normal="RawSans", bold="RawSans-Bold")
    return "RawSans", "RawSans-Bold"


def _styles() -> dict[str, Any]:
    """Plain paragraph styles with the same metrics as the app's, so the pages hold as much."""
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = _fonts()
    body = ParagraphStyle("RawBody", fontName=regular, fontSize=10.5, leading=14, spaceAfter=6)
    head = ParagraphStyle("RawHead", parent=body, fontName=bold, keepWithNext=True)
    return {
        "regular": regular,
        "body": body,
        "bold": ParagraphStyle("RawBold", parent=body, fontName=bold),
        "title": ParagraphStyle("RawTitle", parent=head, fontSize=20, leading=25, spaceAfter=10),
        "subtitle": ParagraphStyle("RawSubtitle", parent=body, fontSize=12.5, leading=17),
        "h1": ParagraphStyle("RawH1", parent=head, fontSize=14, leading=18, spaceBefore=12),
        "h2": ParagraphStyle("RawH2", parent=head, fontSize=12, leading=15, spaceBefore=9),
        "h3": ParagraphStyle("RawH3", parent=head, spaceBefore=6, spaceAfter=3),
        "label": ParagraphStyle("RawLabel", parent=body, fontName=bold, spaceAfter=2),
        "numbered": ParagraphStyle(
            "RawNumbered", parent=body, leftIndent=30, bulletIndent=0, bulletFontName=regular
        ),
        "cell": ParagraphStyle("RawCell", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        "cell_bold": ParagraphStyle(
            "RawCellBold", parent=body, fontName=bold, fontSize=9, leading=11.5, spaceAfter=0
        ),
        "toc": [
            ParagraphStyle("RawToc1", parent=body, fontSize=11, leading=16),
            ParagraphStyle("RawToc2", parent=body, fontSize=10, leading=14, leftIndent=18),
        ],
    }


def _report_story(report: Any, s: dict[str, Any], marked: Any) -> list[Any]:
    """A report's flowables as a developer writes them with ReportLab alone."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    from ocplan_desktop.domain.reports import numbered_sections

    def qa(question: str, answer: str) -> list[Any]:
        return [
            Paragraph(escape(question), s["label"]),
            Paragraph(escape(answer) or "-", s["body"]),
        ]

    story: list[Any] = [Paragraph("Coventry City Council", s["subtitle"])]
    story.append(Paragraph(escape(report.kind.capitalize()), s["title"]))
    story += qa("Name of Cabinet Member:", report.cabinet_member)
    story += qa("Director approving submission of the report:", report.director)
    story += qa("Ward(s) affected:", report.wards_text)
    story += [Paragraph("Title:", s["label"]), marked(escape(report.title), s["h1"], 1)]
    story += qa("Is this a key decision?", "Yes" if report.key_decision else "No")
    story.append(Paragraph("Executive summary:", s["label"]))
    story += [
        Paragraph(escape(part), s["body"])
        for part in report.executive_summary.split("\n\n")
        if part.strip()
    ]
    story.append(Paragraph("Recommendations:", s["label"]))
    for body, texts in report.recommendations_by_body():
        story.append(Paragraph(f"{escape(body)} is requested to:", s["bold"]))
        story += [
            Paragraph(escape(text), s["numbered"], bulletText=f"{number})")
            for number, text in enumerate(texts, 1)
        ]
    story.append(Paragraph("List of appendices included:", s["label"]))
    story += [Paragraph(escape(item), s["body"]) for item in report.appendices] or [
        Paragraph("None", s["body"])
    ]
    story += qa("Background papers:", report.background_papers or "None")
    story += qa(
        "Has it been or will it be considered by Scrutiny?", report.scrutiny_considered or "No"
    )
    story += qa(
        "Has it been or will it be considered by any other Council Committee, Advisory Panel, "
        "or other body?",
        report.other_bodies or "No",
    )
    story += qa("Will this report go to Council?", report.goes_to_council or "No")
    story += [
        Spacer(1, 6),
        Paragraph("Report title:", s["label"]),
        Paragraph(escape(report.title), s["h2"]),
    ]
    for section in numbered_sections(report):
        story.append(marked(f"{section.number}.&nbsp;&nbsp;{escape(section.heading)}", s["h2"], 2))
        for number, subheading, text in section.paragraphs:
            if subheading:
                story.append(Paragraph(f"{number}&nbsp;&nbsp;{escape(subheading)}", s["h3"]))
                story += [Paragraph(escape(part), s["body"]) for part in text.split("\n\n")]
            else:
                story.append(Paragraph(escape(text), s["numbered"], bulletText=number))
    authors = [Paragraph("Report author(s):", s["label"])]
    for author in report.authors:
        authors += [
            Paragraph(escape(author.name), s["bold"]),
            Paragraph(escape(author.job_title), s["body"]),
        ]
    authors += qa("Service:", report.author_service) + qa("Contact:", report.author_contact)
    story.append(KeepTogether(authors))
    rows = [
        [
            Paragraph(text, s["cell_bold"])
            for text in ("Name", "Title", "Service Area", "Sent", "Back")
        ]
    ]
    rows += [
        [
            Paragraph(escape(text), s["cell"])
            for text in (a.name, a.job_title, a.service_area, a.date_sent, a.date_received)
        ]
        for a in report.approvals
    ]
    table = Table(rows, colWidths=[130, 110, 85, 78, 80], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [Spacer(1, 6), table]
    return story


def raw_pack(target: Path, title: str, items: list[tuple[str, Any]]) -> tuple[int, int]:
    """A plain ReportLab pack of `items` ((agenda title, Report or None)); (pages, passes)."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )
    from reportlab.platypus.tableofcontents import TableOfContents

    s = _styles()
    pages = {"count": 0}

    class PlainDocument(BaseDocTemplate):  # type: ignore[misc]
        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802
            level = getattr(flowable, "toc_level", None)
            if level is None:
                return
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level)
            if level < 2:
                self.notify("TOCEntry", (level, flowable.getPlainText(), self.page, key))

    def on_page(canvas: Any, document: Any) -> None:
        canvas.setFont(s["regular"], 8)
        canvas.drawString(56, A4[1] - 34, title)
        canvas.drawRightString(A4[0] / 2 + 8, 28, f"Page {document.page}")
        pages["count"] = document.page

    def marked(text: str, style: Any, level: int) -> Any:
        paragraph = Paragraph(text, style)
        paragraph.toc_level = level
        return paragraph

    story: list[Any] = [
        Spacer(1, 120),
        Paragraph(escape(title), s["title"]),
        Paragraph("Briefing pack", s["h1"]),
        PageBreak(),
        Paragraph("Contents", s["h1"]),
        TableOfContents(levelStyles=s["toc"], dotsMinLevel=0),
        PageBreak(),
        marked("Agenda", s["h1"], 0),
    ]
    agenda = Table(
        [
            [Paragraph(str(number), s["cell"]), Paragraph(escape(item_title), s["cell"])]
            for number, (item_title, _report) in enumerate(items, 1)
        ],
        colWidths=[36, 446],
    )
    agenda.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
    story.append(agenda)
    for number, (item_title, report) in enumerate(items, 1):
        story += [PageBreak(), marked(escape(f"Item {number}: {item_title}"), s["h1"], 0)]
        if report is None:
            story.append(Paragraph("No papers for this item.", s["body"]))
        else:
            story += _report_story(report, s, marked)
    document = PlainDocument(str(target), pagesize=A4, title=title)
    frame = Frame(56, 50, A4[0] - 112, A4[1] - 108)
    document.addPageTemplates([PageTemplate("page", [frame], onPage=on_page)])
    passes = document.multiBuild(story)
    return pages["count"], passes


def measure_pack(large: Path, folder: Path, runs: int) -> dict[str, float]:
    """The app's briefing pack and the plain one, alternately, per page; medians."""
    from ocplan_desktop.reports.pack import export_pack
    from ocplan_desktop.services import reports as report_service
    from ocplan_desktop.store import meetings as meeting_store
    from ocplan_desktop.store.workspace import open_workspace

    ws = open_workspace(large, read_only=True)
    meeting_id = int(
        ws.scalar(
            "SELECT meeting_id FROM agenda_items WHERE report_id IS NOT NULL GROUP BY "
            "meeting_id ORDER BY count(*) DESC LIMIT 1"
        )
    )
    meeting = meeting_store.get_meeting(ws, meeting_id)
    items = [
        (item.title, report_service.load(ws, item.report_id) if item.report_id else None)
        for item in meeting_store.agenda(ws, meeting_id)
    ]
    counter = PassCounter()
    ours: list[float] = []
    plain: list[float] = []
    pages = raw_pages = 0
    try:
        for _ in range(runs):
            started = time.perf_counter()
            pages = export_pack(ws, meeting_id, folder / "pack.pdf")
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            raw_pages, _passes = raw_pack(folder / "raw-pack.pdf", meeting.committee, items)
            plain.append(time.perf_counter() - started)
    finally:
        counter.close()
        ws.close()
    app_passes, raw_passes = counter.passes[0], counter.passes[1]
    per_page = statistics.median(ours) / max(pages, 1)
    raw_per_page = statistics.median(plain) / max(raw_pages, 1)
    return {
        "pack_200_s": per_page * 200,
        "pack_pages": float(pages),
        "pack_s": statistics.median(ours),
        "pack_passes": float(app_passes),
        "pack_raw_s": statistics.median(plain),
        "pack_raw_pages": float(raw_pages),
        "pack_raw_passes": float(raw_passes),
        "pack_ratio": per_page / raw_per_page,
    }
