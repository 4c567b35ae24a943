"""What an indicators import would do: the preview lines an officer reads (added, changed, refused,
with row numbers and reasons), and everything the import needs to write it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ocplan_desktop.importers.tabular import ENCODING_TEXT as ENCODING_TEXT

LIST_LIMIT = 100  # lines per section in the printed preview


class Action(StrEnum):
    ADD = "add"
    CHANGE = "change"
    REFUSE = "refuse"

    @property
    def text(self) -> str:
        return {"add": "Add", "change": "Change", "refuse": "Refused"}[self.value]


@dataclass(frozen=True)
class PreviewLine:
    """One thing the import would do, or one reason it refuses a row."""

    action: Action
    kind: str  # indicator, value, theme, area, period, or the field a refusal is about
    subject: str
    detail: str
    row: int | None = None

    @property
    def text(self) -> str:
        where = f"row {self.row}: " if self.row is not None else ""
        if self.action is Action.REFUSE:
            return f"{where}{self.detail}" + (f" ({self.subject})" if self.subject else "")
        return f"{where}{self.kind} {self.subject}: {self.detail}"


@dataclass(frozen=True)
class NewIndicator:
    code: str
    record: dict[str, Any]  # the indicators row, without its theme id
    theme: str | None
    comparators: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorChange:
    indicator_id: int
    fields: dict[str, Any]
    theme: str | None  # a new theme name, or None when the theme stays
    comparators: tuple[str, ...] | None  # None when they stay


@dataclass(frozen=True)
class NewValue:
    code: str
    period: str
    area: str  # empty: the council's own area
    value: float | None
    provisional: bool
    note: str


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do: the preview, and everything needed to write it."""

    file: str
    encoding: str
    forms: tuple[str, ...]
    lines: tuple[PreviewLine, ...]
    unchanged: int = 0
    ignored_columns: tuple[str, ...] = ()
    new_themes: tuple[str, ...] = ()
    new_areas: tuple[str, ...] = ()
    new_periods: tuple[str, ...] = ()
    new_indicators: tuple[NewIndicator, ...] = ()
    indicator_changes: tuple[IndicatorChange, ...] = ()
    new_values: tuple[NewValue, ...] = ()
    value_changes: tuple[tuple[int, dict[str, Any]], ...] = ()
    row_count: int = 0
    earlier_import: str = ""  # "… was already imported into the indicator catalogue on …"
    notes: tuple[str, ...] = ()  # what the reader noticed (a title row, ambiguous decimals)
    blank_clears: bool = False  # blank cells clear stored values (`--blank-clears`)

    def with_action(self, action: Action) -> list[PreviewLine]:
        return [line for line in self.lines if line.action is action]

    @property
    def added(self) -> list[PreviewLine]:
        return self.with_action(Action.ADD)

    @property
    def changed(self) -> list[PreviewLine]:
        return self.with_action(Action.CHANGE)

    @property
    def refused(self) -> list[PreviewLine]:
        return self.with_action(Action.REFUSE)

    @property
    def refused_rows(self) -> list[int]:
        return sorted({line.row for line in self.refused if line.row is not None})

    @property
    def ok(self) -> bool:
        return not self.refused

    @property
    def writes_anything(self) -> bool:
        return bool(self.added or self.changed)

    def count(self, action: Action, kind: str) -> int:
        return sum(1 for line in self.lines if line.action is action and line.kind == kind)

    @property
    def summary(self) -> str:
        """One sentence: what would be added and changed, and how many rows are refused."""
        parts = []
        for action, verb in ((Action.ADD, "add"), (Action.CHANGE, "change")):
            counts = [
                _plural(self.count(action, kind), kind)
                for kind in ("indicator", "theme", "area", "period", "value")
                if self.count(action, kind)
            ]
            if counts:
                parts.append(f"{verb} {', '.join(counts)}")
        text = "; ".join(parts) if parts else "nothing to add or change"
        if self.unchanged:
            text += f"; {self.unchanged:,} already as in the file"
        text = text[0].upper() + text[1:] + "."
        if self.refused:
            rows = self.refused_rows
            shown = ", ".join(str(row) for row in rows[:10]) + (" …" if len(rows) > 10 else "")
            text += (
                f" {_plural(len(rows), 'row')} refused (row{'s' if len(rows) != 1 else ''} "
                f"{shown}): nothing will be imported until they are put right."
            )
        return text

    def text(self, limit: int = LIST_LIMIT) -> str:
        """The preview as printed by `ocplan import indicators`."""
        encoding = ENCODING_TEXT.get(self.encoding, self.encoding)
        out = [f"{self.file} ({encoding}): {', '.join(self.forms)}", self.summary]
        if self.earlier_import:
            out.append(f"Note: {self.earlier_import}.")
        out.extend(f"Note: {note}." for note in self.notes)
        if self.ignored_columns:
            out.append("Columns not used: " + ", ".join(self.ignored_columns))
        for action in (Action.REFUSE, Action.ADD, Action.CHANGE):
            lines = self.with_action(action)
            if not lines:
                continue
            out.append(f"{action.text} ({len(lines):,}):")
            shown = lines if action is Action.REFUSE else lines[:limit]
            out.extend("  " + line.text for line in shown)
            if len(shown) < len(lines):
                out.append(f"  … and {len(lines) - len(shown):,} more")
        return "\n".join(out)

    def refusal(self) -> str:
        """The one-line message when the file is refused."""
        first = "; ".join(line.text for line in self.refused[:3])
        more = len(self.refused) - 3
        return (
            f"{self.file}: {_plural(len(self.refused_rows), 'row')} refused, nothing was imported: "
            f"{first}" + (f"; and {more:,} more" if more > 0 else "")
        )


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"
