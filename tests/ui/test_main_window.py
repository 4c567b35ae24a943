"""The main window over the demo workspace, driven through its widgets."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QMessageBox

from ocplan_desktop.ui.main_window import MainWindow
from ocplan_desktop.ui.models.record_table_model import SORT_ROLE
from ocplan_desktop.ui.pages.indicators_page import IndicatorsPage
from ocplan_desktop.ui.widgets.record_table import RecordTable


def test_window_opens_on_the_demo_with_its_name_in_the_title(window: MainWindow):
    assert window.windowTitle().startswith("demo — ocplan desktop")
    assert [page.title for page in window.pages] == [
        "Meetings & minutes",
        "Recommendations",
        "Indicators",
        "Engagement",
        "Print & export",
    ]


def test_every_view_shows_rows(window: MainWindow, qtbot):
    for row, page in enumerate(window.pages):
        window.show_page(row)
        qtbot.waitUntil(lambda page=page: page.main_row_count() > 0)
        assert window.stack.currentWidget() is page


def test_views_are_model_view_tables_that_sort(window: MainWindow, qtbot):
    window.show_page(0)
    table = window.pages[0].findChild(RecordTable)
    assert isinstance(table.view, QAbstractItemView)
    table.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # committee, Z to A
    first = table.proxy.index(0, 1).data()
    last = table.proxy.index(table.proxy.rowCount() - 1, 1).data()
    assert first >= last
    table.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # dates sort as dates, not as text
    dates = [table.proxy.index(row, 0).data(SORT_ROLE) for row in range(table.proxy.rowCount())]
    assert dates == sorted(dates)


def test_filter_box_filters_rows(window: MainWindow, qtbot):
    window.show_page(0)
    table = window.pages[0].findChild(RecordTable)
    qtbot.keyClicks(table.filter_box, "Cabinet")
    assert table.proxy.rowCount() == 2
    assert "2 of 7 rows" in table.count_label.text()


def test_indicators_view_shows_the_summary_for_a_chosen_period(window: MainWindow, qtbot):
    window.show_page(2)
    page = window.pages[2]
    assert isinstance(page, IndicatorsPage)
    assert page.period.currentText() == "2022-23"
    assert page.percent_label.text() == "74% (42/57)"
    assert page.total_label.text() == "73"
    assert "74% (42/57) of directional indicators" in page.sentence.text()
    page.select_period("2019-20")
    assert page.percent_label.text() == "79% (50/63)"
    page.select_period("2020-21")
    assert page.percent_label.text() == "no figure"


def test_overrides_are_marked_in_the_table(window: MainWindow):
    window.show_page(2)
    page = window.pages[2]
    texts = [page.table.model.index(row, 3).data() for row in range(page.table.model.rowCount())]
    assert sum("(set by officer)" in text for text in texts) == 1


def test_opening_a_bad_file_shows_the_message_and_keeps_the_workspace(
    window: MainWindow, tmp_path, qtbot
):
    bad = tmp_path / "notes.ocplan"
    bad.write_text("minutes of the last meeting")
    current = window.ws
    assert window.open_path(bad) is False
    assert window.ws is current
    assert window.windowTitle().startswith("demo")
    box = window.last_message
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible)
    assert "not an SQLite database" in box.text() and str(bad) in box.text()
    assert window.pages[0].main_row_count() > 0  # still showing the demo
    box.accept()


def test_new_workspace_and_recent_files(window: MainWindow, tmp_path, qtbot):
    demo = window.ws.path
    assert window.create_workspace(tmp_path / "Planning")
    assert window.windowTitle().startswith("Planning — ")
    assert window.pages[0].main_row_count() == 0 or not window.pages[0].isVisible()
    assert window.settings.value("last_workspace").endswith("Planning.ocplan")
    recent = window.recent_paths()
    assert recent[0].endswith("Planning.ocplan") and recent[1] == str(demo.resolve())
    actions = window.recent_menu.actions()
    assert len(actions) == 2
    actions[1].trigger()
    assert window.ws.path.resolve() == demo.resolve()


def test_keyboard_shortcuts_switch_views(window: MainWindow, qtbot):
    window.activateWindow()
    window.setFocus()
    for row in (2, 4, 0):
        action = window.findChild(type(window.menuBar().actions()[0]), f"showPage{row}")
        assert action.shortcut().toString() == f"Ctrl+{row + 1}"
        action.trigger()
        assert window.stack.currentIndex() == row


def test_widgets_carry_accessible_names(window: MainWindow):
    assert window.nav.accessibleName() == "Areas"
    for page in window.pages:
        for table in page.findChildren(RecordTable):
            assert table.view.accessibleName()
            assert table.filter_box.accessibleName().startswith("Filter")


def test_window_remembers_its_size(window: MainWindow, settings, qtbot):
    # within the offscreen screen (800 × 800), which restoring clamps to, and not below the
    # window's minimum size
    window.resize(800, 743)
    size = window.size()
    assert (size.width(), size.height()) == (800, 743)
    window.close()
    assert settings.value("geometry") is not None
    again = MainWindow(settings)
    qtbot.addWidget(again)
    assert again.size() == size


def test_smoke_run_visits_every_view_and_exits_zero(demo_path, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "ocplan_desktop", "--db", str(demo_path), "--smoke"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "5 views visited" in result.stdout


def test_smoke_run_on_a_bad_file_fails_with_one_line(tmp_path):
    bad = tmp_path / "empty.ocplan"
    bad.write_bytes(b"")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "ocplan_desktop", "--db", str(bad), "--smoke"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.strip().startswith("ocplan: ") and "0 bytes" in result.stderr
    assert bad.read_bytes() == b""
