"""The document template every PDF uses: A4, a running header with the title, "Page n of N" on every
page, a DRAFT mark when asked, PDF outline entries and contents entries from marked headings.

Every PDF declares its language (en-GB), shows its title in the reader's title bar, names the council
as its author, and can open with its bookmarks shown (packs). Pages inside a marked part of the story
carry its mark (`marks.py`: "NOT FOR PUBLICATION" on exempt papers).

One `PageTemplate` per kind of page (cover, body), one style sheet (`styles.py`), `afterFlowable`
feeding the outline and the contents, as ReportLab's own templates do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ocplan_desktop.reports.fonts import BOLD, REGULAR, prepare_scripts, register_fonts
from ocplan_desktop.reports.marks import DRAFT, NOTICE, begin_page, draw_notice, page_marks
from ocplan_desktop.reports.pagination import keep_lead_ins
from ocplan_desktop.reports.styles import DARK, MID, RULE
from ocplan_desktop.reports.text import escape_text
from ocplan_desktop.services.files import write_atomically
from ocplan_desktop.services.progress import NO_PROGRESS, Progress

MARGIN = 56  # points: about 2 cm
LANGUAGE = "en-GB"


def heading(
    text: str,
    style: Any,
    *,
    outline: int | None = None,
    contents: int | None = None,
    key: str | None = None,
    label: str | None = None,
) -> Any:
    """A heading paragraph (text already escaped) that may add an outline entry and a contents line;
    `label` is what those say when it should differ from the heading itself."""
    from reportlab.platypus import Paragraph

    paragraph = Paragraph(text, style)
    paragraph.outline_level = outline
    paragraph.contents_level = contents
    paragraph.outline_key = key
    paragraph.outline_label = label
    # Read now: once laid out, a shaped heading's text holds glyph codes, not letters.
    paragraph.plain_text = paragraph.getPlainText()
    return paragraph


def _headings(flowables: Sequence[Any]) -> list[Any]:
    """Every flowable in `flowables` (and in kept-together groups) that makes a contents line."""
    found = []
    for flowable in flowables:
        if getattr(flowable, "contents_level", None) is not None:
            found.append(flowable)
        content = getattr(flowable, "_content", None)
        if isinstance(content, (list, tuple)):
            found += _headings(content)
    return found


def heading_text(flowable: Any) -> str:
    """What a heading's bookmark says: its label, else its own text as read before layout."""
    return str(
        getattr(flowable, "outline_label", None)
        or getattr(flowable, "plain_text", None)
        or flowable.getPlainText()
    )


def heading_key(flowable: Any) -> str:
    return str(getattr(flowable, "outline_key", None) or f"h{id(flowable)}")


def contents_entry_text(flowable: Any) -> str:
    """The heading's line on the contents page, which sets it as a paragraph: markup again, so
    escaped again (a heading holding `<img …>` or "R&D" prints as typed)."""
    label = getattr(flowable, "outline_label", None)
    return escape_text(heading_text(flowable), ordered=not label)


def size_contents(flowables: Sequence[Any]) -> bool:
    """Give each table of contents in `flowables` its lines before the first layout pass; True if
    there is one.

    ReportLab lays a document out again until its contents stop changing. Left empty, the contents
    take one line in the first pass and pages in the second, which moves every page after them and
    costs a third pass over the whole document. Filled with the lines the headings will make (their
    page numbers unknown yet, which changes no line's height), the contents take their true space
    from the start: the second pass prints the right numbers and confirms them.
    """
    from reportlab.platypus.tableofcontents import TableOfContents

    tables = [item for item in flowables if isinstance(item, TableOfContents)]
    if not tables:
        return False
    entries = [
        (heading.contents_level, contents_entry_text(heading), 0, heading_key(heading))
        for heading in _headings(flowables)
    ]
    for table in tables:
        table.clearEntries()
        table.addEntries(entries)
    return True


TOTAL_FORM = "ocplanTotalPages"


def _total_pages_canvas(draw_total: Callable[[Any, int], None]) -> type:
    """A canvas that, when saved, defines the form each page's footer used for "of N"."""
    from reportlab.pdfgen.canvas import Canvas

    class TotalPagesCanvas(Canvas):  # type: ignore[misc]
        def save(self) -> None:
            total = self.getPageNumber() - 1
            self.beginForm(TOTAL_FORM)
            draw_total(self, total)
            self.endForm()
            super().save()

    return TotalPagesCanvas


def build_pdf(
    target: Path,
    story: Sequence[Any],
    *,
    title: str,
    subject: str = "",
    header: str | None = None,
    draft: bool = False,
    cover: bool = False,
    progress: Progress = NO_PROGRESS,
    invariant: bool = False,
    author: str = "",
    finish: Callable[[Path], None] | None = None,
    show_outline: bool = False,
) -> int:
    """Lay out `story` and write the PDF to `target` atomically; returns the number of pages.

    Multi-pass when the story holds a table of contents, so its page numbers are the printed ones.
    `finish` gets the written file before it replaces `target` (the pack sets appendix pages in).
    `show_outline` opens the file with the bookmarks pane shown (packs).
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

    register_fonts()
    width, height = A4
    running = header if header is not None else title
    pages = {"count": 0}

    def draw_header(canvas: Any, document: Any) -> None:
        begin_page(canvas)
        draw_footer(canvas)
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(colors.HexColor(MID))
        text = running if len(running) <= 95 else running[:92] + "…"
        canvas.drawString(MARGIN, height - 34, text)
        canvas.setStrokeColor(colors.HexColor(RULE))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, height - 40, width - MARGIN, height - 40)
        canvas.restoreState()

    def draw_cover(canvas: Any, document: Any) -> None:
        begin_page(canvas)
        draw_footer(canvas)

    def draw_page_end(canvas: Any, document: Any) -> None:
        """The page's marks, over it, once its content is placed: DRAFT on every page of a draft
        document or of a draft part (draft minutes in a pack), a notice on every page of a marked
        part (exempt papers in the members' pack)."""
        marks = page_marks(canvas)
        if draft or DRAFT in marks:
            draw_mark(canvas, document)
        if NOTICE in marks:
            draw_notice(canvas, marks[NOTICE], width, height, MARGIN)

    def draw_mark(canvas: Any, _document: Any) -> None:
        canvas.saveState()
        canvas.setFont(BOLD, 96)
        canvas.setFillColor(colors.Color(0.55, 0.55, 0.55, alpha=0.18))
        canvas.translate(width / 2, height / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, -30, "DRAFT")
        canvas.restoreState()
        canvas.saveState()
        canvas.setFont(BOLD, 9)
        canvas.setFillColor(colors.HexColor(DARK))
        canvas.drawRightString(width - MARGIN, height - 34, "DRAFT")
        canvas.restoreState()

    def draw_footer(canvas: Any) -> None:
        # "Page n of" now; N is a form filled in when the document is saved.
        canvas.saveState()
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(colors.HexColor(MID))
        canvas.drawRightString(width / 2 + 8, 28, f"Page {canvas.getPageNumber()} of")
        canvas.doForm(TOTAL_FORM)
        canvas.restoreState()

    def draw_total(canvas: Any, total: int) -> None:
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(colors.HexColor(MID))
        canvas.drawString(width / 2 + 11, 28, str(total))
        pages["count"] = total

    class CouncilDocument(BaseDocTemplate):  # type: ignore[misc]
        def beforeDocument(self) -> None:  # noqa: N802 - ReportLab's name
            if show_outline:
                self.canv.showOutline()

        def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 - ReportLab's name
            outline = getattr(flowable, "outline_level", None)
            contents = getattr(flowable, "contents_level", None)
            if outline is None and contents is None:
                return
            key = heading_key(flowable)
            self.canv.bookmarkPage(key)
            if outline is not None:
                self.canv.addOutlineEntry(
                    heading_text(flowable), key, level=outline, closed=outline > 0
                )
            if contents is not None:
                self.notify("TOCEntry", (contents, contents_entry_text(flowable), self.page, key))

        def handle_flowable(self, flowables: list[Any]) -> None:
            # How far through the story layout has got; short of the whole until the file is
            # written (the page count is not known before the end, so it cannot be the measure).
            laid_out = max(total - len(flowables), 0)
            progress.step(laid_out, total + 1, f"Laying out page {self.page}…")
            super().handle_flowable(flowables)

    document = CouncilDocument(
        None,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=58,
        bottomMargin=50,
        title=title,
        subject=subject,
        author=author,
        creator="ocplan desktop",
        invariant=int(invariant),
        lang=LANGUAGE,
        displayDocTitle=True,
    )
    frame = Frame(MARGIN, 50, width - 2 * MARGIN, height - 108, id="body")
    templates = [PageTemplate("body", [frame], onPage=draw_header, onPageEnd=draw_page_end)]
    if cover:
        templates.insert(
            0, PageTemplate("cover", [frame], onPage=draw_cover, onPageEnd=draw_page_end)
        )
    document.addPageTemplates(templates)
    flowables = keep_lead_ins(story)
    prepare_scripts(flowables)
    if cover:
        flowables.insert(1, NextPageTemplate("body"))
    has_contents = size_contents(flowables)
    total = len(flowables)

    def write(temporary: Path) -> None:
        document.filename = str(temporary)
        canvasmaker = _total_pages_canvas(draw_total)
        if has_contents:
            document.multiBuild(flowables, canvasmaker=canvasmaker, maxPasses=5)
        else:
            document.build(flowables, canvasmaker=canvasmaker)
        if finish is not None:
            finish(temporary)

    write_atomically(target, write)
    return pages["count"]
