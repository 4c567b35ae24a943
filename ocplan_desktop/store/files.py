"""Looking at a workspace file before trusting it.

Every check here reads only: a file that fails one is left byte-for-byte as it was. SQLite itself is
too forgiving to rely on (it opens a zero-byte file as an empty database, and reads a truncated file
until it trips), so the header is read by hand first.
"""

from __future__ import annotations

import os
import sqlite3
import struct
from dataclasses import dataclass
from pathlib import Path

from ocplan_desktop.domain.errors import WorkspaceError

SQLITE_MAGIC = b"SQLite format 3\x00"
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
HEADER_SIZE = 100
MIGRATIONS_TABLE = "_sqlite_migrations"


@dataclass(frozen=True)
class FileFacts:
    """What a read-only look at a workspace file found."""

    path: Path
    schema_version: int
    is_ocplan: bool
    table_count: int


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A connection that cannot write to the file (nor create it).

    A workspace in WAL mode needs a shared-memory file beside it even to be read; in a folder nobody
    can write to (a read-only share or mount) SQLite cannot make one and refuses to open the file.
    There, with no unfinished log beside it, the file is read as immutable: nothing can change it.
    """
    uri = path.resolve().as_uri()
    connection = sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None)
    try:
        connection.execute("PRAGMA schema_version").fetchone()  # opening happens here
        return connection
    except sqlite3.OperationalError:
        connection.close()
        if folder_is_writable(path):
            raise
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise WorkspaceError(
            f"{path} is in a read-only folder with changes still in its log ({wal.name}): it cannot "
            "be read safely until it is opened once where the folder can be written to. "
            "The file has not been changed."
        )
    return sqlite3.connect(uri + "?immutable=1", uri=True, isolation_level=None)


def folder_is_writable(path: Path) -> bool:
    """Whether files can be made beside `path` (a read-only mount says no even to root)."""
    return os.access(path.parent if str(path.parent) else Path("."), os.W_OK)


def read_only_reason(path: Path) -> str:
    """Why a workspace can only be read here, or "" when it can be written."""
    if not folder_is_writable(path):
        return "its folder cannot be written to"
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    return ""


def _header_problem(path: Path, size: int) -> str | None:
    if size == 0:
        return "is empty (0 bytes): it is not an ocplan workspace"
    with path.open("rb") as handle:
        header = handle.read(HEADER_SIZE)
    if not header.startswith(SQLITE_MAGIC):
        return "is not an ocplan workspace (it is not an SQLite database file)"
    if len(header) < HEADER_SIZE:
        return f"is truncated: only {size} bytes of an SQLite database are there"
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "is damaged: its header names an impossible page size"
    change_counter, page_count = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    expected = page_count * page_size
    # The in-header page count is only trustworthy when it was written by the same change, and in WAL
    # mode only when no write-ahead log holds pages the main file has not caught up with (a checkpoint
    # interrupted by a crash is finished from the log the next time the file is opened).
    wal = path.with_name(path.name + "-wal")
    log_pending = wal.exists() and wal.stat().st_size > 0
    if valid_for == change_counter and page_count and size < expected and not log_pending:
        return f"is truncated: {size:,} of its {expected:,} bytes are there"
    if size % page_size:
        return f"is truncated or damaged: {size:,} bytes is not a whole number of {page_size}-byte pages"
    return None


def has_hot_journal(path: Path) -> bool:
    """A rollback journal beside the file with a valid header: a transaction a crash left half done.

    SQLite would roll it back on the next write, changing the file; ocplan asks first.
    """
    journal = path.with_name(path.name + "-journal")
    try:
        with journal.open("rb") as handle:
            return handle.read(8) == JOURNAL_MAGIC
    except OSError:
        return False


def inspect_file(path: Path, *, quick_check: bool = True) -> FileFacts:
    """Check a workspace file without changing it; raise `WorkspaceError` naming the file and problem."""
    name = str(path)
    if not path.exists():
        raise WorkspaceError(f"{name}: there is no such file")
    if path.is_dir():
        raise WorkspaceError(f"{name}: is a folder, not a workspace file")
    try:
        size = path.stat().st_size
        problem = _header_problem(path, size)
    except PermissionError:
        raise WorkspaceError(f"{name}: cannot be read (permission denied)") from None
    except OSError as error:
        raise WorkspaceError(f"{name}: cannot be read ({error.strerror or error})") from None
    if problem:
        raise WorkspaceError(f"{name} {problem}. The file has not been changed.")
    if has_hot_journal(path):
        raise WorkspaceError(
            f"{name} has an unfinished change left by a crash ({path.name}-journal is beside it). "
            "Neither file has been changed. Restore a backup, or recover the workspace into a new file."
        )
    try:
        connection = read_only_connection(path)
        try:
            if quick_check:
                result = [row[0] for row in connection.execute("PRAGMA quick_check(5)")]
                if result != ["ok"]:
                    raise WorkspaceError(
                        f"{name} is damaged ({'; '.join(result)[:200]}). The file has not been changed."
                    )
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise WorkspaceError(
            f"{name} cannot be read as a workspace ({error}). The file has not been changed."
        ) from None
    return FileFacts(
        path=path,
        schema_version=int(version),
        is_ocplan=MIGRATIONS_TABLE in tables and "settings" in tables,
        table_count=len(tables),
    )
