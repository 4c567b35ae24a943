"""Hazards a workspace meets outside the app: another program writing to it, and a folder that
cannot be written to."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("INSERT INTO settings (key, value) VALUES ('other program', 'was here')")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


@contextlib.contextmanager
def another_program_writing(path: Path, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Another process holds a write transaction on the workspace for `seconds`."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "holding"
    try:
        yield process
    finally:
        process.wait(timeout=30)
        process.stdout.close()


def read_only_copy(tmp_path: Path, demo_master: Path) -> Iterator[Path]:
    """A folder holding a copy of the demo that nobody can write to, root included: a read-only
    tmpfs mount as root (root ignores file permissions), permissions otherwise."""
    from tests.conftest import copy_workspace

    folder = tmp_path / "share"
    folder.mkdir()
    if os.geteuid() != 0:
        copy_workspace(demo_master, folder / "Shared.ocplan")
        folder.chmod(0o555)
        (folder / "Shared.ocplan").chmod(0o444)
        try:
            yield folder
        finally:
            folder.chmod(0o755)
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a file system here to make it read-only: {mounted.stderr!r}")
    try:
        copy_workspace(demo_master, folder / "Shared.ocplan")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)
