"""Web addresses and e-mail addresses in printed text become links a reader can click (PDF) or
follow (Word), wherever they appear in a document.

Works on paragraph markup that has already been through the one escape (`text.escape_text`), so
what it finds is the officer's own text; tags the story builders added (`<b>`, `<br/>`) are left
alone, as is text already inside a link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

LINK_COLOUR = "#1d4f91"
# A web address (http, https or www.) or an e-mail address, in escaped text: `&amp;` may sit in a
# query string; trailing punctuation belongs to the sentence, not the address.
_ADDRESS = re.compile(
    r"(?P<url>\b(?:https?://|www\.)(?:[^\s<>\"&]|&amp;)+)"
    r"|(?P<email>\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b)"
)
_TRAILING = ".,;:!?)]}'"
_TAG = re.compile(r"(<[^>]*>)")


def _target(match: re.Match[str]) -> tuple[str, str]:
    """(the address as printed, the link target) for one match, trailing punctuation trimmed."""
    if match.group("email"):
        shown = match.group("email")
        return shown, "mailto:" + shown
    shown = match.group("url")
    while shown and shown[-1] in _TRAILING:
        # A closing bracket that opened inside the address is part of it (Wikipedia's URLs).
        if shown[-1] == ")" and shown.count("(") >= shown.count(")"):
            break
        shown = shown[:-1]
    if shown.endswith("&amp") or shown.endswith("&"):
        shown = shown.rsplit("&", 1)[0]
    target = shown if "://" in shown else "https://" + shown
    return shown, target


def _link_text(text: str) -> str:
    parts: list[str] = []
    position = 0
    for match in _ADDRESS.finditer(text):
        shown, target = _target(match)
        if not shown:
            continue
        start = match.start()
        parts.append(text[position:start])
        parts.append(
            f'<a href="{target.replace(chr(34), "&quot;")}" color="{LINK_COLOUR}" '
            f'underline="1">{shown}</a>'
        )
        position = start + len(shown)
    parts.append(text[position:])
    return "".join(parts)


def linkify(markup: str) -> str:
    """Paragraph markup with each address outside tags (and outside existing links) made a link."""
    if "@" not in markup and "www." not in markup and "://" not in markup:
        return markup
    result: list[str] = []
    inside_link = 0
    for piece in _TAG.split(markup):
        if piece.startswith("<") and piece.endswith(">"):
            name = piece[1:].lstrip("/").split(None, 1)[0].rstrip("/").lower() if piece else ""
            if name in ("a", "link"):
                inside_link += -1 if piece.startswith("</") else 1
            result.append(piece)
        elif inside_link > 0:
            result.append(piece)
        else:
            result.append(_link_text(piece))
    return "".join(result)


def paragraphs(story: Iterable[Any]) -> Iterator[Any]:
    """Every Paragraph in a story, inside tables and kept-together groups too."""
    for item in story:
        name = type(item).__name__
        if hasattr(item, "frags") and hasattr(item, "style"):
            yield item
        elif name in ("KeepTogether", "KeepInFrame") or hasattr(item, "_content"):
            yield from paragraphs(getattr(item, "_content", []) or [])
        elif hasattr(item, "_cellvalues"):
            for row in item._cellvalues:
                for cell in row:
                    cells = cell if isinstance(cell, list | tuple) else [cell]
                    yield from paragraphs(cells)


def link_story(story: Iterable[Any]) -> None:
    """Make every address in the story's paragraphs a link (the paragraphs are parsed again)."""
    for paragraph in paragraphs(story):
        text = getattr(paragraph, "text", None)
        if not isinstance(text, str):
            continue
        linked = linkify(text)
        if linked != text:
            bullet = paragraph.bulletText if isinstance(paragraph.bulletText, str) else None
            type(paragraph).__init__(paragraph, linked, paragraph.style, bullet)
