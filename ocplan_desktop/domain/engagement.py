"""Engagement exercises and the feedback they collect."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ocplan_desktop.domain.wards import (
    NOT_COLLECTED,
    Ward,
    WardMatcher,
    is_not_collected,
    plain_key,
    ward_key,
)

__all__ = ["NOT_COLLECTED", "Ward", "WardMatcher", "is_not_collected", "ward_key"]

CHANNELS = (
    "Online survey",
    "Library",
    "Family Hub",
    "Event",
    "Email or letter",
    "Social media",
    "WhatsApp",
    "Other",
)
RESPONDENT_TYPES = (
    "Resident",
    "Partner organisation",
    "Council workforce",
    "Community group",
    "Business",
)


@dataclass(frozen=True)
class Exercise:
    id: int
    title: str
    purpose: str = ""
    opens_on: str | None = None
    closes_on: str | None = None
    target_groups: str = ""
    public_link: str = ""
    response_count: int = 0


def outside_exercise(received_on: str | None, opens_on: str | None, closes_on: str | None) -> str:
    """Why a response's date falls outside its exercise ("before it opened on 1 September 2023"),
    or "" when it is inside (or either is not known). Not a refusal: a letter can come late, but
    a date in the wrong year is usually a typing slip, so the officer is told."""
    from ocplan_desktop.domain.dates import format_date

    if not received_on:
        return ""
    if opens_on and received_on < opens_on:
        return f"before the exercise opened on {format_date(opens_on)}"
    if closes_on and received_on > closes_on:
        return f"after the exercise closed on {format_date(closes_on)}"
    return ""


# The fields a column of a survey export can be mapped to (`--map COLUMN=FIELD`).
IMPORT_FIELDS = ("date", "channel", "ward", "respondent_type", "text", "themes")
# The channel of a response whose file says nothing about it: imports are online survey exports.
DEFAULT_IMPORT_CHANNEL = "Online survey"
MAX_RESPONSE_TEXT = 20_000
MAX_NAME = 120


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """A list entry (channel, respondent type, theme) reduced for tolerant matching:
    `Family Hubs`, `family hub` and `FAMILY-HUB` agree; so do `Libraries` and `Library`."""
    words = plain_key(name).split()
    singular = []
    for word in words:
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        singular.append(word)
    return " ".join(singular)


def counts_with_zeros(
    names: Sequence[str], counts: dict[str | None, int], *, not_collected: bool = True
) -> dict[str, int]:
    """Counts for every name in the list, zero included, in the list's order; responses with no
    value counted under `not collected`, which is always present (never dropped) when asked for."""
    result = {name: int(counts.get(name, 0)) for name in names}
    if not_collected:
        result[NOT_COLLECTED] = int(counts.get(None, 0))
    return result


def per_thousand(count: int, population: int | None) -> float | None:
    """Responses per 1,000 residents; None (a gap, not a zero) where no population is entered."""
    if not population:
        return None
    return round(count * 1000 / population, 2)
