"""The window: File ▸ Sync now (Ctrl+Shift+S) in the background, its status, the password dialog,
and the Conflicts dialog with both values side by side."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from ocplan_desktop.app import make_application
from ocplan_desktop.services import meetings, minutes
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import open_workspace
from ocplan_desktop.ui.conflicts_dialog import ConflictsDialog
from ocplan_desktop.ui.main_window import MainWindow
from ocplan_desktop.ui.sync_controller import UNDO_CLEARED
from tests.sync.cluster import free_port
from tests.sync.views import same_record


@pytest.fixture
def bob_window(qtbot, pair, tmp_path):
    team, alice, bob = pair
    path = bob.path
    team.laptops.remove(bob)
    bob.close()
    make_application()
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.set_workspace(open_workspace(path, backups_dir=tmp_path / "backups"))
    window.show()
    qtbot.waitExposed(window)
    yield team, alice, window
    window.close()


def sync_in_window(qtbot, window, *, keys=True):
    """Sync now, by its shortcut (or its menu action), and wait for the background task."""
    controller = window.sync_controller
    controller.last_report = controller.last_error = None
    if keys:
        window.activateWindow()
        modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        qtbot.keyClick(window, Qt.Key.Key_S, modifiers)
    else:
        controller.sync_action.trigger()
    qtbot.waitUntil(
        lambda: controller.task is not None or controller.last_error is not None, timeout=5000
    )
    qtbot.waitUntil(lambda: controller.task is None, timeout=30000)
    return controller


def test_sync_now_runs_in_the_background_and_the_status_bar_says_what_waits(bob_window, qtbot):
    team, alice, window = bob_window
    controller = window.sync_controller
    assert controller.sync_action.shortcut().toString() == "Ctrl+Shift+S"
    assert controller.sync_action in window.file_menu.actions()
    assert (
        controller.status.text().startswith("Synced ")
        and "nothing waiting" in controller.status.text()
    )
    ws = window.ws
    meeting = int(ws.scalar("SELECT id FROM meetings ORDER BY date DESC LIMIT 1"))
    item = meetings.agenda(ws, meeting)[-1]
    window.session.run(
        "Rename item", lambda w: meetings.rename_item(w, item.id, "Any other business")
    )
    assert "1 change waiting" in controller.status.text()
    assert window.undo_stack.count() == 1
    # meanwhile Alice changes the meeting's venue
    records.update(
        alice, "meetings", same_record(ws, alice, "meetings", meeting), {"venue": "Room 9"}
    )
    team.sync(alice)

    sync_in_window(qtbot, window)
    report = controller.last_report
    assert (report.sent, report.received, report.conflicts) == (1, 1, ())
    assert records.get(ws, "meetings", meeting)["venue"] == "Room 9"
    assert "nothing waiting" in controller.status.text()
    # the pull changed the meeting, not the item Bob renamed: his undo step stays
    assert window.undo_stack.count() == 1
    assert window.statusBar().currentMessage() != UNDO_CLEARED
    team.sync(alice)
    a_meeting = same_record(ws, alice, "meetings", meeting)
    assert meetings.agenda(alice, a_meeting)[-1].title == "Any other business"
    # now Alice changes the item Bob renamed: the pull clears his history, and says so
    meetings.rename_item(alice, meetings.agenda(alice, a_meeting)[-1].id, "AOB and close")
    team.sync(alice)
    sync_in_window(qtbot, window)
    assert meetings.agenda(ws, meeting)[-1].title == "AOB and close"
    assert window.undo_stack.count() == 0
    assert window.statusBar().currentMessage() == UNDO_CLEARED


def test_a_conflict_opens_the_conflicts_dialog_with_a_word_level_difference(bob_window, qtbot):
    team, alice, window = bob_window
    ws = window.ws
    item = int(
        ws.scalar(
            "SELECT agenda_item_id FROM minutes JOIN agenda_items ON agenda_items.id = agenda_item_id "
            "JOIN meetings ON meetings.id = meeting_id WHERE minutes_status = 'draft'"
        )
    )
    paragraph_id, text = minutes.view(ws, item).paragraphs[0]
    window.session.run(
        "Edit paragraph",
        lambda w: minutes.edit_line(
            w, "paragraphs", paragraph_id, text + " Members asked for a briefing."
        ),
    )
    a_paragraph = same_record(ws, alice, "minute_paragraphs", paragraph_id)
    minutes.edit_line(alice, "paragraphs", a_paragraph, text.replace("the", "this", 1))
    team.sync(alice)

    sync_in_window(qtbot, window)
    assert len(window.sync_controller.last_report.conflicts) == 1
    box = window.last_message
    assert isinstance(box, QMessageBox) and box.windowTitle() == "Changes to settle"
    show = next(b for b in box.buttons() if b.text() == "Show conflicts…")
    qtbot.mouseClick(show, Qt.MouseButton.LeftButton)
    dialog = window.sync_controller.conflicts_dialog
    assert isinstance(dialog, ConflictsDialog) and dialog.isVisible()
    assert dialog.list.count() == 1 and "paragraph" in dialog.list.item(0).text()
    mine_html, theirs_html = dialog.mine.toHtml(), dialog.theirs.toHtml()
    assert (
        "briefing." in dialog.mine.toPlainText() and "briefing" not in dialog.theirs.toPlainText()
    )
    assert "#d4f4d2" in mine_html and "line-through" in theirs_html  # words marked, both sides
    assert "alice" in dialog.theirs_title.text()

    qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    assert dialog.list.count() == 0 and dialog.empty.isVisible()
    assert minutes.view(ws, item).paragraphs[0][1].endswith("Members asked for a briefing.")
    # settling is an edit like any other: undo opens the conflict again with theirs back
    window.undo_stack.undo()
    assert dialog.list.count() == 1
    assert not minutes.view(ws, item).paragraphs[0][1].endswith("Members asked for a briefing.")
    window.undo_stack.redo()
    assert dialog.list.count() == 0
    assert minutes.view(ws, item).paragraphs[0][1].endswith("Members asked for a briefing.")
    assert "1 change waiting" in window.sync_controller.status.text()
    sync_in_window(qtbot, window, keys=False)  # from the menu, with the dialog still open
    assert "nothing waiting" in window.sync_controller.status.text()


def test_the_password_is_asked_for_in_a_dialog_when_nothing_else_has_it(
    bob_window, qtbot, monkeypatch, tmp_path
):
    team, _alice, window = bob_window
    empty = tmp_path / "empty-pgpass"
    empty.write_text("")
    empty.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(empty))
    controller = sync_in_window(qtbot, window)
    dialog = controller.password_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    qtbot.keyClicks(dialog.password, team.cluster.passwords["bob"])
    dialog.accept()
    qtbot.waitUntil(
        lambda: controller.task is None and controller.last_report is not None, timeout=30000
    )
    assert controller.last_error is None


def test_a_server_that_cannot_be_reached_is_one_dialog_and_changes_nothing(bob_window, qtbot):
    _team, _alice, window = bob_window
    ws = window.ws
    before = (
        ws.scalar("SELECT count(*) FROM audit_log"),
        ws.scalar("SELECT last_synced_at FROM sync_state"),
    )
    with ws.atomic() as db:
        db.execute(
            "UPDATE sync_state SET server_url = ?",
            (f"postgresql://bob@127.0.0.1:{free_port()}/nowhere",),
        )
    sync_in_window(qtbot, window)
    box = window.last_message
    assert box.windowTitle() == "Sync failed" and "cannot reach the team server" in box.text()
    assert (
        ws.scalar("SELECT count(*) FROM audit_log"),
        ws.scalar("SELECT last_synced_at FROM sync_state"),
    ) == before


def test_minutes_approved_by_another_officer_clear_the_history_of_edits_to_them(bob_window, qtbot):
    """Bob's edit reached the server before Alice approved the minutes, so the pull changes the
    meeting, not his paragraph: undoing his step would still change locked minutes."""
    from ocplan_desktop.services import minutes_approval
    from tests.sync.test_team_sync import SCRUTINY_DRAFT, SCRUTINY_NEXT, item_with_minutes
    from tests.sync.test_team_sync import meeting_id as meeting_of

    team, alice, window = bob_window
    ws = window.ws
    item = item_with_minutes(ws, SCRUTINY_DRAFT)
    paragraph_id, text = minutes.view(ws, item).paragraphs[0]
    window.session.run(
        "Edit paragraph",
        lambda w: minutes.edit_line(w, "paragraphs", paragraph_id, text + " Noted."),
    )
    sync_in_window(qtbot, window)
    assert window.undo_stack.count() == 1  # the sync sent it and brought nothing back
    team.sync(alice)
    minutes_approval.approve(
        alice, meeting_of(alice, SCRUTINY_DRAFT), meeting_of(alice, SCRUTINY_NEXT)
    )
    team.sync(alice)
    sync_in_window(qtbot, window)
    assert minutes.view(ws, item).locked
    assert window.undo_stack.count() == 0
    assert window.statusBar().currentMessage() == UNDO_CLEARED
    assert minutes.view(ws, item).paragraphs[0][1] == text + " Noted."
