"""Counts in words: `1 row`, `2 rows`, `1,234 responses`, `1 ward heard from`."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`count` and the noun in the right number (`plural_form` for nouns that do not add an s);
    thousands are separated with commas."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count:,} {word}"
