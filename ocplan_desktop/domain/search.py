"""Full-text search as the officer types it: every word searched for as written.

FTS5 has its own query language (`AND`, `OR`, `NOT`, `"phrases"`, `prefix*`, `column:`), so raw user
text either fails (`O'Brien`, `C++`, `2024-25`) or means something else (`AND`, `*`). Each word is
quoted as an FTS5 string instead, which makes it a plain phrase of the tokens it contains; the words
must all occur (implicit AND). Words with no letter or digit in them (`"`, `*`, `-`) cannot match any
token and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

# The kinds of record the index holds, in the order results are grouped.
KINDS: tuple[tuple[str, str], ...] = (
    ("report", "Reports"),
    ("minutes", "Minutes"),
    ("recommendation", "Recommendations"),
    ("feedback", "Feedback"),
)
KIND_TITLES = dict(KINDS)

# Private-use characters mark the matched words in excerpts (user text never carries them).
MARK_START = "\ue000"
MARK_END = "\ue001"


def search_terms(text: str) -> list[str]:
    """The words of a query that can match something, as typed."""
    return [word for word in text.split() if any(char.isalnum() for char in word)]


def match_expression(text: str) -> str | None:
    """The FTS5 query for what the user typed, or None when there is nothing to look for.

    `O'Brien C++` becomes `"O'Brien" "C++"`; a `"` inside a word is doubled, which is how FTS5
    strings escape it, so no input can change the query's meaning.
    """
    terms = search_terms(text)
    if not terms:
        return None
    return " ".join('"' + term.replace('"', '""') + '"' for term in terms)


def highlighted_parts(excerpt: str) -> list[tuple[str, bool]]:
    """An excerpt split into (text, is a matched word) parts, for the window to draw."""
    parts: list[tuple[str, bool]] = []
    rest = excerpt
    while rest:
        start = rest.find(MARK_START)
        if start < 0:
            parts.append((rest, False))
            break
        if start:
            parts.append((rest[:start], False))
        end = rest.find(MARK_END, start + 1)
        if end < 0:
            parts.append((rest[start + 1 :], True))
            break
        parts.append((rest[start + 1 : end], True))
        rest = rest[end + 1 :]
    return [(text, marked) for text, marked in parts if text]


@dataclass(frozen=True)
class SearchHit:
    """One record that matched, with up to a few excerpts showing where.

    `record_id` is the record to open: a report, minutes, a recommendation or a feedback response.
    `context` holds what opening it needs (for minutes: the meeting and agenda item).
    """

    kind: str
    record_id: int
    title: str
    excerpts: tuple[str, ...]
    score: float
    subtitle: str = ""
    meeting_id: int | None = None
    agenda_item_id: int | None = None
    exercise_id: int | None = None


@dataclass(frozen=True)
class SearchResults:
    query: str
    hits: tuple[SearchHit, ...] = ()
    message: str = ""

    def grouped(self) -> list[tuple[str, str, list[SearchHit]]]:
        """(kind, heading, hits) for each kind with hits, in the fixed order of `KINDS`."""
        groups = []
        for kind, heading in KINDS:
            hits = [hit for hit in self.hits if hit.kind == kind]
            if hits:
                groups.append((kind, heading, hits))
        return groups

    @property
    def count(self) -> int:
        return len(self.hits)
