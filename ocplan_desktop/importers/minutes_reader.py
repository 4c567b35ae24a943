"""Reading the body of one item's minutes: narrative paragraphs, the bullet list of questions and
comments, and the resolutions.

The rule that keeps the recogniser honest: a resolution comes only from decision wording. The
resolutions start at a line that says so (RESOLVED, RECOMMENDED, AGREED, DECIDED, "It was resolved",
"The Committee resolved", "Decision made"). Where an item has no such line at all, a line written the
way councils write resolutions ("That the report be noted", "(1) that …") starts them instead, and
the preview says so (it is a reading of the wording, not a word on the page). Numbered or lettered
lines with neither (declarations, announcements, members' points before the RESOLVED) stay
narrative, their labels kept as written.

Resolutions nest by the style of their labels, the way a reader sees it: the first style met (`1)`)
is the top level, a new style (`a)`) goes one level down, and a style met before returns to its
level. Labels are kept as written (`(a)`, `8.`, `B`) for checking; the app numbers the tree itself
(`domain/numbering.py`) once it is saved.

The correction editor's own text (`body_text`) has no RESOLVED line: there `labels_resolve` makes
every labelled line a resolution, as the editor wrote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ocplan_desktop.importers.minutes_lines import Line, as_label, classify

_TERMINAL = (".", "!", "?", ":", ";", "”", '"', "’", ")", "-")
_PARAGRAPH_NUMBER = re.compile(r"^\d{1,3}\.\d{1,3}\.?\s+")
_JOINING = re.compile(r"(?:,|\b(?:and|or|of|the|to|by|with|for|a|an|in|on|at|that|which|from))$")
_BARE_WORD = re.compile(
    r"(?i:it\s+was\s+(?:\w+\s+)?)?(?i:resolved|recommended|agreed|decided)"
    r"(?i:\s+(?:unanimously|accordingly))?\W*(?i:\((?:unanimously|nem\.?\s*con\.?)\)\W*)?"
)


@dataclass(frozen=True)
class Uncertain:
    """A line the recogniser read one way but could have read another; the preview lists it."""

    line: int
    text: str
    reason: str

    def as_json(self) -> dict[str, object]:
        return {"line": self.line, "text": self.text, "reason": self.reason}

    def __str__(self) -> str:
        return f"line {self.line}: “{_short(self.text)}” — {self.reason}"


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def continues(previous: str, line: Line) -> bool:
    """Whether a line goes on with the paragraph before it: a sentence broken across lines (or
    across a blank line, when it goes on in lower case), not a new paragraph or sub-heading."""
    text = line.raw.strip()
    if not previous or previous.endswith(_TERMINAL) or line.is_bracketed:
        return False
    if text[:1].islower() or _JOINING.search(previous):
        return True
    return not line.blank_before and not text[:1].isalpha()


def join(parts: list[str]) -> str:
    return " ".join(" ".join(part.split()) for part in parts if part.strip()).strip()


@dataclass
class Item:
    """A resolution while it is being read: children and text still growing."""

    label: str
    style: str
    indent: int
    parts: list[str] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    value: str = ""


def prepare(lines: list[Line]) -> list[Line]:
    """Join a label standing alone (`(1)`, `4.1`) to the text on the next line, and read a run of
    `A Subject to …`, `B Delegate …` lines as labels A, B (one such line alone is the word "A")."""
    joined: list[Line] = []
    skip = False
    for index, line in enumerate(lines):
        if skip:
            skip = False
            continue
        following = lines[index + 1] if index + 1 < len(lines) else None
        before = lines[index - 1].raw.rstrip() if index else ""
        if (
            line.style == "decimal"
            and line.text[:1].islower()
            and not line.blank_before
            and before
            and not before.endswith(_TERMINAL)
        ):
            # "… vehicles exceeding" / "7.5 tonnes …": a number going on with a sentence.
            line = replace(line, kind="text", text=line.raw.strip(), label="", style="", value="")
        if line.kind == "label" and not line.text and following and following.kind == "text":
            joined.append(
                replace(
                    line, text=following.text, raw=f"{line.raw.rstrip()} {following.raw.strip()}"
                )
            )
            skip = True
        else:
            joined.append(line)
    candidates = [i for i, line in enumerate(joined) if line.style == "CAPITAL "]
    for position, index in enumerate(candidates):
        if joined[index].value != "A" or joined[index].kind != "text":
            continue
        run = [index]
        for later in candidates[position + 1 :]:
            if joined[later].value == chr(ord(joined[run[-1]].value) + 1):
                run.append(later)
        if len(run) > 1:
            for member in run:
                joined[member] = as_label(joined[member])
    return joined


class Reader:
    """The state of one pass over an item's body: which zone we are in and what is open."""

    def __init__(self, *, labels_resolve: bool, explicit: bool) -> None:
        self.labels_resolve = labels_resolve
        self.explicit = explicit  # the body has a line with decision wording
        self.paragraphs: list[list[str]] = []
        self.bullets: list[list[str]] = []
        self.top: list[Item] = []
        self.stack: list[Item] = []  # the open item at each depth
        self.styles: list[str] = []  # the label style at each depth
        self.in_resolutions = False
        self.closed = False  # a reason line ended the resolutions
        self.stem_head = ""  # the RESOLVED line as written
        self.stem_texts: list[str] = []  # its text and the lines continuing it
        self.stem_own = False  # whether the RESOLVED line itself had text after the word
        self.stem_at = 0  # where among the paragraphs it stood
        self.last = ""  # what the previous line added to: paragraph, bullet, item, stem, reason
        self.uncertain: list[Uncertain] = []

    def unsure(self, line: Line, reason: str) -> None:
        self.uncertain.append(Uncertain(line.number, line.raw.strip(), reason))

    def feed(self, line: Line) -> None:
        if line.kind == "reason":
            self.closed = True
            self.paragraphs.append([line.text])
            self.last = "reason"
        elif line.kind == "resolved":
            self.start(line, line.text)
        elif self.in_resolutions and not self.closed:
            self.resolution_line(line)
        elif (
            self.labels_resolve
            and line.kind == "label"
            and line.style != "decimal"
            and ("CAPITAL" not in line.style)
        ):
            self.in_resolutions = True
            self.label(line)
        elif not (self.explicit or self.labels_resolve or self.closed) and line.is_that_form:
            self.unsure(
                line, "read as a resolution from its wording (“That …”): there is no RESOLVED line"
            )
            if line.kind == "label":
                self.in_resolutions = True
                self.label(line)
            else:
                self.start(line, line.text)
        else:
            self.narrative(line)

    # narrative ---------------------------------------------------------------------------------
    def narrative(self, line: Line) -> None:
        if line.kind == "bullet":
            self.bullets.append([line.text])
            self.last = "bullet"
            return
        if line.kind == "label":
            # Paragraph numbers (8.1) are the document's own: the text is what follows them.
            # Other labels before any decision wording are the page's (declarations, points).
            self.paragraphs.append([line.text if line.style == "decimal" else line.labelled_text])
            self.last = "paragraph"
            return
        text = line.raw.strip()
        previous = self.paragraphs[-1][-1].rstrip() if self.paragraphs else ""
        if self.last == "bullet" and not line.blank_before:
            self.bullets[-1].append(text)
        elif self.last == "paragraph" and continues(previous, line):
            self.paragraphs[-1].append(text)
        else:
            self.paragraphs.append([text])
            self.last = "paragraph"

    def start(self, line: Line, text: str) -> None:
        """A line with decision wording (or, without any, the first "That …"): the stem."""
        self.in_resolutions = True
        self.closed = False
        head = _PARAGRAPH_NUMBER.sub("", line.raw.strip())
        self.stem_at = len(self.paragraphs)
        sub = classify(text, line.number, blank_before=False) if text else None
        if sub is not None and sub.kind == "label" and sub.style != "decimal" and text in head:
            # `RESOLVED: a. That the report be noted`: the first item is on the RESOLVED line.
            self.stem_head = head[: head.rfind(text)].strip()
            self.stem_texts, self.stem_own = [], False
            self.label(replace(sub, indent=line.indent))
            return
        self.stem_head = head
        self.stem_texts = [text] if text else []
        self.stem_own = bool(text)
        self.last = "stem"

    # resolutions -------------------------------------------------------------------------------
    def resolution_line(self, line: Line) -> None:
        if line.kind in ("label", "bullet") and line.style != "decimal":
            self.label(line)
            return
        text = line.text if line.style == "decimal" else line.raw.strip()
        if line.style == "CAPITAL ":
            self.unsure(line, "a capital letter and a space: read as the word “A”, not a label")
        if line.is_bracketed or line.style == "decimal":
            self.paragraphs.append([text])
            self.last = "paragraph"
        elif self.last == "paragraph":  # narrative after the resolutions goes on
            if continues(self.paragraphs[-1][-1].rstrip(), line):
                self.paragraphs[-1].append(text)
            else:
                self.paragraphs.append([text])
        elif not self.stack and self._ends_the_stem(line):
            self.finish_stem()
            self.paragraphs.append([text])
            self.last = "paragraph"
        elif self.stack and self._ends_a_sentence(line):
            self.paragraphs.append([text])
            self.last = "paragraph"
        elif self.stack:
            self.stack[-1].parts.append(text)
            self.last = "item"
        else:
            self.stem_texts.append(text)
            self.last = "stem"

    def _ends_the_stem(self, line: Line) -> bool:
        """`RESOLVED that the report be noted.` then a new sentence: the resolution is complete
        and the narrative (a sub-heading, "The Chair thanked …") goes on."""
        current = join(self.stem_texts)
        return (
            bool(current)
            and current.endswith(".")
            and line.text[:1].isupper()
            and line.text.split(" ", 1)[0] not in ("That", "THAT", "And", "Or")
        )

    def finish_stem(self) -> None:
        """The stem is a resolution of its own (no label); labelled ones may follow it."""
        self.top.append(Item("", "", 0, list(self.stem_texts)))
        self.stem_head, self.stem_texts, self.stem_own = "", [], False
        del self.stack[:], self.styles[:]

    def _ends_a_sentence(self, line: Line) -> bool:
        """Narrative after the resolutions ("The Chair thanked officers."), not a continuation."""
        current = join(self.stack[-1].parts)
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
        item = Item(line.label, style, line.indent, [line.text] if line.text else [])
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
    def stem_paragraph(self) -> str:
        """The RESOLVED line kept in the narrative when numbered resolutions follow it, unless it
        is the bare word ("RESOLVED:")."""
        if not self.stem_head:
            return ""
        if not self.stem_texts and _BARE_WORD.fullmatch(self.stem_head):
            return ""
        return join([self.stem_head, *self.stem_texts[1 if self.stem_own else 0 :]])
