"""Nothing typed is lost: for every kind of editor in the window (a line, a box of text, a table
cell, an entry in a list, a dialog), type, quit at once, open the workspace again and find the text.

Quitting is what the officer does: Ctrl+Q from where they are typing (or, with a dialog open, the app
being asked to quit, as logging out does). No window or message is left behind after it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from shiboken6 import isValid

from ocplan_desktop.services import meetings, minutes, reports
from ocplan_desktop.store import indicators as indicator_store
from ocplan_desktop.store import reference
from ocplan_desktop.store.workspace import open_workspace
from ocplan_desktop.ui.main_window import MainWindow
from ocplan_desktop.ui.pages.indicators_page import IndicatorsPage
from ocplan_desktop.ui.pages.meetings_page import REPORTS_TAB, MeetingsPage
from ocplan_desktop.ui.widgets.meeting_panel import MINUTES_TAB

TYPED = "Cllr O'Brien asked about <wards> & the QR codes"


def focus_and_type(qtbot, window: MainWindow, widget, text: str) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)
    for char in text:  # to wherever the focus is, as a keyboard does (a cell opens its editor)
        qtbot.keyClicks(QApplication.focusWidget(), char)


def press_ctrl_q(qtbot) -> None:
    """Ctrl+Q where the officer is typing: File ▸ Quit, with no pause before it."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)


def nothing_left_on_screen(window: MainWindow) -> list[str]:
    """The window's own top-level widgets (itself, its dialogs and messages) still shown."""
    return [
        w.windowTitle() or type(w).__name__
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and (w is window or window.isAncestorOf(w))
    ]


def quit_app() -> None:
    """The app asked to quit (logging out, a signal): Qt's own Quit event, which closes every
    window, dialogs first. (Sent here rather than from a running `exec()`: pytest-qt has no event
    loop running, and quitting one it did not start upsets later tests. The short `exec()` after
    it clears the "quit now" mark the event leaves.)"""
    app = QCoreApplication.instance()
    QCoreApplication.sendEvent(app, QEvent(QEvent.Type.Quit))
    QTimer.singleShot(0, lambda: app.exit(0))
    app.exec()


def meetings_page(window: MainWindow) -> MeetingsPage:
    window.show_page(0)
    page = window.pages[0]
    assert isinstance(page, MeetingsPage)
    return page


def a_draft_meeting(page: MeetingsPage) -> int:
    """Select the first meeting whose minutes are not approved (approved minutes are locked)."""
    for row in range(page.meetings.proxy.rowCount()):
        page.meetings.view.selectRow(row)
        details = page.panel.details
        if details is not None and not details.locked and page.panel.agenda.items:
            return details.meeting.id
    raise AssertionError("the demo has no meeting with draft minutes")


def an_item_with_minutes(window: MainWindow, page: MeetingsPage) -> int:
    """The first agenda item of a meeting with draft minutes, open in the minutes editor."""
    a_draft_meeting(page)
    page.panel.open_minutes(page.panel.agenda.items[0].id)
    assert page.panel.tabs.currentIndex() == MINUTES_TAB
    item_id = page.panel.minutes.item_id
    assert item_id is not None
    return item_id


def test_a_line_typed_is_saved_when_the_app_quits_at_once(window, qtbot):
    path = window.ws.path
    page = meetings_page(window)
    item_id = an_item_with_minutes(window, page)
    field = page.panel.minutes.report_of
    field.selectAll()
    focus_and_type(qtbot, window, field, TYPED)
    press_ctrl_q(qtbot)
    assert not window.isVisible() and window.ws is None
    assert nothing_left_on_screen(window) == []
    with open_workspace(path) as ws:
        assert minutes.view(ws, item_id).report_of == TYPED


def test_a_new_entry_in_a_list_is_saved_and_no_lone_warning_is_left(window, qtbot):
    """The reported case: a "Questions and comments" entry still open when Ctrl+Q is pressed."""
    path = window.ws.path
    page = meetings_page(window)
    item_id = an_item_with_minutes(window, page)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.menu_actions.add_bullet.trigger()
    bullets = page.panel.minutes.bullets

    def editor():
        found = [e for e in bullets.findChildren(QPlainTextEdit, "cellEditor") if e.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: editor() is not None)
    qtbot.keyClicks(editor(), TYPED)
    press_ctrl_q(qtbot)
    assert not window.isVisible()
    assert window.last_message is None  # no "no workspace is open" warning
    assert nothing_left_on_screen(window) == []
    with open_workspace(path) as ws:
        assert TYPED in [text for _id, text in minutes.view(ws, item_id).bullets]


def test_a_box_of_text_is_saved_when_the_app_quits_at_once(window, qtbot):
    path = window.ws.path
    page = meetings_page(window)
    page.tabs.setCurrentIndex(REPORTS_TAB)
    editor = page.reports.editor
    qtbot.waitUntil(lambda: editor.report_id is not None)
    report_id = editor.report_id
    summary = editor.fields["executive_summary"]
    summary.selectAll()
    focus_and_type(qtbot, window, summary, TYPED)
    press_ctrl_q(qtbot)
    assert not window.isVisible()
    with open_workspace(path) as ws:
        assert reports.draft(ws, report_id).fields["executive_summary"] == TYPED


def test_a_table_cell_typed_is_saved_when_the_app_quits_at_once(window, qtbot):
    path = window.ws.path
    window.show_page(2)
    page = window.pages[2]
    assert isinstance(page, IndicatorsPage)
    qtbot.waitUntil(lambda: page.main_row_count() > 0)
    cc02 = indicator_store.code_owner(window.ws, "CC02")
    own = reference.own_area(window.ws).id
    page.open_indicator(cc02)
    detail = page.detail_tab
    grid = detail.grid
    grid.setCurrentIndex(detail.model.index(detail.model.row_of("2022-23"), 0))
    focus_and_type(qtbot, window, grid, "561")  # typing starts the cell's editor
    assert grid.state() == grid.State.EditingState
    press_ctrl_q(qtbot)
    assert not window.isVisible()
    with open_workspace(path) as ws:
        assert indicator_store.find_value(ws, cc02, "2022-23", own).value == 561


def test_a_dialog_open_when_the_app_quits_saves_what_was_typed_in_it(window, qtbot):
    path = window.ws.path
    page = meetings_page(window)
    meeting_id = a_draft_meeting(page)
    page.menu_actions.edit_meeting.trigger()
    dialog = page.menu_actions.dialog
    qtbot.waitActive(dialog)
    dialog.venue.selectAll()
    qtbot.keyClicks(dialog.venue, "Diamond Room 2, Council House")
    quit_app()
    assert not window.isVisible() and not (isValid(dialog) and dialog.isVisible())
    assert nothing_left_on_screen(window) == []
    with open_workspace(path) as ws:
        assert meetings.details(ws, meeting_id).meeting.venue == "Diamond Room 2, Council House"


def test_a_dialog_left_as_it_opened_is_not_saved_on_quit(window, qtbot):
    path = window.ws.path
    page = meetings_page(window)
    page.menu_actions.new_meeting.trigger()
    dialog = page.menu_actions.dialog
    qtbot.waitActive(dialog)
    with open_workspace(path, read_only=True) as ws:
        before = len(meetings.list_meetings(ws))
    quit_app()
    assert not window.isVisible()
    with open_workspace(path) as ws:
        assert len(meetings.list_meetings(ws)) == before


def test_switching_workspace_saves_the_one_being_typed_in(window, qtbot, demo_master, tmp_path):
    from tests.conftest import copy_workspace

    first = window.ws.path
    other = copy_workspace(demo_master, tmp_path / "other.ocplan")
    page = meetings_page(window)
    item_id = an_item_with_minutes(window, page)
    field = page.panel.minutes.report_of
    field.selectAll()
    focus_and_type(qtbot, window, field, TYPED)
    assert window.open_path(other)
    assert window.ws.path == other
    with open_workspace(first) as ws:
        assert minutes.view(ws, item_id).report_of == TYPED


def test_a_refused_cell_keeps_the_window_open_and_says_why(window, qtbot):
    window.show_page(2)
    page = window.pages[2]
    qtbot.waitUntil(lambda: page.main_row_count() > 0)
    page.open_indicator(indicator_store.code_owner(window.ws, "CC02"))
    grid = page.detail_tab.grid
    grid.setCurrentIndex(page.detail_tab.model.index(0, 0))
    focus_and_type(qtbot, window, grid, "lots")
    press_ctrl_q(qtbot)
    assert window.isVisible() and window.ws is not None
    assert "'lots' is not a number" in window.last_message.text()


def test_the_window_closed_by_the_desktop_saves_too(window, qtbot, tmp_path: Path):
    path = window.ws.path
    page = meetings_page(window)
    item_id = an_item_with_minutes(window, page)
    field = page.panel.minutes.heading
    field.selectAll()
    focus_and_type(qtbot, window, field, "Heading typed before the window was closed")
    window.close()  # the title bar's close button
    with open_workspace(path) as ws:
        assert minutes.view(ws, item_id).heading == "Heading typed before the window was closed"


def test_a_shutdown_signal_quits_the_app_as_ctrl_q_does(demo_path, tmp_path):
    """SIGTERM (logging out, shutting down) closes the workspace in order: its lock is released
    and the process ends with 0, rather than being killed with the workspace open."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from ocplan_desktop.store import lock

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "c")}
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    process = subprocess.Popen(
        [sys.executable, "-m", "ocplan_desktop", "--db", str(demo_path)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while lock.read_lock(demo_path) is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert lock.read_lock(demo_path).pid == process.pid
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert lock.read_lock(demo_path) is None
