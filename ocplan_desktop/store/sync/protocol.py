"""What travels between a laptop and the team's server: row states, never SQL.

A push is each record changed here with the copy as last synced (its base), and each ordered list
whose order changed; every item carries a key made from its content, so an item that arrives twice
(a sync killed after the server committed) is applied once. The reply is everything the server
numbered after the laptop's last number, plus the current state of everything pushed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from ocplan_desktop.store.sync.rows import canonical


def change_key(client_id: str, change_no: int, table: str, uuid: str, base: Any, mine: Any) -> str:
    payload = canonical([client_id, change_no, table, uuid, base, mine])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Outgoing:
    """One record changed here since the last sync."""

    table: str
    uuid: str  # its identity as sent (derived from its key for a record known by one)
    local_uuid: str  # its uuid here, when that is not yet the derived one
    change_no: int
    base: dict[str, Any] | None
    mine: dict[str, Any] | None
    group: str | None
    refs: tuple[str, ...]  # which fields hold references
    key: str


@dataclass(frozen=True)
class OutgoingOrder:
    """The order of one parent's rows, changed here."""

    table: str  # the child table
    group: str
    base: tuple[str, ...] | None
    mine: tuple[str, ...]
    key: str


@dataclass(frozen=True)
class Push:
    client_id: str
    records: tuple[Outgoing, ...]
    orders: tuple[OutgoingOrder, ...]
    settled: tuple[tuple[str, str, int], ...]  # (table, uuid, change_no): noted, but unchanged

    @property
    def size(self) -> int:
        return len(self.records) + len(self.orders)


@dataclass(frozen=True)
class Incoming:
    """A record as the team's copy holds it (`data` None: deleted)."""

    table: str
    uuid: str
    data: dict[str, Any] | None
    seq: int
    officer: str
    at: str


@dataclass(frozen=True)
class IncomingOrder:
    table: str
    group: str
    items: tuple[str, ...]
    seq: int


@dataclass(frozen=True)
class ServerConflict:
    table: str
    uuid: str
    field: str
    mine: Any
    theirs: Any
    who: str
    at: str
    message: str = ""


@dataclass(frozen=True)
class Reply:
    records: tuple[Incoming, ...]
    orders: tuple[IncomingOrder, ...]
    conflicts: tuple[ServerConflict, ...]
    last_seq: int
    applied: int  # pushed items the server had not seen before
