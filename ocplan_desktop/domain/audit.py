"""Entries of the audit trail as the app reads them back: who changed which record, when, and how."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Bookkeeping columns that change with every edit and say nothing an officer wants to read.
BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "import_batch_id"})


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit trail. `before` and `after` are the record as it was and became
    (None for the side that did not exist); a bulk entry has neither, only a summary."""

    id: int
    at: str
    user: str
    action: str
    table_name: str
    record_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    summary: str = ""

    def changed_fields(self, *, ignore: frozenset[str] = BOOKKEEPING) -> dict[str, tuple[Any, Any]]:
        """field → (before, after) for every field whose value differs; an insert or delete lists
        the fields that had a value."""
        before, after = self.before or {}, self.after or {}
        fields = [name for name in {**before, **after} if name not in ignore]
        return {
            name: (before.get(name), after.get(name))
            for name in fields
            if before.get(name) != after.get(name)
        }


def net_changes(
    entries: list[AuditEntry], *, ignore: frozenset[str] = BOOKKEEPING
) -> dict[str, tuple[Any, Any]]:
    """field → (first before, last after) over entries of one record in time order, leaving out
    fields that came back to where they started (changed and changed back)."""
    first: dict[str, Any] = {}
    last: dict[str, Any] = {}
    for entry in entries:
        for name, (old, new) in entry.changed_fields(ignore=ignore).items():
            first.setdefault(name, old)
            last[name] = new
    return {name: (first[name], last[name]) for name in first if first[name] != last[name]}
