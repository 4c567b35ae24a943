"""Right-to-left text (Urdu, Arabic) in reading order on the page.

ReportLab shapes each word with HarfBuzz (so Arabic letters join and take their right-to-left order
within the word) and draws a right-to-left paragraph's words from the right. What it does not do for
text set in more than one font (its bidi pass covers single-font paragraphs only, and needs the
unpublished `rlbidi`) is order a run of right-to-left words inside a left-to-right line: an Urdu
phrase in an English sentence. `reorder_runs` does that, word by word, before the text is set: each
such run is reversed, so it reads from the right once drawn. A run is kept within one line of the
text as typed. (A right-to-left paragraph is drawn from the right by ReportLab, English words in it
in their own order.)
"""

from __future__ import annotations

import re

RTL_RANGES = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
_TOKENS = re.compile(r"(\s+)")


def is_rtl(code: int) -> bool:
    return any(low <= code <= high for low, high in RTL_RANGES)


def strong(text: str) -> str:
    """ "R" or "L" for the first letter of `text`, "" when it has none (numbers, punctuation)."""
    for char in text:
        if char.isalpha():
            return "R" if is_rtl(ord(char)) else "L"
    return ""


_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def has_rtl(text: str) -> bool:
    return not text.isascii() and _RTL.search(text) is not None


def reorder_runs(text: str) -> str:
    """A left-to-right text with each run of right-to-left words in reverse word order."""
    if not has_rtl(text) or strong(text) == "R":
        return text  # a right-to-left paragraph is drawn from the right, runs in their order
    return "\n".join(_reorder_line(line, "L") for line in text.split("\n"))


def _reorder_line(line: str, direction: str) -> str:
    tokens = _TOKENS.split(line)
    words = list(range(0, len(tokens), 2))  # even positions are words, odd are spaces
    kinds = [strong(tokens[index]) for index in words]
    position = 0
    while position < len(words):
        if kinds[position] in ("", direction):
            position += 1
            continue
        end = position
        # A run goes on through neutral words (numbers) that lead to another word of its own.
        probe = position + 1
        while probe < len(words):
            if kinds[probe] == kinds[position]:
                end = probe
            elif kinds[probe] == direction:
                break
            probe += 1
        run = [tokens[words[index]] for index in range(position, end + 1)]
        for index, word in zip(range(position, end + 1), reversed(run), strict=True):
            tokens[words[index]] = word
        position = end + 1
    return "".join(tokens)
