"""The WordprocessingML python-docx has no API for: repeating header rows, hyperlinks, fields (page
numbers, a table of contents), the document's default language, a picture's alternative text."""

from __future__ import annotations

from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

LINK_COLOUR = "1D4F91"


def mark_header_row(row: Any) -> None:
    """The row repeats at the top of every page the table runs onto, and is the table's header
    for a screen reader (w:tblHeader)."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    properties.append(cant_split)


def table_look_header(table: Any) -> None:
    """Tick "Header Row" in the table's style options (w:tblLook firstRow), as Word does."""
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        properties.append(look)
    look.set(qn("w:val"), "04A0")
    look.set(qn("w:firstRow"), "1")
    look.set(qn("w:lastRow"), "0")
    look.set(qn("w:firstColumn"), "0")
    look.set(qn("w:lastColumn"), "0")
    look.set(qn("w:noHBand"), "0")
    look.set(qn("w:noVBand"), "1")


def shade_cell(cell: Any, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#").upper())
    properties.append(shading)


def add_hyperlink(paragraph: Any, text: str, target: str, *, bold: bool = False) -> None:
    """A run that links to `target` (a web address or mailto:), underlined in the link colour."""
    relation = paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    if bold:
        properties.append(OxmlElement("w:b"))
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), LINK_COLOUR)
    properties.append(colour)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.append(underline)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _field_char(run: Any, kind: str) -> None:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        element.set(qn("w:dirty"), "true")
    run._r.append(element)


def _instruction(run: Any, text: str) -> None:
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = f" {text} "
    run._r.append(element)


def add_field(paragraph: Any, instruction: str, shown: str) -> None:
    """A field (PAGE, NUMPAGES…) with `shown` as its value until Word works it out."""
    _field_char(paragraph.add_run(), "begin")
    _instruction(paragraph.add_run(), instruction)
    _field_char(paragraph.add_run(), "separate")
    paragraph.add_run(shown)
    _field_char(paragraph.add_run(), "end")


def begin_contents_field(paragraph: Any) -> None:
    """The start of a table of contents field over Heading 1-2; its entries follow as paragraphs
    until `end_field`, and Word fills in page numbers when it updates the field."""
    _field_char(paragraph.add_run(), "begin")
    _instruction(paragraph.add_run(), 'TOC \\o "1-2" \\h \\z \\u')
    _field_char(paragraph.add_run(), "separate")


def end_field(paragraph: Any) -> None:
    _field_char(paragraph.add_run(), "end")


def update_fields_on_open(document: Any) -> None:
    """Word works out the page numbers of the contents when the file is opened."""
    settings = document.settings.element
    element = settings.find(qn("w:updateFields"))
    if element is None:
        element = OxmlElement("w:updateFields")
        settings.append(element)
    element.set(qn("w:val"), "true")


def set_default_language(document: Any, language: str) -> None:
    """The document's default language (w:docDefaults/w:rPrDefault/w:rPr/w:lang), which Word's
    spelling, reading aloud and accessibility checker go by."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), "ar-SA")
    # Styles that name a language of their own (the template's are en-US) follow the default.
    for element in styles.iter(qn("w:lang")):
        if element is not lang:
            element.set(qn("w:val"), language)


def describe_picture(run: Any, title: str, description: str) -> None:
    """A picture's alternative text (wp:docPr descr) and title, as Word's Alt Text pane sets them."""
    for properties in run._r.iter(qn("wp:docPr")):
        properties.set("descr", description)
        properties.set("title", title)
