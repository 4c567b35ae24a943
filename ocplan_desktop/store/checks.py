"""Integrity checks on an open workspace, piece by piece (so the window can show progress)."""

from __future__ import annotations

from pathlib import Path

from ocplan_desktop.store.files import read_only_connection
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


def file_problems(path: Path, *, full: bool) -> tuple[list[str], int]:
    """SQLite's quick (or full) integrity check of a file, read without changing it, and how many
    rows refer to records that do not exist."""
    connection = read_only_connection(path)
    try:
        pragma = "integrity_check" if full else "quick_check"
        result = [row[0] for row in connection.execute(f"PRAGMA {pragma}(20)")]
        broken = len(connection.execute("PRAGMA foreign_key_check").fetchall())
    finally:
        connection.close()
    return ([] if result == ["ok"] else result), broken


def roll_back_hot_journal(path: Path) -> None:
    """Let SQLite roll back the unfinished change a hot journal beside `path` holds (reading the
    file does it; a write transaction begun and abandoned makes sure)."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA schema_version").fetchone()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
    finally:
        connection.close()
