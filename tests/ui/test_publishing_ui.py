"""Publishing from the window: Word or PDF, public or members, the one-click "Publish as Word",
exempt fields in the report and agenda editors as undoable edits, and File ▸ Export calendar."""

from __future__ import annotations

import docx
import icalendar
from PySide6.QtWidgets import QApplication

from ocplan_desktop.services import exempt, meetings
from ocplan_desktop.services.demo_exempt import TITLE as EXEMPT_TITLE
from ocplan_desktop.ui.calendar_export import CalendarDialog, export_calendar_to
from ocplan_desktop.ui.pages.print_page import PrintPage
from tests.reports.docx_reading import accessibility_problems


def print_page(window, qtbot) -> PrintPage:
    window.show_page(4)
    page = window.pages[4]
    assert isinstance(page, PrintPage)
    qtbot.waitUntil(lambda: page.main_row_count() > 0)
    return page


def cabinet_pack(page: PrintPage):
    return next(
        row
        for row in page.table.model.rows()
        if row.kind == "Briefing pack" and row.source == "Cabinet, 9 January 2024"
    )


def test_word_for_members_and_the_one_click_publish_route(window, qtbot, tmp_path):
    page = print_page(window, qtbot)
    page.format.setCurrentIndex(page.format.findData(".docx"))
    page.audience.setCurrentIndex(1)  # members
    page.export_document(cabinet_pack(page), tmp_path / "pack")
    qtbot.waitUntil(lambda: page.last_output is not None, timeout=30_000)
    path, _pages = page.last_output
    assert path == tmp_path / "pack.docx"
    text = " ".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "£2.35 million" in text
    assert "Word" in page.status.text()
    # Publish as Word: always for the public, whatever the page's choices.
    page.last_output = None
    page.open_published = False
    page.publish_document(cabinet_pack(page), tmp_path / "published.pdf")
    qtbot.waitUntil(lambda: page.last_output is not None, timeout=30_000)
    path, _pages = page.last_output
    assert path == tmp_path / "published.docx"
    document = docx.Document(str(path))
    assert accessibility_problems(document) == []
    text = " ".join(p.text for p in document.paragraphs)
    assert "£2.35 million" not in text and "paragraph 3 of Part 1 of Schedule 12A" in text
    assert page.publish_button.isVisibleTo(page)


def test_report_editor_marks_a_report_exempt_as_an_undoable_edit(window, qtbot):
    window.show_page(0)
    page = window.pages[0]
    page.tabs.setCurrentIndex(1)
    editor = page.reports.editor
    annual = next(r for r in meetings.list_reports(window.ws) if r.title != EXEMPT_TITLE)
    page.reports.select(annual.id)
    qtbot.waitUntil(lambda: editor.report_id == annual.id)
    assert editor.exempt.paragraph.currentData() is None
    editor.exempt.reason.setText("Legal advice on the transparency code")
    editor.exempt.paragraph.setCurrentIndex(editor.exempt.paragraph.findData(5))
    editor.exempt.paragraph.activated.emit(editor.exempt.paragraph.currentIndex())
    qtbot.waitUntil(lambda: exempt.report_exemption(window.ws, annual.id) is not None)
    found = exempt.report_exemption(window.ws, annual.id)
    assert (found.paragraph, found.reason) == (5, "Legal advice on the transparency code")
    assert window.undo_stack.undoText() == "Mark report exempt"
    window.undo_stack.undo()
    assert exempt.report_exemption(window.ws, annual.id) is None
    qtbot.waitUntil(lambda: editor.exempt.paragraph.currentData() is None)
    # The demo's private report shows its paragraph.
    private = next(r for r in meetings.list_reports(window.ws) if r.title == EXEMPT_TITLE)
    page.reports.select(private.id)
    qtbot.waitUntil(lambda: editor.exempt.paragraph.currentData() == 3)


def test_agenda_item_exemption_is_an_undoable_edit(window, qtbot):
    window.show_page(0)
    page = window.pages[0]
    upcoming = next(m for m in meetings.list_meetings(window.ws) if m.date == "2024-02-07")
    assert page.select_meeting(upcoming.id)
    agenda = page.panel.agenda
    qtbot.waitUntil(lambda: agenda.meeting_id == upcoming.id, timeout=5_000)
    item = agenda.items[-1]
    agenda.tree.select_id(item.id)
    qtbot.waitUntil(lambda: agenda.current_item() is not None)
    agenda.exempt.paragraph.setCurrentIndex(agenda.exempt.paragraph.findData(1))
    agenda.exempt.paragraph.activated.emit(agenda.exempt.paragraph.currentIndex())
    qtbot.waitUntil(lambda: exempt.item_exemption(window.ws, item.id) is not None)
    assert window.undo_stack.undoText() == "Mark item exempt"
    window.undo_stack.undo()
    assert exempt.item_exemption(window.ws, item.id) is None


def test_file_menu_exports_the_calendar(window, qtbot, tmp_path):
    from PySide6.QtGui import QAction

    action = window.findChild(QAction, "exportCalendarAction")
    assert action is not None and action.text() == "Export &calendar…"
    action.trigger()
    qtbot.waitUntil(lambda: window.findChild(CalendarDialog) is not None)
    dialog = window.findChild(CalendarDialog)
    assert dialog.committee.itemText(0) == "All committees"
    dialog.reject()
    cabinet = dialog.committee.itemData(dialog.committee.findText("Cabinet"))
    export_calendar_to(window, cabinet, tmp_path / "cabinet")
    qtbot.waitUntil(lambda: getattr(window, "last_calendar", None) is not None, timeout=10_000)
    assert window.last_calendar == tmp_path / "cabinet.ics"
    found = icalendar.Calendar.from_ical(window.last_calendar.read_bytes()).walk("VEVENT")
    assert len(found) == len(meetings.list_meetings(window.ws, cabinet)) == 2
    QApplication.processEvents()
