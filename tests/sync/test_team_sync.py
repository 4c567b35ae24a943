"""Two and three laptops syncing through a real PostgreSQL: upload, join, merge, conflicts."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader

from ocplan_desktop.domain.merge import ORDER, WHOLE_RECORD
from ocplan_desktop.services import attendance, meetings, minutes, minutes_approval, sync
from ocplan_desktop.services import recommendations as tracker
from ocplan_desktop.services.sync_conflicts import conflicts, resolve, shown_value
from ocplan_desktop.store import records
from ocplan_desktop.store.sync.local import pending_count, state
from tests.sync.views import differences, dump, listings, local_id, same_record, uuid_of

SCRUTINY_DRAFT = ("SCC", "2023-12-20")  # held, minutes drafted, not approved
SCRUTINY_NEXT = ("SCC", "2024-02-07")  # the meeting that approves them
TODAY = dt.date(2024, 3, 1)


def meeting_id(ws, key):
    return int(
        ws.scalar(
            "SELECT meetings.id FROM meetings JOIN committees ON committees.id = committee_id "
            "WHERE short_name = ? AND date = ?",
            key,
        )
    )


def item_with_minutes(ws, key):
    return int(
        ws.scalar(
            "SELECT agenda_items.id FROM agenda_items JOIN minutes ON minutes.agenda_item_id = "
            "agenda_items.id WHERE meeting_id = ?",
            (meeting_id(ws, key),),
        )
    )


def minutes_pdf_text(ws, meeting, tmp_path, name):
    from ocplan_desktop.reports.minutes_pdf import export_minutes

    out = tmp_path / f"{name}.pdf"
    export_minutes(ws, meeting, out, invariant=True)
    return "\n".join(page.extract_text() for page in PdfReader(out).pages)


def test_upload_and_join_give_identical_workspaces_listings_and_exports(pair, tmp_path):
    team, alice, bob = pair
    assert differences(dump(alice), dump(bob)) == []
    assert listings(alice) == listings(bob)
    # the printed minutes read the same on both laptops
    text_a = minutes_pdf_text(alice, meeting_id(alice, SCRUTINY_DRAFT), tmp_path, "a")
    text_b = minutes_pdf_text(bob, meeting_id(bob, SCRUTINY_DRAFT), tmp_path, "b")
    assert "RESOLVED" in text_a.upper() and text_a == text_b
    # both know the server and wait for nothing; the audit trail says who joined
    assert state(bob).joined and state(bob).server_id == state(alice).server_id
    assert pending_count(alice) == pending_count(bob) == 0
    assert bob.scalar("SELECT count(*) FROM audit_log WHERE summary LIKE 'joined the team%'") == 1
    # a sync with nothing to do sends and receives nothing
    assert sync.sync_workspace(bob).as_json() == {"sent": 0, "received": 0, "conflicts": []}


def test_a_meeting_is_one_calendar_event_whichever_laptop_exports_it(pair):
    """The calendar names a meeting's event by its UUID, so a teammate's export updates the same
    events in a shared calendar instead of adding a second set."""
    import icalendar

    from ocplan_desktop.reports.calendar_ics import calendar_bytes

    team, alice, bob = pair

    def uids(ws):
        data = calendar_bytes(ws)[0]
        return {str(event["uid"]) for event in icalendar.Calendar.from_ical(data).walk("VEVENT")}

    assert uids(alice) and uids(alice) == uids(bob)
    assert alice.scalar("SELECT count(*) FROM meetings") == len(uids(alice))


def test_different_fields_of_one_record_merge(pair):
    team, alice, bob = pair
    a_meeting = meeting_id(alice, SCRUTINY_NEXT)
    b_meeting = same_record(alice, bob, "meetings", a_meeting)
    records.update(alice, "meetings", a_meeting, {"venue": "Committee Room 2"})
    records.update(bob, "meetings", b_meeting, {"start_time": "14:00", "notes": "Hybrid"})
    assert sync.sync_workspace(alice).sent == 1
    report = sync.sync_workspace(bob)
    assert (report.sent, report.received, report.conflicts) == (1, 1, ())
    sync.sync_workspace(alice)
    for ws, row_id in ((alice, a_meeting), (bob, b_meeting)):
        row = records.get(ws, "meetings", row_id)
        assert (row["venue"], row["start_time"], row["notes"]) == (
            "Committee Room 2",
            "14:00",
            "Hybrid",
        )
    assert differences(dump(alice), dump(bob)) == []
    # the audit trail on Alice's laptop says Bob made his change
    who = alice.query(
        "SELECT user FROM audit_log WHERE table_name = 'meetings' AND record_id = ? "
        "ORDER BY id DESC LIMIT 1",
        (a_meeting,),
    )
    assert who == [{"user": "bob"}]
    # and on Bob's own laptop his edit is in his login's name too (not the computer's user)
    assert (
        bob.user == "bob"
        and bob.scalar(
            "SELECT user FROM audit_log WHERE table_name = 'meetings' AND record_id = ? "
            "ORDER BY id DESC LIMIT 1",
            (b_meeting,),
        )
        == "bob"
    )


def test_the_same_field_changed_twice_is_a_conflict_and_resolving_converges(pair):
    team, alice, bob = pair
    a_meeting = meeting_id(alice, SCRUTINY_NEXT)
    b_meeting = same_record(alice, bob, "meetings", a_meeting)
    records.update(alice, "meetings", a_meeting, {"venue": "Diamond Room 1"})
    records.update(bob, "meetings", b_meeting, {"venue": "Committee Room 3"})
    sync.sync_workspace(alice)
    report = sync.sync_workspace(bob)
    (conflict,) = report.conflicts
    assert conflict.as_json()["field"] == "venue"
    assert (conflict.mine, conflict.theirs, conflict.who) == (
        "Committee Room 3",
        "Diamond Room 1",
        "alice",
    )
    assert set(conflict.as_json()) == {
        "id",
        "table",
        "record",
        "field",
        "mine",
        "theirs",
        "who",
        "when",
    }
    # the team's value stands for now, on both laptops
    assert records.get(bob, "meetings", b_meeting)["venue"] == "Diamond Room 1"
    assert [c.id for c in conflicts(bob)] == [conflict.id]
    # Bob keeps his: the next syncs carry it everywhere
    resolve(bob, conflict.id, "mine")
    assert conflicts(bob) == []
    assert pending_count(bob) == 1
    team.settle(bob, alice)
    assert records.get(alice, "meetings", a_meeting)["venue"] == "Committee Room 3"
    assert differences(dump(alice), dump(bob)) == []
    with pytest.raises(Exception, match="settled already"):
        resolve(bob, conflict.id, "theirs")


def test_keeping_theirs_changes_nothing_but_the_conflict(pair):
    team, alice, bob = pair
    a_meeting = meeting_id(alice, SCRUTINY_NEXT)
    b_meeting = same_record(alice, bob, "meetings", a_meeting)
    records.update(alice, "meetings", a_meeting, {"notes": "Alice's note"})
    records.update(bob, "meetings", b_meeting, {"notes": "Bob's note"})
    team.settle(alice, bob)
    (conflict,) = conflicts(bob)
    resolve(bob, conflict.id, "theirs")
    team.settle(alice, bob)
    assert records.get(bob, "meetings", b_meeting)["notes"] == "Alice's note"
    assert differences(dump(alice), dump(bob)) == []


def test_agenda_items_added_on_both_laptops_keep_both_and_minute_numbers_follow_order(pair):
    team, alice, bob = pair
    a_meeting = meeting_id(alice, SCRUTINY_DRAFT)
    b_meeting = same_record(alice, bob, "meetings", a_meeting)
    before = [item.minute_number for item in meetings.agenda(alice, a_meeting)]
    assert all(before)
    meetings.add_item(alice, a_meeting, "Air quality action plan")
    meetings.add_item(bob, b_meeting, "Libraries review")
    team.settle(alice, bob)
    for ws, mid in ((alice, a_meeting), (bob, b_meeting)):
        items = meetings.agenda(ws, mid)
        titles = [item.title for item in items]
        assert titles[-2:] == ["Air quality action plan", "Libraries review"]
        numbers = [int(item.minute_number.split("/")[0]) for item in items]
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    assert differences(dump(alice), dump(bob)) == []


def test_an_agenda_reordered_on_one_laptop_and_edited_on_the_other_merges(pair):
    team, alice, bob = pair
    a_meeting = meeting_id(alice, SCRUTINY_NEXT)
    b_meeting = same_record(alice, bob, "meetings", a_meeting)
    items = meetings.agenda(alice, a_meeting)
    meetings.move_item(alice, items[-1].id, 0)
    b_item = same_record(alice, bob, "agenda_items", items[1].id)
    meetings.rename_item(bob, b_item, "Apologies for absence (and substitutions)")
    team.settle(alice, bob)
    titles = [item.title for item in meetings.agenda(bob, b_meeting)]
    assert titles[0] == items[-1].title
    assert "Apologies for absence (and substitutions)" in titles
    assert conflicts(alice) == conflicts(bob) == []
    assert differences(dump(alice), dump(bob)) == []


def test_two_different_reorders_of_one_agenda_are_a_conflict(pair):
    team, alice, bob = pair
    a_meeting = meeting_id(alice, SCRUTINY_NEXT)
    b_meeting = same_record(alice, bob, "meetings", a_meeting)
    a_items = meetings.agenda(alice, a_meeting)
    meetings.move_item(alice, a_items[-1].id, 0)
    meetings.move_item(bob, same_record(alice, bob, "agenda_items", a_items[0].id), 3)
    sync.sync_workspace(alice)
    report = sync.sync_workspace(bob)
    (conflict,) = report.conflicts
    assert conflict.field == ORDER and conflict.shown_table == "agenda_items"
    assert len(conflict.mine) == len(conflict.theirs) == len(a_items)
    resolve(bob, conflict.id, "mine")
    team.settle(bob, alice)
    mine = [uuid_of(bob, "agenda_items", i.id) for i in meetings.agenda(bob, b_meeting)]
    assert mine == conflict.mine
    assert differences(dump(alice), dump(bob)) == []


def test_append_only_logs_are_unions(pair):
    team, alice, bob = pair
    rec = int(alice.scalar("SELECT id FROM recommendations ORDER BY id LIMIT 1"))
    b_rec = same_record(alice, bob, "recommendations", rec)
    tracker.add_progress_update(alice, rec, "2024-02-01", "Funding bid submitted", today=TODAY)
    tracker.add_progress_update(bob, b_rec, "2024-02-02", "Officers met the partners", today=TODAY)
    # both record the same councillor's attendance at one meeting: one record, no conflict
    a_meeting = meeting_id(alice, SCRUTINY_NEXT)
    person = int(alice.scalar("SELECT id FROM people ORDER BY id LIMIT 1"))
    attendance.set_attendance(alice, a_meeting, person, "apologies")
    attendance.set_attendance(
        bob,
        same_record(alice, bob, "meetings", a_meeting),
        same_record(alice, bob, "people", person),
        "apologies",
    )
    team.settle(alice, bob)
    for ws, rid in ((alice, rec), (bob, b_rec)):
        texts = {
            row["text"]
            for row in ws.query(
                "SELECT text FROM recommendation_updates WHERE recommendation_id = ?", (rid,)
            )
        }
        assert {"Funding bid submitted", "Officers met the partners"} <= texts
    assert alice.scalar("SELECT count(*) FROM attendance WHERE meeting_id = ?", (a_meeting,)) == 1
    assert conflicts(alice) == conflicts(bob) == []
    assert differences(dump(alice), dump(bob)) == []


def test_an_edit_against_a_deletion_is_a_conflict_and_nothing_is_lost(pair):
    team, alice, bob = pair
    a_meeting = meeting_id(alice, SCRUTINY_NEXT)
    item = meetings.agenda(alice, a_meeting)[-1]
    b_item = same_record(alice, bob, "agenda_items", item.id)
    meetings.delete_item(alice, item.id)
    meetings.rename_item(bob, b_item, "Any other business (urgent)")
    sync.sync_workspace(alice)
    report = sync.sync_workspace(bob)
    (conflict,) = [c for c in report.conflicts if c.field == WHOLE_RECORD]
    assert conflict.theirs is None and conflict.mine["title"] == "Any other business (urgent)"
    where = "Scrutiny Co-ordination Committee, 7 February 2024"
    assert conflict.record == f"agenda item “Any other business (urgent)” ({where})"
    shown = shown_value(bob, conflict, conflict.mine)
    assert f"meeting id: meeting of {where}" in shown and "title: Any other business" in shown
    assert shown_value(bob, conflict, conflict.theirs) == "(deleted)"
    assert bob.scalar("SELECT count(*) FROM agenda_items WHERE id = ?", (b_item,)) == 0
    resolve(bob, conflict.id, "mine")  # Bob brings it back
    team.settle(bob, alice)
    titles = [i.title for i in meetings.agenda(alice, a_meeting)]
    assert "Any other business (urgent)" in titles
    assert differences(dump(alice), dump(bob)) == []


def test_an_offline_edit_to_minutes_approved_meanwhile_becomes_a_correction(pair):
    team, alice, bob = pair
    a_item = item_with_minutes(alice, SCRUTINY_DRAFT)
    b_item = same_record(alice, bob, "agenda_items", a_item)
    # Bob, offline in the committee room, corrects a paragraph of the draft
    b_minutes = minutes.view(bob, b_item)
    paragraph_id, old_text = b_minutes.paragraphs[0]
    minutes.edit_line(
        bob, "paragraphs", paragraph_id, old_text + " The Chair thanked the officers."
    )
    # meanwhile Alice approves the minutes at the next meeting and syncs
    minutes_approval.approve(
        alice, meeting_id(alice, SCRUTINY_DRAFT), meeting_id(alice, SCRUTINY_NEXT)
    )
    sync.sync_workspace(alice)
    report = sync.sync_workspace(bob)
    (conflict,) = report.conflicts
    assert "approved" in conflict.message and "correction" in conflict.message
    assert conflict.mine.endswith("The Chair thanked the officers.")
    # the approved text stands on Bob's laptop too, and is locked there
    assert minutes.view(bob, b_item).locked
    assert minutes.view(bob, b_item).paragraphs[0][1] == old_text
    # Bob keeps his edit: it goes in as a visible correction (a new revision), everywhere
    resolve(bob, conflict.id, "mine")
    team.settle(bob, alice)
    history = minutes_approval.history(alice, a_item)
    assert [revision.revision for revision in history] == [1, 2]
    assert history[-1].reason.startswith("Offline edit kept after the minutes were approved by")
    assert history[-1].created_by == "bob"  # Bob made the correction, in his login's name
    assert minutes.view(alice, a_item).paragraphs[0][1].endswith("The Chair thanked the officers.")
    assert history[0].minutes.paragraphs[0] == old_text  # the approved text stays readable
    assert differences(dump(alice), dump(bob)) == []


def test_approved_minutes_cannot_change_on_the_server_whatever_a_client_does(pair):
    """The trigger refuses what a careless or old client might send."""
    import psycopg

    team, alice, _bob = pair
    minutes_approval.approve(
        alice, meeting_id(alice, SCRUTINY_DRAFT), meeting_id(alice, SCRUTINY_NEXT)
    )
    sync.sync_workspace(alice)
    paragraph = uuid_of(
        alice,
        "minute_paragraphs",
        int(alice.scalar("SELECT min(id) FROM minute_paragraphs")),
    )
    with psycopg.connect(team.url("alice")) as conn:
        with pytest.raises(psycopg.errors.RaiseException, match="approved minutes cannot change"):
            conn.execute(
                "UPDATE ocplan.records SET data = jsonb_set(data, '{text}', '\"changed\"') "
                "WHERE uuid = %s",
                (paragraph,),
            )
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM ocplan.records WHERE uuid = %s", (paragraph,))
        conn.rollback()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DROP TABLE ocplan.changes")


def test_three_laptops_each_changing_something_end_the_same(pair):
    team, alice, bob = pair
    carol = team.join("carol")
    a_meeting = meeting_id(alice, SCRUTINY_NEXT)
    records.update(alice, "meetings", a_meeting, {"venue": "Room A"})
    meetings.add_item(bob, same_record(alice, bob, "meetings", a_meeting), "Youth council")
    rec = int(carol.scalar("SELECT id FROM recommendations ORDER BY id DESC LIMIT 1"))
    tracker.record_response(carol, [rec], "accepted", today=TODAY, text="Agreed by Cabinet")
    team.settle(alice, bob, carol)
    assert differences(dump(alice), dump(bob)) == []
    assert differences(dump(bob), dump(carol)) == []
    assert local_id(alice, "recommendations", uuid_of(carol, "recommendations", rec))


def test_a_push_committing_late_is_not_skipped_by_a_pull_made_meanwhile(pair):
    """Numbers are taken under one lock and committed in order: a laptop that pulls while a push
    is still open does not move past that push's numbers, and a push that comes meanwhile waits."""
    import threading
    import time

    import psycopg

    from ocplan_desktop.store.workspace import open_workspace

    team, alice, bob = pair
    carol = team.join("carol")
    first, second = meeting_id(alice, SCRUTINY_NEXT), meeting_id(alice, SCRUTINY_DRAFT)
    uuids = uuid_of(alice, "meetings", first), uuid_of(alice, "meetings", second)
    records.update(alice, "meetings", first, {"venue": "Alice's room"})
    records.update(bob, "meetings", same_record(alice, bob, "meetings", second), {"notes": "Bob"})
    paused, resume = threading.Event(), threading.Event()
    errors = []

    def hold(point):
        if point == "server_applied":  # Alice's numbers are taken but not yet committed
            paused.set()
            resume.wait(20)

    def run(path, **options):
        try:
            with open_workspace(path) as ws:
                sync.sync_workspace(ws, **options)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)

    paths = alice.path, bob.path
    for ws in (alice, bob):
        team.laptops.remove(ws)
        ws.close()
    slow = threading.Thread(target=run, args=(paths[0],), kwargs={"checkpoint": hold})
    slow.start()
    assert paused.wait(20)
    queued = threading.Thread(target=run, args=(paths[1],))
    queued.start()
    with team.cluster.admin_connect(team.database) as admin:  # autocommit: fresh statistics
        for _ in range(200):  # Bob's push waits for the lock Alice's push holds
            waiting = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = 'bob' "
                "AND wait_event = 'advisory'"
            ).fetchone()[0]
            if waiting:
                break
            time.sleep(0.05)
    assert waiting == 1
    sync.sync_workspace(carol)  # a pull in the middle
    middle = state(carol).last_seq
    resume.set()
    slow.join(30)
    queued.join(30)
    assert errors == []
    with psycopg.connect(team.url("carol")) as conn:
        numbers = dict(
            conn.execute(
                "SELECT uuid, seq FROM ocplan.records WHERE uuid = ANY(%s)", (list(uuids),)
            )
        )
    assert middle < numbers[uuids[0]] < numbers[uuids[1]]  # committed in the order numbered
    sync.sync_workspace(carol)
    assert (
        records.get(carol, "meetings", local_id(carol, "meetings", uuids[0]))["venue"]
        == "Alice's room"
    )
    assert records.get(carol, "meetings", local_id(carol, "meetings", uuids[1]))["notes"] == "Bob"


def test_an_edit_made_while_the_sync_runs_is_kept_and_sent_next_time(pair):
    """The window syncs in the background while the officer types: an edit that lands between
    the read and the write-back is neither lost nor overwritten by what came in."""
    team, alice, bob = pair
    a_meeting = meeting_id(alice, SCRUTINY_NEXT)
    b_meeting = same_record(alice, bob, "meetings", a_meeting)
    records.update(alice, "meetings", a_meeting, {"start_time": "18:00"})
    team.sync(alice)
    records.update(bob, "meetings", b_meeting, {"venue": "Room 1"})
    typing = bob.reopen()

    def officer_types(point):
        if point == "server_applied":
            records.update(typing, "meetings", b_meeting, {"venue": "Room 2", "notes": "typed"})

    try:
        report = sync.sync_workspace(bob, checkpoint=officer_types)
    finally:
        typing.close()
    assert report.sent == 1 and report.received == 1
    row = records.get(bob, "meetings", b_meeting)
    assert (row["venue"], row["notes"], row["start_time"]) == ("Room 2", "typed", "18:00")
    assert pending_count(bob) == 1  # the typed edit waits to be sent
    team.settle(bob, alice)
    assert records.get(alice, "meetings", a_meeting)["venue"] == "Room 2"
    assert conflicts(bob) == conflicts(alice) == []
    assert differences(dump(alice), dump(bob)) == []
