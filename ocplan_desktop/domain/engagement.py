"""Engagement exercises and the feedback they collect."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

NOT_COLLECTED = "not collected"

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
class Ward:
    id: int
    name: str
    population: int | None = None
    position: int = 0
    active: bool = True


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


@lru_cache(maxsize=8192)
def ward_key(name: str) -> str:
    """A ward name reduced to what tells wards apart: `St. Michael's` and `st michaels` agree,
    as do `Binley & Willenhall` and `binley and willenhall`."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    text = re.sub(r"\bsaint\b", "st", text)
    text = re.sub(r"['’`.]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


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
    words = ward_key(name).split()
    singular = []
    for word in words:
        if len(word) > 4 and word.endswith("ies"):
            word = word[:-3] + "y"
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        singular.append(word)
    return " ".join(singular)


def is_not_collected(value: str) -> bool:
    """A blank ward cell, or one that says the ward was not collected."""
    return not value.strip() or ward_key(value) == ward_key(NOT_COLLECTED)


class WardMatcher:
    """Finds the ward a written name means: current names and former names (`Holbrook` still
    finds the ward renamed `Holbrooks`), regardless of case, punctuation, `&` or `St.`."""

    def __init__(self, wards: Sequence[Ward], former_names: Sequence[tuple[int, str]] = ()) -> None:
        self.wards = {ward.id: ward for ward in wards}
        self._by_key: dict[str, int] = {}
        for ward_id, name in former_names:
            if ward_id in self.wards:
                self._by_key[ward_key(name)] = ward_id
        for ward in wards:  # current names win over a former name that was reused
            self._by_key[ward_key(ward.name)] = ward.id

    def match(self, value: str) -> int | None:
        """The ward's id, or None when no ward (current or former name) matches."""
        return self._by_key.get(ward_key(value))

    def resolve(self, value: str, ward_map: dict[str, str] | None = None) -> int | str | None:
        """A ward id, `NOT_COLLECTED`, or None when the value needs mapping by the officer.

        `ward_map` maps a written value to a ward name or `not collected` (its keys and values
        match as tolerantly as ward names do).
        """
        if is_not_collected(value):
            return NOT_COLLECTED
        found = self.match(value)
        if found is not None:
            return found
        for written, target in (ward_map or {}).items():
            if ward_key(written) == ward_key(value):
                if is_not_collected(target):
                    return NOT_COLLECTED
                return self.match(target)
        return None


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
