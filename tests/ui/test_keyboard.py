"""The window without a mouse: menus with Alt keys, Tab from pane to pane, every action in a menu,
lettered items added as siblings, and one meeting cycle driven by the keyboard alone."""

from __future__ import annotations

import re

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from ocplan_desktop.services import meetings, minutes
from ocplan_desktop.ui.main_window import MainWindow
from ocplan_desktop.ui.pages.meetings_page import MeetingsPage

CONTROL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def mnemonic(text: str) -> str | None:
    """The Alt key of a menu text (`&File` → `f`); `&&` is a shown ampersand, not a key."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def shown(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def visible_menus(window: MainWindow) -> list[QMenu]:
    return [a.menu() for a in window.menuBar().actions() if a.menu() is not None and a.isVisible()]


def test_every_menu_has_its_own_alt_key_on_every_page(window):
    for row in range(len(window.pages)):
        window.show_page(row)
        keys = [mnemonic(menu.title()) for menu in visible_menus(window)]
        assert None not in keys, [menu.title() for menu in visible_menus(window)]
        assert len(keys) == len(set(keys)), [menu.title() for menu in visible_menus(window)]


def test_every_menu_item_has_an_alt_key_of_its_own(window):
    problems = []
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    for menu in menus:
        texts = [a.text() for a in menu.actions() if not a.isSeparator() and a.text()]
        if menu.objectName() == "recentMenu":
            continue
        keys = [mnemonic(text) for text in texts]
        if None in keys or len(keys) != len(set(keys)):
            problems.append((shown(menu.title()), texts))
    assert problems == []


def test_the_view_menu_shows_the_ampersand_of_meetings_and_minutes(window):
    view = next(m for m in visible_menus(window) if shown(m.title()) == "View")
    texts = [shown(a.text()) for a in view.actions()]
    assert texts[0] == "Meetings & minutes"
    assert texts[-1] == "Print & export"


def meetings_page(window: MainWindow) -> MeetingsPage:
    window.show_page(0)
    page = window.pages[0]
    assert isinstance(page, MeetingsPage)
    return page


def activate(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot, key, modifiers=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focus(), key, modifiers)


def type_text(qtbot, text: str) -> None:
    for char in text:
        qtbot.keyClicks(focus(), char)


def test_tab_leaves_the_meeting_list_for_the_next_pane(window, qtbot):
    page = meetings_page(window)
    activate(qtbot, window)
    table = page.meetings.view
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    selected = page.meeting_id
    press(qtbot, Qt.Key.Key_Tab)
    assert not table.hasFocus()
    assert page.meeting_id == selected
    for view in window.findChildren(QAbstractItemView):
        assert not view.tabKeyNavigation(), view.accessibleName()


def test_every_button_can_be_reached_with_tab(window):
    unreachable = []
    for row, page in enumerate(window.pages):
        window.show_page(row)
        for button in page.findChildren(QAbstractButton):
            if button.isVisibleTo(page) and not button.focusPolicy() & Qt.FocusPolicy.TabFocus:
                unreachable.append(f"{page.title}: {shown(button.text()) or button.toolTip()}")
    assert unreachable == []


def test_add_lettered_item_three_times_gives_a_b_c(window, qtbot):
    page = meetings_page(window)
    for row in range(page.meetings.proxy.rowCount()):
        page.meetings.view.selectRow(row)
        if page.panel.details and not page.panel.details.locked and page.panel.agenda.items:
            break
    page.panel.open_minutes(page.panel.agenda.items[-1].id)
    editor = page.panel.minutes
    activate(qtbot, window)
    page.menu_actions.add_resolution.trigger()
    type_new(qtbot, editor.resolutions, "That the report be noted")
    for text in ("Ask for a ward breakdown", "Report back in six months", "Publish the findings"):
        page.menu_actions.add_lettered.trigger()
        type_new(qtbot, editor.resolutions, text)
    labels = [row[0] for row in editor.resolutions.texts()]
    assert labels[-4:] == ["1)", "a)", "b)", "c)"] or labels[-4:][1:] == ["a)", "b)", "c)"]
    assert [row[1] for row in editor.resolutions.texts()][-3:] == [
        "Ask for a ward breakdown",
        "Report back in six months",
        "Publish the findings",
    ]


def cell_editor(tree) -> QPlainTextEdit | None:
    found = [e for e in tree.findChildren(QPlainTextEdit, "cellEditor") if e.isVisible()]
    return found[0] if found else None


def type_new(qtbot, tree, text: str) -> None:
    qtbot.waitUntil(lambda: cell_editor(tree) is not None and cell_editor(tree).hasFocus())
    before = len(tree.ids())
    type_text(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(tree.ids()) == before + 1)


def dialog_open(qtbot) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog))
    dialog = QApplication.activeModalWidget()
    qtbot.waitActive(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dialog.isAncestorOf(focus()))
    return dialog


def dialog_closed(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    qtbot.wait(50)  # the offscreen platform hands activation back in its own time
    activate(qtbot, window)


def choose_from_menu(qtbot, window: MainWindow, menu_key, item_key) -> None:
    """Alt+letter opens a menu in the menu bar; the item's letter runs it."""
    qtbot.keyClick(focus(), menu_key, ALT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    qtbot.keyClick(QApplication.activePopupWidget(), item_key)


def new_meeting_from_the_keyboard(qtbot, window: MainWindow, *, held: bool, later: bool) -> None:
    press(qtbot, Qt.Key.Key_M, CONTROL | SHIFT)  # Meetings ▸ New meeting…
    dialog_open(qtbot)
    type_text(qtbot, "Scru")  # the committee, found by typing
    press(qtbot, Qt.Key.Key_Tab)  # the date (today), at its day
    if later:
        press(qtbot, Qt.Key.Key_Up)  # the day after
    press(qtbot, Qt.Key.Key_Tab, times=3)  # past the month and the year to the time
    press(qtbot, Qt.Key.Key_Tab, times=2)  # past the end time to the venue
    type_text(qtbot, "Committee Room 2")
    press(qtbot, Qt.Key.Key_Tab, times=2)  # past the web page to the status
    if held:
        type_text(qtbot, "H")
    press(qtbot, Qt.Key.Key_Return)
    dialog_closed(qtbot, window)


def test_one_meeting_cycle_with_the_keyboard_alone(window, qtbot):
    page = meetings_page(window)
    activate(qtbot, window)
    press(qtbot, Qt.Key.Key_1, CONTROL)  # View ▸ Meetings & minutes
    # a held meeting today, with one item added to its agenda
    new_meeting_from_the_keyboard(qtbot, window, held=True, later=False)
    first = page.panel.details.meeting
    assert first.committee == "Scrutiny Co-ordination Committee"
    assert first.date == QDate.currentDate().toString("yyyy-MM-dd") and first.status == "held"
    press(qtbot, Qt.Key.Key_I, CONTROL | SHIFT)  # Add agenda item
    type_new(qtbot, page.panel.agenda.tree, "Street lighting review")
    assert focus() is page.panel.agenda.tree
    press(qtbot, Qt.Key.Key_Return)  # open its minutes
    editor = page.panel.minutes
    qtbot.waitUntil(lambda: editor.heading.hasFocus())
    item_id = editor.item_id
    press(qtbot, Qt.Key.Key_A, CONTROL)
    type_text(qtbot, "Street lighting: the review")
    press(qtbot, Qt.Key.Key_Tab)
    assert focus() is editor.report_of
    type_text(qtbot, "Report of the Director of Streetscene")
    press(qtbot, Qt.Key.Key_P, CONTROL | SHIFT)
    type_new(qtbot, editor.paragraphs, "The Committee considered the review of street lighting.")
    press(qtbot, Qt.Key.Key_B, CONTROL | SHIFT)
    type_new(qtbot, editor.bullets, "Members asked about lighting in parks")
    press(qtbot, Qt.Key.Key_Return, CONTROL)
    type_new(qtbot, editor.resolutions, "That the Committee recommends that Cabinet:")
    for text in ("Adopts the review", "Lights the parks", "Reports back in a year"):
        press(qtbot, Qt.Key.Key_Return, CONTROL | SHIFT)
        type_new(qtbot, editor.resolutions, text)
    assert [row[0] for row in editor.resolutions.texts()] == ["1)", "a)", "b)", "c)"]
    # Meetings ▸ Number minutes, through the menu bar's Alt keys
    choose_from_menu(qtbot, window, Qt.Key.Key_M, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: page.panel.agenda.items[-1].minute_number != "")
    # the next meeting, the day after, approves them
    new_meeting_from_the_keyboard(qtbot, window, held=False, later=True)
    second = page.panel.details.meeting
    assert second.id != first.id
    for _ in range(60):  # Tab to the meeting list
        if focus() is page.meetings.view:
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert focus() is page.meetings.view
    press(qtbot, Qt.Key.Key_Up)  # the meeting before: ours
    qtbot.waitUntil(lambda: page.meeting_id == first.id)
    press(qtbot, Qt.Key.Key_A, CONTROL | SHIFT)  # Approve minutes…
    dialog = dialog_open(qtbot)
    assert dialog.approving.currentData() == second.id
    press(qtbot, Qt.Key.Key_Return)
    dialog_closed(qtbot, window)
    qtbot.waitUntil(lambda: page.panel.details.locked)
    view = minutes.view(window.ws, item_id)
    assert view.locked
    assert (view.heading, view.report_of) == (
        "Street lighting: the review",
        "Report of the Director of Streetscene",
    )
    assert [text for _id, text in view.bullets] == ["Members asked about lighting in parks"]
    assert meetings.details(window.ws, first.id).approved_at


def test_return_on_the_meeting_list_opens_the_meeting(window, qtbot):
    page = meetings_page(window)
    activate(qtbot, window)
    table = page.meetings.view
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert focus() is page.panel.agenda.tree


def test_tab_goes_through_the_meetings_pane_as_it_is_laid_out(window, qtbot):
    page = meetings_page(window)
    activate(qtbot, window)
    page.committee_filter.setFocus()
    qtbot.waitUntil(page.committee_filter.hasFocus)
    seen = []
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Tab)
        seen.append(focus())
    # List and Month are one group, as radio buttons are: Tab visits the chosen one, arrows the other
    assert seen[:5] == [
        page.when_filter,
        page.list_button,
        page.new_meeting_button,
        page.meetings.filter_box,
        page.meetings.view,
    ]
    assert page.panel.isAncestorOf(seen[5])  # then the meeting shown beside the list
