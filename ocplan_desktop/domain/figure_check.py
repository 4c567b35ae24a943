"""Typed performance figures: finding them in report and minutes text, and judging them against the
figures worked out from the data.

Councils publish wrong figures when a paragraph is typed once and the data changes after (one printed
55% for 64 of 114, which is 56%). The patterns below are the ways annual reports and minutes write the
headline and its counts: "74% (42/57)", "42 of 57 (74%)", "36 indicators improved", "measured using
73 indicators", "69% (40/58) in 2021-22", "six stayed the same", "can't say for 1", "progress is not
available for the remaining 15". A figure's period is the one written after it ("in 2021-22"), else
one written earlier in the same sentence, else the document's own period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.figures import TOKEN
from ocplan_desktop.domain.performance import Summary
from ocplan_desktop.domain.periods import parse_period

_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
NUMBER = r"(?P<n>\d{1,4}|" + "|".join(_WORDS) + r")"
_PERIOD = r"\d{4}\s*[-/–]\s*(?:\d{4}|\d{2})(?!\d)"
_AFTER = rf"(?:\s*,?\s*(?:in|for|during)\s+(?:the\s+(?:year\s+)?)?(?P<period>{_PERIOD})|\s*\((?P<period2>{_PERIOD})\))?"
_THINGS = r"(?:(?:of\s+(?:the|these|those)\s+)?(?:performance\s+|plan\s+|key\s+|directional\s+)?(?:indicators?|measures?|metrics?)\s+)?"
_PCT = r"(?P<pct>\d{1,3}(?:\.\d)?)\s?(?:%|per\s?cent\b)"
_SHARE = r"(?:\(\d{1,3}(?:\.\d)?\s?(?:%|per\s?cent)\)\s+)?"
_HAVE = r"(?:have\s+|has\s+|had\s+)?"

HEADLINE_PATTERNS = (
    # 74% (42/57), 74% (42 of 57), 74 % (42 out of 57)
    re.compile(
        r"(?<![\d.])" + _PCT + r"\s*\(\s*(?P<num>\d{1,4})\s*(?:/|out\s+of|of)\s*"
        r"(?P<den>\d{1,4})\s*\)" + _AFTER,
        re.IGNORECASE,
    ),
    # 42 of 57 (74%), 42 out of 57 indicators (74%)
    re.compile(
        r"(?<![\d.])(?P<num>\d{1,4})\s+(?:out\s+)?of\s+(?:the\s+)?(?P<den>\d{1,4})\s+"
        r"(?:(?:directional\s+)?indicators\s+)?\(\s*" + _PCT + r"\s*\)" + _AFTER,
        re.IGNORECASE,
    ),
)

COUNT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern + _AFTER, re.IGNORECASE))
    for name, pattern in (
        ("total", rf"measured\s+(?:using|by|through|against)\s+{NUMBER}\b"),
        (
            "total",
            rf"\b(?:a\s+total\s+of|basket\s+of|of\s+(?:the|these|our))\s+{NUMBER}\s+"
            r"(?:performance\s+|plan\s+|key\s+)?(?:indicators|measures|metrics)\b",
        ),
        (
            "total",
            rf"\b{NUMBER}\s+(?:performance\s+|plan\s+|key\s+)?(?:indicators|measures|metrics)"
            r"\s+(?:are|were|have\s+been)\s+(?:measured|reported|used|tracked|monitored)\b",
        ),
        (
            "improved",
            rf"\b{NUMBER}\s+{_SHARE}{_THINGS}{_SHARE}{_HAVE}(?:improved|got\s+better|"
            r"show(?:ed|n)?\s+(?:an\s+)?(?:improvement|improving\s+trend|positive\s+change))\b",
        ),
        (
            "same",
            rf"\b{NUMBER}\s+{_SHARE}{_THINGS}{_SHARE}{_HAVE}(?:stayed\s+(?:broadly\s+)?(?:the\s+same|"
            r"stable|level)|remained\s+(?:broadly\s+)?(?:the\s+same|stable|unchanged|static)|"
            r"(?:were|was|are|is)\s+unchanged|did\s+not\s+change|show(?:ed|n)?\s+no\s+significant\s+"
            r"change|maintained\s+a\s+similar\s+level)",
        ),
        (
            "worse",
            rf"\b{NUMBER}\s+{_SHARE}{_THINGS}{_SHARE}{_HAVE}(?:got\s+worse|worsened|declined|"
            r"deteriorated|fell\s+back|show(?:ed|n)?\s+(?:a\s+)?(?:negative\s+change|worsening\s+"
            r"trend|decline))\b",
        ),
        ("cannot_say", rf"\b(?:can(?:'|’|no)t|cannot|could\s+not)\s+say\s+for\s+{NUMBER}\b"),
        (
            "cannot_say",
            rf"\b{NUMBER}\s+{_THINGS}(?:could|can)(?:not|n't|’t)\s+be\s+"
            r"(?:assessed|compared)\b",
        ),
        (
            "not_available",
            rf"\bnot\s+available\s+for\s+(?:the\s+)?(?:remaining\s+|other\s+)?"
            rf"{NUMBER}\b",
        ),
        (
            "not_available",
            rf"\b{NUMBER}\s+{_THINGS}(?:had|have|has|with)\s+no\s+(?:comparable\s+|"
            r"new\s+|up-to-date\s+)?data\b",
        ),
    )
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_ANY_PERIOD = re.compile(rf"(?<!\d){_PERIOD}")


@dataclass(frozen=True)
class TypedFigure:
    """One figure as typed: a headline (percent with its fraction) or a count of a status."""

    kind: str  # "headline" or a count: "total", "improved", "same", …
    typed: str
    start: int
    end: int
    period: str | None = None  # as written after it or earlier in its sentence
    percent: float | None = None
    numerator: int = 0
    denominator: int = 0
    count: int = 0


def period_label(text: str) -> str | None:
    """`2019/20` → `2019-20`; None for what is not a period (`2022-2030`)."""
    try:
        period = parse_period(text)
    except ValidationError:
        return None
    return period.label


def _number(text: str) -> int:
    lowered = text.lower()
    return _WORDS.index(lowered) if lowered in _WORDS else int(text)


def _explicit_span(match: re.Match[str]) -> tuple[int, int] | None:
    for group in ("period", "period2"):
        if match.group(group):
            return match.span(group)
    return None


def _written_period(match: re.Match[str], text: str, claimed: list[tuple[int, int]]) -> str | None:
    """The period written after the figure, else the last one earlier in its sentence that no
    other figure has claimed as its own ("… in 2021-22, and that 15 got worse" is not 2021-22's)."""
    span = _explicit_span(match)
    if span is not None:
        return period_label(text[span[0] : span[1]])
    sentence_start = max(
        (end.end() for end in _SENTENCE_END.finditer(text, 0, match.start())), default=0
    )
    earlier = [
        label
        for item in _ANY_PERIOD.finditer(text, sentence_start, match.start())
        if item.span() not in claimed and (label := period_label(item.group(0)))
    ]
    return earlier[-1] if earlier else None


def without_fields(text: str) -> str:
    """Live fields blanked (same length, no digits), so a field is never read as a typed figure."""
    return TOKEN.sub(lambda match: "⟦" + " " * (len(match.group(0)) - 2) + "⟧", text)


def typed_figures(text: str) -> list[TypedFigure]:
    """Every performance figure typed into `text`, in reading order."""
    text = without_fields(text or "")
    matches: list[tuple[str, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for pattern in HEADLINE_PATTERNS:
        for match in pattern.finditer(text):
            if not any(start < match.end() and match.start() < end for start, end in taken):
                taken.append(match.span())
                matches.append(("headline", match))
    for name, pattern in COUNT_PATTERNS:
        for match in pattern.finditer(text):
            number = match.span("n")
            if not any(start < number[1] and number[0] < end for start, end in taken):
                taken.append(number)
                matches.append((name, match))
    claimed = [span for _name, match in matches if (span := _explicit_span(match))]
    found = []
    for name, match in sorted(matches, key=lambda item: item[1].start()):
        typed = " ".join(match.group(0).split())
        period = _written_period(match, text, claimed)
        if name == "headline":
            found.append(
                TypedFigure(
                    name,
                    typed,
                    match.start(),
                    match.end(),
                    period,
                    percent=float(match.group("pct")),
                    numerator=int(match.group("num")),
                    denominator=int(match.group("den")),
                )
            )
        else:
            found.append(
                TypedFigure(
                    name,
                    typed,
                    match.start(),
                    match.end(),
                    period,
                    count=_number(match.group("n")),
                )
            )
    return found


def own_rounding(numerator: int, denominator: int) -> int | None:
    """The percentage a fraction rounds to, half up, as the council rounds its headline."""
    if denominator <= 0:
        return None
    share = Decimal(numerator * 100) / Decimal(denominator)
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def consistent(figure: TypedFigure) -> bool:
    """A typed headline whose percentage is its own fraction's (55% for 64/114 is not: 56%)."""
    if figure.kind != "headline":
        return True
    rounded = own_rounding(figure.numerator, figure.denominator)
    return rounded is not None and figure.percent == float(rounded)


def computed_text(figure: TypedFigure, summary: Summary | None) -> str | None:
    """The figure as the workspace gives it for the period, written the way it was typed."""
    if summary is None:
        return None
    if figure.kind == "headline":
        if summary.percent is None:
            return "no figure"
        return f"{summary.percent}% ({summary.improved_or_same}/{summary.directional})"
    return str(getattr(summary, figure.kind))


def agrees(figure: TypedFigure, summary: Summary | None) -> bool:
    """True when the typed figure is its own rounding and is what the data gives for its period."""
    if not consistent(figure) or summary is None:
        return False
    if figure.kind == "headline":
        return (
            summary.percent is not None
            and figure.percent == float(summary.percent)
            and figure.numerator == summary.improved_or_same
            and figure.denominator == summary.directional
        )
    return figure.count == int(getattr(summary, figure.kind))


def document_period(*texts: str) -> str | None:
    """The first period a title or heading names (`Annual Performance Report 2022-23`)."""
    for text in texts:
        for match in _ANY_PERIOD.finditer(text or ""):
            if label := period_label(match.group(0)):
                return label
    return None
