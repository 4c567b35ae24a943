"""Live figures: a field in a report's text that prints the performance figure worked out when the
document is printed, so the text and the performance section can never disagree.

A field is stored in the text as a token, `{{figure:KIND:PERIOD}}`, for example
`{{figure:headline:2022-23}}` (74% (42/57)), `{{figure:count.improved:2022-23}}` (36),
`{{figure:sentence:2022-23}}` (the whole paragraph the annual report prints) or
`{{figure:comparison:2022-23}}` (the earlier years: 69% (40/58) in 2021-22; …). The token is plain
text, so it survives copying, undo, the audit trail and a sync; the printer replaces it with the value
and the editor shows it as a marked field.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.performance import Summary, summary_sentence
from ocplan_desktop.domain.periods import normalise_period

# The counts a field can print, in the order the annual report names them.
COUNTS: dict[str, str] = {
    "total": "Number of indicators",
    "improved": "Indicators that improved",
    "same": "Indicators that stayed the same",
    "worse": "Indicators that got worse",
    "cannot_say": "Indicators that can't say",
    "not_available": "Indicators with progress not available",
    "directional": "Directional indicators",
    "improved_or_same": "Improved or stayed the same",
}
KINDS: dict[str, str] = {
    "headline": "Headline for the period: 74% (42/57)",
    "percent": "Percentage only: 74%",
    **{f"count.{name}": f"Count: {label.lower()}" for name, label in COUNTS.items()},
    "sentence": "The summary sentence, with earlier years",
    "comparison": "Comparison with earlier years: 69% (40/58) in 2021-22; …",
}
TOKEN = re.compile(r"\{\{figure:([a-z_.]+):([^{}:]{1,20})\}\}")
NO_FIGURE = "no figure"


@dataclass(frozen=True)
class FigureField:
    """One live figure: what it prints (`kind`) for which period."""

    kind: str
    period: str

    @property
    def token(self) -> str:
        return f"{{{{figure:{self.kind}:{self.period}}}}}"

    @property
    def label(self) -> str:
        """What the field is, in words (the editor's tooltip and the figure dialog)."""
        return f"{KINDS.get(self.kind, self.kind).split(':')[0]}, {self.period}"


def make_field(kind: str, period: str) -> FigureField:
    """A field an officer chose; refuses a kind or period that is not one."""
    if kind not in KINDS:
        raise ValidationError(f"'{kind}' is not a kind of performance figure", field="figure")
    return FigureField(kind, normalise_period(period, field="period"))


@dataclass(frozen=True)
class FoundField:
    start: int
    end: int
    field: FigureField


def find_fields(text: str) -> list[FoundField]:
    """The fields in `text`, in order. A token with an unknown kind is left as text."""
    found = []
    for match in TOKEN.finditer(text or ""):
        kind, period = match.group(1), match.group(2).strip()
        if kind in KINDS:
            found.append(FoundField(match.start(), match.end(), FigureField(kind, period)))
    return found


def has_fields(text: str) -> bool:
    return bool(find_fields(text))


def expand(text: str, value: Callable[[FigureField], str]) -> str:
    """The text with each field replaced by `value(field)`."""
    fields = find_fields(text)
    if not fields:
        return text
    parts, last = [], 0
    for item in fields:
        parts += [text[last : item.start], value(item.field)]
        last = item.end
    parts.append(text[last:])
    return "".join(parts)


def headline(summary: Summary) -> str:
    if summary.percent is None:
        return NO_FIGURE
    return f"{summary.percent}% ({summary.improved_or_same}/{summary.directional})"


def comparison(earlier: Sequence[Summary]) -> str:
    """The earlier years as the annual report lists them, newest first; gaps are left out."""
    parts = [f"{headline(item)} in {item.period}" for item in reversed(earlier) if item.has_figure]
    if not parts:
        return "no earlier figures"
    if len(parts) <= 2:
        return " and ".join(parts)
    return f"{parts[0]}; " + ", ".join(parts[1:-1]) + f", and {parts[-1]}"


def figure_value(
    field: FigureField, summary: Summary, earlier: Sequence[Summary], plan: str
) -> str:
    """What a field prints, from the period's summary and the years before it."""
    kind = field.kind
    if kind == "headline":
        return headline(summary)
    if kind == "percent":
        return NO_FIGURE if summary.percent is None else f"{summary.percent}%"
    if kind.startswith("count."):
        name = kind.removeprefix("count.")
        return str(getattr(summary, name))
    if kind == "sentence":
        return summary_sentence(summary, earlier, plan)
    if kind == "comparison":
        return comparison(earlier)
    raise ValueError(f"unknown figure kind {kind!r}")


def marked(text: str, value: Callable[[FigureField], str]) -> str:
    """The text as the editor shows it: each field's value between ⟦ ⟧ marks."""
    return expand(text, lambda field: f"⟦{value(field)}⟧")
