"""The same file imported twice into the same place: named and refused unless the officer says so.

A survey export imported twice doubles its responses; a catalogue imported twice is at best
pointless. Each import records its file's content hash (SHA-256 of the bytes) and where it went
(`exercise:3`, `indicators`); the same content going to the same place again is refused with the
earlier import named, unless `again` is given (`--again`, or the window's confirmation).
"""

from __future__ import annotations

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.importers.tabular import Table
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace


class RepeatedImport(ValidationError):
    """The file was imported here before; `again` imports it anyway."""


def earlier_text(ws: Workspace, table: Table, target: str, where: str) -> str:
    """How the earlier import of this file here is named, or empty when there was none."""
    earlier = records.earlier_import(ws, table.content_hash, target)
    if earlier is None:
        return ""
    day = str(earlier["created_at"])[:10]
    who = f" by {earlier['created_by']}" if earlier["created_by"] else ""
    rows = int(earlier["row_count"])
    named = f"as {earlier['source']}, " if earlier["source"] != table.name else ""
    return (
        f"{table.name} was already imported into {where} on {format_date(day)}{who} "
        f"({named}{rows:,} row{'s' if rows != 1 else ''})"
    )


def refuse_repeat(ws: Workspace, table: Table, target: str, where: str, *, again: bool) -> None:
    """Refuse a file already imported into `target`, unless `again`."""
    if again:
        return
    text = earlier_text(ws, table, target, where)
    if text:
        raise RepeatedImport(
            f"{text}; nothing was imported. Import it again only if that is meant: add --again "
            "(in the window, confirm when asked)"
        )
