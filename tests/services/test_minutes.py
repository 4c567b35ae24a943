"""Drafting minutes item by item: narrative, bullets and the resolution tree, with undo."""

from __future__ import annotations

import pytest

from ocplan_desktop.domain.errors import LockedError, ValidationError
from ocplan_desktop.domain.minutes import body_text
from ocplan_desktop.importers.minutes_text import read_minutes_file
from ocplan_desktop.services import meetings, minutes, resolutions
from ocplan_desktop.services import minutes_approval as approval
from ocplan_desktop.services.change import RECOMMENDATIONS
from ocplan_desktop.store import committees
from tests.conftest import SEED_MINUTES
from tests.services.factories import make_committee, make_item, make_meeting, only_id


def labelled(ws, item_id):
    return [
        ("    " * depth) + f"{label} {text}"
        for depth, label, text in minutes.view(ws, item_id).minutes().numbered_resolutions()
    ]


def keys(ws, item_id):
    from ocplan_desktop.domain.numbering import walk

    return [node.key for _path, node in walk(minutes.view(ws, item_id).resolutions)]


@pytest.fixture
def item(ws):
    return make_item(ws, make_meeting(ws, status="held"))


def test_an_item_without_minutes_shows_an_empty_draft_and_writes_nothing(ws, item):
    view = minutes.view(ws, item)
    assert (view.minutes_id, view.heading, view.locked) == (None, "One Coventry Plan", False)
    assert ws.scalar("SELECT count(*) FROM minutes") == 0


def test_narrative_and_bullets_are_saved_and_undone(ws, item):
    first = minutes.add_line(ws, item, "paragraphs", "The Committee considered a Briefing Note.")
    minutes.add_line(ws, item, "paragraphs", "The Leader introduced the item.")
    bullet = only_id(minutes.add_line(ws, item, "bullets", "How partners would be held to account"))
    minutes.add_line(ws, item, "bullets", "Engagement   improved\nwith more people", at=0)
    view = minutes.view(ws, item)
    assert [text for _id, text in view.paragraphs][1] == "The Leader introduced the item."
    assert [text for _id, text in view.bullets] == [
        "Engagement improved with more people",
        "How partners would be held to account",
    ]
    minutes.move_line_by(ws, "bullets", bullet, -1)
    assert minutes.view(ws, item).bullets[0] == (bullet, "How partners would be held to account")
    edit = minutes.edit_line(ws, "bullets", bullet, "How partners are held to account")
    edit.undo(ws)
    assert minutes.view(ws, item).bullets[0][1] == "How partners would be held to account"
    assert first.ids
    with pytest.raises(ValidationError, match="paragraph: write something"):
        minutes.add_line(ws, item, "paragraphs", "   ")


def test_undoing_the_first_edit_leaves_no_empty_minutes_behind(ws, item):
    change = minutes.add_line(ws, item, "paragraphs", "The Committee noted the report.")
    assert ws.scalar("SELECT count(*) FROM minutes") == 1
    redo = change.undo(ws)
    assert ws.scalar("SELECT count(*) FROM minutes") == 0
    redo.undo(ws)
    assert minutes.view(ws, item).paragraphs[0][1] == "The Committee noted the report."


def test_resolutions_number_themselves_as_the_tree_changes(ws, item):
    one = only_id(resolutions.add(ws, item, "That the engagement feedback be noted"))
    two = only_id(resolutions.add(ws, item, "That the comments be submitted to Cabinet"))
    three = only_id(resolutions.add(ws, item, "Welcome the increased engagement"))
    four = only_id(resolutions.add(ws, item, "Acknowledge the limitation of ward data"))
    assert labelled(ws, item)[3] == "4) Acknowledge the limitation of ward data"
    resolutions.indent(ws, three)
    resolutions.indent(ws, four)
    assert labelled(ws, item) == [
        "1) That the engagement feedback be noted",
        "2) That the comments be submitted to Cabinet",
        "    a) Welcome the increased engagement",
        "    b) Acknowledge the limitation of ward data",
    ]
    resolutions.move_up(ws, four)
    assert labelled(ws, item)[2] == "    a) Acknowledge the limitation of ward data"
    added = resolutions.add(ws, item, "That the recommendations be supported")
    resolutions.add(ws, item, "Agree regular updates", child_of=two)
    assert labelled(ws, item)[-1] == "3) That the recommendations be supported"
    assert labelled(ws, item)[4] == "    c) Agree regular updates"
    resolutions.outdent(ws, three)
    assert labelled(ws, item)[4:] == [
        "3) Welcome the increased engagement",
        "4) That the recommendations be supported",
    ]
    deleted = resolutions.delete(ws, one)
    assert labelled(ws, item)[0] == "1) That the comments be submitted to Cabinet"
    deleted.undo(ws)
    assert labelled(ws, item)[0] == "1) That the engagement feedback be noted"
    added.undo(ws)
    assert labelled(ws, item)[-1] == "3) Welcome the increased engagement"


def test_undo_then_redo_returns_the_same_tree_with_the_same_ids(ws, item):
    ids = [only_id(resolutions.add(ws, item, f"Resolution {n}")) for n in range(3)]
    before = keys(ws, item)
    change = resolutions.indent(ws, ids[2])
    after = labelled(ws, item)
    redo = change.undo(ws)
    assert keys(ws, item) == before
    redo.undo(ws)
    assert labelled(ws, item) == after and set(keys(ws, item)) == set(ids)


def test_a_resolution_marked_to_cabinet_tracks_its_lettered_items(ws, item):
    cabinet = committees.add_committee(ws, "Cabinet", "CAB", "executive")
    parent = only_id(resolutions.add(ws, item, "That the following be submitted to Cabinet:"))
    first = only_id(resolutions.add(ws, item, "Welcome the engagement", child_of=parent))
    resolutions.add(ws, item, "Suggest QR codes", child_of=parent)
    change = resolutions.mark_recommendations(ws, parent, cabinet)
    assert change.touches(RECOMMENDATIONS)
    tracked = minutes.view(ws, item).tracked
    assert sorted(tracked.values()) == ["SCC 2023-06-21 / 1(a)", "SCC 2023-06-21 / 1(b)"]
    row = ws.query("SELECT * FROM recommendations WHERE resolution_id = ?", (first,))[0]
    assert (row["text"], row["to_committee_id"], row["category"]) == (
        "Welcome the engagement",
        cabinet,
        "welcome",
    )
    later = resolutions.add(ws, item, "Agree regular updates", child_of=parent)
    assert len(minutes.view(ws, item).tracked) == 3
    later.undo(ws)
    resolutions.edit(ws, first, "Welcome the wider engagement")
    assert ws.scalar("SELECT text FROM recommendations WHERE resolution_id = ?", (first,)) == (
        "Welcome the wider engagement"
    )
    ws.db.execute(
        "UPDATE recommendations SET response = 'accepted' WHERE resolution_id = ?", (first,)
    )
    with pytest.raises(ValidationError, match="already has a response"):
        resolutions.delete(ws, first)
    with pytest.raises(ValidationError, match="already has a response"):
        resolutions.mark_recommendations(ws, parent, None)
    assert ws.scalar("SELECT count(*) FROM recommendations") == 2


def test_unmarking_removes_the_tracked_items_and_undo_brings_them_back(ws, item):
    cabinet = committees.add_committee(ws, "Cabinet", "CAB", "executive")
    parent = only_id(resolutions.add(ws, item, "To Cabinet:"))
    resolutions.add(ws, item, "Welcome the engagement", child_of=parent)
    resolutions.mark_recommendations(ws, parent, cabinet)
    unmark = resolutions.mark_recommendations(ws, parent, None)
    assert ws.scalar("SELECT count(*) FROM recommendations") == 0
    unmark.undo(ws)
    assert ws.scalar("SELECT count(*) FROM recommendations") == 1
    with pytest.raises(ValidationError, match="another body"):
        resolutions.mark_recommendations(
            ws, parent, ws.scalar("SELECT id FROM committees WHERE short_name = 'SCC'")
        )


def test_approved_minutes_are_locked_and_corrections_are_revisions(ws):
    committee = make_committee(ws)
    meeting = make_meeting(ws, committee, date="2023-02-01", status="held")
    later = make_meeting(ws, committee, date="2023-06-21", status="held")
    item = make_item(ws, meeting)
    minutes.add_line(ws, item, "paragraphs", "Councillor S O'Brien asked about the plan.")
    resolutions.add(ws, item, "That the report be noted")
    with pytest.raises(ValidationError, match="later meeting"):
        approval.approve(ws, later, meeting)
    approve = approval.approve(ws, meeting, later)
    view = minutes.view(ws, item)
    assert view.locked and view.status_text == (
        "Minutes approved at Scrutiny Co-ordination Committee, 21 June 2023"
    )
    for edit in (
        lambda: minutes.add_line(ws, item, "bullets", "A late comment"),
        lambda: resolutions.add(ws, item, "That more be done"),
        lambda: minutes.set_heading(ws, item, "New heading"),
    ):
        with pytest.raises(LockedError):
            edit()
    corrected = view.minutes()
    corrected = type(corrected)(
        **{
            **corrected.__dict__,
            "paragraphs": ("Councillor S O'Brien asked about the Plan's wards.",),
        }
    )
    with pytest.raises(ValidationError, match="say why"):
        approval.revise(ws, item, corrected, "  ")
    revise = approval.revise(ws, item, corrected, "Question recorded wrongly")
    history = approval.history(ws, item)
    assert [r.revision for r in history] == [1, 2]
    assert history[0].reason == "Approved at Scrutiny Co-ordination Committee, 21 June 2023"
    assert history[0].minutes.paragraphs == ("Councillor S O'Brien asked about the plan.",)
    assert history[1].minutes.paragraphs == corrected.paragraphs
    assert history[1].reason == "Question recorded wrongly" and history[1].created_by == ws.user
    assert "corrected (revision 2)" in minutes.view(ws, item).status_text
    assert minutes.view(ws, item).locked
    revise.undo(ws)
    assert [r.revision for r in approval.history(ws, item)] == [1]
    approve.undo(ws)
    assert not minutes.view(ws, item).locked and approval.history(ws, item) == []


def test_demo_minutes_approved_before_revisions_get_their_approved_text_kept(demo_ws):
    meeting = meetings.list_meetings(demo_ws)[0]
    item = next(
        i for i in meetings.agenda(demo_ws, meeting.id) if i.title == "One Coventry Plan 2022-2030"
    )
    original = minutes.view(demo_ws, item.id).minutes()
    changed = type(original)(**{**original.__dict__, "heading": "One Coventry Plan 2022 to 2030"})
    approval.revise(demo_ws, item.id, changed, "Heading as published")
    history = approval.history(demo_ws, item.id)
    assert [(r.revision, r.minutes.heading) for r in history] == [
        (1, "One Coventry Plan 2022-2030"),
        (2, "One Coventry Plan 2022 to 2030"),
    ]
    assert history[0].created_at == "2023-06-21"
    # the tracked recommendations (with Cabinet's responses) kept their links
    assert len(minutes.view(demo_ws, item.id).tracked) == 7


def test_the_seed_imports_into_a_meeting_with_its_structure(ws):
    committee = make_committee(ws)
    committees.add_committee(ws, "Cabinet", "CAB", "executive")
    meeting = make_meeting(ws, committee, date="2023-02-01", status="held")
    parsed = read_minutes_file(SEED_MINUTES).to_minutes(0)
    result = approval.import_into_meeting(ws, meeting, parsed)
    assert result.created_item and result.item_title == "One Coventry Plan 2022- 2030"
    view = minutes.view(ws, result.item_id)
    assert len(view.paragraphs) == 5 and len(view.bullets) == 10
    assert [len(node.children) for node in view.resolutions] == [0, 7, 0]
    assert result.tracked == 7  # "submitted to Cabinet": the lettered items are tracked
    assert labelled(ws, result.item_id)[8] == (
        "    g) Agree that Scrutiny receive regular updates on progress of the delivery of the "
        "One Coventry Plan"
    )
    with pytest.raises(ValidationError, match="already has minutes"):
        approval.import_into_meeting(ws, meeting, parsed)
    result.change.undo(ws)
    assert ws.scalar("SELECT count(*) FROM minutes") == 0
    assert ws.scalar("SELECT count(*) FROM recommendations") == 0


def test_import_replaces_a_draft_keeping_what_is_unchanged(ws, item):
    keep = only_id(resolutions.add(ws, item, "That the report be noted"))
    resolutions.add(ws, item, "That officers report back")
    parsed = read_minutes_file(SEED_MINUTES).to_minutes(item)
    approval.import_into_item(ws, item, parsed)
    assert keys(ws, item)[0] == keep  # the first resolution's row is reused, with new words
    assert body_text(minutes.view(ws, item).minutes()).count("\n    ") == 7
