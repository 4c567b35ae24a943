"""The page around one agenda item's minutes, as councils' websites lay it out.

An officer copies an item from a modern.gov page ("ieListDocuments", "mgAi", "ieIssueDetails",
"mgDecisionDetails"), from CMIS or from the council's own pages. Around the minutes come the page's
own lines: the item's number ("13." on a line of its own, "52 To receive …", "*450 Minutes",
"Meeting: 20/10/2020 - Cabinet (Item 38)"), the heading with a file size after it ("pdf icon PDF
340 KB"), the agenda's description of the item, "Additional documents:", and the labels "Decision:"
and "Minutes:" under which some pages give the decision twice.

`read_page` finds the minute number, the heading and the "Report of" line, keeps the lines that are
the minutes themselves (what follows "Minutes:", else "Decision:", else everything) and says in
notes what it left out. It decides nothing about resolutions: `minutes_text.py` reads the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ocplan_desktop.importers.minutes_lines import (
    TRUNCATED,
    Line,
    classify,
    read_lines,
    strip_file_size,
)

_REPORT_OF = re.compile(r"^(?:joint\s+)?(?:report|briefing note)s?\s+(?:of|from|by)\b", re.I)
_TOP_WORDS = re.compile(r"^(?:minutes?|agenda)\s*:?$", re.I)
# A minute number on a line of its own: `13.`, `1/19`, `77/21`, `15/53/Plan`, `Minute 14/23.`
_NUMBER_LINE = re.compile(
    r"^(?:minute\s+(?:no\.?\s*)?)?\*?(?P<number>\d{1,4}[a-z]?(?:/\d{2,4})?(?:/[A-Za-z]{1,12})?)\.?$",
    re.I,
)
# …or at the start of the heading: `52 To receive …`, `*450 Minutes`, `Minute 14/23.\tHousing …`
_NUMBER_PREFIX = re.compile(
    r"^(?:minute\s+(?:no\.?\s*)?)?\*?(?P<number>\d{1,4}[a-z]?(?:/\d{2,4})?(?:/[A-Za-z]{1,12})?)"
    r"(?P<dot>\.)?\s+(?:[-–—]\s+)?(?=\S)",  # `Minute 1 - Welcome, introductions and apologies`
    re.I,
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_MEETING = re.compile(
    r"^Meeting:\s*\d{1,2}/\d{1,2}/\d{2,4}\s*-\s*.*\(Item\s+(?P<number>[^)\s]+)\)\s*$"
)
# `26/11/2024 - Channel View Regeneration ref: 2248    Recommendations Approved`: a decision's date,
# its title, and on registers its reference and status.
_DATED_TITLE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}\s+-\s+(?P<title>.+?)(?:\s+ref:\s*\d+\b.*)?$")


@dataclass
class Page:
    """One item's page: its number, heading, "Report of" line, the minutes' lines and what was
    left out. `decision` holds the lines under "Decision:" when "Minutes:" follows as well."""

    minute_number: str = ""
    heading: str = ""
    report_of: str = ""
    body: list[Line] = field(default_factory=list)
    decision: list[Line] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _minute_number_prefix(text: str) -> tuple[str, str] | None:
    """(number, heading) when the heading starts with its minute number."""
    match = _NUMBER_PREFIX.match(text)
    if match is None:
        return None
    number = match["number"]
    if _YEAR.match(number) and not match["dot"]:
        return None  # "2024 Budget consultation": a year, not a minute
    return number, text[match.end() :].strip()


def _clean_heading(text: str) -> str:
    text = strip_file_size(" ".join(text.split()))
    return re.sub(r"\s+[-–]$", "", text).strip()


def _looks_like_heading(line: Line, *, cued: bool) -> bool:
    """A title, not a sentence; "Report from the Chair …" is a title where the page marks the
    line as the item's (after "Agenda item"), otherwise it is the "Report of" line. A short title
    with a full stop ("Scrutiny Letters.") is one where the page marks it."""
    text = line.raw.strip()
    short_title = cued and text.endswith(".") and text.count(".") == 1 and len(text.split()) <= 8
    return (
        line.kind in ("text", "label")
        and len(text) <= 200
        and (short_title or not text.endswith((".", ":", ":-", ",", ";")))
        and (line.kind != "label" or _minute_number_prefix(text) is not None)
        and (cued or not _REPORT_OF.match(text))
        and not line.is_that_form
    )


def _header(lines: list[Line], page: Page) -> int:
    """Fill in the number, heading and "Report of" line; the index where the rest starts."""
    index = 0
    # modern.gov's issue pages name the issue, then "Meeting: … (Item 52)", then the item.
    for position, line in enumerate(lines[:8]):
        if match := _MEETING.match(line.raw.strip()):
            page.minute_number = match["number"]
            index = position + 1
            break
    cued = index > 0
    while index < len(lines) and (
        lines[index].kind == "furniture" or _TOP_WORDS.match(lines[index].raw.strip())
    ):
        cued = cued or lines[index].kind == "furniture"
        index += 1
    if index < len(lines) and (match := _NUMBER_LINE.match(lines[index].raw.strip())):
        page.minute_number = match["number"]
        index += 1
        while index < len(lines) and lines[index].kind == "furniture":
            index += 1
        if index < len(lines) and lines[index].kind not in ("section", "resolved", "trailer"):
            page.heading = _clean_heading(lines[index].raw)
            index += 1
    elif index < len(lines) and (match := _DATED_TITLE.match(lines[index].raw.strip())):
        page.heading = _clean_heading(match["title"])
        index += 1
    elif index < len(lines) and _looks_like_heading(lines[index], cued=cued):
        text = lines[index].raw.strip()
        if found := _minute_number_prefix(text):
            page.minute_number, text = found
        page.heading = _clean_heading(text)
        index += 1
    while index < len(lines) and (
        lines[index].kind == "furniture" or _DATED_TITLE.match(lines[index].raw.strip())
    ):
        index += 1
    if index < len(lines) and _REPORT_OF.match(lines[index].raw.strip()):
        page.report_of = " ".join(strip_file_size(lines[index].raw).split())
        index += 1
    return index


def _split_section(line: Line) -> list[Line]:
    """`Minutes: The minutes were agreed.` → the text after the label, as a line of its own."""
    if not line.text:
        return []
    return [classify(line.text, line.number, blank_before=True)]


def _range(lines: list[Line]) -> str:
    first, last = lines[0].number, lines[-1].number
    return f"line {first}" if first == last else f"lines {first}–{last}"


def read_page(text: str) -> Page:
    """The item's number, heading and the lines that hold its minutes."""
    page = Page()
    if cut := len(TRUNCATED.findall(text)):
        page.notes.append(
            f"the page shows only the start of {cut} text{'s' if cut > 1 else ''} "
            "(“view the full … text”): paste the full text from the item's own page"
        )
    lines = read_lines(text)
    start = _header(lines, page)
    rest = [line for line in lines[start:]]
    sections = [index for index, line in enumerate(rest) if line.kind == "section"]
    minutes_at = next((i for i in sections if rest[i].label == "minute"), None)
    decision_at = next((i for i in sections if rest[i].label == "decision"), None)
    if minutes_at is not None:
        before = rest[:minutes_at]
        page.body = _split_section(rest[minutes_at]) + rest[minutes_at + 1 :]
        if decision_at is not None and decision_at < minutes_at:
            page.decision = _split_section(rest[decision_at]) + rest[decision_at + 1 : minutes_at]
            before = rest[:decision_at]
    elif decision_at is not None:
        before = rest[:decision_at]
        page.body = _split_section(rest[decision_at]) + rest[decision_at + 1 :]
    else:
        before = []
        page.body = rest
    agenda = [line for line in before if line.kind not in ("furniture", "section")]
    if agenda:
        page.notes.append(
            f"{_range(agenda)}: the agenda's description of the item, before "
            f"“{'Minutes' if minutes_at is not None else 'Decision'}:”, left out"
        )
    page.body = [line for line in page.body if line.kind not in ("furniture", "section")]
    page.decision = [line for line in page.decision if line.kind not in ("furniture", "section")]
    return page
