"""Live figures in the report editor (Insert ▸ Performance figure…) and the warning before printing
a document whose typed figures no longer hold ("Print anyway", "Show me")."""

from __future__ import annotations

from ocplan_desktop.store import records
from ocplan_desktop.ui.pages.meetings_page import MeetingsPage
from ocplan_desktop.ui.pages.print_page import PrintPage
from ocplan_desktop.ui.widgets.figure_dialogs import FigureDialog, FigureWarningDialog
from tests.reports.pdf_reading import page_texts


def _editor(window, qtbot):
    """The report editor on the demo's annual performance report (not its exempt report)."""
    from ocplan_desktop.services import meetings
    from ocplan_desktop.services.demo_exempt import TITLE as EXEMPT_TITLE

    window.show_page(0)
    page = window.pages[0]
    assert isinstance(page, MeetingsPage)
    page.tabs.setCurrentIndex(1)
    editor = page.reports.editor
    annual = next(r for r in meetings.list_reports(window.ws) if r.title != EXEMPT_TITLE)
    page.reports.select(annual.id)
    qtbot.waitUntil(lambda: editor.report_id == annual.id)
    return editor


def test_the_dialog_previews_the_figure_and_makes_its_token(window, qtbot):
    dialog = FigureDialog(window.ws, window)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("headline"))
    dialog.period.setCurrentText("2021-22")
    assert dialog.preview.text() == "69% (40/58)"
    assert dialog.token() == "{{figure:headline:2021-22}}"
    dialog.kind.setCurrentIndex(dialog.kind.findData("count.improved"))
    dialog.period.setCurrentText("2022-23")
    assert dialog.preview.text() == "36"


def test_the_demo_paragraph_shows_marked_fields_and_a_new_one_goes_in(window, qtbot):
    editor = _editor(window, qtbot)
    editor.tabs.setCurrentIndex(1)
    texts = editor.sections.tree.texts()
    summary = next(row for row in texts if row[0] == "2.1")
    assert "⟦74% (42/57)⟧" in summary[1] and "⟦73⟧ indicators" in summary[1]
    assert "{{figure:" not in summary[1]  # the screen shows values, marked

    tree = editor.sections.tree
    item = next(i for i in tree.all_items() if i.text(0) == "2.2")
    tree.setCurrentItem(item)
    assert editor.insert_figure("{{figure:percent:2022-23}}")
    qtbot.waitUntil(lambda: "⟦74%⟧" in next(r for r in tree.texts() if r[0] == "2.2")[1])
    assert window.undo_stack.undoText() == "Insert performance figure"
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: "⟦" not in next(r for r in tree.texts() if r[0] == "2.2")[1])


def test_a_field_goes_where_the_cursor_is_in_a_text_box(window, qtbot):
    editor = _editor(window, qtbot)
    box = editor.fields["executive_summary"]
    box.setFocus()
    cursor = box.textCursor()
    cursor.movePosition(cursor.MoveOperation.Start)
    box.setTextCursor(cursor)
    assert editor.insert_figure("{{figure:headline:2022-23}}", box)
    qtbot.waitUntil(
        lambda: str(editor.draft.fields["executive_summary"]).startswith(
            "{{figure:headline:2022-23}}The One Coventry"
        )
    )


def _disagreeing(window):
    ws = window.ws
    row = ws.query(
        "SELECT v.id FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id "
        "JOIN areas a ON a.id = v.area_id WHERE a.is_own = 1 AND v.period = '2022-23' "
        "AND i.code = 'EP03'"
    )[0]
    records.update(ws, "indicator_values", row["id"], {"value": 600})


def _minutes_document(page):
    return next(
        row
        for row in page.table.model.rows()
        if row.kind == "Minutes" and "20 December 2023" in row.source
    )


def test_printing_minutes_whose_figures_changed_asks_first(window, qtbot, tmp_path, monkeypatch):
    _disagreeing(window)
    window.show_page(4)
    page = window.pages[4]
    assert isinstance(page, PrintPage)
    qtbot.waitUntil(lambda: page.main_row_count() > 0)
    document = _minutes_document(page)
    asked = []
    monkeypatch.setattr(page, "ask_about_figures", lambda wrong: asked.append(wrong) or "cancel")
    assert page.export_document(document, tmp_path / "cancelled.pdf") is None
    assert not (tmp_path / "cancelled.pdf").exists()
    (wrong,) = [item for item in asked[0] if item.typed == "74% (42/57)"]
    assert wrong.computed == "75% (43/57)"

    monkeypatch.setattr(page, "ask_about_figures", lambda wrong: "print")
    page.export_document(document, tmp_path / "anyway.pdf")
    qtbot.waitUntil(lambda: page.last_output is not None, timeout=30_000)
    assert "Members noted that 74% (42/57)" in " ".join(page_texts(tmp_path / "anyway.pdf"))

    monkeypatch.setattr(page, "ask_about_figures", lambda wrong: "show")
    assert page.export_document(document, tmp_path / "shown.pdf") is None
    assert window.current_page() is window.pages[0]  # the minutes holding the figure are open
    meetings = window.pages[0]
    qtbot.waitUntil(lambda: meetings.meeting_id is not None)
    assert meetings.meetings.current_record().date == "2023-12-20"


def test_the_warning_dialog_names_each_place_and_offers_both_choices(window, qtbot):
    from ocplan_desktop.services.figure_check import check_minutes, disagreements

    _disagreeing(window)
    meeting = window.ws.scalar("SELECT id FROM meetings WHERE date = '2023-12-20'")
    wrong = disagreements(check_minutes(window.ws, meeting))
    dialog = FigureWarningDialog(wrong, window)
    qtbot.addWidget(dialog)
    assert "2 figures typed into this document do not match" in dialog.text()
    assert (
        "typed 74% (42/57); the workspace gives 75% (43/57) for 2022-23" in dialog.informativeText()
    )
    assert dialog.print_anyway.text() == "Print anyway" and dialog.show_me.text() == "Show me"


def test_the_meeting_dialog_records_when_the_meeting_closed(window, qtbot):
    from ocplan_desktop.store import meetings as meeting_store
    from tests.ui.test_meetings_page import accept, opened

    window.show_page(0)
    page = window.pages[0]
    held = window.ws.scalar("SELECT id FROM meetings WHERE date = '2023-12-20'")
    page.select_meeting(held)
    qtbot.waitUntil(lambda: page.meeting_id == held)
    page.menu_actions.edit_meeting.trigger()
    dialog = opened(qtbot, page)
    assert dialog.end_time.text() == "12:05"  # the demo's closing time
    dialog.end_time.setText("12.40")
    accept(qtbot, window, dialog)
    qtbot.waitUntil(lambda: meeting_store.get_meeting(window.ws, held).end_time == "12:40")
    window.undo_stack.undo()
    assert meeting_store.get_meeting(window.ws, held).end_time == "12:05"
