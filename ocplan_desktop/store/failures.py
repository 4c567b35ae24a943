"""What a failed read or write tells the officer: SQLite's and the operating system's errors as one line.

A full disk, a file-size limit (`ulimit -f`, a quota), a read-only folder or another program holding
the workspace are not bugs: the write is rolled back, nothing is changed, and the officer is told
what happened and what to do, in words rather than a traceback.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from ocplan_desktop.domain.errors import WorkspaceError

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = (
    5,
    6,
    8,
    10,
    13,
    14,
)
_FULL = "the disk is full or a file-size limit was reached"


class WorkspaceBusy(WorkspaceError):
    """Another program kept a write transaction open for longer than the app waits."""


def _code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_busy(error: BaseException) -> bool:
    if not isinstance(error, sqlite3.OperationalError):
        return False
    return _code(error) in (SQLITE_BUSY, SQLITE_LOCKED) or "database is locked" in str(error)


def busy_error(path: Path, seconds: float) -> WorkspaceBusy:
    return WorkspaceBusy(
        f"{path.name} is busy: another program has been writing to it for {seconds:.0f} seconds. "
        "Nothing was changed; try again in a moment (and close other programs that have it open "
        "if it stays busy)."
    )


def _os_reason(error: OSError) -> str | None:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return _FULL
    if error.errno == errno.EFBIG:
        return "a file-size limit was reached (the file would be too large)"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission was denied"
    if error.errno == errno.EIO:
        return "the disk reported an error"
    return None


def _sqlite_reason(error: sqlite3.Error) -> str | None:
    code, text = _code(error), str(error)
    if code == SQLITE_FULL or "disk is full" in text:
        return _FULL
    if code == SQLITE_IOERR or "disk I/O error" in text:
        # A write refused by the operating system (a file-size limit, a failing or full disk).
        return f"the disk could not be written to ({_FULL}, or the disk failed)"
    if code == SQLITE_READONLY or "readonly database" in text:
        return "the file or its folder is read-only"
    if code == SQLITE_CANTOPEN:
        return "the file or a file beside it could not be opened"
    return None


def write_problem(error: BaseException, what: str) -> WorkspaceError | None:
    """`what` (for example "Backup of Demo.ocplan") failed because of the disk or its permissions:
    the one line to show; None for any other error (a bug, which keeps its traceback)."""
    reason: str | None = None
    if isinstance(error, sqlite3.Error):
        reason = _sqlite_reason(error)
    elif isinstance(error, OSError):
        reason = _os_reason(error)
    if reason is None:
        return None
    return WorkspaceError(f"{what} failed: {reason}. Nothing was changed.")
