"""Undo and Redo from the keyboard, one key per action anywhere in the window, and an undo that the
workspace refuses leaving the stack as it was with a message saying why."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from ocplan_desktop.services import meetings, minutes, reports
from ocplan_desktop.ui.main_window import MainWindow
from ocplan_desktop.ui.pages.meetings_page import MeetingsPage


def _applies(context: Qt.ShortcutContext, owners: list[QWidget], focus: QWidget) -> bool:
    if context == Qt.ShortcutContext.ApplicationShortcut:
        return True
    if context == Qt.ShortcutContext.WindowShortcut:
        return any(owner.window() is focus.window() for owner in owners)
    if context == Qt.ShortcutContext.WidgetWithChildrenShortcut:
        return any(owner is focus or owner.isAncestorOf(focus) for owner in owners)
    return focus in owners  # WidgetShortcut


def active_keys(window: MainWindow, focus: QWidget) -> Counter[str]:
    """Every key sequence that would fire with `focus` focused, counted once per registration
    (an action given the same key twice counts twice: Qt calls that ambiguous too)."""
    keys: Counter[str] = Counter()
    for action in window.findChildren(QAction):
        owners = [w for w in action.associatedObjects() if isinstance(w, QWidget)]
        owners = [w for w in owners if type(w).__name__ != "QMenu"]  # menus pass keys on
        if not owners and action.shortcutContext() == Qt.ShortcutContext.WindowShortcut:
            owners = [window]
        if _applies(action.shortcutContext(), owners, focus):
            keys.update(key.toString() for key in action.shortcuts() if not key.isEmpty())
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if isinstance(parent, QWidget) and _applies(shortcut.context(), [parent], focus):
            keys.update(key.toString() for key in shortcut.keys() if not key.isEmpty())
    return keys


def every_place(window: MainWindow) -> list[QWidget]:
    """Every widget that can hold the focus, on every page."""
    places: list[QWidget] = [window.nav]
    for row, page in enumerate(window.pages):
        window.show_page(row)
        places += [
            w for w in page.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        ]
    return places


def test_no_key_is_bound_twice_anywhere_in_the_window(window):
    clashes = {}
    for place in every_place(window):
        twice = {key: count for key, count in active_keys(window, place).items() if count > 1}
        if twice:
            clashes[f"{type(place).__name__} {place.accessibleName() or place.objectName()}"] = (
                twice
            )
    assert clashes == {}


def test_undo_and_redo_keys_are_named_once_whatever_the_desktop(window):
    undo = window.findChild(QAction, "undoAction")
    redo = window.findChild(QAction, "redoAction")
    assert [key.toString() for key in undo.shortcuts()] == ["Ctrl+Z"]
    assert [key.toString() for key in redo.shortcuts()] == ["Ctrl+Shift+Z", "Ctrl+Y"]


def meetings_page(window: MainWindow) -> MeetingsPage:
    window.show_page(0)
    page = window.pages[0]
    assert isinstance(page, MeetingsPage)
    return page


def draft_item(window: MainWindow) -> tuple[int, int]:
    """(meeting id, item id) of the first item of a held meeting whose minutes are draft."""
    for meeting in meetings.list_meetings(window.ws):
        details = meetings.details(window.ws, meeting.id)
        if meeting.status == "held" and not details.locked:
            return meeting.id, meetings.agenda(window.ws, meeting.id)[0].id
    raise AssertionError("no held meeting with draft minutes in the demo")


def test_ctrl_z_ctrl_shift_z_and_ctrl_y_undo_and_redo_from_a_table(window, qtbot, qtlog):
    page = meetings_page(window)
    _meeting, item_id = draft_item(window)
    original = minutes.view(window.ws, item_id).heading
    assert window.session.run(
        "Edit heading", lambda ws: minutes.set_heading(ws, item_id, "Heading to take back")
    )
    stack = window.undo_stack
    table = page.meetings.view
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    selected = page.meeting_id
    steps = []
    for key, modifiers in (
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
    ):
        qtbot.keyClick(table, key, modifiers)
        steps.append((stack.index(), minutes.view(window.ws, item_id).heading))
    assert steps == [
        (0, original),
        (1, "Heading to take back"),
        (0, original),
        (1, "Heading to take back"),
    ]
    assert page.meeting_id == selected
    assert not [r for r in qtlog.records if "Ambiguous" in r.message]
    assert window.statusBar().currentMessage() == "Redone: Edit heading"


def a_new_report(window: MainWindow) -> int:
    (report_id,) = reports.create_report(window.ws, "Draft report on street lighting").ids
    return int(report_id)


def report_deleted_elsewhere(window: MainWindow, report_id: int) -> None:
    """Another connection (a colleague's sync, a script) deletes the report meanwhile."""
    other = window.ws.reopen()
    try:
        reports.delete_report(other, report_id)
    finally:
        other.close()


def test_an_undo_the_workspace_refuses_leaves_the_stack_as_it_was_and_says_why(window):
    report_id = a_new_report(window)
    assert window.session.run(
        "Edit title", lambda ws: reports.set_field(ws, report_id, "title", "A title to take back")
    )
    report_deleted_elsewhere(window, report_id)
    stack = window.undo_stack
    assert (stack.index(), stack.count()) == (1, 1)
    assert window.session.undo() is False
    assert (stack.index(), stack.count(), stack.canRedo()) == (1, 1, False)  # as it was
    assert stack.undoText() == "Edit title"
    text = window.last_message.text()
    assert text.startswith("Could not undo “Edit title”: there is no report")
    assert text.endswith("Nothing was changed.")


def test_a_redo_the_workspace_refuses_stays_redoable_and_says_why(window):
    report_id = a_new_report(window)
    assert window.session.run(
        "Edit title", lambda ws: reports.set_field(ws, report_id, "title", "A title undone")
    )
    assert window.session.undo()
    report_deleted_elsewhere(window, report_id)
    stack = window.undo_stack
    assert window.session.redo() is False
    assert (stack.index(), stack.count(), stack.canRedo()) == (0, 1, True)
    assert window.last_message.text().startswith("Could not redo “Edit title”: there is no report")
