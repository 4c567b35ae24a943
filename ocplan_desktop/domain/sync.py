"""Team sync as the officer sees it: what a sync did, what waits, and the conflicts to settle."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from ocplan_desktop.domain.dates import format_date

Keep = Literal["mine", "theirs"]
ORDER_SUFFIX = "@order"


@dataclass(frozen=True)
class Conflict:
    """Two officers changed one thing differently: theirs stands for now, mine is kept here."""

    id: int
    table: str  # the table; `…@order` when the order of a list is at stake
    uuid: str
    record: str  # the record in words
    field: str
    mine: Any
    theirs: Any
    who: str  # the officer whose value stands
    when: str  # when they made it (the server's time)
    message: str = ""
    found_at: str = ""
    resolved_at: str | None = None
    kept: Keep | None = None

    @property
    def shown_table(self) -> str:
        return self.table.removesuffix(ORDER_SUFFIX)

    @property
    def is_order(self) -> bool:
        return self.table.endswith(ORDER_SUFFIX)

    def as_json(self) -> dict[str, Any]:
        """The shape `ocplan conflicts --json` prints."""
        return {
            "id": self.id,
            "table": self.shown_table,
            "record": self.record,
            "field": self.field,
            "mine": self.mine,
            "theirs": self.theirs,
            "who": self.who,
            "when": self.when,
        }


@dataclass(frozen=True)
class SyncReport:
    """What one sync (or upload) did."""

    kind: str  # "sync", "upload" or "resumed"
    sent: int
    received: int
    conflicts: tuple[Conflict, ...] = ()
    changed_here: int = 0  # records here that a pull changed (their undo history is cleared)
    changed_records: frozenset[tuple[str, int]] = frozenset()  # those records: (table, id)
    numbered: int = 0  # minute numbers laid out again after agendas changed
    problems: tuple[str, ...] = ()
    messages: tuple[str, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        """The shape `ocplan sync --json` prints."""
        return {
            "sent": self.sent,
            "received": self.received,
            "conflicts": [conflict.as_json() for conflict in self.conflicts],
        }

    def summary(self) -> str:
        if self.kind == "upload":
            return f"Uploaded the workspace to the team server ({self.sent:,} records)."
        if self.kind == "resumed":
            return "Took up the upload that was cut short; the workspace now syncs."
        parts = [f"sent {self.sent:,}", f"received {self.received:,}"]
        if self.conflicts:
            parts.append(f"{len(self.conflicts):,} to settle (see Conflicts)")
        return "Synced: " + ", ".join(parts) + "."


@dataclass(frozen=True)
class SyncStatus:
    joined: bool
    server: str  # the server's address as given (no password is ever in it)
    last_synced_at: str | None
    waiting: int
    conflicts: int

    def text(self, now: dt.datetime | None = None) -> str:
        """`Synced 14:32 · 3 changes waiting · 1 conflict`, for the status bar."""
        if not self.joined:
            return "Not synced with a team server"
        parts = [f"Synced {when_text(self.last_synced_at, now)}" if self.last_synced_at else ""]
        parts.append(
            "nothing waiting"
            if not self.waiting
            else f"{self.waiting:,} change{'s' if self.waiting != 1 else ''} waiting"
        )
        if self.conflicts:
            parts.append(f"{self.conflicts:,} conflict{'s' if self.conflicts != 1 else ''}")
        return " · ".join(part for part in parts if part)


def when_text(stamp: str | None, now: dt.datetime | None = None) -> str:
    """An ISO time as the status bar says it: `14:32` today, else `20 December 2023, 14:32`."""
    if not stamp:
        return "never"
    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    today = (now or dt.datetime.now(moment.tzinfo)).date()
    clock = moment.strftime("%H:%M")
    if moment.date() == today:
        return clock
    return f"{format_date(moment.date().isoformat())}, {clock}"
