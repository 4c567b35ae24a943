"""The bundle and the desktop: one version number everywhere, the spec's choices for Windows (no
console window behind the window, a console program for the commands, the icon, the version), the
icon files drawn from the SVG, and the Linux desktop entry that packaging/ installs."""

from __future__ import annotations

import configparser
import importlib.metadata
import os
import shlex
import struct
import subprocess
import sys
import tomllib
import types
from pathlib import Path

import ocplan_desktop

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"


def test_one_version_number_for_the_wheel_the_bundle_and_about():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert importlib.metadata.version("ocplan-desktop") == ocplan_desktop.__version__
    result = subprocess.run(
        [sys.executable, "-m", "ocplan_desktop", "--version"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert result.stdout.strip() == f"ocplan {ocplan_desktop.__version__}"


class Recorded(types.SimpleNamespace):
    pass


def run_spec(platform: str, tmp_path: Path, monkeypatch) -> dict[str, list]:
    """Execute packaging/ocplan.spec with PyInstaller's build steps recorded instead of run."""
    calls: dict[str, list] = {"EXE": [], "COLLECT": []}
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda name: [name]
    hooks.collect_data_files = lambda name, **kwargs: []
    hooks.collect_dynamic_libs = lambda name, **kwargs: []
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)

    def exe(*args, **kwargs):
        calls["EXE"].append(kwargs)
        return Recorded(kind="EXE", **kwargs)

    def collect(*args, **kwargs):
        calls["COLLECT"].append((args, kwargs))

    namespace = {
        "SPECPATH": str(PACKAGING),
        "workpath": str(tmp_path / "build"),
        "Analysis": lambda *a, **k: Recorded(pure=[], scripts=[], binaries=[], datas=k["datas"]),
        "PYZ": lambda *a, **k: Recorded(),
        "EXE": exe,
        "COLLECT": collect,
    }
    code = (PACKAGING / "ocplan.spec").read_text(encoding="utf-8")
    exec(compile(code, "ocplan.spec", "exec"), namespace)  # noqa: S102
    return calls


def test_on_windows_the_window_has_no_console_and_the_commands_have_one(tmp_path, monkeypatch):
    calls = run_spec("win32", tmp_path, monkeypatch)
    programs = {call["name"]: call for call in calls["EXE"]}
    assert programs["ocplan"]["console"] is False
    assert programs["ocplan-cli"]["console"] is True
    for program in programs.values():
        assert program["icon"] == str(ICONS / "ocplan.ico")
        version = Path(program["version"]).read_text(encoding="utf-8")
        assert f"StringStruct('ProductVersion', '{ocplan_desktop.__version__}')" in version
    (args, kwargs) = calls["COLLECT"][0]
    assert (
        kwargs["name"] == "ocplan"
        and len([a for a in args if getattr(a, "kind", "") == "EXE"]) == 2
    )


def test_elsewhere_one_program_runs_window_and_commands(tmp_path, monkeypatch):
    calls = run_spec("linux", tmp_path, monkeypatch)
    (program,) = calls["EXE"]
    assert program["name"] == "ocplan" and program["console"] is True
    assert program["icon"] == str(ICONS / "ocplan.png") and program["version"] is None


def test_the_icon_files_are_drawn_from_the_svg():
    png = (ICONS / "ocplan.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (256, 256)
    data = (ICONS / "ocplan.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1) and count >= 5
    sides = {struct.unpack("<B", data[6 + 16 * i : 7 + 16 * i])[0] or 256 for i in range(count)}
    assert {16, 32, 48, 256} <= sides
    from PySide6.QtGui import QImage

    image = QImage(str(ICONS / "ocplan.png"))
    assert image.pixelColor(128, 128).name() == "#1f3a4d"  # the SVG's background, not blank


def test_the_desktop_entry_is_installed_into_the_users_xdg_folders(tmp_path):
    program = tmp_path / "My Apps" / "ocplan"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share"), "HOME": str(tmp_path)}
    result = subprocess.run(
        [str(PACKAGING / "install-desktop.sh"), str(program)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    entry = tmp_path / "share" / "applications" / "ocplan.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(entry, encoding="utf-8")
    desktop = parser["Desktop Entry"]
    assert desktop["Type"] == "Application" and desktop["Name"] == "ocplan desktop"
    assert shlex.split(desktop["Exec"]) == [str(program)]
    assert desktop["TryExec"] == str(program)
    assert desktop["Icon"] == "ocplan" and desktop["Terminal"] == "false"
    assert desktop["Categories"].endswith(";")
    icons = tmp_path / "share" / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "ocplan.svg").read_bytes() == (
        ICONS / "ocplan.svg"
    ).read_bytes()
    assert (icons / "256x256" / "apps" / "ocplan.png").read_bytes() == (
        ICONS / "ocplan.png"
    ).read_bytes()
    assert not list((tmp_path / "share" / "applications").glob("*.partial"))
    removed = subprocess.run(
        [str(PACKAGING / "install-desktop.sh"), "--uninstall"], env=env, capture_output=True
    )
    assert removed.returncode == 0 and not entry.exists()


def test_the_installer_refuses_a_program_that_is_not_there(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    result = subprocess.run(
        [str(PACKAGING / "install-desktop.sh"), str(tmp_path / "missing")],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert not (tmp_path / "share").exists()


def test_the_window_names_its_desktop_entry(qapp):
    from ocplan_desktop.app import make_application

    assert make_application().desktopFileName() == "ocplan"
