"""One writer per workspace: a lock file beside it saying who has it open (host, user, process).

A second instance sees the lock and can open the workspace read-only instead. A lock left by a process
on this host that no longer runs (a crash, a killed laptop) is stale and is taken over. Within one
process the lock is shared: a background task's second connection does not need its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
from dataclasses import dataclass
from pathlib import Path

import psutil

from ocplan_desktop.domain.errors import WorkspaceError

_held: dict[Path, int] = {}
_guard = threading.Lock()


@dataclass(frozen=True)
class LockInfo:
    host: str
    user: str
    pid: int
    started: float  # the process's start time, so a reused pid is not mistaken for the owner

    @property
    def is_this_process(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    def describe(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid})"


class WorkspaceLocked(WorkspaceError):
    def __init__(self, path: Path, info: LockInfo) -> None:
        self.info = info
        super().__init__(
            f"{path} is open for editing by {info.describe()}. Open it read-only, or ask them to "
            "close it."
        )


def lock_path(workspace: Path) -> Path:
    return workspace.with_name(workspace.name + ".lock")


def _process_start(pid: int) -> float:
    return float(psutil.Process(pid).create_time())


def _me() -> LockInfo:
    from ocplan_desktop.store.workspace import current_user

    return LockInfo(socket.gethostname(), current_user(), os.getpid(), _process_start(os.getpid()))


def read_lock(workspace: Path) -> LockInfo | None:
    try:
        data = json.loads(lock_path(workspace).read_text(encoding="utf-8"))
        return LockInfo(
            str(data["host"]), str(data["user"]), int(data["pid"]), float(data["started"])
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # An unreadable lock (half-written by a crash) says nothing about a live owner.
        return LockInfo("", "unknown", 0, 0.0)


def is_stale(info: LockInfo) -> bool:
    """The owner cannot still be running: same host and no process with that pid and start time."""
    if info.pid == 0:
        return True
    if info.host != socket.gethostname():
        return False  # cannot tell from here; treat as held
    try:
        return abs(_process_start(info.pid) - info.started) > 1.0
    except psutil.NoSuchProcess:
        return True
    except psutil.Error:
        return False


def _create(path: Path, info: LockInfo) -> bool:
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(info.__dict__, stream)
    return True


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
            # Take over a stale lock: only one process can win the rename.
            graveyard = path.with_name(f"{path.name}.stale-{os.getpid()}")
            with contextlib.suppress(FileNotFoundError):
                os.replace(path, graveyard)
                graveyard.unlink(missing_ok=True)
        owner = read_lock(workspace)
        raise WorkspaceLocked(workspace, owner or LockInfo("", "unknown", 0, 0.0))


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
