"""The Indicators page over the demo workspace, driven through its widgets."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import Qt

from ocplan_desktop.domain.performance import DIRECTIONAL, Status
from ocplan_desktop.store import indicators as store
from ocplan_desktop.store import reference
from ocplan_desktop.ui.main_window import MainWindow
from ocplan_desktop.ui.pages.indicators_page import (
    CATALOGUE,
    DETAIL,
    HISTORY,
    THEMES,
    IndicatorsPage,
)
from ocplan_desktop.ui.widgets.chart_view import hover_text


@pytest.fixture
def page(window: MainWindow, qtbot) -> IndicatorsPage:
    window.show_page(2)
    result = window.pages[2]
    assert isinstance(result, IndicatorsPage)
    qtbot.waitUntil(lambda: result.main_row_count() == 73)
    return result


def test_each_count_lists_the_indicators_behind_it(page, qtbot):
    listed = 0
    for status in Status:
        page.summary_tab.buttons[status.value].click()
        dialog = page.drill_dialog
        assert dialog.isVisible()
        items = dialog.items()
        assert len(items) == int(page.count_labels[status].text())
        assert all(item.status is status for item in items)
        listed += len(items)
    assert listed == int(page.total_label.text()) == 73
    page.summary_tab.buttons["percent"].click()
    assert len(page.drill_dialog.items()) == 57
    assert "42 of 57 improved or stayed the same" in page.drill_dialog.heading.text()
    page.summary_tab.buttons[Status.IMPROVED.value].click()
    why = {item.code: item.explanation for item in page.drill_dialog.items()}
    assert why["EP01"].startswith("Set by an officer to 'Improved'")  # an override, shown as one
    page.drill_dialog.close()


def test_the_history_tab_draws_the_seed_years_with_a_gap(page):
    page.tabs.setCurrentIndex(HISTORY)
    chart = page.history_tab.chart
    assert chart.data.categories[4] == "2020-21"
    xs, ys = chart.items[0].getData()
    assert len(xs) == 7 and math.isnan(ys[4])  # a gap, never a zero
    assert chart.drawn_points() == 6
    assert [round(value) for value in ys if not math.isnan(value)] == [75, 71, 78, 79, 69, 74]
    texts = [label.toPlainText() for label in chart.labels]
    assert texts.count("no figure") == 1 and "74%" in texts  # the gap is said, not drawn as 0
    assert not chart.legend.isVisibleTo(chart)  # one series: no legend
    table = page.history_tab.table
    figures = [table.proxy.index(row, 7).data() for row in range(table.proxy.rowCount())]
    assert figures[:3] == ["74% (42/57)", "69% (40/58)", "no figure"]
    assert table.proxy.index(0, 8).data() == "1"  # the officer's override, shown as one
    page.select_period("2019-20")
    assert page.history_tab.table.model.rowCount() == 4  # 2016-17 to 2019-20
    assert page.percent_label.text() == "79% (50/63)"


def test_the_theme_tab_adds_up_and_drills_down(page):
    page.tabs.setCurrentIndex(THEMES)
    tab = page.themes_tab
    model = tab.table.model
    assert model.rowCount() == 5
    totals = [int(model.index(row, 1).data()) for row in range(model.rowCount())]
    assert sum(totals) == 73
    assert sum(int(model.index(row, 8).data()) for row in range(5)) == 1  # EP01's override
    assert tab.chart.drawn_points() == 5
    theme = tab.table.proxy.index(0, 0).data()
    tab.drill(0, 4)  # the "Worse" column of the first theme
    items = page.drill_dialog.items()
    assert len(items) == int(tab.table.proxy.index(0, 4).data())
    assert all(item.status is Status.WORSE and item.theme == theme for item in items)
    tab.drill(0, 7)
    assert {item.status for item in page.drill_dialog.items()} <= set(DIRECTIONAL)


def test_indicator_detail_shows_the_badge_trend_and_values(page, window):
    ep01 = store.code_owner(window.ws, "EP01")
    page.open_indicator(ep01)
    assert page.tabs.currentIndex() == DETAIL
    detail = page.detail_tab
    assert detail.badge.text() == "▲ Improved in 2022-23 (set by officer)"
    assert "survey estimate" in detail.why.text()
    chart = detail.chart
    assert [series.name for series in chart.data.series] == [
        "Coventry",
        "England",
        "West Midlands",
        "Similar councils",
    ]
    assert len(chart.items) == 4
    assert chart.legend_names() == [series.name for series in chart.data.series]
    gap = chart.data.categories.index("2020-21")
    for index, _series in enumerate(chart.data.series):
        _xs, ys = chart.items[index].getData()
        assert math.isnan(ys[gap])
    assert hover_text(chart.data, "England", 1.02, 65.1) == "England\n2016-17: 65.1%"
    tip = chart.items[0].scatter.opts["tip"](x=0.0, y=68.4, data=None)
    assert tip == "Coventry\n2015-16: 68.4%"
    assert chart.data.categories[-1] == "2022-23"  # no value at all in 2022-23: still on the axis
    x_range = chart.plot.getPlotItem().getViewBox().viewRange()[0]
    assert x_range[1] >= len(chart.data.categories) - 1
    model = detail.model
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Coventry (own)"
    row = model.row_of("2021-22")
    assert model.index(row, 0).data() == "70.5%"


def test_typing_a_value_is_an_undoable_edit(page, window, qtbot):
    ws = window.ws
    cc02 = store.code_owner(ws, "CC02")
    own = reference.own_area(ws).id
    page.open_indicator(cc02)
    model = page.detail_tab.model
    index = model.index(model.row_of("2022-23"), 0)
    assert index.data() == ""  # not available in the demo
    before = page.percent_label.text()
    assert model.setData(index, "560")
    assert store.find_value(ws, cc02, "2022-23", own).value == 560
    assert window.undo_stack.undoText() == "Set CC02 2022-23 Coventry to 560"
    qtbot.waitUntil(lambda: model.index(model.row_of("2022-23"), 0).data() == "560")
    assert not model.setData(model.index(model.row_of("2022-23"), 0), "560")  # unchanged
    model.setData(model.index(model.row_of("2021-22"), 0), "lots")
    assert "'lots' is not a number" in window.last_message.text()
    assert window.undo_stack.count() == 1  # the refused edit is not stacked
    window.last_message.accept()
    page.tabs.setCurrentIndex(0)
    assert page.percent_label.text() != before  # CC02 now has a direction of travel
    window.undo_stack.undo()
    assert store.find_value(ws, cc02, "2022-23", own) is None
    assert page.percent_label.text() == before


def test_an_override_is_set_with_a_reason_and_undone(page, window):
    ws = window.ws
    detail = page.detail_tab
    page.open_indicator(store.code_owner(ws, "EP03"))
    detail.grid.setCurrentIndex(detail.model.index(detail.model.row_of("2022-23"), 0))
    assert detail.set_override.isEnabled() and not detail.clear_override.isEnabled()
    detail.override_status.setCurrentIndex(detail.override_status.findData("same"))
    detail.override_reason.setPlainText("Pay data revised after publication")
    detail.set_override.click()
    assert detail.badge.text() == "▶ Stayed the same in 2022-23 (set by officer)"
    assert detail.model.index(detail.model.row_of("2022-23"), 4).data().endswith("(set by officer)")
    page.tabs.setCurrentIndex(0)
    assert page.summary_tab.overrides_note.text().startswith("2 of these statuses were set")
    assert page.count_labels[Status.SAME].text() == "7"
    window.undo_stack.undo()
    assert page.count_labels[Status.SAME].text() == "6"
    page.tabs.setCurrentIndex(DETAIL)
    detail.override_reason.setPlainText("")
    detail.set_override.click()
    assert "needs a reason" in window.last_message.text()
    window.last_message.accept()


def test_the_catalogue_editor_adds_refuses_and_undoes(page, window, qtbot):
    page.tabs.setCurrentIndex(CATALOGUE)
    editor = page.new_indicator()
    assert editor.isVisible()
    editor.code.setText("EP01")
    editor.name.setText("Duplicate code")
    assert editor.save() is False and editor.isVisible()
    assert "already has the code 'EP01'" in editor.error.text()
    window.last_message.accept()
    editor.code.setText("NEW1")
    editor.name.setText("Trees planted by volunteers")
    editor.polarity.setCurrentIndex(editor.polarity.findData("higher"))
    editor.set_comparators(["England"])
    editor.tolerance.setValue(10)
    editor.tolerance_kind.setCurrentIndex(1)  # "% of the previous value"
    assert editor.save() is True
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert page.catalogue_tab.table.model.rowCount() == 74
    item = service_item(window.ws, "NEW1")
    assert item.comparators == ("England",)
    assert item.tolerance_text == "10%"  # relative, shown as written
    window.undo_stack.undo()
    assert page.catalogue_tab.table.model.rowCount() == 73


def service_item(ws, code):
    return store.get_indicator(ws, store.code_owner(ws, code))


def test_themes_are_edited_in_their_dialog(page, window):
    dialog = page.open_themes()
    assert dialog.table.model.rowCount() == 5
    dialog.name.setText("Housing and homes")
    dialog.kind.setCurrentText("enabler")
    dialog.add_button.click()
    assert dialog.table.model.rowCount() == 6
    window.undo_stack.undo()
    assert dialog.table.model.rowCount() == 5
    dialog.close()


def test_import_shows_the_preview_then_writes_all_of_it(page, window, tmp_path, qtbot):
    path = tmp_path / "values.csv"
    path.write_text(
        "Indicator,Period,Area,Value\nCC02,2022-23,,560\nCC02,2022-23,England,600\n",
        encoding="utf-8",
    )
    page.files.start_import(path)
    qtbot.waitUntil(lambda: page.files.preview is not None and page.files.preview.isVisible())
    preview = page.files.preview
    assert preview.import_button.isEnabled()
    assert preview.table.model.rowCount() == 2
    assert store.find_value(window.ws, store.code_owner(window.ws, "CC02"), "2022-23", 1) is None
    preview.import_button.click()
    qtbot.waitUntil(lambda: page.files.last_result is not None, timeout=20_000)
    assert page.files.last_result.summary.startswith("Add 2 values")
    cc02 = store.code_owner(window.ws, "CC02")
    assert store.find_value(window.ws, cc02, "2022-23", reference.own_area(window.ws).id)
    assert window.last_message.windowTitle() == "Imported"
    window.last_message.accept()


def test_a_file_imported_before_needs_a_confirmation(page, window, tmp_path, qtbot):
    def imported(path):
        page.files.last_result = None
        page.files.start_import(path)
        qtbot.waitUntil(lambda: page.files.preview is not None and page.files.preview.isVisible())
        qtbot.waitUntil(lambda: page.files.preview.plan.file == path.name)
        return page.files.preview

    first, second = tmp_path / "values.csv", tmp_path / "newer.csv"
    first.write_text("Indicator,Period,Value\nCC02,2022-23,560\n", encoding="utf-8")
    second.write_text("Indicator,Period,Value\nCC02,2022-23,570\n", encoding="utf-8")
    for path in (first, second):
        preview = imported(path)
        assert not preview.again.isVisibleTo(preview)
        preview.import_button.click()
        qtbot.waitUntil(lambda: page.files.last_result is not None, timeout=20_000)
        window.last_message.accept()
    preview = imported(first)  # back to 560: a change, but this file was imported before
    assert preview.again.isVisibleTo(preview)
    assert preview.again.text().startswith(
        "values.csv was already imported into the indicator catalogue on "
    )
    assert not preview.import_button.isEnabled()
    preview.again.setChecked(True)
    assert preview.import_button.isEnabled()
    preview.import_button.click()
    qtbot.waitUntil(lambda: page.files.last_result is not None, timeout=20_000)
    cc02 = store.code_owner(window.ws, "CC02")
    value = store.find_value(window.ws, cc02, "2022-23", reference.own_area(window.ws).id)
    assert value.value == 560


def test_a_refused_file_cannot_be_imported(page, window, tmp_path, qtbot):
    path = tmp_path / "bad.csv"
    path.write_bytes("Indicator,Period,Value\nCC02,2022-23,£560\nCC02,soon,1\n".encode("cp1252"))
    before = window.ws.scalar("SELECT count(*) FROM indicator_values")
    page.files.start_import(path)
    qtbot.waitUntil(lambda: page.files.preview is not None and page.files.preview.isVisible())
    preview = page.files.preview
    assert not preview.import_button.isEnabled()
    assert "1 row refused (row 3)" in preview.summary.text()
    refused = [line for line in preview.plan.lines if line.action.value == "refuse"]
    assert refused[0].row == 3 and "'soon' is not a period" in refused[0].detail
    preview.reject()
    assert window.ws.scalar("SELECT count(*) FROM indicator_values") == before


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_exports_run_as_tasks(page, window, tmp_path, qtbot, suffix):
    page.files.export_catalogue(tmp_path / f"catalogue{suffix}")
    qtbot.waitUntil(lambda: page.files.last_result == 73, timeout=20_000)
    assert (tmp_path / f"catalogue{suffix}").is_file()
    window.last_message.accept()
    page.files.last_result = None
    page.files.export_values(tmp_path / f"values{suffix}")
    qtbot.waitUntil(lambda: isinstance(page.files.last_result, int), timeout=20_000)
    assert page.files.last_result == window.ws.scalar("SELECT count(*) FROM indicator_values")
    window.last_message.accept()


def test_the_page_menu_has_the_actions_with_shortcuts(page, window):
    texts = {action.text(): action.shortcut().toString() for action in page.page_actions()}
    assert texts["&Import indicators…"] == "Ctrl+I"
    assert texts["Export &catalogue…"] == "Ctrl+E"
    assert window.page_menus[2].menuAction().isVisible()


def test_a_value_is_marked_provisional_with_a_note_and_a_period_added(page, window):
    ws = window.ws
    detail = page.detail_tab
    ep02 = store.code_owner(ws, "EP02")
    own = reference.own_area(ws).id
    page.open_indicator(ep02)
    detail.select_cell("2022-23", own)
    assert detail.save_details.isEnabled()
    detail.provisional.setChecked(True)
    detail.note.setText("Awaiting the final DWP release <b>&</b>")
    detail.save_details.click()
    value = store.find_value(ws, ep02, "2022-23", own)
    assert value.provisional and value.note == "Awaiting the final DWP release <b>&</b>"
    assert detail.model.index(detail.model.row_of("2022-23"), 0).data().endswith("(p)")
    window.undo_stack.undo()
    assert not store.find_value(ws, ep02, "2022-23", own).provisional
    detail.new_period.setText("2023/24")
    detail.add_period.click()
    assert detail.model.period(0) == "2023-24" and page.period.findText("2023-24") >= 0
    detail.new_period.setText("next year")
    detail.add_period.click()
    assert "'next year' is not a period" in window.last_message.text()
    window.last_message.accept()


def test_a_typed_note_is_saved_for_its_cell_when_another_is_chosen(page, window):
    ws = window.ws
    detail = page.detail_tab
    ep02 = store.code_owner(ws, "EP02")
    own = reference.own_area(ws).id
    page.open_indicator(ep02)
    detail.select_cell("2022-23", own)
    before = window.undo_stack.count()
    detail.note.setText("Revised by the ONS in March")  # typed, "Save note" not pressed
    detail.select_cell("2021-22", own)
    assert store.find_value(ws, ep02, "2022-23", own).note == "Revised by the ONS in March"
    assert store.find_value(ws, ep02, "2021-22", own).note == ""
    assert detail.note.text() == "" and window.undo_stack.count() == before + 1
    detail.select_cell("2022-23", own)  # nothing typed: moving on saves nothing more
    assert window.undo_stack.count() == before + 1
    assert detail.note.text() == "Revised by the ONS in March"


def test_what_is_typed_in_the_value_and_override_editors_is_saved_when_the_window_closes(
    page, window
):
    ws = window.ws
    detail = page.detail_tab
    ep02 = store.code_owner(ws, "EP02")
    own = reference.own_area(ws).id
    page.open_indicator(ep02)
    detail.select_cell("2022-23", own)
    detail.note.setText("Provisional until the autumn release")
    detail.provisional.setChecked(True)
    chosen = next(s for s in Status if s.value != detail.override_status.currentData())
    detail.override_status.setCurrentIndex(detail.override_status.findData(chosen.value))
    detail.override_reason.setPlainText("The national definition changed mid-year")
    assert window.save_pending_edits()  # what closing the window and quitting do first
    value = store.find_value(ws, ep02, "2022-23", own)
    assert value.provisional and value.note == "Provisional until the autumn release"
    override = store.override_row(ws, ep02, "2022-23")
    assert override is not None and override["status"] == chosen.value
    assert override["reason"] == "The national definition changed mid-year"
    steps = window.undo_stack.count()
    assert window.save_pending_edits()  # saved once: nothing is pressed again
    assert window.undo_stack.count() == steps


def test_ticking_blank_cells_clear_checks_the_file_again_and_imports_the_clearing(
    page, window, tmp_path, qtbot
):
    ws = window.ws
    ep02 = store.code_owner(ws, "EP02")
    own = reference.own_area(ws).id
    stored = store.find_value(ws, ep02, "2022-23", own).value
    assert stored is not None
    path = tmp_path / "update.csv"
    path.write_text("Indicator,Period,Value,Note\nEP02,2022-23,,\n", encoding="utf-8")
    page.files.start_import(path)
    qtbot.waitUntil(lambda: page.files.preview is not None and page.files.preview.isVisible())
    first = page.files.preview
    assert not first.blank_clears.isChecked() and not first.import_button.isEnabled()
    assert not first.plan.writes_anything  # a blank cell leaves the value alone
    first.blank_clears.setChecked(True)
    qtbot.waitUntil(
        lambda: page.files.preview is not first and page.files.preview.isVisible(),
        timeout=20_000,
    )
    second = page.files.preview
    assert not first.isVisible()
    assert second.blank_clears.isChecked() and second.plan.blank_clears
    assert [line.detail for line in second.plan.changed] == [
        f"{stored:g} → not available (blank cell)"
    ]
    second.import_button.click()
    qtbot.waitUntil(lambda: page.files.last_result is not None, timeout=20_000)
    assert store.find_value(ws, ep02, "2022-23", own).value is None
    window.last_message.accept()
