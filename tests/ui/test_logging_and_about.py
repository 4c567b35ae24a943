"""A log for IT, a crash log, one dialog for an error nobody expected (with its details to copy), and
Help ▸ About with the version, the workspace and where the log is."""

from __future__ import annotations

import faulthandler
import logging
import os
import subprocess
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from ocplan_desktop import __version__, logs
from ocplan_desktop.ui import crash_dialog
from ocplan_desktop.ui.about_dialog import AboutDialog
from ocplan_desktop.ui.application import install_exception_hook

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def logging_to(tmp_path):
    was_enabled = faulthandler.is_enabled()
    logs.stop_logging()
    path = logs.start_logging(tmp_path / "log")
    yield path
    logs.stop_logging()
    if was_enabled:
        faulthandler.enable()


def test_the_log_rotates_in_its_folder_and_faulthandler_is_on(logging_to):
    assert logging_to.name == "ocplan.log" and logging_to.exists()
    handler = next(h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler))
    assert Path(handler.baseFilename) == logging_to
    assert handler.maxBytes == 1_000_000 and handler.backupCount >= 3
    assert faulthandler.is_enabled()
    assert f"ocplan {__version__} started" in logging_to.read_text(encoding="utf-8")


def test_the_command_line_logs_to_the_users_log_folder(demo_path, tmp_path):
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    nothing = tmp_path / "nothing.ocplan"
    nothing.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "ocplan_desktop", "check", "--db", str(nothing)],
        env=env, capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 1
    log = (tmp_path / "state" / "ocplan" / "log" / "ocplan.log").read_text(encoding="utf-8")
    assert "started" in log and "is empty (0 bytes)" in log
    assert (tmp_path / "state" / "ocplan" / "log" / "crash.log").exists()


def raise_and_catch():
    try:
        {}["agenda item 7"]
    except KeyError:
        return sys.exc_info()


def test_an_unexpected_error_is_one_dialog_with_details_to_copy(window, logging_to):
    dialog = crash_dialog.report_exception(*raise_and_catch())
    try:
        assert dialog is not None and dialog.isVisible()
        text = dialog.message.text()
        assert "KeyError: 'agenda item 7'" in text
        assert "What you had done is saved" in text and str(logging_to.parent) in text
        dialog.copy_button.click()
        copied = QGuiApplication.clipboard().text()
        assert f"ocplan {__version__}" in copied and "raise_and_catch" in copied
        again = crash_dialog.report_exception(*raise_and_catch())
        assert again is dialog and "(2 times)" in dialog.windowTitle()
        assert logging_to.read_text(encoding="utf-8").count("KeyError: 'agenda item 7'") == 2
    finally:
        dialog.close()


def test_the_hook_catches_errors_on_any_thread(window, qtbot, logging_to, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_exception_hook()
    assert sys.excepthook is not sys.__excepthook__

    def fail():
        raise RuntimeError("the export thread fell over")

    thread = threading.Thread(target=fail)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(crash_dialog._open))
    dialog = crash_dialog._open[-1]
    assert "RuntimeError: the export thread fell over" in dialog.message.text()
    dialog.close()


def test_help_about_shows_version_workspace_and_log_folder(window):
    window._on_about_triggered()
    about = window.about_dialog
    assert isinstance(about, AboutDialog) and about.isVisible()
    assert about.values["Version"].text() == __version__
    assert about.values["Workspace"].text() == str(window.ws.path)
    assert about.values["Log folder"].text() == str(logs.log_folder())
    about.copy_button.click()
    assert f"Version: {__version__}" in QGuiApplication.clipboard().text()
    about.close()
