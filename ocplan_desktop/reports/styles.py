"""One style sheet for every document, in the council's report layout: DejaVu Sans throughout,
headings in the council's dark blue, numbered paragraphs with hanging indents."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ocplan_desktop.reports.fonts import BOLD, register_fonts

DARK = "#1f3a4d"
MID = "#44525c"
RULE = "#9aa7b0"
SHADE = "#e9eef2"


@dataclass(frozen=True)
class Styles:
    title: Any
    subtitle: Any
    heading1: Any
    heading2: Any
    heading3: Any
    body: Any
    body_bold: Any
    small: Any
    small_bold: Any
    label: Any
    numbered: Any
    bullet: Any
    cell: Any
    cell_bold: Any
    header: Any
    table_header: Any
    contents1: Any
    contents2: Any


@cache
def styles() -> Styles:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    font = register_fonts()
    # No paragraph leaves its last line alone at the top of a page (allowWidows=0).
    body = ParagraphStyle(
        "Body",
        fontName=font,
        fontSize=10.5,
        leading=14,
        spaceAfter=6,
        alignment=TA_LEFT,
        allowWidows=0,
        allowOrphans=0,
    )
    heading = ParagraphStyle(
        "Heading", parent=body, fontName=BOLD, textColor=colors.HexColor(DARK), keepWithNext=True
    )
    return Styles(
        title=ParagraphStyle("Title", parent=heading, fontSize=20, leading=25, spaceAfter=10),
        subtitle=ParagraphStyle(
            "Subtitle", parent=body, fontSize=12.5, leading=17, textColor=colors.HexColor(MID)
        ),
        heading1=ParagraphStyle(
            "Heading1", parent=heading, fontSize=14, leading=18, spaceBefore=12, spaceAfter=6
        ),
        heading2=ParagraphStyle(
            "Heading2", parent=heading, fontSize=12, leading=15, spaceBefore=9, spaceAfter=4
        ),
        heading3=ParagraphStyle(
            "Heading3", parent=heading, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3
        ),
        body=body,
        body_bold=ParagraphStyle("BodyBold", parent=body, fontName=BOLD),
        small=ParagraphStyle(
            "Small", parent=body, fontSize=8.5, leading=11, textColor=colors.HexColor(MID)
        ),
        small_bold=ParagraphStyle(
            "SmallBold", parent=body, fontName=BOLD, fontSize=8, leading=10, spaceAfter=0
        ),
        label=ParagraphStyle("Label", parent=body, fontName=BOLD, spaceAfter=2, keepWithNext=True),
        numbered=ParagraphStyle(
            "Numbered", parent=body, leftIndent=30, bulletIndent=0, bulletFontName=font
        ),
        bullet=ParagraphStyle(
            "Bullet", parent=body, leftIndent=16, bulletIndent=4, bulletFontName=font, spaceAfter=3
        ),
        cell=ParagraphStyle("Cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        cell_bold=ParagraphStyle(
            "CellBold", parent=body, fontName=BOLD, fontSize=9, leading=11.5, spaceAfter=0
        ),
        header=ParagraphStyle(
            "Header", parent=body, fontSize=8, leading=10, textColor=colors.HexColor(MID)
        ),
        # Column headings wrap between words only: "Improved" never breaks into "Improve/d".
        table_header=ParagraphStyle(
            "TableHeader",
            parent=body,
            fontName=BOLD,
            fontSize=8,
            leading=10,
            spaceAfter=0,
            splitLongWords=0,
        ),
        contents1=ParagraphStyle(
            "Contents1", parent=body, fontSize=11, leading=16, leftIndent=0, firstLineIndent=0
        ),
        contents2=ParagraphStyle(
            "Contents2", parent=body, fontSize=10, leading=14, leftIndent=18, firstLineIndent=0
        ),
    )


def resolution_style(depth: int) -> Any:
    """Hanging indents for `1)`, `a)`, `i)`: the label hangs, the text lines up after it."""
    from reportlab.lib.styles import ParagraphStyle

    base = styles().body
    return ParagraphStyle(
        f"Resolution{depth}",
        parent=base,
        leftIndent=26 + depth * 26,
        bulletIndent=depth * 26,
        bulletFontName=base.fontName,
        spaceAfter=4,
    )
