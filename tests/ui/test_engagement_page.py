"""The engagement page driven through its widgets: coding from the keyboard and in bulk with undo,
filters, the analysis and side-by-side charts, an import with ward mapping, passing on, the poster
and the reference lists."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from ocplan_desktop.domain.engagement import NOT_COLLECTED
from ocplan_desktop.ui.pages.engagement_page import EngagementPage


def open_page(window, qtbot) -> EngagementPage:
    window.show_page(3)
    page = window.pages[3]
    assert isinstance(page, EngagementPage)
    qtbot.waitUntil(lambda: page.responses.table.model.rowCount() > 0)
    return page


def select_rows(page, rows):
    view = page.responses.table.view
    view.clearSelection()
    view.setCurrentIndex(page.responses.table.proxy.index(rows[0], 0))
    model = view.selectionModel()
    for row in rows:
        model.select(
            page.responses.table.proxy.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )


def themes_of(page, ids):
    by_id = {item.id: item for item in page.responses.table.model.rows()}
    return {item: by_id[item].themes for item in ids}


def test_number_key_tags_selected_responses_and_undo_restores(window, qtbot):
    page = open_page(window, qtbot)
    select_rows(page, [0, 1, 2])
    ids = [item.id for item in page.responses.selected()]
    before = themes_of(page, ids)
    page.responses.table.view.setFocus()
    qtbot.keyClick(page.responses.table.view, Qt.Key.Key_7)  # 7: Community safety
    qtbot.waitUntil(lambda: all("Community safety" in t for t in themes_of(page, ids).values()))
    assert window.undo_stack.undoText() in (
        "Tag 3 responses with Community safety",
        "Remove Community safety from 3 responses",
    )
    # the selection survives the refresh, so the next key codes the same rows
    assert sorted(item.id for item in page.responses.selected()) == sorted(ids)
    check = page.responses.theme_list.item(6)
    assert check.checkState() == Qt.CheckState.Checked
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: themes_of(page, ids) == before)
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: all("Community safety" in t for t in themes_of(page, ids).values()))


def test_bulk_tagging_of_filtered_responses_is_one_undo_step(window, qtbot):
    page = open_page(window, qtbot)
    ward = page.responses.filters["ward"]
    ward.setCurrentIndex(ward.findText(NOT_COLLECTED))
    rows = page.responses.table.model.rows()
    assert rows and all(item.ward == NOT_COLLECTED for item in rows)
    page.responses.table.view.selectAll()
    ids = [item.id for item in page.responses.selected()]
    assert len(ids) == len(rows) > 100
    count = window.undo_stack.count()
    page.responses.theme_list.item(0).setSelected(True)  # Jobs and skills
    page.responses.theme_list.item(1).setSelected(True)  # Housing
    page.responses.tag_selected(page.responses.highlighted_themes())
    assert window.undo_stack.count() == count + 1
    tagged = themes_of(page, ids)
    assert all("Jobs and skills" in t and "Housing" in t for t in tagged.values())
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: not all("Housing" in t for t in themes_of(page, ids).values()))


def test_search_and_filters_narrow_the_list(window, qtbot):
    page = open_page(window, qtbot)
    total = page.responses.table.model.rowCount()
    theme = page.responses.filters["theme"]
    theme.setCurrentIndex(theme.findText("Housing"))
    assert 0 < page.responses.table.model.rowCount() < total
    qtbot.keyClicks(page.responses.table.filter_box, "private rented")
    shown = page.responses.table.proxy.rowCount()
    assert shown > 0
    for row in range(shown):
        record = page.responses.table.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 2)
        assert "Housing" in record.themes


def test_analysis_and_side_by_side_charts(window, qtbot):
    page = open_page(window, qtbot)
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "ward" in page.analysis.charts)
    ward = page.analysis.charts["ward"].data
    assert len(ward.categories) == 19 and ward.categories[-1] == NOT_COLLECTED
    assert {ward.categories[i] for i in ward.flagged} == {"Foleshill", "Longford"}
    assert len(page.analysis.charts["ward"].flag_items) == 2
    assert page.analysis.charts["rate"].isVisibleTo(page.analysis)
    assert set(page.analysis.charts) == {"ward", "rate", "channel", "respondent_type", "theme"}
    assert "No responses from 2 wards" in page.analysis.summary_label.text()
    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.compare.chart is not None)
    assert len(page.compare.chart.data.series) == 2
    assert page.compare.chart.legend_names() == [
        series.name for series in page.compare.chart.data.series
    ]
    assert page.compare.first.currentText() != page.compare.second.currentText()


def test_import_maps_unmatched_wards_then_imports(window, qtbot, tmp_path):
    page = open_page(window, qtbot)
    before = page.current_exercise().response_count
    path = tmp_path / "survey.csv"
    path.write_bytes(
        "Submitted,Which ward do you live in?,Your views,Postcode\n"
        "01/02/2024,St. Michaels,More buses,CV1\n"
        "02/02/2024,Narnia,Café please,CV2\n"
        "03/02/2024,binley & willenhall,Lights,CV3\n".encode("cp1252")
    )
    dialog = page.import_file(path)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert dialog.field_combo("Postcode").currentData() == ""
    assert dialog.field_combo("Your views").currentData() == "text"
    assert [item.value for item in dialog.plan.unmatched_wards] == ["Narnia"]
    assert not dialog.import_button.isEnabled()
    dialog.set_ward("Narnia", NOT_COLLECTED)
    assert dialog.plan.ok and dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.start_import()
    qtbot.waitUntil(lambda: page.current_exercise().response_count == before + 3)
    assert "3 responses imported" in window.last_message.text()


def test_a_file_imported_before_is_named_and_needs_a_tick(window, qtbot, tmp_path):
    page = open_page(window, qtbot)
    path = tmp_path / "again.csv"
    path.write_text("Date,Ward,Response\n2024-02-01,Earlsdon,Hello\n", encoding="utf-8")
    before = page.current_exercise().response_count
    dialog = page.import_file(path)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert not dialog.again.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.start_import()
    qtbot.waitUntil(lambda: page.current_exercise().response_count == before + 1)
    window.last_message.accept()
    dialog = page.import_file(path)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert dialog.again.isVisibleTo(dialog)
    assert dialog.again.text().startswith("again.csv was already imported into the exercise")
    assert not dialog.import_button.isEnabled() and dialog.start_import() is None
    dialog.again.setChecked(True)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported, timeout=10_000):
        dialog.start_import()
    qtbot.waitUntil(lambda: page.current_exercise().response_count == before + 2)


def test_a_near_miss_is_offered_in_the_mapping_step_never_applied(window, qtbot, tmp_path):
    page = open_page(window, qtbot)
    path = tmp_path / "typo.csv"
    path.write_text(
        "Date,Ward,Response\n2024-02-01,Earlsdon Ward,a\n2024-02-02,Earlsdn,b\n", encoding="utf-8"
    )
    dialog = page.import_file(path)
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10_000)
    assert [item.value for item in dialog.plan.unmatched_wards] == [
        "Earlsdn"
    ]  # "Earlsdon Ward" matched
    assert not dialog.import_button.isEnabled()  # the suggestion is not applied by itself
    use = dialog.wards.cellWidget(0, 2)
    assert use.text() == "Use Earlsdon"
    use.click()
    assert dialog.plan.ok and dialog.import_button.isEnabled()
    assert dialog.plan.ward_counts(dialog.context) == {"Earlsdon": 2}
    dialog.reject()


def test_pass_on_selected_responses(window, qtbot):
    page = open_page(window, qtbot)
    select_rows(page, [0, 1])
    dialog = page.pass_on_selected()
    dialog.target.setCurrentText("Local Plan review")
    dialog.date.setText("14/11/2024")
    dialog.accept()
    page.tabs.setCurrentIndex(3)
    qtbot.waitUntil(lambda: page.passed_on.table.model.rowCount() > 0)
    targets = [item.passed_on_to for item in page.passed_on.table.model.rows()]
    assert targets.count("Local Plan review") == 2


def test_poster_from_the_page(window, qtbot, tmp_path):
    page = open_page(window, qtbot)
    page.save_poster(tmp_path / "poster.pdf")
    qtbot.waitUntil(lambda: window.last_message is not None, timeout=20_000)
    assert "The poster is saved as" in window.last_message.text()
    assert (tmp_path / "poster.pdf").read_bytes()[:4] == b"%PDF"


def test_new_exercise_form_and_a_refused_one(window, qtbot):
    page = open_page(window, qtbot)
    dialog = page.new_exercise()
    dialog.title.setText("Budget consultation 2025")
    dialog.opens.setText("1 December 2024")
    dialog.closes.setText("not a date")
    dialog.accept()
    assert dialog.isVisible()  # refused: the form stays open to be corrected
    dialog.closes.setText("31 January 2025")
    dialog.accept()
    qtbot.waitUntil(lambda: page.main_row_count() == 3)
    assert page.current_exercise().title == "Budget consultation 2025"


def test_renaming_a_ward_in_the_reference_lists(window, qtbot):
    page = open_page(window, qtbot)
    dialog = page.show_lists()
    row = next(
        r for r in range(dialog.wards.rowCount()) if dialog.wards.item(r, 0).text() == "Holbrook"
    )
    dialog.wards.item(row, 0).setText("Holbrooks")
    qtbot.waitUntil(lambda: dialog.wards.item(row, 2).text() == "Holbrook")
    assert dialog.wards.item(row, 0).text() == "Holbrooks"
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: dialog.wards.item(row, 0).text() == "Holbrook")
    dialog.close()


def test_add_and_edit_a_response_by_hand(window, qtbot):
    page = open_page(window, qtbot)
    before = page.responses.table.model.rowCount()
    dialog = page.add_response()
    dialog.ward.setCurrentIndex(dialog.ward.findText("Foleshill"))
    dialog.channel.setCurrentIndex(dialog.channel.findText("Family Hub"))
    dialog.text.setPlainText("Letter: more <b>youth</b> clubs & play areas 🌳")
    dialog.themes.item(5).setCheckState(Qt.CheckState.Checked)  # Children and young people
    dialog.accept()
    qtbot.waitUntil(lambda: page.responses.table.model.rowCount() == before + 1)
    added = next(r for r in page.responses.table.model.rows() if r.text.startswith("Letter:"))
    assert (added.ward, added.channel, added.themes) == (
        "Foleshill",
        "Family Hub",
        "Children and young people",
    )
    page.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "ward" in page.analysis.charts)
    assert "Foleshill" not in page.analysis.summary.silent_wards
    page.tabs.setCurrentIndex(0)
    row = next(
        r
        for r in range(page.responses.table.proxy.rowCount())
        if page.responses.table.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2).id == added.id
    )
    page.responses.table.view.setCurrentIndex(page.responses.table.proxy.index(row, 0))
    edit = page.edit_response()
    assert edit.ward.currentText() == "Foleshill"
    edit.ward.setCurrentIndex(edit.ward.findText(NOT_COLLECTED))
    edit.accept()
    qtbot.waitUntil(
        lambda: (
            next(r for r in page.responses.table.model.rows() if r.id == added.id).ward
            == NOT_COLLECTED
        )
    )
    window.undo_stack.undo()
    qtbot.waitUntil(
        lambda: (
            next(r for r in page.responses.table.model.rows() if r.id == added.id).ward
            == "Foleshill"
        )
    )


def test_a_long_exercise_description_scrolls_instead_of_being_cut_off(window, qtbot):
    from PySide6.QtWidgets import QScrollArea

    from ocplan_desktop.services import engagement

    page = open_page(window, qtbot)
    purpose = "Ask residents <how> & why the plan's priorities matter to them. " * 60
    window.session.run(
        "Add exercise",
        lambda w: engagement.add_exercise(w, engagement.ExerciseFields("Long one", purpose)),
    )
    qtbot.waitUntil(lambda: any(e.title == "Long one" for e in page.exercises.model.rows()))
    row = next(
        index
        for index, exercise in enumerate(page.exercises.model.rows())
        if exercise.title == "Long one"
    )
    page.exercises.view.setCurrentIndex(
        page.exercises.proxy.mapFromSource(page.exercises.model.index(row, 0))
    )
    qtbot.waitUntil(lambda: "Long one" in page.details.text())
    area = page.details.parentWidget().parentWidget()
    assert isinstance(area, QScrollArea)
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    assert "<how>" in page.details.text() or "&lt;how&gt;" in page.details.text()
