"""Catalogue, values and overrides edited one undoable step at a time; drill-down, themes, detail."""

from __future__ import annotations

import pytest

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.performance import NO_THEME, Status
from ocplan_desktop.services import indicators as service
from ocplan_desktop.services.change import INDICATORS, OVERRIDES, VALUES
from ocplan_desktop.services.indicator_detail import indicator_detail
from ocplan_desktop.services.performance import (
    drill_down,
    performance_summary,
    theme_summaries,
)
from ocplan_desktop.store import indicators as store
from ocplan_desktop.store import reference


def fields(**overrides):
    values = {"code": "NEW1", "name": "Trees planted", "polarity": "higher", "unit": "count"}
    return service.IndicatorFields(**{**values, **overrides})


def snapshot(ws):
    # A comparator link is known by its indicator and area (team sync derives its UUID from them
    # when it is first synced), so the UUID a re-made link gets here is left out.
    return {
        table: [
            {
                name: value
                for name, value in row.items()
                if table != "indicator_comparators" or name != "uuid"
            }
            for row in ws.query(f"SELECT * FROM [{table}] ORDER BY 1")
        ]
        for table in ("indicators", "indicator_values", "indicator_comparators", "status_overrides")
    }


def test_add_edit_and_delete_an_indicator_undo_and_redo(ws):
    areas = {area.name: area.id for area in reference.list_areas(ws)}
    theme = reference.list_themes(ws)[2]
    empty = snapshot(ws)
    added = service.add_indicator(
        ws, fields(theme_id=theme.id, comparator_area_ids=(areas["England"],))
    )
    assert added.touches(INDICATORS)
    (indicator_id,) = added.ids
    item = store.get_indicator(ws, indicator_id)
    assert (item.code, item.theme, item.comparators) == ("NEW1", theme.name, ("England",))
    after_add = snapshot(ws)

    edited = service.update_indicator(
        ws,
        indicator_id,
        fields(name="Trees planted by the council", polarity="lower", comparator_area_ids=()),
    )
    item = store.get_indicator(ws, indicator_id)
    assert (item.name, item.polarity, item.comparators, item.theme) == (
        "Trees planted by the council",
        "lower",
        (),
        "",
    )
    redo = edited.undo(ws)
    assert snapshot(ws) == after_add
    redo.undo(ws)
    assert store.get_indicator(ws, indicator_id).polarity == "lower"

    service.add_period(ws, "2022-23")
    service.set_value(ws, indicator_id, "2022-23", reference.own_area(ws).id, "12")
    service.set_override(ws, indicator_id, "2022-23", Status.SAME, "counted by hand")
    before_delete = snapshot(ws)
    deleted = service.delete_indicator(ws, indicator_id)
    assert store.list_indicators(ws) == []
    deleted.undo(ws)
    assert snapshot(ws) == before_delete
    added.undo(ws)  # undoing the add removes the indicator with what was recorded since
    assert snapshot(ws) == empty


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": " "}, "code: is needed"),
        ({"name": ""}, "name: is needed"),
        ({"code": "ep01"}, "already has the code 'ep01'"),
        ({"polarity": "sideways"}, "polarity: must be higher, lower or none"),
        ({"tolerance": -1}, "tolerance: cannot be negative"),
        ({"frequency": "monthly"}, "frequency: must be one of"),
        ({"first_period": "2022-23", "last_period": "2019/20"}, "last period: 2019-20 is before"),
        ({"first_period": "soon"}, "first period: 'soon' is not a period"),
        ({"name": "x" * 10_000}, "name: is 10,000 characters long"),
        ({"theme_id": 999}, "theme: is not one of the plan's themes"),
        ({"comparator_area_ids": (1,)}, "comparators: must be comparator areas"),
    ],
)
def test_bad_catalogue_entries_are_refused_and_change_nothing(demo_ws, changes, message):
    before = snapshot(demo_ws)
    with pytest.raises(ValidationError, match=message):
        service.add_indicator(demo_ws, fields(**changes))
    assert snapshot(demo_ws) == before


def test_values_are_set_changed_cleared_and_undone(demo_ws):
    ep01 = store.code_owner(demo_ws, "EP01")
    own = reference.own_area(demo_ws).id
    before = snapshot(demo_ws)
    change = service.set_value(demo_ws, ep01, "2022/23", own, "69.1%")
    assert change.touches(VALUES)
    assert store.find_value(demo_ws, ep01, "2022-23", own).value == 69.1
    statuses = {s.code: s for s in performance_summary(demo_ws, "2022-23").report.statuses}
    assert statuses["EP01"].is_override  # the officer's override still counts
    redo = change.undo(demo_ws)
    assert snapshot(demo_ws) == before
    redo.undo(demo_ws)
    assert store.find_value(demo_ws, ep01, "2022-23", own).value == 69.1

    value = store.find_value(demo_ws, ep01, "2021-22", own)
    changed = service.set_value(demo_ws, ep01, "2021-22", own, "N/A")
    assert store.find_value(demo_ws, ep01, "2021-22", own).value is None  # not available
    changed.undo(demo_ws)
    assert store.find_value(demo_ws, ep01, "2021-22", own).value == value.value
    cleared = service.set_value(demo_ws, ep01, "2021-22", own, "")
    assert store.find_value(demo_ws, ep01, "2021-22", own) is None
    cleared.undo(demo_ws)
    assert store.find_value(demo_ws, ep01, "2021-22", own) == value

    details = service.set_value_details(demo_ws, value.id, True, "revised by ONS")
    assert store.find_value(demo_ws, ep01, "2021-22", own).note == "revised by ONS"
    details.undo(demo_ws)
    assert store.find_value(demo_ws, ep01, "2021-22", own) == value

    with pytest.raises(ValidationError, match="value: 'lots' is not a number"):
        service.set_value(demo_ws, ep01, "2021-22", own, "lots")
    with pytest.raises(ValidationError, match="2031-32 is not a period of this workspace"):
        service.set_value(demo_ws, ep01, "2031-32", own, "1")


def test_an_override_counts_everywhere_and_undoes(demo_ws):
    ep02 = store.code_owner(demo_ws, "EP02")
    result = performance_summary(demo_ws, "2022-23")
    computed = {s.code: s for s in result.report.statuses}["EP02"].status
    target = Status.WORSE if computed is not Status.WORSE else Status.IMPROVED
    change = service.set_override(demo_ws, ep02, "2022-23", target, "  data quality issue ")
    assert change.touches(OVERRIDES)
    after = performance_summary(demo_ws, "2022-23")
    assert after.summary.count(target) == result.summary.count(target) + 1
    assert after.summary.overridden == 2
    item = {s.code: s for s in drill_down(after, target)}["EP02"]
    assert item.is_override and "data quality issue" in item.explanation
    theme_item = [
        s for t in theme_summaries(demo_ws, after) for s in t.statuses if s.code == "EP02"
    ][0]
    assert theme_item.is_override
    detail = indicator_detail(demo_ws, ep02, "2022-23")
    assert detail.status.is_override and detail.status.status is target
    change.undo(demo_ws)
    assert performance_summary(demo_ws, "2022-23").summary == result.summary

    cleared = service.clear_override(demo_ws, store.code_owner(demo_ws, "EP01"), "2022-23")
    assert performance_summary(demo_ws, "2022-23").summary.overridden == 0
    cleared.undo(demo_ws)
    assert performance_summary(demo_ws, "2022-23").summary == result.summary
    with pytest.raises(ValidationError, match="reason: an override needs a reason"):
        service.set_override(demo_ws, ep02, "2022-23", Status.SAME, "   ")
    with pytest.raises(ValidationError, match="no override for 2021-22"):
        service.clear_override(demo_ws, ep02, "2021-22")


@pytest.mark.parametrize("period", ["2016-17", "2019-20", "2021-22", "2022-23"])
def test_drill_down_lists_add_up_to_the_counts(demo_ws, period):
    result = performance_summary(demo_ws, period)
    listed = 0
    for status in Status:
        items = drill_down(result, status)
        assert len(items) == result.summary.count(status)
        assert all(item.status is status and item.explanation for item in items)
        listed += len(items)
    assert listed == result.summary.total == 73
    themes = theme_summaries(demo_ws, result)
    assert [theme.theme for theme in themes] == [t.name for t in reference.list_themes(demo_ws)]
    for status in Status:
        assert sum(theme.summary.count(status) for theme in themes) == result.summary.count(status)
        for theme in themes:
            assert len(drill_down(result, status, theme.theme)) == theme.summary.count(status)


def test_explanations_say_why(demo_ws):
    result = performance_summary(demo_ws, "2022-23")
    texts = {
        item.status: item.explanation for item in result.report.statuses if not item.is_override
    }
    assert (
        "and higher is better." in texts[Status.IMPROVED]
        or "and lower is better." in texts[Status.IMPROVED]
    )
    assert texts[Status.NOT_AVAILABLE].startswith("No value for 2022-23")
    assert "no polarity" in texts[Status.CANNOT_SAY]
    assert "no change" in texts[Status.SAME] or "within the tolerance" in texts[Status.SAME]


def test_theme_without_indicators_and_indicators_without_a_theme(ws):
    service.add_indicator(ws, fields())
    reference.ensure_periods(ws, ["2021-22", "2022-23"])
    result = performance_summary(ws, "2022-23")
    themes = theme_summaries(ws, result)
    assert themes[-1].theme == NO_THEME and themes[-1].summary.total == 1
    assert themes[0].summary.total == 0 and themes[0].summary.percent is None


def test_themes_are_edited_moved_and_kept_while_in_use(demo_ws):
    themes = reference.list_themes(demo_ws)
    renamed = service.update_theme(demo_ws, themes[0].id, "Prosperity", "priority")
    assert store.get_indicator(demo_ws, store.code_owner(demo_ws, "EP01")).theme == "Prosperity"
    renamed.undo(demo_ws)
    moved = service.move_theme(demo_ws, themes[4].id, -1)
    assert [t.id for t in reference.list_themes(demo_ws)][3:] == [themes[4].id, themes[3].id]
    moved.undo(demo_ws)
    assert reference.list_themes(demo_ws) == themes
    with pytest.raises(ValidationError, match="indicators are in this theme"):
        service.delete_theme(demo_ws, themes[0].id)
    with pytest.raises(ValidationError, match="already a theme called"):
        service.add_theme(demo_ws, themes[1].name.upper())
    added = service.add_theme(demo_ws, "Housing", "enabler")
    (theme_id,) = added.ids
    removed = service.delete_theme(demo_ws, theme_id)
    removed.undo(demo_ws)
    assert reference.find_theme(demo_ws, "housing").kind == "enabler"


def test_periods_are_added_and_removed_when_unused(demo_ws):
    change = service.add_period(demo_ws, "2023/24")
    assert reference.has_period(demo_ws, "2023-24")
    change.undo(demo_ws)
    assert not reference.has_period(demo_ws, "2023-24")
    with pytest.raises(ValidationError, match="has values or overrides"):
        service.remove_period(demo_ws, "2022-23")
    with pytest.raises(ValidationError, match="already a period"):
        service.add_period(demo_ws, "2022/23")


def test_indicator_detail_grid_statuses_and_trend_chart(demo_ws):
    ep01 = store.code_owner(demo_ws, "EP01")
    detail = indicator_detail(demo_ws, ep01, "2022-23")
    assert [area.name for area in detail.areas] == [
        "Coventry",
        "England",
        "West Midlands",
        "Similar councils",
    ]
    assert detail.periods[0] == "2015-16" and "2020-21" in detail.periods
    assert detail.cell("2020-21", detail.own_area.id) is None
    assert detail.status.is_override  # the demo's officer override
    chart = detail.chart
    assert [series.name for series in chart.series] == [area.name for area in detail.areas]
    assert chart.categories == detail.periods
    gap = chart.categories.index("2020-21")
    own_points = chart.points(0)
    assert gap not in [index for index, _ in own_points]
    recorded = [
        index
        for index, period in enumerate(chart.categories)
        if (cell := detail.cell(period, detail.own_area.id)) and cell.value is not None
    ]
    assert [index for index, _ in own_points] == recorded
    assert chart.categories[-1] == "2022-23" and chart.series[0].values[-1] is None
    assert len(chart.segments(0)) >= 2  # the line breaks at 2020-21
    similar = chart.series[3].values
    assert similar[:2] == (None, None)  # first published in 2017-18
    assert chart.value_format.format(68.4) == "68.4%"
