"""Copies of a workspace made with SQLite's backup API (a file copy of a live database can be corrupt)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sqlite3
from pathlib import Path

from ocplan_desktop.store.failures import write_problem
from ocplan_desktop.store.files import read_only_connection


def backup_connection(source: sqlite3.Connection, target: Path) -> Path:
    """Write a consistent copy of `source` to `target` (through a temporary file, renamed into place).

    A copy that cannot be finished (a full disk, a file-size limit, a read-only folder) leaves
    nothing behind, not even an empty temporary file, and is one line (`WorkspaceError`).
    """
    partial = target.with_name(target.name + ".partial")
    leftovers = (
        partial,
        Path(f"{partial}-journal"),
        Path(f"{partial}-wal"),
        Path(f"{partial}-shm"),
    )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")
        finally:
            destination.close()
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:
        for leftover in leftovers:
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        problem = write_problem(error, f"The backup to {target.parent}")
        if problem is None:
            raise
        raise problem from error
    return target


def backup_file(source: Path, target: Path) -> Path:
    """Back up a workspace that is not open, reading it without writing to it."""
    connection = read_only_connection(source)
    try:
        return backup_connection(connection, target)
    finally:
        connection.close()


def backup_name(workspace: Path, reason: str, when: dt.datetime | None = None) -> str:
    stamp = (when or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    return f"{workspace.stem}.{stamp}.{reason}.ocplan"


def backup_folder(workspace: Path, root: Path) -> Path:
    """One folder per workspace file under `root` (two workspaces with the same name do not mix)."""
    resolved = str(Path(workspace).resolve())
    digest = hashlib.sha1(resolved.encode("utf-8")).hexdigest()[:10]
    folder = root / f"{Path(workspace).stem}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder
