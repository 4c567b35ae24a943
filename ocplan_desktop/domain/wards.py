"""Wards as residents and survey tools write them, and as boundary reviews change them.

A survey export says "Earlsdon Ward", "Ward: Earlsdon", "St. Michaels", "Binley-and-Willenhall" or
"Earlsdon (CV5 6AB)"; `ward_key` reduces all of them to what tells wards apart. A typo ("Earlsdn")
matches nothing: `WardMatcher.suggest` offers the nearest ward (rapidfuzz) for the officer to accept
or not, and nothing is ever mapped on a guess.

Councils' ward lists change after a boundary review: wards renamed, merged or split from an
election day. Each ward is in use from `valid_from` to `valid_to` (None: open-ended), and a response
is matched against the wards in use on the day it was received.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ocplan_desktop.domain.dates import format_date

NOT_COLLECTED = "not collected"
# A near miss is offered when it scores at least this (0–100) and clearly beats the next ward.
SUGGEST_SCORE = 80
SUGGEST_MARGIN = 5

_POSTCODE = re.compile(r"\b[a-z]{1,2}\d[a-z\d]?(?:\s*\d[a-z]{2})?\b")
_GSS_CODE = re.compile(r"\b[ewsnk]\d{8}\b")  # the ONS code of a ward (E05001221), in brackets
# Where a written ward name may carry something more: "Earlsdon, Coventry", "Ward 7 - Earlsdon",
# "Radford (Coventry)", "Foleshill / CV6". Hyphens inside a name ("Binley-and-Willenhall") are not.
_PART_BREAKS = re.compile(r"\s*(?:,|;|/|\||:|\s[-–—]\s|\(|\))\s*")
_FULL_POSTCODE_AT_END = re.compile(r"[\s,]+[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\s*$")


@dataclass(frozen=True)
class Ward:
    id: int
    name: str
    population: int | None = None
    position: int = 0
    active: bool = True
    valid_from: str | None = None  # ISO date of its first day; None: since before the records
    valid_to: str | None = None  # ISO date of its last day; None: still in use

    def in_use_on(self, day: str | dt.date) -> bool:
        iso = day.isoformat() if isinstance(day, dt.date) else day
        return (self.valid_from is None or self.valid_from <= iso) and (
            self.valid_to is None or iso <= self.valid_to
        )

    @property
    def period_text(self) -> str:
        """`from 7 May 2026`, `until 6 May 2026`, or empty for a ward with no dates."""
        if self.valid_from and self.valid_to:
            return f"{format_date(self.valid_from)} to {format_date(self.valid_to)}"
        if self.valid_from:
            return f"from {format_date(self.valid_from)}"
        if self.valid_to:
            return f"until {format_date(self.valid_to)}"
        return ""


def _ascii(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def _words(text: str) -> list[str]:
    text = text.replace("&", " and ")
    text = re.sub(r"\bsaint\b", "st", text)
    text = re.sub(r"['’`.]", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).split()


@lru_cache(maxsize=8192)
def plain_key(name: str) -> str:
    """A name reduced for tolerant matching: case, accents, punctuation, `&` and `Saint`."""
    return " ".join(_words(_ascii(name)))


@lru_cache(maxsize=8192)
def ward_key(name: str) -> str:
    """A ward name reduced to what tells wards apart: `St. Michael's Ward`, `Ward: st michaels`
    and `St Michaels (CV1 2AB)` agree, as do `Binley & Willenhall` and `binley-and-willenhall`."""
    text = _ascii(name)
    text = re.sub(r"^\s*ward\s*[:\-–]\s*", "", text)  # "Ward: Earlsdon"; "Ward End" keeps its name
    text = re.sub(
        r"\([^)]*\)",
        lambda part: " " if _POSTCODE.search(part[0]) or _GSS_CODE.search(part[0]) else part[0],
        text,
    )
    text = _FULL_POSTCODE_AT_END.sub("", text)
    words = _words(text)
    if len(words) > 1 and words[-1] == "ward":
        words = words[:-1]
    return " ".join(words)


# What survey tools and respondents write where no ward was given: the question skipped or
# declined. Such a cell is "not collected", as a blank one is; anything else must name a ward.
NO_ANSWER = (
    NOT_COLLECTED,
    "prefer not to say",
    "rather not say",
    "not stated",
    "not given",
    "not answered",
    "no answer",
    "not known",
    "unknown",
    "don't know",
    "do not know",
    "n/a",
    "na",
    "none",
)


def is_not_collected(value: str) -> bool:
    """A blank ward cell, a mark with no words ("-", "?"), or an answer that gives no ward
    ("Prefer not to say", "N/A", "Unknown")."""
    key = ward_key(value)
    return not key or key in _NO_ANSWER_KEYS


_NO_ANSWER_KEYS = frozenset(ward_key(text) for text in NO_ANSWER)


def in_use(wards: Iterable[Ward], day: str | dt.date) -> list[Ward]:
    return [ward for ward in wards if ward.in_use_on(day)]


class WardMatcher:
    """Finds the ward a written name means on a given day: current and former names (`Holbrook`
    still finds the ward renamed `Holbrooks`), regardless of case, punctuation, `&`, `St.`, a
    "Ward" before or after the name, or a postcode in brackets."""

    def __init__(self, wards: Sequence[Ward], former_names: Sequence[tuple[int, str]] = ()) -> None:
        self.wards = {ward.id: ward for ward in wards}
        self._by_key: dict[str, list[int]] = {}
        for ward_id, name in former_names:
            if ward_id in self.wards:
                self._by_key.setdefault(ward_key(name), []).append(ward_id)
        for ward in wards:  # current names first: they win over a former name reused
            self._by_key.setdefault(ward_key(ward.name), []).insert(0, ward.id)
        self._matched: dict[tuple[str, str], int | None] = {}  # (value, day) → id: imports repeat

    def _candidates(self, value: str) -> list[Ward]:
        return [self.wards[ward_id] for ward_id in self._by_key.get(ward_key(value), [])]

    def match(self, value: str, on: str | dt.date | None = None) -> int | None:
        """The ward's id, or None when no ward in use on `on` (today's wards when None) has that
        name, current or former.

        A value that names no ward as a whole is read in its parts ("Earlsdon, Coventry", "Ward 7
        - Earlsdon", "Radford (Coventry)"): when exactly one ward is named by a part, it is that
        ward; two wards named ("Earlsdon / Wainbody") match nothing.
        """
        day = on or dt.date.today()
        cache_key = (value, day.isoformat() if isinstance(day, dt.date) else day)
        if cache_key not in self._matched:
            found = [ward for ward in self._candidates(value) if ward.in_use_on(day)]
            if not found:
                named = {
                    ward.id
                    for part in _PART_BREAKS.split(value)
                    for ward in self._candidates(part)
                    if ward.in_use_on(day)
                }
                found = [self.wards[ward_id] for ward_id in named] if len(named) == 1 else []
            self._matched[cache_key] = found[0].id if found else None
        return self._matched[cache_key]

    def why_not(self, value: str, on: str | dt.date | None = None) -> str:
        """Why a name found no ward: it names a ward not in use on that day, or none at all."""
        day = on or dt.date.today()
        for ward in self._candidates(value):
            if not ward.in_use_on(day):
                when = format_date(day.isoformat() if isinstance(day, dt.date) else day)
                return f"{ward.name} is a ward {ward.period_text}, not on {when}"
        return ""

    def suggest(self, value: str, on: str | dt.date | None = None) -> str | None:
        """The ward a near miss probably means (`Earlsdn` → Earlsdon), for the officer to accept or
        not; None when nothing is close, or two wards are about as close (`Stoke`)."""
        from rapidfuzz import fuzz, process

        key = ward_key(value)
        if len(key) < 3:
            return None
        day = on or dt.date.today()
        choices = {ward.id: ward_key(ward.name) for ward in in_use(self.wards.values(), day)}
        best = process.extract(key, choices, scorer=fuzz.WRatio, limit=2)
        if not best or best[0][1] < SUGGEST_SCORE:
            return None
        if len(best) > 1 and best[0][1] - best[1][1] < SUGGEST_MARGIN:
            return None
        return self.wards[best[0][2]].name

    def resolve(
        self, value: str, ward_map: dict[str, str] | None = None, on: str | dt.date | None = None
    ) -> int | str | None:
        """A ward id, `NOT_COLLECTED`, or None when the value needs mapping by the officer.

        `ward_map` maps a written value to a ward name or `not collected` (its keys and values
        match as tolerantly as ward names do).
        """
        if is_not_collected(value):
            return NOT_COLLECTED
        found = self.match(value, on)
        if found is not None:
            return found
        for written, target in (ward_map or {}).items():
            if ward_key(written) == ward_key(value):
                if is_not_collected(target):
                    return NOT_COLLECTED
                return self.match(target, on)
        return None


@dataclass(frozen=True)
class BoundaryChange:
    """A day the ward list changed, and what changed."""

    day: str  # the first day of the new wards
    ended: tuple[str, ...]
    began: tuple[str, ...]

    @property
    def text(self) -> str:
        parts = []
        if self.ended:
            parts.append(f"{', '.join(self.ended)} ended")
        if self.began:
            parts.append(f"{', '.join(self.began)} began")
        return f"{format_date(self.day)} ({'; '.join(parts)})"


def boundary_changes(wards: Iterable[Ward], first: str, last: str) -> list[BoundaryChange]:
    """The changes to the ward list between two days (inclusive): a ward beginning after `first`
    or ending before `last`. An analysis over such a span compares different areas and says so."""
    changes: dict[str, tuple[list[str], list[str]]] = {}
    for ward in wards:
        if ward.valid_from and first < ward.valid_from <= last:
            changes.setdefault(ward.valid_from, ([], []))[1].append(ward.name)
        if ward.valid_to and first <= ward.valid_to < last:
            day = (dt.date.fromisoformat(ward.valid_to) + dt.timedelta(days=1)).isoformat()
            changes.setdefault(day, ([], []))[0].append(ward.name)
    return [
        BoundaryChange(day, tuple(ended), tuple(began))
        for day, (ended, began) in sorted(changes.items())
    ]
