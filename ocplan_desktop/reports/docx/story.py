"""The PDF's story, written as a Word document an officer can finish.

The story builders make ReportLab flowables once; this walks them and writes Word's own structure:
heading styles in order (the first title is Title, then Heading 1, 2, … with no level skipped),
labels exactly as printed (`1)`, `a)`, `i)`) with hanging indents, bullets as a bulleted list,
tables with a header row that repeats on every page, charts as pictures whose alternative text
states the figures, links that can be followed, exempt papers in a section whose header says
"NOT FOR PUBLICATION". The words are the PDF's words; the only words Word adds are the column
headings of the two tables the PDF prints as a form (`word_only_words` lists them).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from typing import Any

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.shared import Pt, RGBColor

from ocplan_desktop.reports.docx import word_xml
from ocplan_desktop.reports.docx.images import alt_text, chart_png, chart_title
from ocplan_desktop.reports.marks import MarkEnd, MarkStart
from ocplan_desktop.reports.styles import DARK, MID, SHADE
from ocplan_desktop.services.progress import NO_PROGRESS, Progress

HEADING_STYLES = {"Title": 0, "Heading1": 1, "Heading2": 2, "Heading3": 3}
FIELD_HEADER = ("Field", "Detail")  # the front sheet's questions and answers, as a table
SMALL_STYLES = {"Small": 9.0, "SmallBold": 8.5, "Header": 8.0}
CONTENTS_STYLES = ("toc 1", "toc 2")


def _flatten(story: Iterable[Any]) -> Iterator[Any]:
    """Flowables in order, kept-together groups opened up."""
    for item in story:
        content = getattr(item, "_content", None)
        if content is not None and not hasattr(item, "frags"):
            yield from _flatten(content)
        else:
            yield item


def _is_paragraph(item: Any) -> bool:
    return hasattr(item, "frags") and hasattr(item, "style")


def plain_text(item: Any) -> str:
    return str(item.getPlainText()) if _is_paragraph(item) else ""


def contents_entries(story: Iterable[Any]) -> list[tuple[int, str]]:
    """(level, text) of every heading the PDF lists in its contents."""
    return [
        (item.contents_level, getattr(item, "outline_label", None) or plain_text(item))
        for item in _flatten(story)
        if getattr(item, "contents_level", None) is not None
    ]


class StoryWriter:
    """Writes one story into a python-docx Document, keeping the state headings and page breaks
    need across flowables."""

    def __init__(self, document: Any, *, running_header: str, draft: bool) -> None:
        self.document = document
        self.running_header = running_header
        self.draft = draft
        self.title_written = False
        self.previous_level = 0
        self.outlined_level: int | None = None
        self.break_pending = False
        self.added_words: list[str] = []
        # python-docx looks a style up by name by scanning every style: look each up once.
        self._style_ids: dict[str, str] = {}

    def styled(self, container: Any, name: str | None) -> Any:
        """A new paragraph in `container` with the named paragraph style."""
        paragraph = container.add_paragraph()
        if name:
            if name not in self._style_ids:
                self._style_ids[name] = self.document.styles[name].style_id
            paragraph._p.style = self._style_ids[name]
        return paragraph

    # headings -------------------------------------------------------------------------------------
    def heading_level(self, item: Any) -> int:
        """0 for the document's Title, else the Word heading level: the story's outline depth where
        it gives one, one below the last outlined heading where not, never more than one below the
        heading before it."""
        style_level = HEADING_STYLES[item.style.name]
        outline = getattr(item, "outline_level", None)
        if style_level == 0 and not self.title_written and self.previous_level == 0:
            self.title_written = True
            if outline is not None:
                self.outlined_level = 0
            return 0
        outline = None if outline is None else int(outline)
        if outline is not None:
            wanted = outline + 1
            self.outlined_level = wanted
        else:
            wanted = (self.outlined_level or 0) + 1
        level = max(1, min(wanted, self.previous_level + 1, 9))
        self.previous_level = level
        return level

    # paragraphs -----------------------------------------------------------------------------------
    def _runs(
        self, paragraph: Any, item: Any, *, size: float | None = None, heading: bool = False
    ) -> None:
        """The paragraph's text as runs: bold and oblique as the PDF sets them (a heading's style is
        bold already), line breaks, links."""
        for fragment in item.frags:
            if getattr(fragment, "lineBreak", False):
                paragraph.add_run().add_break(WD_BREAK.LINE)
                continue
            text = fragment.text
            if not text:
                continue
            font = str(getattr(fragment, "fontName", ""))
            bold = "Bold" in font and not heading
            links = getattr(fragment, "link", None) or []
            if links:
                word_xml.add_hyperlink(paragraph, text, links[-1][1], bold=bold)
                continue
            run = paragraph.add_run(text)
            if bold:
                run.bold = True
            if "Oblique" in font:
                run.italic = True
            if size is not None:
                run.font.size = Pt(size)
                run.font.color.rgb = RGBColor.from_string(MID.lstrip("#").upper())

    def _page_break_before(self, paragraph: Any) -> None:
        if self.break_pending:
            paragraph.paragraph_format.page_break_before = True
            self.break_pending = False

    def paragraph(self, container: Any, item: Any, *, in_cell: bool = False) -> Any:
        style_name = item.style.name
        if not in_cell and style_name in HEADING_STYLES:
            level = self.heading_level(item)
            paragraph = self.styled(container, "Title" if level == 0 else f"Heading {level}")
            self._runs(paragraph, item, heading=True)
            self._page_break_before(paragraph)
            return paragraph
        label = item.bulletText if isinstance(item.bulletText, str) else None
        if label and label.strip() == "•" and not in_cell:
            paragraph = self.styled(container, "List Bullet")
        elif style_name == "Subtitle" and not in_cell:
            paragraph = self.styled(container, "Subtitle")
        else:
            paragraph = self.styled(container, None)
        if label and label.strip() != "•":
            indent = float(item.style.leftIndent)
            hanging = indent - float(item.style.bulletIndent)
            paragraph.paragraph_format.left_indent = Pt(indent)
            paragraph.paragraph_format.first_line_indent = Pt(-hanging)
            paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(indent))
            paragraph.add_run(f"{label}\t")
        self._runs(paragraph, item, size=SMALL_STYLES.get(style_name))
        if not in_cell:
            self._page_break_before(paragraph)
        return paragraph

    # tables ---------------------------------------------------------------------------------------
    def _cell(self, cell: Any, value: Any) -> None:
        items = value if isinstance(value, list | tuple) else [value]
        first = True
        for item in _flatten(items):
            if _is_paragraph(item):
                if first:
                    # A new cell holds one empty paragraph: write into it rather than after it.
                    target = cell.paragraphs[0]
                    holder = _Into(target)
                    self.paragraph(holder, item, in_cell=True)
                else:
                    self.paragraph(cell, item, in_cell=True)
                first = False
            elif isinstance(item, str) and item:
                (cell.paragraphs[0] if first else cell.add_paragraph()).add_run(item)
                first = False

    def _new_table(self, columns: int, widths: list[float] | None) -> Any:
        if self.break_pending:
            self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            self.break_pending = False
        table = self.document.add_table(rows=0, cols=columns)
        if "Table Grid" not in self._style_ids:
            self._style_ids["Table Grid"] = self.document.styles["Table Grid"].style_id
        table._tbl.tblStyle_val = self._style_ids["Table Grid"]
        word_xml.table_look_header(table)
        self._widths = widths
        return table

    def _header_row(self, table: Any, row: Any) -> None:
        word_xml.mark_header_row(row)
        for cell in row.cells:
            word_xml.shade_cell(cell, SHADE)
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.bold = True

    def _add_row(self, table: Any, values: list[Any]) -> Any:
        row = table.add_row()
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=False)):
            self._cell(cell, value)
            if self._widths and index < len(self._widths) and self._widths[index]:
                cell.width = Pt(float(self._widths[index]))
        return row

    def table(self, item: Any) -> None:
        values = [list(row) for row in item._cellvalues]
        if not values:
            return
        columns = max(len(row) for row in values)
        widths = [float(width) for width in (item._colWidths or []) if width is not None] or None
        table = self._new_table(columns, widths)
        extra = getattr(item, "word_header", None)
        header_rows = int(item.repeatRows) if isinstance(item.repeatRows, int) else 1
        if extra:
            row = self._add_row(table, [_cell_text(text) for text in extra])
            self._header_row(table, row)
            self.added_words += [word for text in extra for word in str(text).split()]
            offset = 1
        else:
            header_rows = max(header_rows, 1)
            offset = 0
        rows = [self._add_row(table, row) for row in values]
        if not extra:
            for row in rows[:header_rows]:
                self._header_row(table, row)
        for command in getattr(item, "_spanCmds", []) or []:
            _name, (start_column, start_row), (end_column, end_row) = command[:3]
            count = len(values)
            first = table.cell(offset + start_row % count, start_column % columns)
            last = table.cell(offset + end_row % count, end_column % columns)
            if first._tc is not last._tc:
                first.merge(last)

    def fields(self, pairs: list[tuple[Any, Any]]) -> None:
        """The report template's questions and answers as a two-column table with a header row."""
        table = self._new_table(2, [190.0, 290.0])
        header = self._add_row(table, [_cell_text(text) for text in FIELD_HEADER])
        self._header_row(table, header)
        self.added_words += [word for text in FIELD_HEADER for word in text.split()]
        for label, answer in pairs:
            self._add_row(table, [label, answer])

    # pictures, contents, marked parts ---------------------------------------------------------------
    def chart(self, item: Any) -> None:
        data = item.chart_data
        paragraph = self.document.add_paragraph()
        self._page_break_before(paragraph)
        run = paragraph.add_run()
        run.add_picture(io.BytesIO(chart_png(item)), width=Pt(min(float(item.width), 480.0)))
        word_xml.describe_picture(run, chart_title(data), alt_text(data))

    def contents(self, entries: list[tuple[int, str]]) -> None:
        """A table of contents field; its entries are shown until Word fills in the pages."""
        if not entries:
            return
        first = self.styled(self.document, CONTENTS_STYLES[0])
        word_xml.begin_contents_field(first)
        for number, (level, text) in enumerate(entries):
            style = CONTENTS_STYLES[min(level, 1)]
            paragraph = first if number == 0 else self.styled(self.document, style)
            paragraph.add_run(text)
        word_xml.end_field(self.document.paragraphs[-1])

    def section(self, mark: str) -> None:
        """A new section (on a new page) whose header carries `mark` ("" for the plain header)."""
        section = self.document.add_section(WD_SECTION.NEW_PAGE)
        self.break_pending = False
        write_header(section, self.running_header, self.draft, mark)

    # the story ------------------------------------------------------------------------------------
    def write(self, story: Iterable[Any], progress: Progress = NO_PROGRESS) -> None:
        items = list(_flatten(story))
        index = 0
        while index < len(items):
            item = items[index]
            if index % 40 == 0:
                progress.step(index, len(items), "Writing the Word document…")
            if getattr(item, "word_field", False):
                pairs = []
                while index + 1 < len(items) and getattr(items[index], "word_field", False):
                    pairs.append((items[index], items[index + 1]))
                    index += 2
                self.fields(pairs)
                continue
            self.write_one(item, items)
            index += 1

    def write_one(self, item: Any, items: list[Any]) -> None:
        name = type(item).__name__
        if isinstance(item, MarkStart | MarkEnd):
            self.section(item.mark_text)
        elif _is_paragraph(item):
            if plain_text(item).strip() or item.bulletText:
                self.paragraph(self.document, item)
        elif hasattr(item, "_cellvalues"):
            self.table(item)
        elif hasattr(item, "chart_data"):
            self.chart(item)
        elif name == "TableOfContents":
            self.contents(contents_entries(items))
        elif name == "PageBreak":
            self.break_pending = True


class _Into:
    """Looks like a container whose `add_paragraph` hands back one existing paragraph."""

    def __init__(self, paragraph: Any) -> None:
        self._paragraph = paragraph

    def add_paragraph(self, style: str | None = None) -> Any:
        return self._paragraph


def _cell_text(text: str) -> str:
    return text


def write_header(section: Any, running: str, draft: bool, mark: str = "") -> None:
    """The running header (the title, DRAFT while a draft, any mark) and "Page n of N"."""
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph.add_run(running).font.size = Pt(8)
    if draft:
        run = paragraph.add_run("\tDRAFT")
        run.bold = True
        run.font.size = Pt(9)
    while len(header.paragraphs) > 1:
        extra = header.paragraphs[-1]._p
        extra.getparent().remove(extra)
    if mark:
        marked = header.add_paragraph()
        run = marked.add_run(mark)
        run.bold = True
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor.from_string(DARK.lstrip("#").upper())
    footer = section.footer
    footer.is_linked_to_previous = False
    line = footer.paragraphs[0]
    if not line.runs:
        line.alignment = 1  # centred
        line.add_run("Page ").font.size = Pt(8)
        word_xml.add_field(line, "PAGE", "1")
        line.add_run(" of ").font.size = Pt(8)
        word_xml.add_field(line, "NUMPAGES", "1")
