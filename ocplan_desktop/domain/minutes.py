"""Minutes of an agenda item: narrative, the questions-and-comments bullets, resolutions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ocplan_desktop.domain.numbering import Node, Tree, label_tree


@dataclass(frozen=True)
class Minutes:
    agenda_item_id: int
    heading: str = ""
    report_of: str = ""
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    resolutions: Tree = ()
    revision: int = 0
    id: int | None = None
    # The words before the resolutions as minuted ("RESOLVED that:"); "" prints "RESOLVED:".
    resolved_wording: str = ""

    def numbered_resolutions(self) -> list[tuple[int, str, str]]:
        """(depth, label, text) in reading order: what the editor and the PDF both show."""
        return [
            (len(path) - 1, text_label, node.text)
            for path, text_label, node in label_tree(self.resolutions)
        ]


def resolution(text: str, *children: Node, key: object = None) -> Node:
    """A resolution node for building trees by hand (demo data, tests)."""
    return Node(key=key, text=text, children=tuple(children))


def body_text(minutes: Minutes) -> str:
    """The narrative, bullets and numbered resolutions as plain text, the way minutes are read.

    The correction editor shows this and reads it back with the minutes-text parser; the labels
    are the app's own (`1)`, `a)`, `i)`) and each level is indented, so the tree comes back the same.
    """
    blocks = list(minutes.paragraphs)
    if minutes.bullets:
        blocks.append("\n".join(f"•  {text}" for text in minutes.bullets))
    if minutes.resolutions:
        blocks.append(
            "\n".join(
                f"{'    ' * (len(path) - 1)}{text_label} {node.text}"
                for path, text_label, node in label_tree(minutes.resolutions)
            )
        )
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def full_text(minutes: Minutes) -> str:
    """Heading, "Report of" line and body: what is copied out or shown for an old revision."""
    head = "\n\n".join(part for part in (minutes.heading, minutes.report_of) if part)
    body = body_text(minutes)
    return f"{head}\n\n{body}" if head and body else head + body


def _tree_json(nodes: Tree) -> list[dict[str, Any]]:
    return [{"text": node.text, "children": _tree_json(node.children)} for node in nodes]


def _tree_from_json(items: list[dict[str, Any]]) -> Tree:
    return tuple(
        Node(None, str(item.get("text", "")), _tree_from_json(list(item.get("children", []))))
        for item in items
    )


def snapshot_text(minutes: Minutes) -> str:
    """The minutes as JSON, kept with a revision so the text of every revision stays readable."""
    return json.dumps(
        {
            "heading": minutes.heading,
            "report_of": minutes.report_of,
            "paragraphs": list(minutes.paragraphs),
            "bullets": list(minutes.bullets),
            "resolutions": _tree_json(minutes.resolutions),
        },
        ensure_ascii=False,
    )


def from_snapshot(text: str, agenda_item_id: int = 0, revision: int = 0) -> Minutes:
    """The minutes a revision's snapshot holds (ids are not kept: a snapshot is read, not edited)."""
    data = json.loads(text)
    return Minutes(
        agenda_item_id=agenda_item_id,
        heading=str(data.get("heading", "")),
        report_of=str(data.get("report_of", "")),
        paragraphs=tuple(str(item) for item in data.get("paragraphs", [])),
        bullets=tuple(str(item) for item in data.get("bullets", [])),
        resolutions=_tree_from_json(list(data.get("resolutions", []))),
        revision=revision,
    )


def clean_text(text: str) -> str:
    """One line of minutes text: runs of white space (line breaks included) become one space."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Revision:
    """A recorded version of approved minutes: 1 is the text as approved, later ones corrections."""

    revision: int
    created_at: str
    created_by: str
    reason: str
    minutes: Minutes


@dataclass(frozen=True)
class MinutesView:
    """One agenda item's minutes as the editor shows them: every part with its row id.

    `resolutions` is a numbering tree keyed by resolution id; `marked` maps a top-level resolution
    to the committee its lettered items are recommendations to; `tracked` maps a resolution to the
    reference of the tracked recommendation made from it.
    """

    agenda_item_id: int
    minutes_id: int | None
    heading: str
    report_of: str
    paragraphs: tuple[tuple[int, str], ...] = ()
    bullets: tuple[tuple[int, str], ...] = ()
    resolutions: Tree = ()
    marked: dict[int, int] | None = None
    tracked: dict[int, str] | None = None
    locked: bool = False
    status_text: str = "Draft minutes"
    revision: int = 0

    def minutes(self) -> Minutes:
        return Minutes(
            agenda_item_id=self.agenda_item_id,
            heading=self.heading,
            report_of=self.report_of,
            paragraphs=tuple(text for _id, text in self.paragraphs),
            bullets=tuple(text for _id, text in self.bullets),
            resolutions=self.resolutions,
            revision=self.revision,
            id=self.minutes_id,
        )
