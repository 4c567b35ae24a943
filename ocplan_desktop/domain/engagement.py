"""Engagement exercises and the feedback they collect."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


def ward_key(name: str) -> str:
    """A ward name reduced to what tells wards apart: `St. Michael's` and `st michaels` agree,
    as do `Binley & Willenhall` and `binley and willenhall`."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    text = re.sub(r"\bsaint\b", "st", text)
    text = re.sub(r"['’`.]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())
