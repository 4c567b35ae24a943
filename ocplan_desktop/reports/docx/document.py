"""A Word document from a story: A4, the council's styles, en-GB as the document's language, the
title, author (the council) and subject in its properties, the running header and "Page n of N",
written atomically like the PDFs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ocplan_desktop.reports.docx import word_xml
from ocplan_desktop.reports.docx.story import CONTENTS_STYLES, StoryWriter, write_header
from ocplan_desktop.reports.styles import DARK
from ocplan_desktop.services.files import write_atomically
from ocplan_desktop.services.progress import NO_PROGRESS, Progress

LANGUAGE = "en-GB"
FONT = "Arial"
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _styles(document: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt, RGBColor

    dark = RGBColor.from_string(DARK.lstrip("#").upper())
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (
        ("Title", 22),
        ("Subtitle", 13),
        ("Heading 1", 15),
        ("Heading 2", 13),
        ("Heading 3", 11.5),
        ("Heading 4", 11),
        ("Heading 5", 11),
    ):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        if name != "Subtitle":
            style.font.color.rgb = dark
    for number, name in enumerate(CONTENTS_STYLES):
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.paragraph_format.left_indent = Cm(0.6 * number)
        style.paragraph_format.space_after = Pt(3)
    word_xml.set_default_language(document, LANGUAGE)


def _page(section: Any) -> None:
    from docx.shared import Cm, Mm

    section.page_width = Mm(210)
    section.page_height = Mm(297)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2))
    section.top_margin = Cm(2.2)
    section.bottom_margin = Cm(2)


def build_docx(
    target: Path,
    story: Sequence[Any],
    *,
    title: str,
    subject: str = "",
    author: str = "",
    header: str | None = None,
    draft: bool = False,
    cover: bool = False,
    progress: Progress = NO_PROGRESS,
    invariant: bool = False,
) -> list[str]:
    """Write the story to `target` as a Word document; returns the words Word adds to the PDF's
    (column headings of tables the PDF prints as a form)."""
    import docx

    document = docx.Document()
    _styles(document)
    section = document.sections[0]
    _page(section)
    running = header if header is not None else title
    write_header(section, running, draft)
    if cover:
        # The cover carries no running header, as in the PDF.
        section.different_first_page_header_footer = True
    writer = StoryWriter(document, running_header=running, draft=draft)
    writer.write(story, progress)
    if any(type(item).__name__ == "TableOfContents" for item in story):
        word_xml.update_fields_on_open(document)
    for later in document.sections[1:]:
        _page(later)
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = author
    properties.last_modified_by = author
    properties.language = LANGUAGE
    properties.comments = ""
    properties.keywords = ""
    properties.category = subject
    stamp = FIXED_TIME if invariant else dt.datetime.now(dt.UTC).replace(microsecond=0)
    properties.created = stamp
    properties.modified = stamp
    properties.revision = 1
    write_atomically(target, lambda temporary: document.save(str(temporary)))
    return writer.added_words
