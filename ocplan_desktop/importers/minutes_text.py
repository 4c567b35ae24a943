"""Minutes text as councils publish it, recognised into the structured minutes editor.

Officers paste minutes from a council web page or open a .txt file. The text is read line by line:
the item heading and its "Report of …" line at the top, then narrative paragraphs and a bullet list of
questions and comments, then the resolutions (after a `RESOLVED` line or from the first numbered
line). Resolutions nest by the style of their labels, the way a reader sees it: the first style met
(`1)`) is the top level, a new style (`a)`) goes one level down, and a style met before returns to
its level. Labels are kept as written (`(a)`, `8.`, `B`) for checking; the app numbers the tree
itself (`domain/numbering.py`) once it is saved.

Nothing here writes anything: `parse_minutes` returns a `ParsedMinutes` the window shows for checking
and the command line prints; saving goes through `services/minutes.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.minutes import Minutes
from ocplan_desktop.domain.numbering import Node
from ocplan_desktop.importers.minutes_lines import Line, classify, read_lines

MAX_BYTES = 2_000_000


@dataclass(frozen=True)
class ParsedResolution:
    label: str
    text: str
    children: tuple[ParsedResolution, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "text": self.text,
            "children": [child.as_json() for child in self.children],
        }

    def node(self) -> Node:
        return Node(None, self.text, tuple(child.node() for child in self.children))

    def count(self) -> int:
        return 1 + sum(child.count() for child in self.children)


@dataclass(frozen=True)
class ParsedMinutes:
    heading: str = ""
    report_of: str = ""
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    resolutions: tuple[ParsedResolution, ...] = ()
    notes: tuple[str, ...] = ()
    # The words before the resolutions as the officer minuted them ("RESOLVED that:").
    resolved_wording: str = ""

    def as_json(self) -> dict[str, Any]:
        """The shape `ocplan import minutes --json` prints (exact: scripts rely on it)."""
        return {
            "heading": self.heading,
            "paragraphs": list(self.paragraphs),
            "bullets": list(self.bullets),
            "resolutions": [item.as_json() for item in self.resolutions],
        }

    def to_minutes(self, agenda_item_id: int) -> Minutes:
        return Minutes(
            agenda_item_id=agenda_item_id,
            heading=self.heading,
            report_of=self.report_of,
            paragraphs=self.paragraphs,
            bullets=self.bullets,
            resolutions=tuple(item.node() for item in self.resolutions),
            resolved_wording=self.resolved_wording,
        )

    @property
    def is_empty(self) -> bool:
        return not (self.heading or self.paragraphs or self.bullets or self.resolutions)


@dataclass
class _Item:
    """A resolution while it is being read: children and text still growing."""

    label: str
    style: str
    indent: int
    parts: list[str] = field(default_factory=list)
    children: list[_Item] = field(default_factory=list)
    value: str = ""

    def freeze(self) -> ParsedResolution:
        return ParsedResolution(
            self.label,
            _join(self.parts),
            tuple(child.freeze() for child in self.children),
        )


_TERMINAL = (".", "!", "?", ":", ";", "”", '"', "’", ")", "-")


def _join(parts: list[str]) -> str:
    return " ".join(" ".join(part.split()) for part in parts if part.strip()).strip()


class _Reader:
    """The state of one pass over the lines: which zone we are in and what is open."""

    def __init__(self) -> None:
        self.paragraphs: list[list[str]] = []
        self.bullets: list[list[str]] = []
        self.top: list[_Item] = []
        self.stack: list[_Item] = []  # the open item at each depth
        self.styles: list[str] = []  # the label style at each depth
        self.in_resolutions = False
        self.preamble: list[str] = []  # text after RESOLVED, before the first label
        self.preamble_head = ""  # the RESOLVED line as written
        self.preamble_at = 0  # where among the paragraphs it stood
        self.last = ""  # what the previous line added to: paragraph, bullet, item, preamble
        self.notes: list[str] = []

    # narrative ---------------------------------------------------------------------------------
    def narrative(self, line: Line) -> None:
        if line.kind == "bullet":
            self.bullets.append([line.text])
            self.last = "bullet"
            return
        if line.kind == "resolved":
            self.start_resolutions(line)
            return
        if line.kind == "label" and line.style != "decimal" and "CAPITAL" not in line.style:
            self.in_resolutions = True
            self.label(line)
            return
        # Paragraph numbers (8.1) are the document's own: the text is what follows them. A capital
        # letter starts a sentence here, not a list (capital labels count after RESOLVED).
        text = line.text if line.style == "decimal" else line.raw.strip()
        if self.last == "bullet" and not line.blank_before:
            self.bullets[-1].append(text)
        elif (
            self.last == "paragraph"
            and not line.blank_before
            and line.style != "decimal"
            and not self.paragraphs[-1][-1].rstrip().endswith(_TERMINAL)
        ):
            self.paragraphs[-1].append(text)
        else:
            self.paragraphs.append([text])
            self.last = "paragraph"

    def start_resolutions(self, line: Line) -> None:
        self.in_resolutions = True
        self.preamble_head = _PARAGRAPH_NUMBER.sub("", line.raw.strip())
        self.preamble_at = len(self.paragraphs)
        if line.text:
            self.preamble.append(line.text)
        self.last = "preamble"

    # resolutions -------------------------------------------------------------------------------
    def resolutions(self, line: Line) -> None:
        if line.kind in ("label", "bullet"):
            self.label(line)
            return
        if line.kind == "resolved":
            self.start_resolutions(line)
            return
        if self.last == "paragraph":  # narrative after the resolutions goes on
            if line.blank_before:
                self.paragraphs.append([line.text])
            else:
                self.paragraphs[-1].append(line.text)
        elif self.stack and self._ends_a_sentence(line):
            self.paragraphs.append([line.text])
            self.last = "paragraph"
        elif self.stack:
            self.stack[-1].parts.append(line.text)
            self.last = "item"
        else:
            self.preamble.append(line.text)
            self.last = "preamble"

    def _ends_a_sentence(self, line: Line) -> bool:
        """Narrative after the resolutions ("The Chair thanked officers."), not a continuation."""
        current = _join(self.stack[-1].parts)
        first = line.text.split(" ", 1)[0]
        return (
            line.blank_before
            and len(self.stack) == 1
            and current.endswith(".")
            and line.text[:1].isupper()
            and first not in ("That", "And", "Or")
        )

    def label(self, line: Line) -> None:
        style = self._style_for(line)
        if style in self.styles:
            depth = self.styles.index(style)
            del self.styles[depth + 1 :]
        else:
            self.styles.append(style)
            depth = len(self.styles) - 1
        del self.stack[depth:]
        item = _Item(line.label, style, line.indent, [line.text] if line.text else [])
        item.value = line.value
        if depth == 0:
            self.top.append(item)
        else:
            self.stack[depth - 1].children.append(item)
        self.stack.append(item)
        self.last = "item"

    def _style_for(self, line: Line) -> str:
        """Letters that are also Roman numerals (i, v, x) follow the list they continue."""
        if not line.roman_or_alpha:
            return line.style
        alpha, roman = line.style, line.style.replace("alpha", "roman")
        if alpha in self.styles:
            depth = self.styles.index(alpha)
            previous = self.stack[depth] if depth < len(self.stack) else None
            if previous is not None and len(previous.value) == 1:
                follows = line.value == chr(ord(previous.value) + 1)
                if follows and line.indent <= previous.indent:
                    return alpha
        if roman in self.styles or line.value == "i":
            return roman
        return alpha

    # result ------------------------------------------------------------------------------------
    def result(self, heading: str, report_of: str) -> ParsedMinutes:
        paragraphs = [_join(parts) for parts in self.paragraphs]
        resolutions = tuple(item.freeze() for item in self.top)
        preamble = _join(self.preamble)
        head = " ".join(self.preamble_head.split())
        wording = ""
        if preamble and not resolutions:
            resolutions = (ParsedResolution("", preamble),)
            # "RESOLVED that the report be noted.": the word that introduces it, kept as minuted.
            wording = head[: len(head) - len(preamble)].strip() if head.endswith(preamble) else ""
        elif resolutions and _LEAD_IN.match(head) and len(self.preamble) <= 1:
            wording = head  # "RESOLVED that:" before a numbered list: printed as minuted
        elif preamble:
            paragraphs.insert(self.preamble_at, _join([self.preamble_head, *self.preamble[1:]]))
        return ParsedMinutes(
            heading=heading,
            report_of=report_of,
            paragraphs=tuple(text for text in paragraphs if text),
            bullets=tuple(text for text in (_join(parts) for parts in self.bullets) if text),
            resolutions=resolutions,
            notes=tuple(self.notes),
            resolved_wording=wording,
        )


_PARAGRAPH_NUMBER = re.compile(r"^\d{1,3}\.\d{1,3}\.?\s+")
# A RESOLVED line that only introduces a list: "RESOLVED:", "RESOLVED that:", "Resolved that -".
_LEAD_IN = re.compile(
    r"^(?:RESOLVED|RECOMMENDED|AGREED|Resolved|Recommended|Agreed)\b(?:\s+that)?\s*[:\-–]*\s*$"
)


_REPORT_OF = re.compile(r"^(?:joint\s+)?(?:report|briefing note)s?\s+(?:of|from|by)\b", re.I)
_BOILERPLATE = re.compile(r"^(?:agenda\s+item|item|minutes?)(?:\s+\d+[a-z]?)?\s*:?$", re.I)
_MINUTE_NUMBER = re.compile(r"^(?:minute\s+)?(?:\d{1,3}/\d{2,4}\.?|\d{1,3}\.)\s+(?=\S)", re.I)


def _header(lines: list[Line]) -> tuple[str, str, int]:
    """The heading and "Report of" line at the top, and where the body starts."""
    index = 0
    while index < len(lines) and _BOILERPLATE.match(lines[index].raw.strip()):
        index += 1
    heading = report_of = ""
    if index < len(lines):
        first = lines[index].raw.strip()
        looks_like_heading = (
            len(first) <= 200
            and not first.endswith((".", ":", ":-"))
            and lines[index].kind not in ("bullet", "resolved")
            and (lines[index].kind != "label" or _MINUTE_NUMBER.match(first))
            and not _REPORT_OF.match(first)
        )
        if looks_like_heading:
            heading = _MINUTE_NUMBER.sub("", first).strip()
            index += 1
    if index < len(lines) and _REPORT_OF.match(lines[index].raw.strip()):
        report_of = " ".join(lines[index].raw.split())
        index += 1
    return heading, report_of, index


def parse_body(text: str) -> ParsedMinutes:
    """Paragraphs, bullets and resolutions from text with no heading (the correction editor's)."""
    return _parse(read_lines(text), "", "", 0)


def parse_minutes(text: str) -> ParsedMinutes:
    """Everything recognised in one agenda item's minutes text."""
    lines = read_lines(text)
    heading, report_of, start = _header(lines)
    return _parse(lines, heading, report_of, start)


def _parse(lines: list[Line], heading: str, report_of: str, start: int) -> ParsedMinutes:
    reader = _Reader()
    for number, line in enumerate(lines[start:], start=start):
        if line.kind == "trailer":
            skipped = len(lines) - number
            reader.notes.append(
                f"line {line.number}: stopped at “{line.raw.strip()[:60]}” "
                f"({skipped} line{'s' if skipped != 1 else ''} after the minutes left out)"
            )
            break
        if reader.in_resolutions:
            reader.resolutions(line)
        else:
            reader.narrative(line)
    return reader.result(heading, report_of)


def read_minutes_file(path: Path) -> ParsedMinutes:
    """Read and recognise a minutes file; a clear message naming the file when it cannot be."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ValidationError(f"{path}: is a folder, not a text file") from None
    except OSError as error:
        raise ValidationError(f"{path}: cannot be read ({error.strerror})") from None
    if len(data) > MAX_BYTES:
        raise ValidationError(
            f"{path}: {len(data):,} bytes is too long for one item's minutes "
            f"(the limit is {MAX_BYTES:,}); split it into items"
        )
    if b"\x00" in data:
        raise ValidationError(f"{path}: is not a text file (it holds binary data)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    parsed = parse_minutes(text)
    if parsed.is_empty:
        raise ValidationError(f"{path}: no minutes found (the file is empty or has no text)")
    return parsed


def classify_line(raw: str) -> Line:
    """One line as the parser sees it (for tests and the preview's explanations)."""
    return classify(raw, 1, blank_before=False)
