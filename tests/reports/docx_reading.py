"""Reading Word documents back for tests: the body in order, and the checks Word's accessibility
checker makes that can be read from the file."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from ocplan_desktop.reports.docx.story import CONTENTS_STYLES, FIELD_HEADER

WORD_ONLY_HEADERS = (FIELD_HEADER, ("Meeting", "Date"))


def open_docx(path: Path) -> Document:
    return docx.Document(str(path))


def body(document: Document) -> list[Paragraph | Table]:
    """Paragraphs and tables of the body in document order."""
    items: list[Paragraph | Table] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            items.append(Paragraph(child, document))
        elif child.tag == qn("w:tbl"):
            items.append(Table(child, document))
    return items


def headings(document: Document) -> list[tuple[int, str]]:
    """(level, text): 0 for Title, n for Heading n, in order."""
    found = []
    for item in body(document):
        if isinstance(item, Paragraph):
            name = item.style.name
            if name == "Title":
                found.append((0, item.text))
            elif name.startswith("Heading "):
                found.append((int(name.split()[1]), item.text))
    return found


def tables(document: Document) -> list[Table]:
    return [item for item in body(document) if isinstance(item, Table)]


def header_row(table: Table) -> list[str] | None:
    """The first row's text if it is marked as a repeating header row (w:tblHeader), else None."""
    first = table.rows[0]._tr
    properties = first.trPr
    if properties is None or properties.find(qn("w:tblHeader")) is None:
        return None
    return [cell.text for cell in table.rows[0].cells]


def pictures(document: Document) -> list[dict[str, str]]:
    """Every picture's docPr attributes (name, descr, title)."""
    return [dict(element.attrib) for element in document.element.body.iter(qn("wp:docPr"))]


def default_language(document: Document) -> str | None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    return lang.get(qn("w:val"))


def accessibility_problems(document: Document) -> list[str]:
    """What Word's accessibility checker would flag that can be read from the file."""
    problems = []
    if not document.core_properties.title:
        problems.append("no title")
    if default_language(document) != "en-GB":
        problems.append(f"language {default_language(document)}")
    previous = 0
    for level, text in headings(document):
        if level == 0:
            continue
        if level > previous + 1:
            problems.append(f"heading level skipped before {text!r} (H{previous} → H{level})")
        previous = level
    for picture in pictures(document):
        if not picture.get("descr", "").strip():
            problems.append(f"picture {picture.get('name')} has no alternative text")
    for number, table in enumerate(tables(document), start=1):
        if header_row(table) is None:
            problems.append(f"table {number} has no header row")
    return problems


def _words(text: str) -> list[str]:
    return [word for word in text.replace("\xa0", " ").split() if word not in ("•",)]


def header_texts(document: Document) -> list[str]:
    """The text of every table's header row (the PDF repeats them on each page a table runs to)."""
    return [" ".join(cells) for table in tables(document) if (cells := header_row(table))]


def docx_words(document: Document) -> Counter[str]:
    """The body's words, contents field and table header rows left out (`header_texts`)."""
    words: Counter[str] = Counter()
    for item in body(document):
        if isinstance(item, Paragraph):
            if item.style.name not in CONTENTS_STYLES:
                words.update(_words(item.text))
        else:
            seen: list = []  # merged cells appear once per row they span: count them once
            for row_number, row in enumerate(item.rows):
                cells = []
                for cell in row.cells:
                    if not any(cell._tc is other for other in seen):
                        seen.append(cell._tc)
                        cells.append(cell)
                texts = tuple(cell.text for cell in cells)
                if row_number == 0 and header_row(item) is not None:
                    continue
                for text in texts:
                    words.update(_words(text))
    return words


def pdf_words(
    path: Path,
    *,
    furniture: tuple[str, ...] = (),
    skip_pages: tuple[int, ...] = (),
    drawn: Counter[str] | None = None,
    headers: list[str] = (),
) -> Counter[str]:
    """The PDF's words, less page furniture (the running header, "Page n of N", DRAFT, marks:
    each removed once per page, where it is drawn), table header rows (`headers`, wherever they
    repeat), the words drawn inside charts, and any pages skipped (1-based: a contents page)."""
    from pypdf import PdfReader

    words: Counter[str] = Counter()
    for number, page in enumerate(PdfReader(path).pages, start=1):
        if number in skip_pages:
            continue
        text = page.extract_text() or ""
        text = re.sub(r"Page \d+ of\s*\d+", " ", text)
        for line in furniture:
            # A line of its own where there is one ("DRAFT" drawn over the page, not the "DRAFT:"
            # a sentence starts with), else the first place it appears.
            alone = re.compile(rf"^[ \t]*{re.escape(line)}[ \t]*$", re.MULTILINE)
            text, found = alone.subn(" ", text, count=1)
            if not found:
                text = text.replace(line, " ", 1)
        for header in headers:
            # A header cell may wrap inside a word ("Improve" / "d"): any spacing matches.
            pattern = r"\s*".join(re.escape(char) for char in header.replace(" ", ""))
            text = re.sub(pattern, " ", text)
        words.update(_words(text))
    if drawn:
        words.subtract(drawn)
        words = +words
    return words


def drawn_words(story: list) -> Counter[str]:
    """The words drawn inside the story's charts (their titles, labels and ticks)."""
    from reportlab.graphics.shapes import String

    words: Counter[str] = Counter()

    def walk(items):
        for item in items:
            if hasattr(item, "chart_data"):
                for shape in item.getContents():
                    if isinstance(shape, String):
                        words.update(_words(shape.text))
            content = getattr(item, "_content", None)
            if content:
                walk(content)

    walk(story)
    return words
