"""A word-level difference between two texts, for showing two versions of minutes side by side."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

_TOKEN = re.compile(r"\s+|[^\s]+")

Op = Literal["same", "removed", "added"]


@dataclass(frozen=True)
class Piece:
    op: Op
    text: str


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[Piece]:
    """`old` turned into `new` word by word: what stayed, what went, what came, in reading order.

    Spaces travel with the words around them, so joining the `same` and `removed` pieces gives
    `old` back and joining `same` and `added` gives `new`.
    """
    before, after = _tokens(old), _tokens(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(Piece("same", "".join(before[a1:a2])))
            continue
        if a2 > a1:
            pieces.append(Piece("removed", "".join(before[a1:a2])))
        if b2 > b1:
            pieces.append(Piece("added", "".join(after[b1:b2])))
    return pieces


def side(pieces: list[Piece], which: Literal["old", "new"]) -> str:
    """One side's text back from the pieces."""
    skip = "added" if which == "old" else "removed"
    return "".join(piece.text for piece in pieces if piece.op != skip)
