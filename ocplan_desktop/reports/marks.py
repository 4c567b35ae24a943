"""Marks on every page of part of a document: "NOT FOR PUBLICATION: exempt information under
paragraph 3 …" on each page of an exempt report in the members' pack, and DRAFT on each page of
draft minutes bound into a pack among final papers.

`MarkStart(text, kind)` and `MarkEnd(kind)` are zero-size flowables placed around the part. The
PDF's page templates ask `page_marks` at each page's end which marks the page carries and draw them;
the Word writer puts the part in a section of its own whose header carries the mark.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from ocplan_desktop.reports.fonts import BOLD
from ocplan_desktop.reports.styles import DARK

NOTICE = "notice"  # a boxed line of text at the top and bottom of the page
DRAFT = "draft"  # the DRAFT watermark

_NOW = "_ocplan_marks_now"  # kind → text of the marks in force at this point of the story
_PAGE = "_ocplan_marks_page"  # kind → text of the marks the current page carries


def _marks(canvas: Any, slot: str) -> dict[str, str]:
    found: dict[str, str] | None = getattr(canvas, slot, None)
    if found is None:
        found = {}
        setattr(canvas, slot, found)
    return found


class _ZeroSize(Flowable):  # type: ignore[misc]
    def wrap(self, _width: float, _height: float) -> tuple[float, float]:
        return (0, 0)

    def getSpaceBefore(self) -> float:  # noqa: N802 - ReportLab's name
        return 0

    def getSpaceAfter(self) -> float:  # noqa: N802 - ReportLab's name
        return 0


class MarkStart(_ZeroSize):
    """From here on, every page carries `text` (as a mark of `kind`)."""

    def __init__(self, text: str, kind: str = NOTICE) -> None:
        super().__init__()
        self.mark_text = text
        self.mark_kind = kind

    def draw(self) -> None:
        _marks(self.canv, _NOW)[self.mark_kind] = self.mark_text
        _marks(self.canv, _PAGE)[self.mark_kind] = self.mark_text


class MarkEnd(_ZeroSize):
    """The marked part ends here (the page it ends on still carries the mark)."""

    mark_text = ""

    def __init__(self, kind: str = NOTICE) -> None:
        super().__init__()
        self.mark_kind = kind

    def draw(self) -> None:
        _marks(self.canv, _NOW).pop(self.mark_kind, None)


def marked(text: str, story: list[Any], kind: str = NOTICE) -> list[Any]:
    """`story` with `text` on every page it touches."""
    return [MarkStart(text, kind), *story, MarkEnd(kind)]


def drafted(story: list[Any]) -> list[Any]:
    """`story` with the DRAFT mark on every page it touches, as draft minutes carry on their own."""
    return marked("DRAFT", story, DRAFT)


def begin_page(canvas: Any) -> None:
    """At the start of a page: it carries the marks in force."""
    setattr(canvas, _PAGE, dict(_marks(canvas, _NOW)))


def page_marks(canvas: Any) -> dict[str, str]:
    """The marks the current page carries, by kind."""
    return dict(_marks(canvas, _PAGE))


def draw_notice(canvas: Any, text: str, width: float, height: float, margin: float) -> None:
    """A notice, boxed, at the top and the bottom of the page."""
    from reportlab.lib import colors

    canvas.saveState()
    room = width - 2 * margin - 8
    # The whole notice, made smaller to fit rather than cut short.
    size = min(7.5, 7.5 * room / max(canvas.stringWidth(text, BOLD, 7.5), 1))
    canvas.setFont(BOLD, size)
    for y in (height - 52, 38):
        canvas.setFillColor(colors.white)
        canvas.setStrokeColor(colors.HexColor(DARK))
        canvas.setLineWidth(0.8)
        canvas.rect(margin, y - 3, width - 2 * margin, 12.5, fill=1, stroke=1)
        canvas.setFillColor(colors.HexColor(DARK))
        canvas.drawCentredString(width / 2, y, text)
    canvas.restoreState()
