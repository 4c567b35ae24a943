"""One writer per workspace: a lock file beside it saying who has it open (host, user, process,
since when).

A second instance sees the lock and can open the workspace read-only instead. A lock left by a process
on this host that no longer runs (a crash, a killed laptop) is stale and is taken over. A lock from
another computer cannot be checked from here: the window can break it, after saying whose it is and
since when, for the day that computer crashed with the workspace open. Within one process the lock is
shared: a background task's second connection does not need its own.

The lock file appears with its contents already in it (written under a temporary name, then linked
into place), so nobody can read a lock that is there but still empty and take it for a stale one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import psutil

from ocplan_desktop.domain.dates import format_moment
from ocplan_desktop.domain.errors import WorkspaceError

# An unreadable lock younger than this is taken to be one being written (by a version of the app, or
# a file system, that cannot link a finished file into place), not one a crash left half-written.
UNREADABLE_GRACE_SECONDS = 10.0

_held: dict[Path, int] = {}
_guard = threading.Lock()


@dataclass(frozen=True)
class LockInfo:
    host: str
    user: str
    pid: int
    started: float  # the process's start time, so a reused pid is not mistaken for the owner
    since: float = 0.0  # when the lock was taken (seconds since the epoch)
    readable: bool = True  # False: the file was empty or not a lock (see `is_stale`)

    @property
    def is_this_process(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    @property
    def on_this_host(self) -> bool:
        return self.host == socket.gethostname()

    def since_text(self) -> str:
        if not self.since:
            return ""
        return format_moment(dt.datetime.fromtimestamp(self.since), at=True)

    def describe(self) -> str:
        since = f" since {self.since_text()}" if self.since else ""
        return f"{self.user} on {self.host} (process {self.pid}){since}"


class WorkspaceLocked(WorkspaceError):
    def __init__(self, path: Path, info: LockInfo) -> None:
        self.info = info
        self.path = path
        message = (
            f"{path} is open for editing by {info.describe()}. Open it read-only, or ask them to "
            "close it."
        )
        if info.readable and not info.on_this_host:
            message += (
                f" If ocplan is no longer running on {info.host} (it crashed or was switched off "
                "with the workspace open), the window can break the lock."
            )
        super().__init__(message)


def lock_path(workspace: Path) -> Path:
    return workspace.with_name(workspace.name + ".lock")


def _process_start(pid: int) -> float:
    return float(psutil.Process(pid).create_time())


def _me() -> LockInfo:
    from ocplan_desktop.store.workspace import current_user

    return LockInfo(
        socket.gethostname(),
        current_user(),
        os.getpid(),
        _process_start(os.getpid()),
        since=time.time(),
    )


def read_lock(workspace: Path) -> LockInfo | None:
    return _read(lock_path(workspace))


def _read(path: Path) -> LockInfo | None:
    try:
        text = path.read_text(encoding="utf-8")
        modified = path.stat().st_mtime
    except FileNotFoundError:
        return None
    except OSError:
        return LockInfo("", "unknown", 0, 0.0, since=time.time(), readable=False)
    try:
        data = json.loads(text)
        return LockInfo(
            str(data["host"]),
            str(data["user"]),
            int(data["pid"]),
            float(data["started"]),
            since=float(data.get("since", modified)),  # locks of older versions: the file's time
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        # Empty or not a lock: being written right now, or half-written by a crash long ago.
        return LockInfo("", "unknown", 0, 0.0, since=modified, readable=False)


def is_stale(info: LockInfo) -> bool:
    """The owner cannot still be running: same host and no process with that pid and start time;
    or a lock nobody could read for longer than a lock takes to write."""
    if not info.readable:
        return time.time() - info.since > UNREADABLE_GRACE_SECONDS
    if info.pid == 0:
        return True
    if not info.on_this_host:
        return False  # cannot tell from here; treat as held
    try:
        return abs(_process_start(info.pid) - info.started) > 1.0
    except psutil.NoSuchProcess:
        return True
    except psutil.Error:
        return False


def _create(path: Path, info: LockInfo) -> bool:
    """Make the lock file with its contents in one step; False when there is one already."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    with temporary.open("w", encoding="utf-8") as stream:
        json.dump(info.__dict__, stream)
        stream.flush()
        os.fsync(stream.fileno())
    try:
        os.link(temporary, path)  # fails if the lock exists; never shows a partial file
        return True
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        return _create_in_place(path, info)  # a file system without hard links (FAT, some shares)
    finally:
        temporary.unlink(missing_ok=True)


def _create_in_place(path: Path, info: LockInfo) -> bool:
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(info.__dict__, stream)
    return True


def _same(found: LockInfo | None, expected: LockInfo) -> bool | None:
    if found is None:
        return None
    keys = ("host", "user", "pid", "started", "since", "readable")
    return all(getattr(found, key) == getattr(expected, key) for key in keys)


def break_lock(workspace: Path, expected: LockInfo) -> None:
    """Remove another computer's lock the officer has decided is left over (it crashed); refused
    when the lock is no longer the one they were shown (it was released or taken meanwhile)."""
    current = read_lock(workspace)
    if current is None:
        return
    if not _same(current, expected):
        raise WorkspaceLocked(workspace, current)
    graveyard = lock_path(workspace).with_name(f"{lock_path(workspace).name}.broken-{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        os.replace(lock_path(workspace), graveyard)
        graveyard.unlink(missing_ok=True)


def acquire(workspace: Path) -> None:
    """Take the workspace's lock for this process, or raise `WorkspaceLocked` naming the owner."""
    key = workspace.resolve()
    with _guard:
        if key in _held:
            _held[key] += 1
            return
        path = lock_path(workspace)
        me = _me()
        for _attempt in range(3):
            if _create(path, me):
                _held[key] = 1
                return
            owner = read_lock(workspace)
            if owner is None:
                continue  # released meanwhile
            if owner.is_this_process:
                _held[key] = 1
                return
            if not is_stale(owner):
                raise WorkspaceLocked(workspace, owner)
            # Take over a stale lock: move it aside (only one process can win the rename) and
            # check it was the stale one; a fresh lock another process took meanwhile goes back.
            graveyard = path.with_name(f"{path.name}.stale-{os.getpid()}")
            try:
                os.replace(path, graveyard)
            except FileNotFoundError:
                continue
            if _same(_read(graveyard), owner) is False:
                with contextlib.suppress(OSError):
                    os.link(graveyard, path)
            graveyard.unlink(missing_ok=True)
        owner = read_lock(workspace)
        raise WorkspaceLocked(workspace, owner or LockInfo("", "unknown", 0, 0.0, readable=False))


def release(workspace: Path) -> None:
    key = workspace.resolve()
    with _guard:
        count = _held.get(key, 0)
        if count > 1:
            _held[key] = count - 1
            return
        _held.pop(key, None)
        owner = read_lock(workspace)
        if owner is not None and owner.is_this_process:
            lock_path(workspace).unlink(missing_ok=True)
