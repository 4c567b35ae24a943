"""The merge rules on their own (no server): three-way per field, ordered lists, word differences."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ocplan_desktop.domain.merge import (
    WHOLE_RECORD,
    merge_order,
    merge_record,
    reconcile_order,
)
from ocplan_desktop.domain.textdiff import side, word_diff

FIELDS = ("title", "venue", "notes", "status")
values = st.sampled_from(["a", "b", "c", None, 1])
records = st.fixed_dictionaries({name: values for name in FIELDS})


@st.composite
def three_versions(draw):
    base = draw(records)
    mine = {name: draw(st.sampled_from([base[name], draw(values)])) for name in FIELDS}
    theirs = {name: draw(st.sampled_from([base[name], draw(values)])) for name in FIELDS}
    return base, mine, theirs


@given(three_versions())
def test_each_field_comes_from_the_side_that_changed_it_or_is_a_conflict(versions):
    base, mine, theirs = versions
    merged = merge_record(base, mine, theirs)
    conflicted = {conflict.field: conflict for conflict in merged.conflicts}
    assert merged.result is not None
    for name in FIELDS:
        mine_changed, theirs_changed = mine[name] != base[name], theirs[name] != base[name]
        if mine_changed and theirs_changed and mine[name] != theirs[name]:
            # both changed it differently: theirs stands, mine is kept with both values
            assert merged.result[name] == theirs[name]
            assert (conflicted[name].mine, conflicted[name].theirs) == (mine[name], theirs[name])
        else:
            assert name not in conflicted
            assert merged.result[name] == (mine[name] if mine_changed else theirs[name])


@given(three_versions())
def test_merging_is_a_no_op_when_one_side_did_nothing(versions):
    base, mine, theirs = versions
    assert merge_record(base, base, theirs).result == theirs
    assert merge_record(base, mine, base).result == mine
    assert merge_record(base, mine, base).conflicts == ()


def test_an_edit_against_a_deletion_is_a_conflict_either_way():
    base = {"title": "Budget", "venue": "Room 1"}
    edited = {"title": "Budget 2024/25", "venue": "Room 1"}
    deleted_there = merge_record(base, edited, None)
    assert deleted_there.result is None
    assert [(c.field, c.mine, c.theirs) for c in deleted_there.conflicts] == [
        (WHOLE_RECORD, edited, None)
    ]
    deleted_here = merge_record(base, None, edited)
    assert deleted_here.result == edited
    assert [(c.field, c.mine, c.theirs) for c in deleted_here.conflicts] == [
        (WHOLE_RECORD, None, edited)
    ]
    assert merge_record(base, None, base).result is None  # deleted here, untouched there
    assert merge_record(base, base, None).result is None  # untouched here, deleted there


def test_a_record_made_on_both_sides_merges_what_agrees_and_keeps_what_differs():
    merged = merge_record(
        None, {"status": "present", "note": ""}, {"status": "apologies", "note": ""}
    )
    assert merged.result == {"status": "apologies", "note": ""}
    assert [(c.field, c.mine, c.theirs) for c in merged.conflicts] == [
        ("status", "present", "apologies")
    ]


def test_a_field_a_newer_app_added_is_left_alone_by_an_older_one():
    base = {"title": "A", "exempt": 0}
    mine = {"title": "B"}  # this laptop's schema has no `exempt` column
    merged = merge_record(base, mine, {"title": "A", "exempt": 1})
    assert merged.result == {"title": "B", "exempt": 1} and merged.conflicts == ()


items = st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=8)


@given(items, st.data())
def test_order_merges_keep_every_item_once_and_take_a_lone_reorder(base, data):
    mine = data.draw(st.permutations(base)) + data.draw(
        st.lists(st.sampled_from("mnop"), unique=True, max_size=2)
    )
    theirs = list(base) + data.draw(st.lists(st.sampled_from("wxyz"), unique=True, max_size=2))
    merged = merge_order(base, mine, theirs)
    assert len(merged.result) == len(set(merged.result))
    assert set(merged.result) == set(mine) | set(theirs)
    # only mine reordered: its order of the common items wins, with no conflict
    common = [item for item in merged.result if item in base]
    assert common == [item for item in mine if item in base]
    assert not merged.conflict


@given(st.permutations("abcde"), st.permutations("abcde"))
def test_two_different_reorders_are_a_conflict_and_theirs_stands(mine, theirs):
    base = list("abcde")
    merged = merge_order(base, mine, theirs)
    if list(mine) != base and list(theirs) != base and list(mine) != list(theirs):
        assert merged.conflict and merged.result == tuple(theirs) and merged.mine == tuple(mine)
    else:
        assert not merged.conflict


def test_items_added_on_both_sides_follow_their_predecessors_theirs_first():
    merged = merge_order(["a", "b", "c"], ["a", "b", "m", "c"], ["a", "b", "t", "c"])
    assert merged.result == ("a", "b", "t", "m", "c") and not merged.conflict
    assert merge_order(["a"], ["a", "m"], ["a", "t"]).result == ("a", "t", "m")


def test_a_list_holds_exactly_its_members():
    assert reconcile_order(["a", "gone", "b"], ["b", "a", "new"]) == ("a", "b", "new")


@given(st.text(max_size=80), st.text(max_size=80))
def test_a_word_difference_gives_both_texts_back(old, new):
    pieces = word_diff(old, new)
    assert side(pieces, "old") == old and side(pieces, "new") == new


def test_a_word_difference_marks_the_words_that_changed():
    pieces = word_diff(
        "The Committee noted the report.", "The Committee noted the report and thanked officers."
    )
    assert [(p.op, p.text) for p in pieces] == [
        ("same", "The Committee noted the "),
        ("removed", "report."),
        ("added", "report and thanked officers."),
    ]
