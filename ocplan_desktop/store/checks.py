"""Integrity checks on an open workspace, piece by piece (so the window can show progress)."""

from __future__ import annotations

from ocplan_desktop.store.workspace import Workspace


def list_tables(ws: Workspace) -> list[str]:
    return [
        row["name"]
        for row in ws.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name"
        )
    ]


def table_integrity(ws: Workspace, table: str) -> list[str]:
    """SQLite's integrity_check for one table and its indexes; empty when all is well."""
    result = [row[0] for row in ws.db.execute(f"PRAGMA integrity_check([{table}])").fetchall()]
    return [] if result == ["ok"] else [f"{table}: {line}" for line in result]


def foreign_key_problems(ws: Workspace) -> int:
    return len(ws.db.execute("PRAGMA foreign_key_check").fetchall())
