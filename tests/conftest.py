"""Shared fixtures. Everything runs headless; the user's real data, settings and log folders are never
touched."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before anything imports Qt or platformdirs: a private home for data and settings, no screen.
_SANDBOX = Path(tempfile.mkdtemp(prefix="ocplan-tests-"))
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["XDG_STATE_HOME"] = str(_SANDBOX / "state")  # the log folder
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

import pytest  # noqa: E402

from ocplan_desktop.services.demo import create_demo  # noqa: E402
from ocplan_desktop.services.workspaces import new_workspace  # noqa: E402
from ocplan_desktop.store.workspace import Workspace, open_workspace  # noqa: E402

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_MINUTES = SEEDS / "000_7a9d9bfa2f1af90b.txt"
SEED_REPORT = SEEDS / "002_ba59bfd3e7d91e7b.txt"


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built once per test session; tests get copies."""
    path = tmp_path_factory.mktemp("demo") / "demo.ocplan"
    create_demo(path).close()
    return path


def copy_workspace(source: Path, target: Path) -> Path:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


@pytest.fixture
def demo_path(demo_master: Path, tmp_path: Path) -> Path:
    """A private copy of the demo workspace file."""
    return copy_workspace(demo_master, tmp_path / "demo.ocplan")


@pytest.fixture
def demo_ws(demo_path: Path) -> Iterator[Workspace]:
    ws = open_workspace(demo_path, backups_dir=demo_path.parent / "backups")
    yield ws
    ws.close()


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    """An empty workspace with the reference data."""
    workspace = new_workspace(tmp_path / "empty.ocplan")
    yield workspace
    workspace.close()


@pytest.fixture(scope="session")
def qapp_cls():
    """pytest-qt makes the app the window runs in: the one whose quitting saves what is typed."""
    from ocplan_desktop.ui.application import OcplanApplication

    return OcplanApplication


@pytest.fixture
def read_only_folder(tmp_path: Path, demo_master: Path) -> Iterator[Path]:
    """A folder nobody can write to (root included) holding `Shared.ocplan`, a copy of the demo."""
    from tests.reliability.hazards import read_only_copy

    yield from read_only_copy(tmp_path, demo_master)
