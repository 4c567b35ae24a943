"""Recommendations sent from one body to another, and what happened to them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class Response(StrEnum):
    AWAITING = "awaiting"
    ACCEPTED = "accepted"
    PARTIALLY_ACCEPTED = "partially_accepted"
    NOT_ACCEPTED = "not_accepted"
    NOTED = "noted"

    @property
    def text(self) -> str:
        return self.value.replace("_", " ").capitalize()


class RecommendationStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CLOSED = "closed"

    @property
    def text(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def is_finished(self) -> bool:
        return self in (RecommendationStatus.COMPLETED, RecommendationStatus.CLOSED)


CATEGORIES = (
    "welcome",
    "acknowledge",
    "suggest",
    "agree",
    "request",
    "recommend",
    "note",
    "support",
    "ask",
    "endorse",
    "consider",
)
_OPENING_WORD = re.compile(r"[A-Za-z]+")


def category_for(text: str) -> str:
    """The category from the recommendation's opening verb: `Welcome the …` → welcome.

    The verb is looked for among the first few words so that `That Cabinet welcomes …` and
    `Suggest that officers …` both come out right; anything else is `other`.
    """
    words: list[str] = _OPENING_WORD.findall(text.lower())
    for word in words[:6]:
        for candidate in (word, word.removesuffix("s")):
            if candidate in CATEGORIES:
                return candidate
    return "other"


def is_overdue(due_date: str | None, status: str, today: dt.date) -> bool:
    """Past its due date and not finished; worked out, never typed."""
    if not due_date or RecommendationStatus(status).is_finished:
        return False
    return due_date < today.isoformat()


def reference(short_name: str, meeting_date: str, label_path: str) -> str:
    """`SCC 2023-12-20 / 2(d)`: the body, the meeting date and the resolution's place."""
    return f"{short_name} {meeting_date} / {label_path}"


@dataclass(frozen=True)
class RecommendationRow:
    """A tracked recommendation as the tracker lists it."""

    id: int
    reference: str
    text: str
    from_body: str
    from_date: str | None
    to_body: str
    category: str
    response: str
    response_date: str | None
    due_date: str | None
    status: str
    lead_officer: str = ""

    @property
    def title(self) -> str:
        return f"{self.reference}: {self.text}"
