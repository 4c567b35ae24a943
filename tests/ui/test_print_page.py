"""Print & export: documents exported off the GUI thread; every table exports to CSV and XLSX."""

from __future__ import annotations

import openpyxl

from ocplan_desktop.importers.tabular import read_table
from ocplan_desktop.ui.pages.print_page import PrintPage
from ocplan_desktop.ui.widgets.record_table import RecordTable
from tests.reports.pdf_reading import outline, page_texts


def test_a_pack_is_exported_as_a_task(window, qtbot, tmp_path):
    window.show_page(4)
    page = window.pages[4]
    assert isinstance(page, PrintPage)
    qtbot.waitUntil(lambda: page.main_row_count() > 0)
    packs = [
        row
        for row in page.table.model.rows()
        if row.kind == "Briefing pack" and "20 December 2023" in row.source
    ]
    page.export_document(packs[0], tmp_path / "pack")
    qtbot.waitUntil(lambda: page.last_output is not None, timeout=30_000)
    path, pages = page.last_output
    assert path == tmp_path / "pack.pdf" and pages == len(page_texts(path)) > 5
    assert "Wrote" in page.status.text()


def test_every_table_exports_to_csv_and_xlsx_as_shown(window, qtbot, tmp_path):
    window.show_page(0)
    table = window.pages[0].findChild(RecordTable)
    qtbot.waitUntil(lambda: table.model.rowCount() > 0)
    table.filter_box.setText("Cabinet")
    csv_path = table.export_to(tmp_path / "meetings.csv")
    back = read_table(csv_path)
    assert back.headers[:2] == ("Date", "Committee")
    assert len(back.rows) == 2 and {row["Committee"] for row in back.rows} == {"Cabinet"}
    xlsx_path = table.export_to(tmp_path / "meetings.xlsx")
    sheet = openpyxl.load_workbook(xlsx_path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Date", "Committee") and len(rows) == 3
    assert isinstance(rows[1][5], int)  # "Items" stays a number


def test_a_pack_can_carry_the_performance_report(window, qtbot, tmp_path):
    window.show_page(4)
    page = window.pages[4]
    qtbot.waitUntil(lambda: page.main_row_count() > 0)
    assert page.pack_period.currentText() == "2022-23"
    page.pack_performance.setChecked(True)
    page.pack_period.setCurrentText("2019-20")
    pack = [
        row
        for row in page.table.model.rows()
        if row.kind == "Briefing pack" and "20 December 2023" in row.source
    ][0]
    page.export_document(pack, tmp_path / "pack.pdf")
    qtbot.waitUntil(lambda: page.last_output is not None, timeout=30_000)
    whole = " ".join(page_texts(page.last_output[0]))
    assert "Performance report 2019-20" in whole and "79% (50/63)" in whole
    kinds = {row.kind for row in page.table.model.rows()}
    assert {
        "Briefing note",
        "Minutes",
        "Briefing pack",
        "Performance report",
        "Engagement summary",
    } <= kinds


def test_tracker_document_and_pack_option(window, qtbot, tmp_path):
    from PySide6.QtCore import QDate

    window.show_page(4)
    page = window.pages[4]
    qtbot.waitUntil(lambda: page.main_row_count() > 0)
    page.since.setDate(QDate(2023, 6, 1))
    tracker = [row for row in page.table.model.rows() if row.kind == "Recommendation tracker"][0]
    page.export_document(tracker, tmp_path / "tracker.pdf")
    qtbot.waitUntil(lambda: page.last_output is not None, timeout=30_000)
    assert "progress since 1 June 2023" in " ".join(page_texts(page.last_output[0]))
    page.last_output = None
    page.pack_tracker.setChecked(True)
    pack = [
        row
        for row in page.table.model.rows()
        if row.kind == "Briefing pack" and "20 December 2023" in row.source
    ][0]
    page.export_document(pack, tmp_path / "pack.pdf")
    qtbot.waitUntil(lambda: page.last_output is not None, timeout=30_000)
    assert "Recommendation tracker" in [title for _l, title, _p in outline(page.last_output[0])]


def test_editing_grids_and_trees_export_too(window, qtbot, tmp_path):
    from PySide6.QtWidgets import QAbstractItemView

    from ocplan_desktop.importers.tabular import read_table
    from ocplan_desktop.ui.widgets.table_export import export_view

    window.show_page(0)
    page = window.pages[0]
    qtbot.waitUntil(lambda: page.main_row_count() > 0)
    exportable = [
        view
        for view in page.findChildren(QAbstractItemView)
        if any(action.text().startswith("Export table") for action in view.actions())
    ]
    names = {view.accessibleName() for view in exportable}
    assert {"Meetings", "Agenda items", "Attendance", "Declarations of interest"} <= names
    agenda = [view for view in exportable if view.accessibleName() == "Agenda items"][0]
    back = read_table(export_view(agenda, tmp_path / "agenda.csv"))
    assert back.headers[:3] == ("Item", "Minute", "Title")
    assert [row["Minute"] for row in back.rows][:2] == ["52/22", "53/22"]
