"""The meetings page driven through its widgets: a meeting from a committee's template, agenda
items added and reordered, minutes drafted with numbered resolutions, undo and redo, approval and
the lock, corrections and the history, and the seed imported through the import dialog."""

from __future__ import annotations

from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit

from ocplan_desktop.services import meetings
from ocplan_desktop.ui.main_window import MainWindow
from ocplan_desktop.ui.pages.meetings_page import MeetingsPage
from ocplan_desktop.ui.widgets.meeting_panel import MINUTES_TAB
from ocplan_desktop.ui.widgets.ordered_tree import OrderedTree
from ocplan_desktop.ui.widgets.record_table import RecordTable
from tests.conftest import SEED_MINUTES


def page_of(window: MainWindow) -> MeetingsPage:
    window.show_page(0)
    page = window.pages[0]
    assert isinstance(page, MeetingsPage)
    return page


def open_editor(qtbot, tree: OrderedTree) -> QPlainTextEdit:
    """The text box an Add action opened in the list, once it is open."""

    def shown():
        found = [e for e in tree.findChildren(QPlainTextEdit, "cellEditor") if e.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: shown() is not None)
    return shown()


def type_new_entry(qtbot, tree: OrderedTree, text: str) -> None:
    """Type into the entry an Add action opened, and press Return, as an officer would."""
    editor = open_editor(qtbot, tree)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def opened(qtbot, page: MeetingsPage):
    """The dialog an action opened, once it is on screen (as the officer sees it)."""
    dialog = page.menu_actions.dialog
    qtbot.waitActive(dialog)
    return dialog


def accept(qtbot, window: MainWindow, dialog) -> None:
    """Accept a dialog and wait for the window to be active again."""
    dialog.accept()
    qtbot.wait(50)  # the offscreen platform hands the activation back in its own time
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def labels(tree: OrderedTree) -> list[str]:
    return [" ".join(part for part in row[:2] if part) for row in tree.texts()]


def new_meeting(qtbot, window: MainWindow, page: MeetingsPage, *, day: QDate, status: str) -> int:
    page.menu_actions.new_meeting.trigger()
    dialog = opened(qtbot, page)
    dialog.committee.setCurrentIndex(dialog.committee.findText("Scrutiny Co-ordination Committee"))
    dialog.date.setDate(day)
    dialog.venue.setText("Committee Room 3, Council House")
    dialog.status.setCurrentIndex(dialog.status.findData(status))
    accept(qtbot, window, dialog)
    qtbot.waitUntil(
        lambda: (
            page.panel.details is not None
            and page.panel.details.meeting.venue.startswith("Committee Room 3")
        )
    )
    return page.meeting_id


def test_a_meeting_from_the_committee_template_with_items_added_and_reordered(window, qtbot):
    page = page_of(window)
    meeting_id = new_meeting(qtbot, window, page, day=QDate(2024, 3, 13), status="scheduled")
    agenda = page.panel.agenda.tree
    assert [row[2] for row in agenda.texts()] == [
        "Apologies and substitutions",
        "Declarations of interest",
        "Minutes of the last meeting",
        "Matters arising",
    ]
    assert page.main_row_count() == 8
    agenda.select_id(page.panel.agenda.items[-1].id)  # a new item goes after the selected one
    page.menu_actions.add_item.trigger()
    type_new_entry(qtbot, agenda, "Climate Change Strategy consultation")
    qtbot.waitUntil(lambda: agenda.topLevelItemCount() == 5 and agenda.current_id() is not None)
    assert agenda.texts()[-1][:3] == ["5", "", "Climate Change Strategy consultation"]
    agenda.select_id(page.panel.agenda.items[-1].id)
    page.menu_actions.active_list = agenda
    page.menu_actions.move_up.trigger()
    page.menu_actions.move_up.trigger()
    assert [row[0] + " " + row[2] for row in agenda.texts()][2:4] == [
        "3 Climate Change Strategy consultation",
        "4 Minutes of the last meeting",
    ]
    window.undo_stack.undo()
    assert agenda.texts()[3][2] == "Climate Change Strategy consultation"
    window.undo_stack.redo()
    assert agenda.texts()[2][2] == "Climate Change Strategy consultation"
    assert window.undo_stack.undoText() == "Move agenda item"
    assert len(meetings.agenda(window.ws, meeting_id)) == 5


def test_drafting_minutes_with_numbered_resolutions_undo_and_redo(window, qtbot):
    page = page_of(window)
    new_meeting(qtbot, window, page, day=QDate(2024, 3, 13), status="held")
    agenda = page.panel.agenda.tree
    assert [row[1] for row in agenda.texts()] == [
        "45/23",
        "46/23",
        "47/23",
        "48/23",
    ]  # runs on from 20 December 2023 (39/23 to 44/23); 7 February 2024 is not held yet
    page.panel.open_minutes(page.panel.agenda.items[3].id)
    editor = page.panel.minutes
    assert page.panel.tabs.currentIndex() == MINUTES_TAB
    page.menu_actions.add_paragraph.trigger()
    type_new_entry(qtbot, editor.paragraphs, "Councillor S O'Brien asked about the plan's wards.")
    qtbot.waitUntil(
        lambda: (
            editor.paragraphs.topLevelItemCount() == 1
            and editor.paragraphs.current_id() is not None
        )
    )
    for text in (
        "That the report be noted",
        "That the comments go to Cabinet",
        "Welcome the engagement",
    ):
        page.menu_actions.add_resolution.trigger()
        type_new_entry(qtbot, editor.resolutions, text)
        qtbot.waitUntil(lambda text=text: any(text in row[1] for row in editor.resolutions.texts()))
    assert labels(editor.resolutions) == [
        "1) That the report be noted",
        "2) That the comments go to Cabinet",
        "3) Welcome the engagement",
    ]
    editor.resolutions.select_id(editor.resolutions.ids()[2])
    page.menu_actions.indent.trigger()
    assert labels(editor.resolutions)[2] == "a) Welcome the engagement"
    page.menu_actions.add_lettered.trigger()
    # the lettered item goes under the selected resolution's own list: select 2) first
    qtbot.keyClick(open_editor(qtbot, editor.resolutions), Qt.Key.Key_Escape)  # changed my mind
    qtbot.waitUntil(lambda: len(editor.resolutions.texts()) == 3)  # the blank entry is gone
    editor.resolutions.select_id(editor.resolutions.ids()[1])
    page.menu_actions.add_lettered.trigger()
    type_new_entry(qtbot, editor.resolutions, "Suggest QR codes")
    qtbot.waitUntil(lambda: len(editor.resolutions.ids()) == 4)
    assert labels(editor.resolutions)[2:] == ["a) Welcome the engagement", "b) Suggest QR codes"]
    editor.resolutions.select_id(editor.resolutions.ids()[3])
    page.menu_actions.active_list = editor.resolutions
    page.menu_actions.move_up.trigger()
    assert labels(editor.resolutions)[2:] == ["a) Suggest QR codes", "b) Welcome the engagement"]
    window.undo_stack.undo()
    assert labels(editor.resolutions)[2:] == ["a) Welcome the engagement", "b) Suggest QR codes"]
    window.undo_stack.redo()
    assert labels(editor.resolutions)[2] == "a) Suggest QR codes"
    page.menu_actions.outdent.trigger()  # the selection stays on "Suggest QR codes"
    assert labels(editor.resolutions) == [
        "1) That the report be noted",
        "2) That the comments go to Cabinet",
        "a) Welcome the engagement",
        "3) Suggest QR codes",
    ]
    # mark 2) as recommendations to Cabinet: its lettered item is tracked
    editor.resolutions.select_id(editor.resolutions.ids()[1])
    editor.to_body.setCurrentIndex(editor.to_body.findText("Cabinet"))
    editor.to_body.activated.emit(editor.to_body.currentIndex())
    qtbot.waitUntil(lambda: editor.resolutions.texts()[2][2].startswith("SCC 2024-03-13 / 2(a)"))
    assert editor.resolutions.texts()[1][2] == "Recommendations to Cabinet"


def test_approving_locks_the_minutes_and_a_correction_is_a_revision(window, qtbot):
    page = page_of(window)
    held = next(m for m in meetings.list_meetings(window.ws) if m.date == "2023-12-20")
    page.select_meeting(held.id)
    qtbot.waitUntil(lambda: page.meeting_id == held.id)
    assert page.menu_actions.approve.isEnabled()
    page.menu_actions.approve.trigger()
    dialog = opened(qtbot, page)
    assert dialog.approving.itemText(0) == "Scrutiny Co-ordination Committee, 7 February 2024"
    accept(qtbot, window, dialog)
    qtbot.waitUntil(lambda: page.panel.details.locked)
    item = next(
        i for i in page.panel.agenda.items if i.title.startswith("One Coventry Plan Annual")
    )
    page.panel.open_minutes(item.id)
    editor = page.panel.minutes
    assert editor.banner.text().startswith(
        "Minutes approved at Scrutiny Co-ordination Committee, 7 February 2024"
    )
    assert not page.menu_actions.add_resolution.isEnabled()
    assert not (editor.resolutions.topLevelItem(0).flags() & Qt.ItemFlag.ItemIsEditable)
    assert editor.heading.isReadOnly()
    # an edit that gets through anyway is refused by the service, with a message
    editor.resolutions.start_new(None, None)
    editor._on_resolution_added(None, 2, "Sneaked in")
    qtbot.waitUntil(lambda: window.last_message is not None)
    assert "locked" in window.last_message.text()
    window.last_message.accept()
    page.menu_actions.correct.trigger()
    dialog = opened(qtbot, page)
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()  # no reason yet
    dialog.body.setPlainText(dialog.body.toPlainText().replace("2022-23", "2022 to 2023", 1))
    dialog.reason.setText("Year written as in the published report")
    accept(qtbot, window, dialog)
    qtbot.waitUntil(lambda: "revision 2" in editor.banner.text())
    page.menu_actions.history.trigger()
    history = opened(qtbot, page)
    assert history.list.count() == 3  # approved text, the correction, and now
    assert history.list.item(0).text().startswith("Revision 1 · 7 February 2024")
    assert "Year written as in the published report" in history.list.item(1).text()
    assert "2022-23" in history.text.toPlainText()  # the approved text is still readable
    history.list.setCurrentRow(1)
    assert "2022 to 2023" in history.text.toPlainText()
    history.reject()
    window.undo_stack.undo()  # the correction
    window.undo_stack.undo()  # the approval
    assert not page.panel.details.locked


def test_importing_the_seed_text_into_an_item(window, qtbot):
    page = page_of(window)
    upcoming = next(m for m in meetings.list_meetings(window.ws) if m.date == "2024-02-07")
    page.select_meeting(upcoming.id)
    qtbot.waitUntil(lambda: page.meeting_id == upcoming.id)
    item = page.panel.agenda.items[-1]
    page.panel.open_minutes(item.id)
    page.menu_actions.import_text.trigger()
    dialog = opened(qtbot, page)
    assert dialog.load_file(SEED_MINUTES)
    assert dialog.preview.counts == {
        "paragraphs": 5,
        "bullets": 10,
        "resolutions": 3,
        "under": 7,
        "unsure": 1,  # no RESOLVED line: 1)–3) are read from their wording, and it says so
    }
    assert "Unsure of 1 line" in dialog.problem.text()
    unsure = [
        dialog.preview.topLevelItem(i)
        for i in range(dialog.preview.topLevelItemCount())
        if dialog.preview.topLevelItem(i).text(0).startswith("Unsure")
    ]
    assert unsure and unsure[0].child(0).text(1) == (
        "read as a resolution from its wording (“That …”): there is no RESOLVED line: "
        "“1) That the engagement feedback received be noted”"
    )
    assert dialog.targets() == {1: (dialog.targets()[1][0], "Cabinet")}
    accept(qtbot, window, dialog)
    editor = page.panel.minutes
    qtbot.waitUntil(lambda: len(editor.resolutions.ids()) == 10)
    assert editor.heading.text() == "One Coventry Plan 2022- 2030"
    assert editor.paragraphs.topLevelItemCount() == 5
    assert editor.bullets.topLevelItemCount() == 10
    assert [editor.resolutions.topLevelItem(i).childCount() for i in range(3)] == [0, 7, 0]
    assert labels(editor.resolutions)[8] == (
        "g) Agree that Scrutiny receive regular updates on progress of the delivery of the One "
        "Coventry Plan"
    )
    assert editor.resolutions.texts()[1][2] == "Recommendations to Cabinet"
    window.undo_stack.undo()
    assert editor.resolutions.ids() == []


def test_a_pasted_minute_number_becomes_the_item_s_number(window, qtbot):
    page = page_of(window)
    upcoming = next(m for m in meetings.list_meetings(window.ws) if m.date == "2024-02-07")
    page.select_meeting(upcoming.id)
    qtbot.waitUntil(lambda: page.meeting_id == upcoming.id)
    item = page.panel.agenda.items[-1]
    assert item.minute_number == ""
    page.panel.open_minutes(item.id)
    page.menu_actions.import_text.trigger()
    dialog = opened(qtbot, page)
    dialog.text.setPlainText(
        "13.\n\nDeclarations of Interest pdf icon PDF 40 KB\n\nAdditional documents:\n\n"
        "Minutes:\n\nThere were no declarations of interest.\n"
    )
    dialog.recognise()
    assert dialog.preview.topLevelItem(0).text(1) == "13"
    assert dialog.preview.counts["resolutions"] == 0  # "13." is the item's number, not a resolution
    accept(qtbot, window, dialog)
    qtbot.waitUntil(lambda: meetings.agenda(window.ws, upcoming.id)[-1].minute_number == "13")


def test_the_month_calendar_selects_meetings(window, qtbot):
    page = page_of(window)
    page.month_button.click()
    assert page.views.currentIndex() == 1
    page.calendar.set_month(2024, 1)
    day = next(
        (row, column)
        for row, week in enumerate(page.calendar.weeks())
        for column, date in enumerate(week)
        if date.isoformat() == "2024-01-09"
    )
    meeting = page.calendar.meeting_at(*day, 30)
    assert meeting is not None and meeting.committee == "Cabinet"
    rect = page.calendar.grid.visualRect(page.calendar.grid.model().index(*day))
    qtbot.mouseClick(
        page.calendar.grid.viewport(),
        Qt.MouseButton.LeftButton,
        pos=rect.topLeft() + QPoint(rect.width() // 2, 30),
    )
    qtbot.waitUntil(lambda: page.meeting_id == meeting.id)
    page.when_filter.setCurrentIndex(page.when_filter.findData("upcoming"))
    page.refresh_list()
    page.calendar.step(-1)
    assert (page.calendar.year, page.calendar.month) == (2023, 12)


def test_meeting_actions_have_shortcuts_in_the_meetings_menu(window):
    page = page_of(window)
    menu = window.page_menus[0]
    assert menu.menuAction().isVisible()
    shortcuts = {
        a.text().replace("&", ""): a.shortcut().toString() for a in menu.actions() if a.text()
    }
    assert shortcuts["Add resolution"] == "Ctrl+Return"
    assert shortcuts["Indent resolution"] == "Ctrl+]"
    assert shortcuts["Outdent resolution"] == "Ctrl+["
    assert shortcuts["Move up"] == "Ctrl+Shift+Up"
    assert shortcuts["Import minutes text…"] == "Ctrl+Shift+V"
    assert page.menu_actions.indent.toolTip() == "Indent resolution (Ctrl+])"
    find = window.findChild(type(menu.actions()[0]), "findAction")
    assert find.shortcut().toString() == "Ctrl+F"


def test_report_editor_saves_each_field_and_undoes(window, qtbot):
    page = page_of(window)
    page.tabs.setCurrentIndex(1)
    editor = page.reports.editor
    annual = next(r for r in meetings.list_reports(window.ws) if r.title.startswith("One Coventry"))
    page.reports.select(annual.id)
    qtbot.waitUntil(lambda: editor.report_id == annual.id)
    field = editor.fields["director"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "Director of Law & Governance <acting>")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: editor.draft.fields["director"] == "Director of Law & Governance <acting>"
    )
    assert window.undo_stack.undoText() == "Edit director"
    window.undo_stack.undo()
    assert editor.fields["director"].text() == "Chief Partnerships Officer"
    assert editor.recommendations.table.rowCount() == 8
    assert editor.recommendations.table.item(4, 1).text() == "1)"  # Cabinet's own numbering
    assert editor.sections.tree.texts()[0] == ["1.", "Background"]
    assert editor.sections.tree.texts()[2][0] == "1.2"
    assert "Cabinet, 9 January 2024" in editor.route.text()


def test_search_with_awkward_strings_groups_highlights_and_opens(window, qtbot):
    page = page_of(window)
    window.findChild(type(window.menuBar().actions()[0]), "findAction").trigger()
    dialog = window.search_dialog
    qtbot.waitExposed(dialog)
    for awkward in ("O'Brien", "C++", "2024-25", "AND", '"', "*"):
        results = dialog.search_for(awkward)  # none of these may fail
        assert dialog.status.text()
        if awkward in ('"', "*"):
            assert results.hits == () and dialog.status.text() == "Type a word to search for."
    # a paragraph naming Councillor S O'Brien, written through the editor's service
    from ocplan_desktop.services import minutes

    assert dialog.search_for("O'Brien").hits == ()

    item = next(
        i for i in meetings.agenda(window.ws, 5) if i.title.startswith("One Coventry Plan Annual")
    )
    window.session.run(
        "Add paragraph",
        lambda ws: minutes.add_line(
            ws, item.id, "paragraphs", "Councillor S O'Brien asked about C++ skills in 2024-25."
        ),
    )
    groups = dialog.groups()
    assert [heading for heading, _hits in groups] == [
        "Minutes (1)"
    ]  # the search re-ran on the change
    hit = groups[0][1][0]
    assert (
        "<span style='background:#fde68a; font-weight:600'>O&#x27;Brien</span>"
        in dialog.tree.topLevelItem(0).child(0).data(0, Qt.ItemDataRole.UserRole + 40)
    )
    dialog.search_for("climate")
    headings = [heading.split(" (")[0] for heading, _hits in dialog.groups()]
    assert headings == ["Reports", "Minutes", "Feedback"]
    # double-click a minutes result: the meeting and item open in the minutes editor
    dialog.search_for("O'Brien")
    child = dialog.tree.topLevelItem(0).child(0)
    dialog.tree.itemDoubleClicked.emit(child, 0)
    assert window.stack.currentIndex() == 0
    assert page.meeting_id == hit.meeting_id
    assert page.panel.tabs.currentIndex() == MINUTES_TAB
    assert page.panel.minutes.item_id == item.id
    # a feedback result opens the Engagement page on that response
    dialog.search_for("recycling")
    feedback = next(hits for heading, hits in dialog.groups() if heading.startswith("Feedback"))[0]
    dialog.hit_opened.emit(feedback)
    assert window.current_page().title == "Engagement"
    responses = next(
        table
        for table in window.current_page().findChildren(RecordTable)
        if table.model.rows() and hasattr(table.model.rows()[0], "respondent_type")
    )
    assert responses.current_record().id == feedback.record_id
    # and a recommendation opens the tracker on it
    dialog.search_for("QR codes")
    recommendation = next(
        hits for heading, hits in dialog.groups() if heading.startswith("Recommendations")
    )[0]
    dialog.hit_opened.emit(recommendation)
    assert window.current_page().title == "Recommendations"
    tracker = window.current_page().findChild(RecordTable)
    assert tracker.current_record().id == recommendation.record_id
    dialog.close()


def test_marking_a_meeting_held_numbers_its_minutes_and_a_drop_moves_an_item(window, qtbot):
    page = page_of(window)
    upcoming = next(m for m in meetings.list_meetings(window.ws) if m.date == "2024-02-07")
    page.select_meeting(upcoming.id)
    qtbot.waitUntil(lambda: page.meeting_id == upcoming.id)
    agenda = page.panel.agenda.tree
    assert {row[1] for row in agenda.texts()} == {""}
    page.menu_actions.edit_meeting.trigger()
    dialog = opened(qtbot, page)
    assert not dialog.committee.isEnabled()
    dialog.status.setCurrentIndex(dialog.status.findData("held"))
    accept(qtbot, window, dialog)
    qtbot.waitUntil(lambda: agenda.texts()[0][1] == "45/23")
    assert [row[1] for row in agenda.texts()][-1] == "49/23"
    # dropping the last item above the first: the drop asks for index 0 and numbers follow
    last = agenda.topLevelItem(agenda.topLevelItemCount() - 1)
    agenda.setCurrentItem(last)
    parent, index = agenda.drop_place(
        agenda.topLevelItem(0), QAbstractItemView.DropIndicatorPosition.AboveItem
    )
    assert (parent, index) == (None, 0)
    agenda.drop_requested.emit(agenda.id_of(last), parent, index)
    qtbot.waitUntil(
        lambda: agenda.texts()[0][2].startswith("Scrutiny Co-ordination Committee Work")
    )
    assert agenda.texts()[0][:2] == ["1", "45/23"]


def test_committee_members_and_template_from_the_committees_tab(window, qtbot):
    page = page_of(window)
    page.tabs.setCurrentIndex(2)
    panel = page.committees
    qtbot.waitUntil(lambda: panel.list.count() == 3)
    panel.list.setCurrentRow(0)  # Cabinet
    members = panel.table.rowCount()
    panel.person.setCurrentIndex(panel.person.findText("Councillor S O'Brien"))
    panel.role.setCurrentText("substitute")
    panel.add_member.click()
    qtbot.waitUntil(lambda: panel.table.rowCount() == members + 1)
    assert any(
        panel.table.item(row, 0).text() == "Councillor S O'Brien"
        and panel.table.item(row, 1).text() == "Substitute"
        for row in range(panel.table.rowCount())
    )
    panel.standing_buttons["add"].click()
    type_new_entry(qtbot, panel.standing, "Urgent business")
    qtbot.waitUntil(lambda: panel.standing.texts()[-1] == ["Urgent business"])
    assert panel.standing.topLevelItemCount() == 5
    window.undo_stack.undo()
    assert panel.standing.topLevelItemCount() == 4
