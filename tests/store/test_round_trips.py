"""What goes into the workspace comes back out the same, awkward text included, with an audit trail."""

from __future__ import annotations

import json
import sqlite3

import pytest

from ocplan_desktop.domain.minutes import Minutes, resolution
from ocplan_desktop.domain.reports import (
    Approval,
    Report,
    ReportAuthor,
    ReportRecommendation,
    ReportSection,
)
from ocplan_desktop.store import committees, meetings, records, reports
from ocplan_desktop.store import minutes as minutes_store

AWKWARD = [
    "<b>unclosed",
    "a < b & c > d",
    '<img src="/etc/passwd"/>',
    "=SUM(A1:A9)",
    "'; DROP TABLE reports; --",
    'O\'Brien "quoted" C++ 2024-25 AND OR NOT *',
    "Emoji 😀👍🏽 and 🇬🇧",
    "مرحبا بالعالم עברית",
    "nul\x00inside",
    "x" * 10_000,
]


@pytest.mark.parametrize("text", AWKWARD, ids=range(len(AWKWARD)))
def test_awkward_text_round_trips_through_a_report(ws, text):
    report = Report(
        title=text,
        executive_summary=text,
        recommendations=(ReportRecommendation("Cabinet", text),),
        sections=(ReportSection(text, (text, text)),),
        authors=(ReportAuthor(text, text),),
        approvals=(Approval("approver", text, role=text, date_sent="2023-12-07"),),
        implications={"implications_legal": text},
    )
    report_id = reports.add_report(ws, report)
    loaded = reports.load_report(ws, report_id)
    assert loaded.title == text
    assert loaded.sections[0].paragraphs == (text, text)
    assert loaded.implications["implications_legal"] == text
    assert loaded.approvals[0].name == text


def test_full_report_round_trip(demo_ws):
    (summary,) = [
        item for item in reports.list_reports(demo_ws) if item.title.startswith("One Coventry Plan")
    ]
    report = reports.load_report(demo_ws, summary.id)
    copy_id = reports.add_report(demo_ws, report)
    again = reports.load_report(demo_ws, copy_id)
    assert again == type(report)(**{**report.__dict__, "id": copy_id})
    assert [body for body, _items in report.recommendations_by_body()] == [
        "Scrutiny Co-ordination Committee",
        "Cabinet",
    ]
    assert len(report.approvals) == 5 and report.approvals[1].date_received == "2023-12-08"
    assert summary.route == "Scrutiny Co-ordination Committee → Cabinet"


def test_minutes_round_trip_keeps_the_tree(ws):
    committee = committees.add_committee(ws, "Scrutiny Co-ordination Committee", "SCC", "scrutiny")
    meeting = meetings.add_meeting(ws, committee, "2023-02-01")
    item = meetings.add_agenda_item(ws, meeting, "One Coventry Plan")
    tree = (
        resolution("noted"),
        resolution("to Cabinet", *(resolution(f"item {letter}") for letter in "abcdefg")),
        resolution("supported"),
    )
    minutes_store.add_minutes(
        ws, Minutes(item, "Heading", "Report of X", ("p1", "p2"), ("b1",), tree)
    )
    loaded = minutes_store.load_minutes(ws, item)
    assert loaded is not None
    assert [(depth, label, text) for depth, label, text in loaded.numbered_resolutions()][:3] == [
        (0, "1)", "noted"),
        (0, "2)", "to Cabinet"),
        (1, "a)", "item a"),
    ]
    assert loaded.numbered_resolutions()[-1] == (0, "3)", "supported")
    assert loaded.paragraphs == ("p1", "p2") and loaded.bullets == ("b1",)


def test_every_change_is_audited_in_the_same_transaction(ws):
    committee = committees.add_committee(ws, "Audit Committee", "AUD")
    records.update(ws, "committees", committee, {"notes": "<b>new</b>"})
    records.delete(ws, "committees", committee)
    rows = ws.query(
        "SELECT action, before, after, user FROM audit_log WHERE table_name = 'committees' ORDER BY id"
    )
    assert [row["action"] for row in rows] == ["insert", "update", "delete"]
    assert (
        json.loads(rows[1]["before"])["notes"] == ""
        and json.loads(rows[1]["after"])["notes"] == "<b>new</b>"
    )
    assert json.loads(rows[2]["before"])["name"] == "Audit Committee" and rows[2]["after"] is None
    assert all(row["user"] for row in rows)


def test_a_failed_change_leaves_no_audit_row(ws):
    before = ws.scalar("SELECT count(*) FROM audit_log")
    with pytest.raises(sqlite3.IntegrityError):
        records.insert(
            ws, "meetings", {"committee_id": 9999, "date": "2023-01-01"}
        )  # no such committee
    assert ws.scalar("SELECT count(*) FROM audit_log") == before
    assert ws.scalar("SELECT count(*) FROM meetings") == 0


def test_new_workspace_has_the_reference_data(ws):
    assert ws.scalar("SELECT count(*) FROM wards") == 18
    assert ws.scalar("SELECT count(*) FROM themes") == 5
    assert ws.scalar("SELECT name FROM areas WHERE is_own = 1") == "Coventry"
    assert ws.scalar("SELECT count(*) FROM channels") == 8
    assert ws.setting("area") == "Coventry"
