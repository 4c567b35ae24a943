"""The meetings calendar, read back with icalendar: one event per meeting with a UID that stays the
same across exports, London times with their time zone, venue, committee, link, cancellations."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from ocplan_desktop.cli import main
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.reports.calendar_ics import calendar_bytes, export_calendar
from ocplan_desktop.services import committees, meetings

LONDON = ZoneInfo("Europe/London")


def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_one_event_per_meeting_with_stable_uids_and_london_times(demo_ws, tmp_path):
    target = tmp_path / "meetings.ics"
    count = export_calendar(demo_ws, target)
    all_meetings = meetings.list_meetings(demo_ws)
    assert count == len(all_meetings) == len(events(target.read_bytes()))
    first = {str(event["uid"]): event for event in events(target.read_bytes())}
    assert len(first) == count
    later = calendar_bytes(demo_ws, now=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))[0]
    assert set(first) == {str(event["uid"]) for event in events(later)}
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["tzid"] == "Europe/London"
    by_start = {event.decoded("dtstart"): event for event in first.values()}
    # 21 June 2023, 10:00 in London is 09:00 UTC (summer time); 1 February 2023 10:00 is 10:00.
    summer = by_start[dt.datetime(2023, 6, 21, 10, 0, tzinfo=LONDON)]
    assert summer.decoded("dtstart").astimezone(dt.UTC).hour == 9
    assert summer["dtstart"].params["TZID"] == "Europe/London"
    assert str(summer["summary"]) == "Scrutiny Co-ordination Committee"
    assert str(summer["location"]) == "Diamond Rooms 1 and 2, Council House"
    assert summer["categories"].cats == ["Scrutiny Co-ordination Committee"]
    assert str(summer["status"]) == "CONFIRMED"
    # The demo's held meetings record when they closed (12:05): the event ends then.
    assert summer.decoded("dtend") == dt.datetime(2023, 6, 21, 12, 5, tzinfo=LONDON)
    # A meeting with no end time recorded (not yet held) is given two hours.
    (unheld,) = [e for e in first.values() if e.decoded("dtstart").date() == dt.date(2024, 2, 7)]
    assert unheld.decoded("dtend") - unheld.decoded("dtstart") == dt.timedelta(hours=2)
    winter = by_start[dt.datetime(2023, 2, 1, 10, 0, tzinfo=LONDON)]
    assert winter.decoded("dtstart").astimezone(dt.UTC).hour == 10
    assert "Apologies and substitutions" in str(winter["description"])


def test_cancelled_meeting_end_time_link_and_changes(demo_ws, tmp_path):
    (cabinet,) = [c for c in committees.list_committees(demo_ws) if c.name == "Cabinet"]
    change = meetings.create_meeting(
        demo_ws,
        cabinet.id,
        "2024-03-12",
        start_time="14:00",
        venue="Committee Room 3; Council House, Earl Street",
        end_time="16:30",
        web_link="www.coventry.gov.uk/meetings/cabinet-12-march",
    )
    meeting_id = next(iter(change.ids))
    all_day = next(
        iter(meetings.create_meeting(demo_ws, cabinet.id, "2024-04-02", start_time="").ids)
    )
    before = {str(e["uid"]): e for e in events(calendar_bytes(demo_ws, cabinet.id)[0])}
    meetings.update_meeting(
        demo_ws,
        meeting_id,
        date="2024-03-12",
        start_time="14:00",
        venue="Committee Room 3; Council House, Earl Street",
        status="cancelled",
    )
    after = {str(e["uid"]): e for e in events(calendar_bytes(demo_ws, cabinet.id)[0])}
    assert set(before) == set(after)  # the calendar updates the event, it does not add one
    uuid_of = {
        m: demo_ws.scalar("SELECT uuid FROM meetings WHERE id = ?", (m,))
        for m in (meeting_id, all_day)
    }
    (event,) = [
        e for e in after.values() if str(e["uid"]) == f"meeting-{uuid_of[meeting_id]}@ocplan"
    ]
    assert str(event["status"]) == "CANCELLED"
    assert str(event["summary"]) == "Cancelled: Cabinet"
    assert str(event["location"]) == "Committee Room 3; Council House, Earl Street"
    assert str(event["url"]) == "https://www.coventry.gov.uk/meetings/cabinet-12-march"
    assert event.decoded("dtend") == dt.datetime(2024, 3, 12, 16, 30, tzinfo=LONDON)
    assert int(event["sequence"]) > int(before[str(event["uid"])]["sequence"])
    (whole_day,) = [
        e for e in after.values() if str(e["uid"]) == f"meeting-{uuid_of[all_day]}@ocplan"
    ]
    assert whole_day.decoded("dtstart") == dt.date(2024, 4, 2)
    assert whole_day.decoded("dtend") == dt.date(2024, 4, 3)
    # Only Cabinet's meetings, and every one of them.
    assert all(str(e["summary"]).endswith("Cabinet") for e in after.values())
    assert len(after) == len(meetings.list_meetings(demo_ws, cabinet.id))


def test_bad_meeting_times_and_links_are_refused(demo_ws):
    (cabinet,) = [c for c in committees.list_committees(demo_ws) if c.name == "Cabinet"]
    with pytest.raises(ValidationError, match="end after it starts"):
        meetings.create_meeting(
            demo_ws, cabinet.id, "2024-03-12", start_time="14:00", end_time="13:00"
        )
    with pytest.raises(ValidationError, match="web page"):
        meetings.create_meeting(demo_ws, cabinet.id, "2024-03-12", web_link="two words")


def test_export_calendar_from_the_command_line(demo_path, tmp_path, capsys):
    target = tmp_path / "cabinet.ics"
    assert main(["export", "calendar", "--db", str(demo_path), "--out", str(target)]) == 0
    assert "meetings)" in capsys.readouterr().out
    assert len(events(target.read_bytes())) == 7
    assert (
        main(["export", "calendar", "--db", str(demo_path), "--out", str(tmp_path / "x.txt")]) == 1
    )
    assert "must end in .ics" in capsys.readouterr().err
    assert (
        main(
            [
                "export",
                "calendar",
                "--db",
                str(demo_path),
                "--committee",
                "999",
                "--out",
                str(target),
            ]
        )
        == 1
    )
    assert "no committee with id 999" in capsys.readouterr().err
