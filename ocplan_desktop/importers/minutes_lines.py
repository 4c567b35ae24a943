"""One line of pasted minutes at a time: is it a bullet, a labelled item, a line with decision
wording (RESOLVED, AGREED, "The Committee resolved"), a section label ("Minutes:", "Decision:"),
page furniture ("Share this item", "Decision Maker: Cabinet"), a reason, the end of the minutes, or
plain text?

Text copied from council web pages arrives with non-breaking spaces after labels, Word's private-use
bullet character, Windows line ends, zero-width characters and file sizes after link text ("pdf icon
PDF 340 KB"); all of that is normalised here so the parser in `minutes_text.py` only sees what a
reader would. The words recognised are the forms councils publish (modern.gov, CMIS and their own
pages); nothing here decides what a line *means* in its item, only what it looks like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009"), " ")

BULLET_CHARS = "·•●▪◦‣∙\uf0b7\u2043\u25aa\u25cf"
_BULLET = re.compile(rf"^(?P<label>[{BULLET_CHARS}]|[-–*](?=\s))\s*(?P<text>.*)$")

# (pattern, style); a label is followed by white space or the end of the line.
_LABELS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), style)
    for pattern, style in (
        (r"^\((?P<value>\d{1,3})\)", "(number)"),
        (r"^(?P<value>\d{1,3})\)", "number)"),
        (r"^(?P<value>\d{1,3}\.\d{1,3})\.?(?=\s|$)", "decimal"),
        (r"^(?P<value>\d{1,3})\.(?=\s|$)", "number."),
        (r"^\((?P<value>[ivx]{2,5})\)", "(roman)"),
        (r"^(?P<value>[ivx]{2,5})\)", "roman)"),
        (r"^(?P<value>[ivx]{2,5})\.(?=\s|$)", "roman."),
        (r"^\((?P<value>[a-z])\)", "(alpha)"),
        (r"^(?P<value>[a-z])\)", "alpha)"),
        (r"^(?P<value>[a-z])\.(?=\s|$)", "alpha."),
        (r"^\((?P<value>[A-Z])\)", "(CAPITAL)"),
        (r"^(?P<value>[A-Z])[.)](?=\s|$)", "CAPITAL."),
        (r"^(?P<value>[A-Z]):(?=\s|$)", "CAPITAL:"),
        (r"^(?P<value>[A-Z])(?=\t| {2,}|$)", "CAPITAL"),
    )
)
# `A Subject to …`: a capital letter and one space is a label only in a run A, B, C (the reader
# decides); on its own it is the word "A".
_CAPITAL_WORD = re.compile(r"^(?P<value>[A-Z]) (?=[A-Z(‘“'\"])")

_DECISION_WORD = r"(?:RESOLVED|RECOMMENDED|AGREED|DECIDED)"
_BODIES = (
    r"(?:Committee|Sub-Committee|Cabinet|Council|Board|Panel|Executive|Forum|Commission|Authority"
    r"|Member|Members|Leader|Assembly|Partnership|Group|Convener|Mayor|Meeting)"
)
_RESOLVED = re.compile(
    r"^(?:(?i:it\s+was\s+(?:(?:further|also|unanimously|therefore|then|duly)\s+)*)"
    rf"(?:{_DECISION_WORD}\b|(?i:resolved|recommended|agreed|decided)\b)"
    rf"|{_DECISION_WORD}\b"
    r"|(?:Resolved|Recommended|Agreed|Decided)(?:\s+(?:unanimously|accordingly))?"
    r"(?=\s*(?:[:\-–—,]|\(|that\b|to\b|$))"
    r"|(?i:decisions?\s+made)\b(?:\s*\([^)]*\))?"
    r"|The\s+(?:(?:[A-Z][\w’'&-]*|and|of|for|&)\s+){0,8}?" + _BODIES + r"\s+"
    r"(?:(?:unanimously|therefore|then|further|also)\s+)?"
    r"(?:RESOLVED|resolved|AGREED|DECIDED|(?:agreed|decided)(?=\s*[:\-–—])))"
    r"\s*(?:\((?i:unanimously|nem\.?\s*con\.?)\))?\s*[:,\-–—]*\s*(?P<text>.*)$",
)
_SECTION = re.compile(
    r"^(?P<name>Minutes|MINUTES|Decisions?|DECISIONS?|(?i:minute\s+(?:text|decision)))\s*:\s*"
    r"(?P<text>.*)$"
)  # older Wirral-style pages: "Minute Text :" and "Minute Decision :"
_REASON = re.compile(
    r"^(?:REASONS?|Reasons?)(?:\s+(?i:for\s+(?:the\s+)?(?:decisions?|recommendations?)))?"
    r"(?=\s*(?:[:\-–—]|$))\s*[:\-–—]*\s*(?P<text>.*)$"
)
_TRAILER = re.compile(
    r"^(?:supporting documents|attachments?\b|appendices\s*:|background papers\s*:"
    r"|\(?the meeting (?:closed|finished|ended|terminated)|meeting closed"
    r"|date of (?:publication|decision)|call[- ]in (?:deadline|expiry)|published on\b"
    r"|publication date\s*:|decided at meeting\s*:|accompanying documents\s*:"
    r"|report author\s*:|lead officer\s*:|officers? to action\s*:"
    r"|signed\s*[:.]|chair\s*$)",
    re.I,
)
# Lines a council's page shows around the minutes that are not minutes: links, labels and the
# decision's metadata.
_FURNITURE = re.compile(
    rf"^(?:[{BULLET_CHARS}]\s*)?(?:share this item|additional documents\s*:|view the reasons? why item"
    r"|top of page\b"
    r"|view the background to item|back to (?:the )?top(?: of the page)?|you are here\b"
    r"|navigation and tools|find it$|skip to (?:main )?content$|cymraeg$|english$"
    r"|decision maker\s*:|decision status\s*:|is key decision\??\s*:|decision published\s*:"
    r"|made at meeting\s*:|effective from\s*:|effeithiol o\s*:"
    r"|is subject to call[- ]in\??\s*:|purpose\s*:|decisions?\s*$|(?:agenda\s+)?item\s+\d+[a-z]?\.?$"
    r"|issue - (?:meetings|decisions)$|decision details$|issue details$|issue history$"
    r"|agenda item$|printed (?:minutes|decisions)\b"
    # modern.gov's recorded vote: its heading, its table's header, the link to it
    r"|recorded vote$|voting record$|title\s*type\s*recorded vote text\s*result$"
    r"|view (?:the )?recorded vote\b)",
    re.I,
)
# "PDF 340 KB" after a link's text, with or without the icon's alt text.
FILE_SIZE = re.compile(r"\s*(?:pdf icon\s*)?\(?PDF\s+\d[\d.,]*\s*[KMG]B\)?", re.I)
# modern.gov shows the start of a long text and a link to the rest, after the text or on a line
# of its own.
_VIEW_FULL = r"\.\.\.[ \t]*view the full (?:minutes|agenda|decision) text for item [^\s]+[ \t]*$"
TRUNCATED = re.compile(r"[ \t]*" + _VIEW_FULL, re.M | re.I)
_TRUNCATED_LINE = re.compile(r"^[ \t]*" + _VIEW_FULL, re.M | re.I)
_THAT_FORM = re.compile(
    r"^(?:That|THAT)\b(?!\s+(?:was|is|had|has|would|could|might|seemed|said|meant)\b)"
)


@dataclass(frozen=True)
class Line:
    """A non-blank line: what kind it is, its label as written, and its text after the label.

    kind: text | bullet | label | resolved | section | reason | furniture | trailer. `style` names
    the label's form (`number)`, `(alpha)`, `decimal`, `CAPITAL.`, `bullet`, …); `value` is the
    number or letter in it. For a `section` line, `label` is the section's name.
    """

    number: int
    raw: str
    kind: str
    text: str
    indent: int
    blank_before: bool
    label: str = ""
    style: str = ""
    value: str = ""

    @property
    def roman_or_alpha(self) -> bool:
        """A single i, v or x: a letter or a Roman numeral, depending on the list it continues."""
        return "alpha" in self.style and self.value in ("i", "v", "x")

    @property
    def shown(self) -> str:
        """The line as the officer pasted it, white space tidied (for notes and the preview)."""
        return " ".join(self.raw.split())

    @property
    def is_that_form(self) -> bool:
        """Written the way a resolution is: "That …", with or without a label ("(1) that …")."""
        if self.kind == "label":
            return bool(_THAT_FORM.match(self.text[:1].upper() + self.text[1:]))
        return self.kind == "text" and bool(_THAT_FORM.match(self.text))

    @property
    def is_bracketed(self) -> bool:
        """A note in brackets on a line of its own: `(In accordance with Section 100B(4)…)`."""
        text = self.raw.strip().rstrip(".")
        return self.kind == "text" and text.startswith("(") and text.endswith(")")

    @property
    def labelled_text(self) -> str:
        """The label and its text as one line (`1. Mr M Balfour declared …`)."""
        return " ".join(f"{self.label} {self.text}".split())


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = TRUNCATED.sub(" …", _TRUNCATED_LINE.sub("", text.translate(_SPACES)))
    return re.sub(r"\bT H A T\b", "THAT", text)


def _indent(raw: str) -> int:
    expanded = raw.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def strip_file_size(text: str) -> str:
    """`Minutes pdf icon PDF 96 KB` → `Minutes`."""
    return FILE_SIZE.sub("", text).strip()


def classify(raw: str, number: int, *, blank_before: bool) -> Line:
    stripped = raw.strip()
    indent = _indent(raw)
    if _FURNITURE.match(stripped):
        return Line(number, raw, "furniture", stripped, indent, blank_before)
    if _TRAILER.match(stripped):
        return Line(number, raw, "trailer", stripped, indent, blank_before)
    if match := _SECTION.match(stripped):
        name = match["name"].casefold().removeprefix("minute ").rstrip("s")
        name = "minute" if name == "text" else name
        return Line(number, raw, "section", match["text"].strip(), indent, blank_before, name)
    if match := _RESOLVED.match(stripped):
        return Line(number, raw, "resolved", match["text"].strip(), indent, blank_before)
    if match := _REASON.match(stripped):
        return Line(number, raw, "reason", stripped, indent, blank_before)
    if match := _BULLET.match(stripped):
        text = match["text"].strip()
        return Line(number, raw, "bullet", text, indent, blank_before, match["label"], "bullet")
    for pattern, style in _LABELS:
        match = pattern.match(stripped)
        if match is None:
            continue
        label = match.group(0)
        rest = stripped[match.end() :].strip()
        if style == "decimal" and (inner := _RESOLVED.match(rest)):
            return Line(number, raw, "resolved", inner["text"].strip(), indent, blank_before)
        value = match["value"]
        return Line(number, raw, "label", rest, indent, blank_before, label, style, value)
    if match := _CAPITAL_WORD.match(stripped):
        rest = stripped[match.end() :].strip()
        return Line(
            number, raw, "text", stripped, indent, blank_before, "", "CAPITAL ", match["value"]
        )
    return Line(number, raw, "text", stripped, indent, blank_before)


def as_label(line: Line) -> Line:
    """A `A Subject to …` line taken as the label `A` (it is one of a run A, B, C)."""
    label, _space, rest = line.text.partition(" ")
    return replace(line, kind="label", text=rest.strip(), label=label, style="CAPITAL")


def read_lines(text: str) -> list[Line]:
    """The non-blank lines, each knowing whether a blank line came before it."""
    lines = []
    blank = False
    for number, raw in enumerate(normalise(text).split("\n"), start=1):
        if not raw.strip():
            blank = True
            continue
        lines.append(classify(raw.rstrip(), number, blank_before=blank))
        blank = False
    return lines
