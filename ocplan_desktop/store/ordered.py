"""Rows kept in order by a `position` column within a group (an agenda, a report's sections, …).

Table and column names come from code, never from the user; they are checked to be plain
identifiers all the same, since they are pasted into the SQL.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ocplan_desktop.store.workspace import Workspace

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")


def _name(value: str) -> str:
    if not _IDENTIFIER.match(value):
        raise ValueError(f"not a column or table name: {value!r}")
    return value


def _where(group: Mapping[str, Any]) -> tuple[str, tuple[Any, ...]]:
    clauses = [f"[{_name(column)}] IS ?" for column in group]
    return " AND ".join(clauses) or "1", tuple(group.values())


def ordered_rows(ws: Workspace, table: str, group: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The group's rows in their order (position, then id for rows that share one)."""
    where, params = _where(group)
    return ws.query(f"SELECT * FROM [{_name(table)}] WHERE {where} ORDER BY position, id", params)


def group_of(ws: Workspace, table: str, row_id: int, columns: tuple[str, ...]) -> dict[str, Any]:
    """The values of `columns` for one row: the group it is ordered within."""
    names = ", ".join(f"[{_name(column)}]" for column in columns)
    rows = ws.query(f"SELECT {names} FROM [{_name(table)}] WHERE id = ?", (row_id,))
    return rows[0] if rows else {}
