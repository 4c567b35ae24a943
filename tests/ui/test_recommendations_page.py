"""The recommendation tracker in the window, driven through its widgets under a fixed clock."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from ocplan_desktop.services import recommendations as service
from ocplan_desktop.ui.main_window import MainWindow
from ocplan_desktop.ui.models.record_table_model import RECORD_ROLE
from ocplan_desktop.ui.pages.recommendations_page import DASHBOARD, REPORT, RecommendationsPage

TODAY = dt.date(2024, 2, 1)


@pytest.fixture
def page(window: MainWindow, qtbot) -> RecommendationsPage:
    tracker = window.pages[1]
    assert isinstance(tracker, RecommendationsPage)
    tracker.today = lambda: TODAY
    window.show_page(1)
    tracker.refresh_now()
    qtbot.waitUntil(lambda: tracker.main_row_count() == 9)
    return tracker


def shown(page) -> list:
    proxy = page.table.proxy
    return [proxy.index(row, 0).data(RECORD_ROLE) for row in range(proxy.rowCount())]


def column(page, title: str) -> int:
    return page.table.model.column_titles().index(title)


def select_references(page, *references: str) -> None:
    view = page.table.view
    view.clearSelection()
    view.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
    for row, record in enumerate(shown(page)):
        if record.reference in references:
            view.selectRow(row)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)


def rows(window):
    return {row.reference: row for row in service.list_recommendations(window.ws)}


def test_overdue_and_long_awaiting_rows_stand_out_in_words_not_only_colour(page):
    model = page.table.model
    attention = column(page, "Attention")
    texts = {
        model.record(row).reference: model.index(row, attention).data()
        for row in range(model.rowCount())
    }
    assert texts["SCC 2023-02-01 / 2(c)"] == "⚠ Overdue by 3 months"
    assert texts["SCC 2023-12-20 / 2(a)"] == ""  # six weeks: not yet long
    assert texts["SCC 2023-02-01 / 2(a)"] == ""
    overdue_row = [model.record(r).reference for r in range(model.rowCount())].index(
        "SCC 2023-02-01 / 2(c)"
    )
    index = model.index(overdue_row, attention)
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    page.today = lambda: dt.date(2024, 3, 1)  # the clock moves on: nothing was typed
    page.refresh_now()
    later = [model.index(r, attention).data() for r in range(model.rowCount())]
    assert later.count("◷ No response after 10 weeks") == 2


def test_each_filter_through_the_widgets(page, qtbot):
    bar = page.filters
    bar.select(bar.to_body, "Cabinet")
    assert len(shown(page)) == 9
    bar.select(bar.status, "Completed")
    assert {row.reference for row in shown(page)} == {
        "SCC 2023-02-01 / 2(a)",
        "SCC 2023-02-01 / 2(g)",
    }
    bar.select(bar.status, "Unfinished (open or in progress)")
    assert len(shown(page)) == 6
    bar.clear_button.click()
    bar.awaiting.setChecked(True)
    assert {row.reference[:14] for row in shown(page)} == {"SCC 2023-12-20"}
    bar.clear_button.click()
    bar.overdue.setChecked(True)
    assert [row.reference for row in shown(page)] == ["SCC 2023-02-01 / 2(c)"]
    bar.clear_button.click()
    bar.select(bar.owner, "Grace Whitfield")
    assert len(shown(page)) == 2
    bar.clear_button.click()
    bar.select(bar.meeting, "Cabinet, 14 February 2023")
    assert len(shown(page)) == 7
    bar.clear_button.click()
    qtbot.keyClicks(bar.text, "qr codes")
    assert [row.reference for row in shown(page)] == ["SCC 2023-02-01 / 2(d)"]
    assert bar.count_label.text() == "Showing 1 of 9 recommendations"
    bar.clear_button.click()
    assert len(shown(page)) == 9 and bar.count_label.text() == "9 recommendations"


def test_sorting_by_due_date_and_attention(page):
    page.table.view.sortByColumn(column(page, "Due"), Qt.SortOrder.AscendingOrder)
    assert [row.due_date for row in shown(page)][:4] == [
        "2023-10-31",
        "2024-03-31",
        "2024-04-30",
        "2024-06-30",
    ]
    page.table.view.sortByColumn(column(page, "Attention"), Qt.SortOrder.DescendingOrder)
    assert shown(page)[0].reference == "SCC 2023-02-01 / 2(c)"


def test_bulk_update_of_several_rows_is_one_undo_step(window, page, qtbot):
    select_references(page, "SCC 2023-12-20 / 2(a)", "SCC 2023-12-20 / 2(b)")
    dialog = page.open_update_dialog()
    assert dialog is not None and dialog.windowTitle() == "Update 2 recommendations"
    dialog.response.setCurrentIndex(dialog.response.findText("Accepted"))
    dialog.meeting.setCurrentIndex(dialog.meeting.findText("Cabinet, 9 January 2024"))
    assert dialog.ticks["response"].isChecked() and dialog.ticks["response_meeting_id"].isChecked()
    assert not dialog.ticks["status"].isChecked()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    after = rows(window)
    for reference in ("SCC 2023-12-20 / 2(a)", "SCC 2023-12-20 / 2(b)"):
        assert (after[reference].response, after[reference].response_date) == (
            "accepted",
            "2024-01-09",
        )
    assert window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Update 2 recommendations"
    # the selection survives the refresh
    assert {row.reference for row in page.table.selected_records()} == {
        "SCC 2023-12-20 / 2(a)",
        "SCC 2023-12-20 / 2(b)",
    }
    window.undo_stack.undo()
    assert {rows(window)[r].response for r in after if r.startswith("SCC 2023-12-20")} == {
        "awaiting"
    }
    window.undo_stack.redo()
    assert rows(window)["SCC 2023-12-20 / 2(b)"].response == "accepted"


def test_all_rows_closed_at_once_and_undone(window, page):
    before = {reference: row.status for reference, row in rows(window).items()}
    page.table.view.selectAll()
    dialog = page.open_update_dialog()
    dialog.status.setCurrentIndex(dialog.status.findText("Closed"))
    dialog.ok_button.click()
    assert {row.status for row in rows(window).values()} == {"closed"}
    window.undo_stack.undo()
    assert {reference: row.status for reference, row in rows(window).items()} == before


def test_a_refused_edit_keeps_the_dialog_open_and_changes_nothing(window, page, qtbot):
    select_references(page, "SCC 2023-02-01 / 2(d)")
    dialog = page.open_update_dialog()
    dialog.due_date.clear()
    qtbot.keyClicks(dialog.due_date, "soon")
    assert dialog.ticks["due_date"].isChecked()
    dialog.ok_button.click()
    assert window.last_message is not None
    assert "due date: 'soon' is not a date" in window.last_message.text()
    assert dialog.isVisible()
    assert rows(window)["SCC 2023-02-01 / 2(d)"].due_date == "2024-06-30"
    assert window.undo_stack.count() == 0
    dialog.reject()


def test_progress_update_through_the_dialog(window, page, qtbot):
    select_references(page, "SCC 2023-02-01 / 2(d)")
    dialog = page.open_progress_dialog()
    assert dialog.date.text() == "1 February 2024"
    qtbot.keyClicks(dialog.text, "QR codes printed on the <b>spring</b> leaflets & posters")
    dialog.status.setCurrentIndex(dialog.status.findText("In progress"))
    dialog.ok_button.click()
    row = rows(window)["SCC 2023-02-01 / 2(d)"]
    assert (row.status, row.latest_update_date) == ("in_progress", "2024-02-01")
    text = page.detail.toPlainText()
    assert "QR codes printed on the <b>spring</b> leaflets & posters" in text  # escaped, shown
    assert "[status: in progress]" in text
    window.undo_stack.undo()
    assert rows(window)["SCC 2023-02-01 / 2(d)"].update_count == 0


def test_detail_pane_shows_the_full_history(window, page):
    select_references(page, "SCC 2023-02-01 / 2(b)")
    text = page.detail.toPlainText()
    assert "SCC 2023-02-01 / 2(b)" in text and "Tom Adeyemi" in text
    assert "Accepted — at Cabinet, 14 February 2023" in text
    assert "30 November 2023 — Events toolkit updated" in text
    assert "Change history" in text and "Response: Awaiting → Accepted" in text


def test_dashboard_tab(page, qtbot):
    page.show_tab(DASHBOARD)
    qtbot.waitUntil(lambda: page.dashboard_view is not None)
    board = page.dashboard_view
    assert board.values["total"].text() == "9"
    assert board.values["overdue"].text() == "1"
    assert board.values["awaiting"].text() == "2"
    assert board.values["average"].text() == "13 days"
    assert "SCC 2023-12-20 / 2(a)" in board.oldest.text()
    assert board.status_chart.data.title == "Status over time"
    assert board.status_chart.data.categories[-1] == "Feb 2024"
    assert board.responses_chart.data.categories == ("Cabinet 14 Feb 2023",)
    # one legend entry per series, each once
    assert len(board.responses_chart.legend_names()) == 4


def test_update_report_tab(page):
    page.show_tab(REPORT)
    page.report_view.set_since(dt.date(2023, 9, 1))
    text = page.report_view.preview.toPlainText()
    assert "Progress on recommendations since 1 September 2023" in text
    assert "30 November 2023: Events toolkit updated" in text
    assert "Still open, no change reported" in text


def test_menu_holds_the_page_actions_with_shortcuts(window, page):
    menu = window.page_menus[1]
    assert menu.menuAction().isVisible()
    shortcuts = {a.text(): a.shortcut().toString() for a in menu.actions()}
    assert shortcuts == {
        "&Update selected…": "Ctrl+E",
        "Add &progress update…": "Ctrl+Shift+U",
        "&Import tracker…": "Ctrl+Shift+I",
        "&Export tracker…": "Ctrl+Shift+E",
    }


def test_export_edit_and_import_as_tasks(window, page, qtbot, tmp_path):
    path = tmp_path / "tracker.csv"
    # an earlier edit is on the undo stack; the import clears it
    page.session.run(
        "Noted",
        lambda ws: service.update_recommendations(
            ws, [rows(window)["SCC 2023-02-01 / 2(a)"].id], {"due_date": "2024-05-01"}, today=TODAY
        ),
    )
    page.export_to(path)
    qtbot.waitUntil(lambda: path.exists() and window.last_message is not None, timeout=20_000)
    assert window.last_message.windowTitle() == "Exported"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.DictReader(handle))
    lines[3]["status"] = "Completed"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(lines[0]))
        writer.writeheader()
        writer.writerows(lines)
    page.import_file(path)
    qtbot.waitUntil(lambda: page.import_dialog is not None, timeout=20_000)
    dialog = page.import_dialog
    assert "<b>1</b> to update" in dialog.summary.text()
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    qtbot.waitUntil(
        lambda: rows(window)["SCC 2023-02-01 / 2(d)"].status == "completed", timeout=20_000
    )
    qtbot.waitUntil(lambda: window.last_message.windowTitle() == "Imported", timeout=20_000)
    assert "updated 1" in window.last_message.text()
    assert window.undo_stack.count() == 0
    qtbot.waitUntil(
        lambda: (
            [r.status for r in shown(page) if r.reference == "SCC 2023-02-01 / 2(d)"]
            == ["completed"]
        )
    )


def test_a_file_with_bad_rows_cannot_be_imported(window, page, qtbot, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "reference,status\nSCC 2023-02-01 / 2(b),Completed\nSCC 2023-02-01 / 2(c),Soon\n",
        encoding="utf-8",
    )
    before = rows(window)
    page.import_file(path)
    qtbot.waitUntil(lambda: page.import_dialog is not None, timeout=20_000)
    dialog = page.import_dialog
    assert not dialog.import_button.isEnabled()
    assert "Nothing can be imported until every refused row is fixed" in dialog.summary.text()
    first = dialog.table.proxy.index(0, 0)
    assert (first.data(), dialog.table.proxy.index(0, 1).data()) == ("3", "Refused")
    assert "status: 'Soon' is not a status" in dialog.table.proxy.index(0, 3).data()
    dialog.reject()
    assert rows(window) == before


def test_a_file_that_cannot_be_read_is_a_message(window, page, qtbot, tmp_path):
    page.import_file(tmp_path / "missing.xlsx")
    qtbot.waitUntil(lambda: window.last_message is not None, timeout=20_000)
    assert window.last_message.windowTitle() == "Cannot import"
    assert "there is no such file" in window.last_message.text()


def test_ticking_blank_cells_clear_checks_the_tracker_file_again(window, page, qtbot, tmp_path):
    reference = "SCC 2023-02-01 / 2(b)"
    path = tmp_path / "blanks.csv"
    path.write_text(f"reference,due_date\n{reference},\n", encoding="utf-8")
    page.import_file(path)
    qtbot.waitUntil(lambda: page.import_dialog is not None, timeout=20_000)
    first = page.import_dialog
    assert not first.blank_clears.isChecked()
    assert "<b>0</b> to update" in first.summary.text()
    first.blank_clears.setChecked(True)
    qtbot.waitUntil(lambda: page.import_dialog is not first, timeout=20_000)
    second = page.import_dialog
    assert not first.isVisible() and second.blank_clears.isChecked()
    assert second.plan.blank_clears and "<b>1</b> to update" in second.summary.text()
    second.reject()
