"""The shape of the code: layers point one way, and start-up stays light."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    """import-linter: only ui/ and app.py import Qt; domain ← store ← services ← importers/reports ← ui."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_no_sql_outside_the_store():
    import re

    pattern = re.compile(
        r"\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|PRAGMA [a-z_]+|BEGIN IMMEDIATE)\b"
    )
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "ocplan_desktop").rglob("*.py")
        if "store" not in path.relative_to(ROOT / "ocplan_desktop").parts[:1]
        and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_signals_are_blocked_by_a_blocker_not_by_a_bare_pair():
    """`with QSignalBlocker(widget):` unblocks even when what it guards raises; a bare
    blockSignals(True) … blockSignals(False) pair leaves the widget deaf."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "ocplan_desktop").rglob("*.py")
        if "blockSignals(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_modules_stay_under_600_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in (ROOT / "ocplan_desktop").rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert long == {}


def test_pandas_and_reportlab_are_not_imported_before_the_window_shows(demo_path, tmp_path):
    script = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from ocplan_desktop.app import make_application\n"
        "from ocplan_desktop.store.workspace import open_workspace\n"
        "from ocplan_desktop.ui.main_window import MainWindow\n"
        "app = make_application()\n"
        f"w = MainWindow(QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat))\n"
        f"w.set_workspace(open_workspace({str(demo_path)!r}))\n"
        "w.show(); app.processEvents()\n"
        "print(sorted(m for m in ('pandas', 'reportlab', 'openpyxl') if m in sys.modules))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_window_shows_before_sync_or_the_store_are_imported(demo_path, tmp_path):
    """From the command line to the window on screen, nothing but Qt and the shell: team sync, the
    store and pandas follow once it shows (each costs start-up milliseconds the officer sees)."""
    script = (
        "import builtins, sys\n"
        "say = builtins.print\n"
        "def watch(*args, **kwargs):\n"
        "    if args and args[0] == 'shown':\n"
        "        wanted = ('psycopg', 'ocplan_desktop.store', 'sqlite_utils', 'pandas', 'keyring')\n"
        "        say(sorted(m for m in wanted if m in sys.modules), file=sys.stderr)\n"
        "    return say(*args, **kwargs)\n"
        "builtins.print = watch\n"
        "from ocplan_desktop.cli import main\n"
        f"main(['--db', {str(demo_path)!r}])\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "OCPLAN_QUIT_WHEN_SHOWN": "1",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "[]" in result.stderr.splitlines(), result.stderr


def test_shipped_folders_are_found():
    from ocplan_desktop.paths import migrations_dir, resources_dir

    assert (migrations_dir() / "0001_initial.sql").is_file()
    assert (resources_dir() / "style.qss").is_file()


def test_every_package_ships_in_the_wheel():
    """pyproject lists packages by hand (db/ and resources/ are mapped into the package): none forgotten."""
    import tomllib

    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "ocplan_desktop").rglob("__init__.py")
    }
    assert found <= listed, (
        f"add to pyproject.toml [tool.setuptools] packages: {sorted(found - listed)}"
    )
    assert {"ocplan_desktop.db", "ocplan_desktop.resources"} <= listed


def _tool(name: str) -> str:
    return str(Path(sys.executable).with_name(name))


def test_ruff_lint_and_format_are_clean():
    check = subprocess.run(
        [_tool("ruff"), "check", "ocplan_desktop", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout
    form = subprocess.run(
        [_tool("ruff"), "format", "--check", "ocplan_desktop", "tests", "bench"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert form.returncode == 0, form.stdout


def test_mypy_strict_outside_the_window():
    result = subprocess.run(
        [_tool("mypy"), "ocplan_desktop"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout


def test_the_window_shell_shows_before_the_store_is_imported(tmp_path):
    """Start-up budget: the shell is shown from Qt alone; sqlite-utils and the pages come after."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from ocplan_desktop.app import make_application\n"
        "from ocplan_desktop.ui.main_window import MainWindow\n"
        "app = make_application()\n"
        f"w = MainWindow(QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat))\n"
        "w.show(); app.processEvents()\n"
        "print(sorted(m for m in ('sqlite_utils', 'ocplan_desktop.store', 'pyqtgraph') if m in sys.modules))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
