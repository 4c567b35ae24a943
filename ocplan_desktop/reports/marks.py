"""Marks on every page of part of a document ("NOT FOR PUBLICATION: exempt information under
paragraph 3 …" on each page of an exempt report in the members' pack).

`MarkStart(text)` and `MarkEnd()` are zero-size flowables placed around the part. The PDF's page
templates draw the mark on every page the part touches (`draw_page_mark` at each page's end); the
Word writer puts the part in a section of its own whose header carries the mark.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from ocplan_desktop.reports.fonts import BOLD
from ocplan_desktop.reports.styles import DARK

_NOW = "_ocplan_mark_now"  # the mark in force at this point of the story
_PAGE = "_ocplan_mark_page"  # the mark the current page carries


class _ZeroSize(Flowable):  # type: ignore[misc]
    def wrap(self, _width: float, _height: float) -> tuple[float, float]:
        return (0, 0)

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab's name
        return 0

    def getSpaceAfter(self) -> float:  # noqa: N802 - ReportLab's name
        return 0


class MarkStart(_ZeroSize):
    """From here on, every page carries `text`."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.mark_text = text

    def draw(self) -> None:
        setattr(self.canv, _NOW, self.mark_text)
        setattr(self.canv, _PAGE, self.mark_text)


class MarkEnd(_ZeroSize):
    """The marked part ends here (the page it ends on still carries the mark)."""

    mark_text = ""

    def draw(self) -> None:
        setattr(self.canv, _NOW, None)


def marked(text: str, story: list[Any]) -> list[Any]:
    """`story` with `text` on every page it touches."""
    return [MarkStart(text), *story, MarkEnd()]


def begin_page(canvas: Any) -> None:
    """At the start of a page: it carries the mark in force."""
    setattr(canvas, _PAGE, getattr(canvas, _NOW, None))


def draw_page_mark(canvas: Any, width: float, height: float, margin: float) -> None:
    """At the end of a page: the mark, boxed, at the top and the bottom of the page."""
    text = getattr(canvas, _PAGE, None)
    if not text:
        return
    from reportlab.lib import colors

    canvas.saveState()
    room = width - 2 * margin - 8
    # The whole mark, made smaller to fit rather than cut short.
    size = min(7.5, 7.5 * room / max(canvas.stringWidth(text, BOLD, 7.5), 1))
    canvas.setFont(BOLD, size)
    shown = text
    for y in (height - 52, 38):
        canvas.setFillColor(colors.white)
        canvas.setStrokeColor(colors.HexColor(DARK))
        canvas.setLineWidth(0.8)
        canvas.rect(margin, y - 3, width - 2 * margin, 12.5, fill=1, stroke=1)
        canvas.setFillColor(colors.HexColor(DARK))
        canvas.drawCentredString(width / 2, y, shown)
    canvas.restoreState()
