"""Minutes of an agenda item: narrative, the questions-and-comments bullets, resolutions."""

from __future__ import annotations

from dataclasses import dataclass

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

    def numbered_resolutions(self) -> list[tuple[int, str, str]]:
        """(depth, label, text) in reading order: what the editor and the PDF both show."""
        return [
            (len(path) - 1, text_label, node.text)
            for path, text_label, node in label_tree(self.resolutions)
        ]


def resolution(text: str, *children: Node, key: object = None) -> Node:
    """A resolution node for building trees by hand (demo data, tests)."""
    return Node(key=key, text=text, children=tuple(children))
