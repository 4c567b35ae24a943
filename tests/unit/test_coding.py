"""Tagging responses with themes: one, several, in bulk; every edit undoable as one step."""

from __future__ import annotations

import pytest

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.services import coding, engagement
from ocplan_desktop.services.change import FEEDBACK
from ocplan_desktop.store import reference


def themes_of(ws, response_id):
    return {
        name
        for response in engagement.responses(ws)
        if response.id == response_id
        for name in response.themes.split("; ")
        if name
    }


def theme_id(ws, name):
    return {n: i for i, n in reference.names(ws, "feedback_themes")}[name]


@pytest.fixture
def untagged(demo_ws):
    """Five demo responses with their themes as they were."""
    items = engagement.responses(demo_ws, engagement.list_exercises(demo_ws)[0].id)[:5]
    return [item.id for item in items]


def test_tag_one_response_and_undo(demo_ws, untagged):
    first = untagged[0]
    before = themes_of(demo_ws, first)
    housing = theme_id(demo_ws, "Housing")
    target = "Housing" if "Housing" not in before else "Jobs and skills"
    change = coding.tag(demo_ws, [first], [theme_id(demo_ws, target)])
    assert change.touches(FEEDBACK) and change.ids == {first}
    assert themes_of(demo_ws, first) == before | {target}
    redo = change.undo(demo_ws)
    assert themes_of(demo_ws, first) == before
    redo.undo(demo_ws)
    assert themes_of(demo_ws, first) == before | {target}
    assert housing


def test_bulk_tag_adds_only_what_is_missing_and_undo_removes_only_that(demo_ws, untagged):
    housing = theme_id(demo_ws, "Housing")
    before = {item: themes_of(demo_ws, item) for item in untagged}
    had = [item for item in untagged if "Housing" in before[item]]
    change = coding.tag(demo_ws, untagged, [housing, theme_id(demo_ws, "Cost of living")])
    for item in untagged:
        assert {"Housing", "Cost of living"} <= themes_of(demo_ws, item)
    change.undo(demo_ws)
    for item in untagged:
        assert themes_of(demo_ws, item) == before[item]
    # those that had Housing before still have it: undo took away only what the edit added
    assert all("Housing" in themes_of(demo_ws, item) for item in had)


def test_toggle_removes_when_all_have_it_and_adds_otherwise(demo_ws, untagged):
    climate = theme_id(demo_ws, "Community safety")
    before = {item: themes_of(demo_ws, item) for item in untagged}
    added = coding.toggle(demo_ws, untagged, climate)
    assert all("Community safety" in themes_of(demo_ws, item) for item in untagged)
    removed = coding.toggle(demo_ws, untagged, climate)
    assert all("Community safety" not in themes_of(demo_ws, item) for item in untagged)
    removed.undo(demo_ws)
    assert all("Community safety" in themes_of(demo_ws, item) for item in untagged)
    coding.untag(demo_ws, untagged, [climate])
    added.undo(demo_ws)  # nothing left to remove: no error, nothing else touched
    for item in untagged:
        assert themes_of(demo_ws, item) == before[item] - {"Community safety"}


def test_tagging_is_audited(demo_ws, untagged):
    count = demo_ws.scalar(
        "SELECT count(*) FROM audit_log WHERE table_name = 'feedback_theme_links'"
    )
    coding.tag(demo_ws, untagged, [theme_id(demo_ws, "Council services")])
    after = demo_ws.scalar(
        "SELECT count(*) FROM audit_log WHERE table_name = 'feedback_theme_links'"
    )
    assert after > count


def test_tagging_refuses_nothing_selected_and_unknown_themes(demo_ws, untagged):
    with pytest.raises(ValidationError, match="select the responses"):
        coding.tag(demo_ws, [], [1])
    with pytest.raises(ValidationError, match="no theme with id 9999"):
        coding.tag(demo_ws, untagged, [9999])


def test_pass_on_and_undo(demo_ws, untagged):
    change = engagement.pass_on(demo_ws, untagged[:2], "Local Plan review", "14/10/2023")
    listed = [item for item in engagement.passed_on(demo_ws) if item.id in untagged[:2]]
    assert [(item.passed_on_to, item.passed_on_date) for item in listed] == [
        ("Local Plan review", "2023-10-14")
    ] * 2
    change.undo(demo_ws)
    assert not [
        item for item in engagement.passed_on(demo_ws) if item.passed_on_to == "Local Plan review"
    ]
    with pytest.raises(ValidationError, match="not a date"):
        engagement.pass_on(demo_ws, untagged[:1], "Local Plan review", "soon")


def test_filter_responses_by_any_field_and_text(demo_ws):
    from ocplan_desktop.services.engagement import NO_THEME, ResponseFilter, filter_responses

    items = engagement.responses(demo_ws, engagement.list_exercises(demo_ws)[0].id)
    assert len(filter_responses(items, ResponseFilter())) == len(items)
    library = filter_responses(items, ResponseFilter(channel="Library"))
    assert library and all(item.channel == "Library" for item in library)
    silent = filter_responses(
        items, ResponseFilter(ward="not collected", respondent_type="Resident")
    )
    assert silent and all(item.ward == "not collected" for item in silent)
    buses = filter_responses(items, ResponseFilter(text="RELIABLE BUSES"))
    assert buses and all("reliable buses" in item.text for item in buses)
    housing = filter_responses(items, ResponseFilter(theme="Housing", passed_on=False))
    assert housing and all("Housing" in item.themes and not item.passed_on_to for item in housing)
    assert filter_responses(items, ResponseFilter(theme=NO_THEME)) == []
    passed = filter_responses(items, ResponseFilter(passed_on=True))
    assert len(passed) == 100
