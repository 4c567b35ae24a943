"""Reading PDFs back for tests: text per page, outline with target pages, fonts."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages]


def outline(path: Path) -> list[tuple[int, str, int]]:
    """(level, title, 1-based page) for every outline entry, in order."""
    reader = PdfReader(path)
    result: list[tuple[int, str, int]] = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                result.append((level, item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    return result


def fonts(path: Path) -> set[str]:
    names = set()
    for page in PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object().get("/BaseFont")))
    return names


def first_page_with(texts: list[str], needle: str, start: int = 0) -> int:
    """1-based number of the first page from `start` whose text contains `needle`."""
    squashed = re.sub(r"\s+", " ", needle)
    for index in range(start, len(texts)):
        if squashed in texts[index]:
            return index + 1
    raise AssertionError(f"{needle!r} is on no page")


def contents_entries(path: Path, page: int) -> dict[str, int]:
    """{title: printed page number} from a contents page (1-based), read in layout order."""
    text = PdfReader(path).pages[page - 1].extract_text(extraction_mode="layout")
    entries = {}
    for line in text.splitlines():
        match = re.match(r"^\s*(.+?)\s+(?:\.\s*){3,}(\d+)\s*$", line)
        if match:
            entries[match.group(1).strip()] = int(match.group(2))
    return entries
