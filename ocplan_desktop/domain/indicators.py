"""Indicators of the council plan, their themes, areas and values, and how officers write them.

Councils keep indicator catalogues in spreadsheets, and write the same thing in many ways: polarity as
`higher`, `High`, `↑` or `Higher is better`; values as `1,234`, `45.2%`, `£512` or `N/A`. The readers
here turn what an officer typed into the form the workspace stores, or refuse it with a message that
says what was expected. The importer and the window's editors both use them, so a value typed into a
grid cell is read exactly as the same text in a CSV file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.performance import Polarity

UNITS = (
    "count",
    "%",
    "£",
    "rate per 1,000",
    "rate per 10,000",
    "rate per 100,000",
    "days",
    "score",
    "years",
)
FREQUENCIES = ("annual", "financial year", "academic year", "quarterly")
THEME_KINDS = ("priority", "enabler")

# What councils write for "no figure": recorded as not available, never as zero.
NOT_AVAILABLE_TEXTS = frozenset({"n/a", "na", "-", "–", "—", "..", "…", "n.a.", "x", ":"})

MAX_CODE = 30
MAX_NAME = 300
MAX_TEXT = 300
MAX_NOTE = 2000
MAX_DECIMALS = 6


@dataclass(frozen=True)
class Theme:
    id: int
    name: str
    kind: str = "priority"
    position: int = 0


@dataclass(frozen=True)
class Area:
    id: int
    name: str
    is_own: bool = False
    position: int = 0


@dataclass(frozen=True)
class Indicator:
    id: int
    code: str
    name: str
    theme: str = ""
    polarity: str = Polarity.HIGHER.value
    unit: str = "count"
    decimals: int = 0
    tolerance: float = 0.0
    source: str = ""
    frequency: str = "financial year"
    owner: str = ""
    first_period: str | None = None
    last_period: str | None = None
    notes: str = ""
    theme_id: int | None = None
    comparators: tuple[str, ...] = ()
    tolerance_relative: bool = False  # "10%": within 10% of the previous value

    @property
    def title(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def tolerance_text(self) -> str:
        """The tolerance as written: `10%` (relative) or `0.5` (absolute)."""
        return tolerance_text(self.tolerance, self.tolerance_relative)

    @property
    def polarity_text(self) -> str:
        return Polarity(self.polarity).text

    @property
    def reported_text(self) -> str:
        """`2016-17 to 2022-23`, `from 2019-20`, `until 2021-22`, or empty when always reported."""
        if self.first_period and self.last_period:
            return f"{self.first_period} to {self.last_period}"
        if self.first_period:
            return f"from {self.first_period}"
        if self.last_period:
            return f"until {self.last_period}"
        return ""

    def format_value(self, value: float | None) -> str:
        if value is None:
            return "n/a"
        number = f"{value:,.{self.decimals}f}"
        if self.unit == "%":
            return number + "%"
        if self.unit == "£":
            return "£" + number
        return number

    @property
    def chart_format(self) -> str:
        """The `str.format` pattern a chart shows this indicator's values with."""
        pattern = "{:,.DECIMALSf}".replace("DECIMALS", str(self.decimals))
        if self.unit == "%":
            return pattern + "%"
        if self.unit == "£":
            return "£" + pattern
        return pattern


@dataclass(frozen=True)
class IndicatorValue:
    """One recorded value: `value` None means recorded as not available."""

    id: int
    indicator_id: int
    period: str
    area_id: int
    area: str
    is_own: bool
    value: float | None
    provisional: bool = False
    note: str = ""


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc


def _shown(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_text(
    text: str | None, *, field: str, limit: int = MAX_TEXT, required: bool = False
) -> str:
    """Text as stored: spaces collapsed, control characters refused, length limited."""
    value = " ".join(str(text or "").split())
    if _CONTROL.search(value):
        raise ValidationError("contains control characters", field=field)
    if required and not value:
        raise ValidationError("is needed", field=field)
    if len(value) > limit:
        raise ValidationError(
            f"is {len(value):,} characters long; at most {limit:,} are allowed", field=field
        )
    return value


def clean_note(text: str | None, *, field: str = "note") -> str:
    """A note keeps its line breaks but not trailing spaces."""
    value = "\n".join(line.rstrip() for line in str(text or "").strip().splitlines())
    if _CONTROL.search(value.replace("\n", " ")):
        raise ValidationError("contains control characters", field=field)
    if len(value) > MAX_NOTE:
        raise ValidationError(
            f"is {len(value):,} characters long; at most {MAX_NOTE:,} are allowed", field=field
        )
    return value


def clean_code(text: str | None, *, field: str = "code") -> str:
    """An indicator code as written (`00123` stays `00123`), without spaces at either end."""
    return clean_text(text, field=field, limit=MAX_CODE, required=True)


_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)?(\.\d+)?$")


def is_not_available(text: str) -> bool:
    return " ".join(text.split()).casefold() in NOT_AVAILABLE_TEXTS


def parse_number(
    text: str | None, *, field: str = "value", blank_is_na: bool = True
) -> float | None:
    """A number as councils write it: `1,234`, `45.2%`, `£512`, `(12)`; None for not available.

    `N/A`, `n/a`, `-`, `..` (and an empty cell, unless `blank_is_na` is False) mean not available.
    Anything else that is not a number is refused: a comma as the decimal mark is not guessed at.
    """
    raw = str(text or "").strip()
    if not raw:
        if blank_is_na:
            return None
        raise ValidationError("is empty", field=field)
    if is_not_available(raw):
        return None
    cleaned = raw.replace("\u2212", "-").replace("\u00a0", "").replace("\u202f", "")
    cleaned = cleaned.replace(" ", "")
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    if negative:
        cleaned = cleaned[1:-1]
    for mark in ("£", "%"):
        if cleaned.startswith(mark):
            cleaned = cleaned[1:]
        elif cleaned.endswith(mark):
            cleaned = cleaned[:-1]
        elif cleaned[:1] in "+-" and cleaned[1:2] == mark:
            cleaned = cleaned[0] + cleaned[2:]
    if not cleaned or not any(char.isdigit() for char in cleaned) or not _NUMBER.match(cleaned):
        raise ValidationError(
            f"'{_shown(raw)}' is not a number (write it as 1234.5, 1,234.5, 45%, £512 or N/A)",
            field=field,
        )
    number = float(cleaned.replace(",", ""))
    return -number if negative else number


# Statisticians mark a figure after it: "14,900 (p)" or "[p]" provisional (ONS, DfE), "(r)" or
# "[r]" revised. Only in brackets: "12p" may be pence.
_FIGURE_MARK = re.compile(
    r"\s*[(\[]\s*(?P<mark>p|prov\.?|provisional|r|rev\.?|revised)\s*[)\]]\s*$", re.I
)


def split_figure_mark(text: str) -> tuple[str, bool]:
    """A value cell without its statistician's mark, and whether the mark says provisional:
    `14,900 (provisional)` → (`14,900`, True); `71.2 [r]` → (`71.2`, False)."""
    match = _FIGURE_MARK.search(text)
    if match is None or match.start() == 0:
        return text, False
    return text[: match.start()], match["mark"].casefold().startswith("p")


def decimals_in(text: str) -> int:
    """How many decimal places a value was written with (`45.20%` → 2)."""
    match = re.search(r"\.(\d+)", text)
    return min(len(match.group(1)), MAX_DECIMALS) if match else 0


_POLARITY_WORDS = {
    Polarity.HIGHER: {"higher", "high", "up", "↑", "⬆", "▲", "+", "increase", "bigger", "more"},
    Polarity.LOWER: {"lower", "low", "down", "↓", "⬇", "▼", "decrease", "smaller", "less"},
    Polarity.NONE: {
        "none",
        "no polarity",
        "neutral",
        "n/a",
        "na",
        "not applicable",
        "-",
        "–",
        "↔",
        "◆",
        "neither",
        "contextual",
    },
}
_POLARITY_SUFFIX = re.compile(r"\s+(is\s+)?(better|good|best)$")


def parse_polarity(text: str | None, *, field: str = "polarity") -> Polarity:
    """`higher`/`lower`/`none`, or as councils write them: `High`, `Low`, `No Polarity`, `↑`, `↓`."""
    raw = " ".join(str(text or "").split())
    key = _POLARITY_SUFFIX.sub("", raw.casefold()).strip()
    for polarity, words in _POLARITY_WORDS.items():
        if key in words:
            return polarity
    raise ValidationError(
        f"'{_shown(raw)}' is not a polarity (write higher, lower or none; High, Low, No Polarity, "
        "↑ and ↓ are read too)",
        field=field,
    )


_UNIT_WORDS = {
    "%": {"%", "percent", "percentage", "per cent", "pct"},
    "£": {"£", "gbp", "pounds", "pound", "money", "cash"},
    "count": {"count", "number", "no.", "total"},
    "rate per 1,000": {"rate per 1,000", "rate per 1000", "per 1,000", "per 1000"},
    "rate per 10,000": {"rate per 10,000", "rate per 10000", "per 10,000", "per 10000"},
    "rate per 100,000": {"rate per 100,000", "rate per 100000", "per 100,000", "per 100000"},
    "days": {"days", "day"},
    "score": {"score", "points"},
    "years": {"years", "year", "yrs"},
}


def parse_unit(text: str | None, *, field: str = "unit") -> str:
    """One of the usual units (aliases read: `percent` → `%`, `rate per 1000` → `rate per 1,000`);
    any other short unit (`kg`, `tonnes CO2e`) is kept as written."""
    value = clean_text(text, field=field, limit=40, required=True)
    key = value.casefold()
    for unit, words in _UNIT_WORDS.items():
        if key in words:
            return unit
    return value


def parse_frequency(text: str | None, *, field: str = "frequency") -> str:
    key = " ".join(str(text or "").split()).casefold()
    aliases = {
        "annual": "annual",
        "annually": "annual",
        "yearly": "annual",
        "calendar year": "annual",
        "financial year": "financial year",
        "financial": "financial year",
        "fy": "financial year",
        "academic year": "academic year",
        "academic": "academic year",
        "school year": "academic year",
        "quarterly": "quarterly",
        "quarter": "quarterly",
    }
    if key in aliases:
        return aliases[key]
    raise ValidationError(
        f"'{_shown(str(text or ''))}' is not a frequency (write {', '.join(FREQUENCIES)})",
        field=field,
    )


def parse_decimals(text: str | None, *, field: str = "decimals") -> int:
    raw = str(text or "").strip()
    if not raw.isdigit() or int(raw) > MAX_DECIMALS:
        raise ValidationError(
            f"'{_shown(raw)}' is not a number of decimal places (0 to {MAX_DECIMALS})", field=field
        )
    return int(raw)


def parse_tolerance(text: str | None, *, field: str = "tolerance") -> tuple[float, bool]:
    """How much a value may move and still count as stayed the same, 0 or more, and whether it
    is relative: `0.5` is a change of 0.5 or less, `10%` a change of at most 10% of the previous
    value (as some councils set it)."""
    raw = " ".join(str(text or "").split())
    relative = raw.endswith("%")
    value = parse_number(raw, field=field, blank_is_na=False)
    if value is None:
        raise ValidationError(f"'{_shown(str(text))}' is not a tolerance", field=field)
    if value < 0:
        raise ValidationError("cannot be negative", field=field)
    return value, relative


def tolerance_text(tolerance: float, relative: bool) -> str:
    """`10%` or `0.5`, as the officer wrote it."""
    number = f"{tolerance:g}"
    return f"{number}%" if relative else number


def parse_theme_kind(text: str | None, *, field: str = "kind") -> str:
    key = " ".join(str(text or "").split()).casefold()
    if key in THEME_KINDS:
        return key
    raise ValidationError(f"'{_shown(key)}' is not priority or enabler", field=field)


def parse_provisional(text: str | None, *, field: str = "provisional") -> bool:
    """`provisional`, `yes`, `p` mean provisional; `final`, `no`, `f` or nothing mean final."""
    key = " ".join(str(text or "").split()).casefold()
    if key in {"provisional", "prov", "p", "yes", "y", "true", "1", "estimate", "estimated"}:
        return True
    if key in {"", "final", "f", "no", "n", "false", "0", "confirmed", "actual"}:
        return False
    raise ValidationError(f"'{_shown(key)}' is not provisional or final", field=field)


def split_names(text: str | None) -> list[str]:
    """`England; West Midlands | Similar councils` → the three names (commas stay inside names)."""
    parts = re.split(r"[;|\n]", str(text or ""))
    return [" ".join(part.split()) for part in parts if part.strip()]
