"""One line of pasted minutes at a time: is it a bullet, a labelled resolution, a RESOLVED line, the
end of the minutes, or plain text?

Text copied from council web pages arrives with non-breaking spaces after labels, Word's private-use
bullet character, Windows line ends and zero-width characters; all of that is normalised here so the
parser in `minutes_text.py` only sees what a reader would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
        (r"^(?P<value>[A-Z])(?=\t| {2,}|$)", "CAPITAL"),
    )
)

_RESOLVED = re.compile(
    r"^(?i:it\s+was\s+(?:further\s+)?)?"
    r"(?:(?:RESOLVED|RECOMMENDED)\b|(?:Resolved|Recommended)(?=\s*(?:[:\-–]|that\b|$)))"
    r"\s*[:,\-–]*\s*(?P<text>.*)$",
)
_TRAILER = re.compile(
    r"^(?:supporting documents|attachments?\b|appendices\s*:|background papers\s*:"
    r"|\(?the meeting (?:closed|finished|ended|terminated)|meeting closed"
    r"|date of (?:publication|decision)|call[- ]in (?:deadline|expiry)|published on\b"
    r"|signed\s*[:.]|chair\s*$)",
    re.I,
)


@dataclass(frozen=True)
class Line:
    """A non-blank line: what kind it is, its label as written, and its text after the label.

    kind: text | bullet | label | resolved | trailer. `style` names the label's form (`number)`,
    `(alpha)`, `decimal`, `CAPITAL.`, `bullet`, …); `value` is the number or letter in it.
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


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    return text.translate(_SPACES)


def _indent(raw: str) -> int:
    expanded = raw.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def classify(raw: str, number: int, *, blank_before: bool) -> Line:
    stripped = raw.strip()
    indent = _indent(raw)
    if _TRAILER.match(stripped):
        return Line(number, raw, "trailer", stripped, indent, blank_before)
    if match := _RESOLVED.match(stripped):
        return Line(number, raw, "resolved", match["text"].strip(), indent, blank_before)
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
    return Line(number, raw, "text", stripped, indent, blank_before)


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
