"""Meetings from a committee's template, agendas in order, minute numbers across the year."""

from __future__ import annotations

import datetime as dt

import pytest

from ocplan_desktop.domain.errors import LockedError, ValidationError
from ocplan_desktop.domain.meetings import minute_sequence
from ocplan_desktop.services import attendance, committees, meetings
from tests.services.factories import TEMPLATE, make_committee, make_item, make_meeting, only_id


def titles(ws, meeting_id):
    return [(item.item_number, item.title) for item in meetings.agenda(ws, meeting_id)]


def numbers(ws, meeting_id):
    return [item.minute_number for item in meetings.agenda(ws, meeting_id)]


def test_a_new_meeting_starts_with_its_committee_s_standing_items(ws):
    committee = make_committee(ws)
    change = meetings.create_meeting(
        ws, committee, "20 December 2023", start_time="10.00", venue="  Diamond  Rooms "
    )
    meeting = meetings.details(ws, only_id(change)).meeting
    assert (meeting.date, meeting.start_time, meeting.venue) == (
        "2023-12-20",
        "10:00",
        "Diamond Rooms",
    )
    assert titles(ws, meeting.id) == list(enumerate(TEMPLATE, start=1))
    assert all(item.is_standing for item in meetings.agenda(ws, meeting.id))
    change.undo(ws)
    assert meetings.list_meetings(ws) == []


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"date": "31/02/2024"}, "date: '31/02/2024' is not a date"),
        ({"date": ""}, "date: a meeting needs a date"),
        ({"date": "2024-01-09", "start_time": "teatime"}, "time: 'teatime' is not a time"),
        ({"date": "2024-01-09", "status": "postponed"}, "status"),
        ({"date": "2024-01-09", "venue": "x" * 201}, "venue"),
    ],
)
def test_bad_meeting_fields_are_refused_and_nothing_is_written(ws, fields, message):
    committee = make_committee(ws)
    with pytest.raises(ValidationError) as caught:
        meetings.create_meeting(ws, committee, **fields)
    assert message in str(caught.value)
    assert meetings.list_meetings(ws) == []


def test_items_are_added_moved_and_deleted_with_numbers_following(ws):
    meeting = make_meeting(ws)
    plan = make_item(ws, meeting, "One Coventry Plan")
    work = make_item(ws, meeting, "Work Programme")
    meetings.move_item(ws, work, 0)
    assert titles(ws, meeting)[:2] == [(1, "Work Programme"), (2, "Apologies")]
    moved = meetings.move_item_by(ws, plan, -1)
    assert titles(ws, meeting)[-2:] == [
        (4, "One Coventry Plan"),
        (5, "Minutes of the last meeting"),
    ]
    moved.undo(ws)
    assert titles(ws, meeting)[-1] == (5, "One Coventry Plan")
    deleted = meetings.delete_item(ws, work)
    assert [number for number, _title in titles(ws, meeting)] == [1, 2, 3, 4]
    deleted.undo(ws)
    assert titles(ws, meeting)[0] == (1, "Work Programme")


def test_minute_numbers_run_on_across_the_municipal_year(ws):
    committee = make_committee(ws)
    june = make_meeting(ws, committee, date="2023-06-21", status="held")
    assert numbers(ws, june) == ["1/23", "2/23", "3/23"]
    december = make_meeting(ws, committee, date="2023-12-20")
    make_item(ws, december, "Annual Performance Report")
    assert numbers(ws, december) == ["", "", "", ""]  # numbered when the meeting is held
    meetings.update_meeting(ws, december, date="2023-12-20", status="held")
    assert numbers(ws, december) == ["4/23", "5/23", "6/23", "7/23"]
    may = make_meeting(ws, committee, date="2024-05-22", status="held")  # a new municipal year
    assert numbers(ws, may)[0] == "1/24"
    # an item added in June moves December's numbers on, since they ran on from June's
    change = meetings.add_item(ws, june, "Urgent business")
    assert numbers(ws, june)[-1] == "4/23"
    assert numbers(ws, december) == ["5/23", "6/23", "7/23", "8/23"]
    assert numbers(ws, may)[0] == "1/24"
    change.undo(ws)
    assert numbers(ws, december) == ["4/23", "5/23", "6/23", "7/23"]


def test_reordering_keeps_the_numbers_in_agenda_order(ws):
    meeting = make_meeting(ws, status="held")
    meetings.number_minutes(ws, meeting, first=52)
    item = make_item(ws, meeting, "One Coventry Plan")
    assert numbers(ws, meeting) == ["52/23", "53/23", "54/23", "55/23"]
    meetings.move_item(ws, item, 0)
    agenda = meetings.agenda(ws, meeting)
    assert (agenda[0].title, agenda[0].minute_number) == ("One Coventry Plan", "52/23")
    assert [minute_sequence(n) for n in numbers(ws, meeting)] == [52, 53, 54, 55]


def test_a_number_set_by_hand_stops_the_run(ws):
    committee = make_committee(ws)
    first = make_meeting(ws, committee, date="2023-06-21", status="held")
    second = make_meeting(ws, committee, date="2023-07-19", status="held")
    meetings.number_minutes(ws, second, first=20)  # meetings in between are not in the workspace
    make_item(ws, first, "Extra")
    assert numbers(ws, second)[0] == "20/23"


def test_approved_minutes_lock_the_agenda_and_attendance(demo_ws):
    approved = next(m for m in meetings.list_meetings(demo_ws) if m.minutes_status == "approved")
    item = meetings.agenda(demo_ws, approved.id)[0]
    person = attendance.attendees(demo_ws, approved.id)[0]
    for edit in (
        lambda: meetings.add_item(demo_ws, approved.id, "Late item"),
        lambda: meetings.move_item(demo_ws, item.id, 3),
        lambda: meetings.delete_item(demo_ws, item.id),
        lambda: attendance.set_attendance(demo_ws, approved.id, person.person_id, "absent"),
        lambda: attendance.declare_interest(demo_ws, item.id, person.person_id, "other"),
    ):
        with pytest.raises(LockedError) as caught:
            edit()
        assert "approved at Scrutiny Co-ordination Committee, 21 June 2023" in str(caught.value)


def test_calendar_filters_by_committee_and_upcoming_or_past(demo_ws):
    today = dt.date(2024, 1, 1)
    cabinet = next(c.id for c in committees.list_committees(demo_ws) if c.name == "Cabinet")
    assert len(meetings.calendar(demo_ws)) == 7
    upcoming = meetings.calendar(demo_ws, when="upcoming", today=today)
    assert [m.date for m in upcoming] == ["2024-01-09", "2024-02-07"]
    assert len(meetings.calendar(demo_ws, when="past", today=today)) == 5
    assert [m.date for m in meetings.calendar(demo_ws, committee_id=cabinet)] == [
        "2023-02-14",
        "2024-01-09",
    ]
    december = meetings.calendar(demo_ws, month=(2023, 12))
    assert [m.date for m in december] == ["2023-12-20"]


def test_attendance_and_apologies_with_undo(demo_ws):
    meeting = next(m for m in meetings.list_meetings(demo_ws) if m.status == "scheduled")
    people = attendance.attendees(demo_ws, meeting.id)
    assert people[0].role == "chair" and all(p.status == "" for p in people)
    change = attendance.set_attendance(demo_ws, meeting.id, people[1].person_id, "apologies")
    assert attendance.apologies(demo_ws, meeting.id) == [people[1].name]
    change.undo(demo_ws)
    assert attendance.apologies(demo_ws, meeting.id) == []
    with pytest.raises(ValidationError):
        attendance.set_attendance(demo_ws, meeting.id, people[1].person_id, "asleep")


def test_declarations_per_member_per_item(demo_ws):
    meeting = next(m for m in meetings.list_meetings(demo_ws) if m.status == "scheduled")
    item = meetings.agenda(demo_ws, meeting.id)[4]
    member = attendance.attendees(demo_ws, meeting.id)[2]
    change = attendance.declare_interest(
        demo_ws, item.id, member.person_id, "other registrable", "Trustee of a <community> group"
    )
    (declared,) = attendance.declarations(demo_ws, meeting.id)
    assert (declared.item_number, declared.person, declared.interest_text) == (
        5,
        member.name,
        "Other registrable interest",
    )
    assert declared.description == "Trustee of a <community> group"
    change.undo(demo_ws)
    assert attendance.declarations(demo_ws, meeting.id) == []


def test_committee_members_and_template_are_undoable(ws):
    committee = only_id(committees.add_committee(ws, "Audit and Procurement Committee", "APC"))
    person = (
        ws.db.table("people").insert({"name": "S O'Brien", "honorific": "Councillor"}).last_rowid
    )
    change = committees.set_member(ws, committee, person, "chair")
    assert [(p.name, role) for p, role in committees.members(ws, committee)] == [
        ("S O'Brien", "chair")
    ]
    change.undo(ws)
    assert committees.members(ws, committee) == []
    template = committees.set_standing_items(ws, committee, ["Apologies", "Declarations"])
    assert committees.standing_items(ws, committee) == ["Apologies", "Declarations"]
    template.undo(ws)
    assert committees.standing_items(ws, committee) == []
    with pytest.raises(ValidationError):
        committees.add_committee(ws, "audit and procurement committee")


def test_a_meeting_with_minutes_or_references_is_not_deleted(demo_ws):
    by_date = {m.date: m for m in meetings.list_meetings(demo_ws)}
    with pytest.raises(ValidationError, match="has minutes"):
        meetings.delete_meeting(demo_ws, by_date["2023-12-20"].id)
    with pytest.raises(ValidationError, match="named by recommendations"):
        meetings.delete_meeting(demo_ws, by_date["2023-02-14"].id)  # Cabinet's response
    change = meetings.delete_meeting(demo_ws, by_date["2024-02-07"].id)
    assert len(meetings.list_meetings(demo_ws)) == 6
    change.undo(demo_ws)
    assert len(meetings.agenda(demo_ws, by_date["2024-02-07"].id)) == 5
