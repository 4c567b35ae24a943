"""The workspace's lock: it appears with its contents in one step, a lock being written is not taken
for a stale one, it says who has the workspace and since when, and another computer's lock can be
broken only as it was shown."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from pathlib import Path

import pytest

from ocplan_desktop.store import lock
from ocplan_desktop.store.workspace import open_workspace


def test_the_lock_file_never_exists_without_its_contents(demo_path, monkeypatch):
    """Watch every call that could make the lock's name appear; right after each, the lock (if it
    is there) must already say who holds it."""
    target = lock.lock_path(demo_path)
    seen: list[str] = []

    def check(name: str) -> None:
        if target.exists():
            text = target.read_text(encoding="utf-8")
            seen.append(name)
            assert json.loads(text)["pid"] == os.getpid(), f"after {name}: {text!r}"

    for name in ("open", "link", "replace", "rename"):
        real = getattr(os, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            result = _real(*args, **kwargs)
            check(_name)
            return result

        monkeypatch.setattr(os, name, spy)
    lock.acquire(demo_path)
    monkeypatch.undo()
    try:
        assert seen  # the lock did appear, complete
        assert [p.name for p in demo_path.parent.iterdir() if p.name.endswith(".tmp")] == []
    finally:
        lock.release(demo_path)


def test_a_lock_still_being_written_is_not_taken_for_a_stale_one(demo_path):
    target = lock.lock_path(demo_path)
    target.write_text("")  # another process has just made it and not yet written it
    with pytest.raises(lock.WorkspaceLocked):
        open_workspace(demo_path)
    assert target.read_text() == ""
    old = time.time() - 3600  # but one left empty by a crash an hour ago is stale
    os.utime(target, (old, old))
    with open_workspace(demo_path):
        assert lock.read_lock(demo_path).pid == os.getpid()


def test_the_lock_says_who_has_the_workspace_and_since_when(demo_path):
    before = time.time()
    with open_workspace(demo_path):
        info = lock.read_lock(demo_path)
        assert before - 1 <= info.since <= time.time() + 1
    taken = dt.datetime(2023, 12, 20, 14, 5).timestamp()
    other = {"host": "TOWNHALL-PC", "user": "jsmith", "pid": 4242, "started": 1.0, "since": taken}
    lock.lock_path(demo_path).write_text(json.dumps(other))
    with pytest.raises(lock.WorkspaceLocked) as raised:
        open_workspace(demo_path)
    message = str(raised.value)
    assert "jsmith on TOWNHALL-PC (process 4242) since 20 December 2023 at 14:05" in message
    assert "the window can break the lock" in message


def test_a_lock_written_by_an_older_version_is_dated_by_its_file(demo_path):
    target = lock.lock_path(demo_path)
    target.write_text(json.dumps({"host": "LAPTOP-7", "user": "ak", "pid": 7, "started": 1.0}))
    taken = dt.datetime(2024, 1, 9, 9, 30).timestamp()
    os.utime(target, (taken, taken))
    assert lock.read_lock(demo_path).since_text() == "9 January 2024 at 09:30"


def test_breaking_a_lock_removes_only_the_lock_that_was_shown(demo_path: Path):
    other = {"host": "TOWNHALL-PC", "user": "jsmith", "pid": 4242, "started": 1.0, "since": 5.0}
    target = lock.lock_path(demo_path)
    target.write_text(json.dumps(other))
    shown = lock.read_lock(demo_path)
    target.write_text(json.dumps({**other, "user": "akhan", "since": 9.0}))  # taken again
    with pytest.raises(lock.WorkspaceLocked, match="akhan on TOWNHALL-PC"):
        lock.break_lock(demo_path, shown)
    assert target.exists()
    lock.break_lock(demo_path, lock.read_lock(demo_path))
    assert not target.exists()
    with open_workspace(demo_path):
        assert lock.read_lock(demo_path).pid == os.getpid()
