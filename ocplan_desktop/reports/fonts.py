"""Fonts for PDFs: DejaVu Sans for Latin, Greek, Cyrillic and Hebrew (and Polish's ą ę ł ń ś ź ż),
and Noto families for the scripts residents of the city write in that DejaVu lacks: Gurmukhi
(Punjabi), Arabic script (Urdu, Arabic), Bengali and Chinese. All are shipped in resources/fonts
under their licences (DejaVu-LICENSE.txt, Noto-LICENSE.txt) and embedded (subset) in every document.

Text is set in runs: each run of characters in another script gets that script's font
(`font_runs`), and paragraphs holding such a run are shaped with HarfBuzz (joined Arabic, Indic
conjuncts and vowel signs) and laid out right to left where the text is (`prepare_scripts`). A
character no bundled font has is left out and reported with the record it came from (`unprintable`),
never printed as a box.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ocplan_desktop.paths import resources_dir
from ocplan_desktop.reports.bidi import strong

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

# (font name, file, Unicode ranges it is used for)
SCRIPT_FONTS: tuple[tuple[str, str, tuple[tuple[int, int], ...]], ...] = (
    (
        "NotoNaskhArabic",
        "NotoNaskhArabic-Regular.ttf",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    ),
    ("NotoSansBengali", "NotoSansBengali-Regular.ttf", ((0x0980, 0x09FF),)),
    ("NotoSansGurmukhi", "NotoSansGurmukhi-Regular.ttf", ((0x0A00, 0x0A7F),)),
    (
        "NotoSansSC",
        "NotoSansSC-Subset.ttf",
        ((0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF)),
    ),
)


@cache
def register_fonts() -> str:
    """Register the fonts with ReportLab once; returns the regular face's name.

    After this, `<b>` and `<i>` in paragraphs use DejaVu's bold and oblique faces.
    """
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = resources_dir() / "fonts"
    for name in (REGULAR, BOLD, ITALIC, BOLD_ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    for name, file_name, _ranges in SCRIPT_FONTS:
        pdfmetrics.registerFont(TTFont(name, str(folder / file_name)))
        # One face each: bold or italic text in these scripts prints in the regular face.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
    return REGULAR


@cache
def _coverage() -> dict[str, frozenset[int]]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    names = [REGULAR, *(name for name, _file, _ranges in SCRIPT_FONTS)]
    return {name: frozenset(pdfmetrics.getFont(name).face.charToGlyph) for name in names}


@cache
def _plain_text() -> re.Pattern[str]:
    """Text DejaVu prints on its own: ASCII and DejaVu's characters outside the scripts above."""
    codes = sorted(
        code
        for code in _coverage()[REGULAR]
        if code >= 0x80 and script_font(code) is None and code <= 0xFFFF
    )
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    body = "".join(
        re.escape(chr(low)) + ("-" + re.escape(chr(high)) if high > low else "")
        for low, high in ranges
    )
    return re.compile(f"[\\x00-\\x7f{body}]*")


def script_font(code: int) -> str | None:
    """The bundled script font for a character, or None for DejaVu's (or nobody's)."""
    for name, _file, ranges in SCRIPT_FONTS:
        if any(low <= code <= high for low, high in ranges):
            return name
    return None


# What cannot be printed, collected while a document is made ---------------------------------------


@dataclass
class Unprintable:
    """Characters no bundled font has, by the record they were in."""

    found: dict[str, set[str]] = field(default_factory=dict)

    def add(self, where: str, characters: set[str]) -> None:
        self.found.setdefault(where, set()).update(characters)

    def messages(self) -> list[str]:
        return [
            f"{where}: {len(chars)} character{'s' if len(chars) != 1 else ''} no font can print "
            f"({' '.join(sorted(chars))} – U+{', U+'.join(f'{ord(c):04X}' for c in sorted(chars))})"
            " left out"
            for where, chars in sorted(self.found.items())
        ]


_COLLECTOR: contextvars.ContextVar[Unprintable | None] = contextvars.ContextVar(
    "ocplan_unprintable", default=None
)
_WHERE: contextvars.ContextVar[str] = contextvars.ContextVar("ocplan_where", default="the document")


@contextmanager
def collecting() -> Iterator[Unprintable]:
    """Collect what a document could not print (the export then says so, naming each record)."""
    collector = Unprintable()
    token = _COLLECTOR.set(collector)
    try:
        yield collector
    finally:
        _COLLECTOR.reset(token)


@contextmanager
def printing(where: str) -> Iterator[None]:
    """Name the record whose text is being set (for the unprintable report)."""
    token = _WHERE.set(where)
    try:
        yield
    finally:
        _WHERE.reset(token)


def font_runs(escaped: str) -> str:
    """Escaped paragraph text with each run in another script wrapped in that script's font, and
    characters no font has left out (and reported)."""
    if escaped.isascii():
        return escaped
    if _plain_text().fullmatch(escaped):
        return escaped  # accents, dashes, £: all DejaVu's, nothing to mark
    coverage = _coverage()
    parts: list[str] = []
    current: str | None = None
    missing: set[str] = set()
    for char in escaped:
        code = ord(char)
        if code < 0x80:
            font = None  # ASCII (spaces, digits, brackets, entities) is always DejaVu's
        else:
            font = _font_for(code, current, coverage)
            if font == "":
                if not (0xFE00 <= code <= 0xFE0F or code in (0x200C, 0x200D)):
                    missing.add(char)  # variation selectors and joiners print nothing anyway
                continue
        if font != current:
            if current is not None:
                parts.append("</font>")
            if font is not None:
                parts.append(f'<font name="{font}">')
            current = font
        parts.append(char)
    if current is not None:
        parts.append("</font>")
    if missing and (collector := _COLLECTOR.get()) is not None:
        collector.add(_WHERE.get(), missing)
    return "".join(parts)


def _font_for(code: int, current: str | None, coverage: dict[str, frozenset[int]]) -> str | None:
    """The font for one character: its script's; else the run's own when it has it (the danda
    in Punjabi and Bengali); else DejaVu (None); else any bundled font that has it; "" for none."""
    font = script_font(code)
    if font is not None:
        return font if code in coverage[font] else ""
    if current is not None and code in coverage[current]:
        return current
    if code in coverage[REGULAR]:
        return None
    return next((name for name, chars in coverage.items() if code in chars), "")


def needs_shaping(text: str) -> bool:
    return any(script_font(ord(char)) not in (None, "NotoSansSC") for char in text)


def prepare_scripts(story: list[Any]) -> None:
    """Shape (and lay out in reading order) each paragraph that holds Arabic-script or Indic text,
    and break Chinese between characters; the rest is left as it is, at no cost."""
    from reportlab.platypus import Paragraph

    for paragraph in _paragraphs(story):
        if not isinstance(paragraph, Paragraph):
            continue
        text = paragraph.getPlainText()
        if text.isascii():
            continue
        shaping = needs_shaping(text)
        chinese = any(script_font(ord(char)) == "NotoSansSC" for char in text)
        if not (shaping or chinese):
            continue
        from reportlab.lib.enums import TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        changes: dict[str, Any] = {}
        if shaping:
            changes["shaping"] = 1
            if strong(text) == "R":  # drawn from the right, words in reading order
                changes["wordWrap"] = "RTL"
                if paragraph.style.alignment == 0:
                    changes["alignment"] = TA_RIGHT
        elif chinese:
            changes["wordWrap"] = "CJK"
        paragraph.style = ParagraphStyle(
            f"{paragraph.style.name}-script", parent=paragraph.style, **changes
        )


def _paragraphs(items: Any) -> Iterator[Any]:
    """Every flowable in a story, inside tables and keep-together groups too."""
    for item in items if isinstance(items, list | tuple) else [items]:
        if isinstance(item, list | tuple):
            yield from _paragraphs(item)
            continue
        yield item
        content = getattr(item, "_content", None)
        if content:
            yield from _paragraphs(content)
        cells = getattr(item, "_cellvalues", None)
        if cells:
            for row in cells:
                yield from _paragraphs(list(row))
