"""The window looking after the workspace: backups, restore, check, locks, damaged files."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QMessageBox

from ocplan_desktop.services import backups
from ocplan_desktop.store import lock
from ocplan_desktop.ui import workspace_care as workspace_care_module
from ocplan_desktop.ui.backups_dialog import RestoreBackupDialog


def click(box: QMessageBox, text: str) -> None:
    (button,) = [button for button in box.buttons() if button.text() == text]
    button.click()


def test_a_daily_backup_is_made_when_a_workspace_opens(window, qtbot):
    qtbot.waitUntil(lambda: bool(backups.list_backups(window.ws.path)), timeout=10_000)
    (made,) = backups.list_backups(window.ws.path)
    assert made.reason == "daily"


def test_a_changed_workspace_is_backed_up_by_the_timer(window, qtbot):
    qtbot.waitUntil(lambda: len(backups.list_backups(window.ws.path)) == 1, timeout=10_000)
    window.care._on_backup_timer_timeout()  # nothing changed: no backup
    assert len(backups.list_backups(window.ws.path)) == 1
    window.ws.set_setting("marker", "x")
    window.care.changed_since_backup = True
    window.care._on_backup_timer_timeout()
    qtbot.waitUntil(lambda: len(backups.list_backups(window.ws.path)) == 2, timeout=10_000)
    assert backups.list_backups(window.ws.path)[0].reason == "auto"


def test_restore_from_backup_opens_the_restored_copy(window, qtbot, tmp_path):
    window.care.back_up("manual")
    qtbot.waitUntil(lambda: any(b.reason == "manual" for b in backups.list_backups(window.ws.path)))
    dialog = RestoreBackupDialog(window.ws.path, window)
    qtbot.addWidget(dialog)
    dialog.restored.connect(window.open_path)
    backup = dialog.table.current_record()
    assert backup is not None and dialog.table.model.rowCount() >= 1
    target = tmp_path / "restored.ocplan"
    assert dialog.restore_into(backup, target)
    assert window.ws.path == target
    assert window.windowTitle().startswith("restored")
    assert not dialog.restore_into(backup, target)  # never over an existing file
    assert "already exists" in dialog.error.text()


def test_check_workspace_runs_with_progress_and_reports(window, qtbot):
    window.care._on_check_triggered()
    qtbot.waitUntil(
        lambda: window.last_message is not None and "No problems" in window.last_message.text()
    )
    assert window.care.last_check.problems == ()


def test_a_workspace_in_use_elsewhere_opens_read_only_if_asked(
    window, qtbot, demo_master, tmp_path
):
    from tests.conftest import copy_workspace

    other = copy_workspace(demo_master, tmp_path / "shared.ocplan")
    lock.lock_path(other).write_text(
        json.dumps({"host": "town-hall-pc", "user": "colleague", "pid": 99, "started": 1.0})
    )
    assert window.open_path(other) is False
    box = window.last_message
    assert "colleague on town-hall-pc" in box.text()
    click(box, "Open read-only")
    qtbot.waitUntil(lambda: window.ws.path == other)
    assert window.ws.read_only and "[read-only]" in window.windowTitle()


def test_a_damaged_workspace_offers_its_newest_good_backup(window, qtbot, tmp_path, monkeypatch):
    path = window.ws.path
    window.care.back_up("manual")
    qtbot.waitUntil(lambda: any(b.reason == "manual" for b in backups.list_backups(path)))
    window.create_workspace(tmp_path / "elsewhere")  # close the demo before it is damaged
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 500] = b"\xff" * 500
    path.write_bytes(bytes(data))
    target = tmp_path / "rescued.ocplan"
    monkeypatch.setattr(workspace_care_module, "ask_for_new_file", lambda *_args: target)
    assert window.open_path(path) is False
    box = window.last_message
    assert "newest good backup" in box.text()
    click(box, "Restore backup…")
    qtbot.waitUntil(lambda: window.ws.path == target)
    assert window.ws.scalar("SELECT count(*) FROM indicators") == 73


def test_the_audit_trail_lists_every_change_and_filters_by_record(window, qtbot):
    from ocplan_desktop.services import edits
    from ocplan_desktop.services.change import COMMITTEES

    window.session.run(
        "Add committee",
        lambda w: edits.inserted(w, "committees", {"name": "Audit <b>&</b>"}, COMMITTEES),
    )
    (committee_id,) = [
        row["id"] for row in window.ws.query("SELECT id FROM committees WHERE name LIKE 'Audit%'")
    ]
    window.session.run(
        "Rename",
        lambda w: edits.updated(
            w, "committees", committee_id, {"name": "Audit Committee"}, COMMITTEES
        ),
    )
    window.care.audit_action.trigger()
    dialog = window.care.audit_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.table.model.rowCount() > 100  # the demo's history too
    newest = dialog.table.model.record(0)
    assert newest.table_name == "committees" and newest.action == "update"
    dialog.show_record("committees", committee_id)
    rows = dialog.table.model.rows()
    assert [row.action for row in rows] == ["update", "insert"]
    assert "name: Audit <b>&</b> → Audit Committee" in dialog.detail.toPlainText()
    dialog.record_box.setText("twelve")
    dialog.reload()
    assert "whole number" in dialog.note.text()
    dialog.close()


def test_a_workspace_on_a_network_drive_is_a_local_copy_with_a_warning(
    window, qtbot, demo_master, tmp_path, monkeypatch
):
    from ocplan_desktop.store import network
    from tests.conftest import copy_workspace

    shared = copy_workspace(demo_master, tmp_path / "shared.ocplan")
    monkeypatch.setattr(network, "is_network_path", lambda path: path.resolve() == shared.resolve())
    assert window.open_path(shared)
    assert window.ws.origin == shared and window.ws.path != shared
    assert "[network copy]" in window.windowTitle()
    assert "network drive" in window.last_message.text()
    assert window.settings.value("last_workspace") == str(shared.resolve())


def test_a_lock_left_by_another_computer_is_broken_after_a_warning(
    window, qtbot, demo_master, tmp_path
):
    import datetime as dt

    from tests.conftest import copy_workspace

    shared = copy_workspace(demo_master, tmp_path / "Shared.ocplan")
    taken = dt.datetime(2023, 12, 20, 14, 5).timestamp()
    lock.lock_path(shared).write_text(
        json.dumps({"host": "TOWNHALL-PC", "user": "jsmith", "pid": 4242, "started": 1.0,
                    "since": taken})
    )  # fmt: skip
    assert window.open_path(shared) is False
    first = window.last_message
    assert "jsmith on TOWNHALL-PC (process 4242) since 20 December 2023 at 14:05" in first.text()
    click(first, "Break the lock…")
    warning = window.last_message
    assert warning is not first
    assert "locked by jsmith on TOWNHALL-PC since 20 December 2023 at 14:05" in warning.text()
    assert "changes could be lost" in warning.text()
    assert warning.defaultButton() is warning.button(QMessageBox.StandardButton.Cancel)
    click(warning, "Break the lock and open")
    qtbot.waitUntil(lambda: window.ws is not None and window.ws.path == shared)
    assert not window.ws.read_only
    assert lock.read_lock(shared).user != "jsmith"


def test_a_lock_of_a_process_on_this_computer_cannot_be_broken(window, demo_master, tmp_path):
    import os
    import socket

    from tests.conftest import copy_workspace

    shared = copy_workspace(demo_master, tmp_path / "Mine.ocplan")
    me = lock._me()
    lock.lock_path(shared).write_text(
        json.dumps({**me.__dict__, "host": socket.gethostname(), "pid": os.getppid(),
                    "started": lock._process_start(os.getppid())})
    )  # fmt: skip
    assert window.open_path(shared) is False
    texts = [button.text() for button in window.last_message.buttons()]
    assert "Open read-only" in texts and "Break the lock…" not in texts
