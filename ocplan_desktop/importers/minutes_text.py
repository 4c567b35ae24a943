"""Minutes text as councils publish it, recognised into the structured minutes editor.

Officers paste one agenda item's minutes from a council web page or open a .txt file. The page's
own lines are read first (`minutes_page.py`: the minute number, the heading, "Report of …", the
agenda's description, "Decision:"/"Minutes:", file sizes and links), then the minutes themselves
(`minutes_reader.py`: narrative paragraphs, the bullet list of questions and comments, and the
resolutions, which come only from decision wording). Where a line could be read two ways the result
says which lines it was unsure of (`uncertain`), so the preview shows them instead of guessing
silently.

Nothing here writes anything: `parse_minutes` returns a `ParsedMinutes` the window shows for checking
and the command line prints; saving goes through `services/minutes.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.minutes import Minutes
from ocplan_desktop.domain.numbering import Node
from ocplan_desktop.importers.minutes_lines import Line, classify, read_lines
from ocplan_desktop.importers.minutes_page import read_page
from ocplan_desktop.importers.minutes_reader import Item, Reader, Uncertain, join, prepare

MAX_BYTES = 2_000_000

__all__ = ["ParsedMinutes", "ParsedResolution", "Uncertain", "parse_body", "parse_minutes"]


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

    def texts(self) -> list[str]:
        return [self.text, *(text for child in self.children for text in child.texts())]


@dataclass(frozen=True)
class ParsedMinutes:
    heading: str = ""
    report_of: str = ""
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    resolutions: tuple[ParsedResolution, ...] = ()
    notes: tuple[str, ...] = ()
    minute_number: str = ""
    uncertain: tuple[Uncertain, ...] = ()
    # The words that introduce the resolutions as the officer minuted them ("RESOLVED that:",
    # "RESOLVED: That the Committee:-"), printed before them; '' prints the usual "RESOLVED:".
    resolved_wording: str = ""

    def as_json(self) -> dict[str, Any]:
        """The shape `ocplan import minutes --json` prints: the first four keys are exact (scripts
        rely on them); `minute_number`, `uncertain` (the lines the recogniser was unsure of) and
        `resolved_wording` (the words introducing the resolutions) come after them."""
        return {
            "heading": self.heading,
            "paragraphs": list(self.paragraphs),
            "bullets": list(self.bullets),
            "resolutions": [item.as_json() for item in self.resolutions],
            "minute_number": self.minute_number,
            "uncertain": [item.as_json() for item in self.uncertain],
            "resolved_wording": self.resolved_wording,
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


_INTRODUCES_A_LIST = (":", ":-", "-", "–", "—")


def _freeze(item: Item) -> ParsedResolution:
    return ParsedResolution(item.label, join(item.parts), tuple(_freeze(c) for c in item.children))


def _read(lines: list[Line], *, labels_resolve: bool) -> ParsedMinutes:
    """Paragraphs, bullets, resolutions, notes and doubts from an item's body lines."""
    explicit = any(line.kind == "resolved" for line in lines)
    reader = Reader(labels_resolve=labels_resolve, explicit=explicit)
    notes = []
    prepared = prepare(lines)
    for index, line in enumerate(prepared):
        if line.kind == "trailer":
            skipped = len(prepared) - index
            notes.append(
                f"line {line.number}: stopped at “{line.raw.strip()[:60]}” "
                f"({skipped} line{'s' if skipped != 1 else ''} after the minutes left out)"
            )
            break
        if line.kind in ("furniture", "section"):
            continue
        reader.feed(line)
    paragraphs = [join(parts) for parts in reader.paragraphs]
    resolutions = tuple(_freeze(item) for item in reader.top)
    stem = join(reader.stem_texts)
    head = join([reader.stem_head])
    wording = ""
    if stem and not resolutions:
        resolutions = (ParsedResolution("", stem),)
        # "RESOLVED that the report be noted.": the words that introduce it, kept as minuted.
        wording = head[: len(head) - len(stem)].strip() if head.endswith(stem) else ""
    elif resolutions and (lead := reader.stem_paragraph()):
        if lead.endswith(_INTRODUCES_A_LIST):  # "RESOLVED: That the Committee:-", then the list
            wording = lead
        else:
            paragraphs.insert(reader.stem_at, lead)
    elif resolutions:
        wording = head  # the bare word ("RESOLVED:", "AGREED -"), as minuted
    return ParsedMinutes(
        paragraphs=tuple(text for text in paragraphs if text),
        bullets=tuple(text for text in (join(parts) for parts in reader.bullets) if text),
        resolutions=resolutions,
        notes=tuple(notes),
        uncertain=tuple(reader.uncertain),
        resolved_wording=wording,
    )


def parse_body(text: str) -> ParsedMinutes:
    """Paragraphs, bullets and resolutions from the correction editor's text (no heading; every
    labelled line is a resolution, as the editor wrote it)."""
    return _read(read_lines(text), labels_resolve=True)


def _span(lines: list[Line]) -> str:
    first, last = lines[0].number, lines[-1].number
    return f"line {first}" if first == last else f"lines {first}–{last}"


def parse_minutes(text: str) -> ParsedMinutes:
    """Everything recognised in one agenda item's minutes text, pasted from a council's page."""
    page = read_page(text)
    body = _read(page.body, labels_resolve=False)
    notes = [*page.notes, *body.notes]
    uncertain = list(body.uncertain)
    resolutions, paragraphs = body.resolutions, body.paragraphs
    wording = body.resolved_wording
    if page.decision:
        decision = _read(page.decision, labels_resolve=False)
        span = _span(page.decision)
        given = [text for item in decision.resolutions for text in item.texts()]
        kept = [text for item in body.resolutions for text in item.texts()]
        if decision.resolutions and not body.resolutions:
            resolutions, wording = decision.resolutions, decision.resolved_wording
            uncertain += decision.uncertain
            notes.append(f"{span}: the resolutions are taken from under “Decision:”")
        elif given and given != kept:
            first = page.decision[0]
            uncertain.append(
                Uncertain(
                    first.number,
                    first.raw.strip(),
                    "the decision under “Decision:” differs from the resolutions under "
                    "“Minutes:”; the minutes' resolutions are used",
                )
            )
        else:
            notes.append(f"{span}: the decision, given again under “Minutes:”, left out")
    return ParsedMinutes(
        heading=page.heading,
        report_of=page.report_of,
        paragraphs=paragraphs,
        bullets=body.bullets,
        resolutions=resolutions,
        notes=tuple(notes),
        minute_number=page.minute_number,
        uncertain=tuple(sorted(uncertain, key=lambda item: item.line)),
        resolved_wording=wording,
    )


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
    text = decode_text(data)
    if text is None:
        raise ValidationError(f"{path}: is not a text file (it holds binary data)")
    parsed = parse_minutes(text)
    if parsed.is_empty:
        raise ValidationError(f"{path}: no minutes found (the file is empty or has no text)")
    return parsed


def decode_text(data: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with a BOM (Windows "Unicode text"), or Windows-1252;
    None for binary data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def classify_line(raw: str) -> Line:
    """One line as the parser sees it (for tests and the preview's explanations)."""
    return classify(raw, 1, blank_before=False)
