"""Tracked recommendations through the services: created from minutes, responses, progress, undo,
history, the update report and the dashboard."""

from __future__ import annotations

import datetime as dt

import pytest

from ocplan_desktop.domain.charts import ChartKind
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.services import edits
from ocplan_desktop.services import recommendations as service
from ocplan_desktop.services.change import RECOMMENDATIONS
from ocplan_desktop.services.tracker_dashboard import dashboard
from ocplan_desktop.services.update_report import update_report
from ocplan_desktop.store import audit
from ocplan_desktop.store import recommendations as store
from tests.unit.tracker_factories import make_tracker

TODAY = dt.date(2024, 2, 1)


@pytest.fixture
def tracker(ws):
    return make_tracker(ws)


def rows_by_id(ws):
    return {row.id: row for row in store.list_recommendations(ws)}


def all_ids(tracker):
    return [tracker[f"rec{index}"] for index in range(tracker["count"])]


def test_tracked_records_are_created_from_minutes(ws, tracker):
    rows = store.list_recommendations(ws)
    assert [row.reference for row in rows] == [f"SCC 2023-02-01 / 2({c})" for c in "abcdefg"]
    assert {row.to_body for row in rows} == {"Cabinet"}
    assert {row.from_body for row in rows} == {"Scrutiny Co-ordination Committee"}
    assert [row.category for row in rows] == [
        "welcome",
        "acknowledge",
        "welcome",
        "suggest",
        "welcome",
        "welcome",
        "agree",
    ]
    assert {(row.response, row.status, row.from_date) for row in rows} == {
        ("awaiting", "open", "2023-02-01")
    }
    # run again after the minutes change: nothing already tracked is made twice
    assert service.track_from_minutes(ws, tracker["minutes"]) == []
    assert len(store.list_recommendations(ws)) == 7


def test_cabinet_accepted_all_seven_as_one_undoable_step(ws, tracker):
    ids = all_ids(tracker)
    change = service.record_response(
        ws,
        ids,
        "accepted",
        text="Cabinet accepted the Committee's recommendations.",
        meeting_id=tracker["cabinet"],
        today=TODAY,
    )
    assert change.touches(RECOMMENDATIONS) and change.description == "Update 7 recommendations"
    rows = rows_by_id(ws)
    assert {rows[i].response for i in ids} == {"accepted"}
    assert {rows[i].response_date for i in ids} == {"2023-02-14"}  # the meeting's date
    assert {rows[i].response_meeting for i in ids} == {"Cabinet 2023-02-14"}

    redo = change.undo(ws)
    rows = rows_by_id(ws)
    assert {(rows[i].response, rows[i].response_date, rows[i].response_text) for i in ids} == {
        ("awaiting", None, "")
    }
    redo.undo(ws)
    assert {row.response for row in store.list_recommendations(ws)} == {"accepted"}


def test_a_response_given_at_a_later_scrutiny_under_matters_arising(ws, tracker):
    service.record_response(
        ws,
        [tracker["rec3"]],
        "Partially accepted",
        meeting_id=tracker["later"],
        item="Matters arising",
        text="QR codes will be trialled.",
        today=TODAY,
    )
    row = rows_by_id(ws)[tracker["rec3"]]
    assert (row.response, row.response_body, row.response_meeting_date, row.response_item) == (
        "partially_accepted",
        "Scrutiny Co-ordination Committee",
        "2023-06-21",
        "Matters arising",
    )
    detail = service.recommendation_detail(ws, tracker["rec3"])
    assert detail.response_meeting == "Scrutiny Co-ordination Committee, 21 June 2023"


def test_response_without_a_meeting_is_dated_today_and_awaiting_clears_it(ws, tracker):
    service.record_response(ws, [tracker["rec0"]], "noted", today=TODAY)
    assert rows_by_id(ws)[tracker["rec0"]].response_date == "2024-02-01"
    service.record_response(ws, [tracker["rec0"]], "awaiting", today=TODAY)
    row = rows_by_id(ws)[tracker["rec0"]]
    assert (row.response, row.response_date, row.response_meeting_id) == ("awaiting", None, None)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"response": "accepted", "response_date": "2023-01-15"}, "before the recommendation"),
        ({"response": "accepted", "response_date": "2024-02-02"}, "is after today"),
        ({"response_date": "2023-03-01"}, "give the response too"),
        ({"due_date": "2022-12-31"}, "due date .* is before"),
        ({"due_date": "soon"}, "due date: 'soon' is not a date"),
        ({"status": "overdue"}, "worked out from the due date"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(ws, tracker, changes, message):
    before = ws.query("SELECT * FROM recommendations ORDER BY id")
    with pytest.raises(ValidationError, match=message):
        service.update_recommendations(ws, all_ids(tracker), changes, today=TODAY)
    assert ws.query("SELECT * FROM recommendations ORDER BY id") == before


def test_nothing_to_change_is_refused(ws, tracker):
    with pytest.raises(ValidationError, match="nothing changed"):
        service.update_recommendations(ws, [tracker["rec0"]], {"status": "open"}, today=TODAY)
    with pytest.raises(ValidationError, match="choose at least one"):
        service.update_recommendations(ws, [], {"status": "closed"}, today=TODAY)


def test_a_reference_stays_unique(ws, tracker):
    with pytest.raises(ValidationError, match="already the reference"):
        service.update_recommendations(
            ws, [tracker["rec1"]], {"reference": "scc 2023-02-01 / 2(a)"}, today=TODAY
        )


def test_status_changes_go_into_the_progress_log_and_undo_with_it(ws, tracker):
    ids = [tracker["rec0"], tracker["rec1"]]
    change = service.update_recommendations(
        ws,
        ids,
        {"status": "completed", "lead_officer_id": tracker["officer"], "due_date": "2024-03-31"},
        today=TODAY,
    )
    rows = rows_by_id(ws)
    assert {(rows[i].status, rows[i].lead_officer, rows[i].due_date) for i in ids} == {
        ("completed", "Tom Adeyemi", "2024-03-31")
    }
    log = store.progress_updates(ws, tracker["rec0"])
    assert [(u.date, u.text, u.status) for u in log] == [
        ("2024-02-01", "Status changed from open to completed.", "completed")
    ]
    change.undo(ws)
    assert store.progress_updates(ws) == []
    assert {row.status for row in store.list_recommendations(ws)} == {"open"}


def test_progress_update_with_a_status(ws, tracker):
    change = service.add_progress_update(
        ws,
        tracker["rec1"],
        "20/12/2023",
        "Ward question added to the survey template.",
        status="In progress",
        today=TODAY,
    )
    row = rows_by_id(ws)[tracker["rec1"]]
    assert row.status == "in_progress"
    assert (row.latest_update_date, row.latest_update, row.update_count) == (
        "2023-12-20",
        "Ward question added to the survey template.",
        1,
    )
    change.undo(ws)
    row = rows_by_id(ws)[tracker["rec1"]]
    assert (row.status, row.update_count) == ("open", 0)


@pytest.mark.parametrize(
    ("date", "text", "message"),
    [
        ("2024-01-10", "   ", "progress update: cannot be empty"),
        ("2024-02-02", "Done", "after today"),
        ("2023-01-31", "Done", "before the recommendation"),
        ("31/02/2024", "Done", "date: '31/02/2024' is not a date"),
    ],
)
def test_progress_update_refusals(ws, tracker, date, text, message):
    with pytest.raises(ValidationError, match=message):
        service.add_progress_update(ws, tracker["rec1"], date, text, today=TODAY)
    assert store.progress_updates(ws) == []


def test_detail_has_the_full_history_with_who_and_what(ws, tracker):
    service.record_response(
        ws, [tracker["rec2"]], "accepted", meeting_id=tracker["cabinet"], today=TODAY
    )
    service.add_progress_update(ws, tracker["rec2"], "2023-09-14", "Review under way.", today=TODAY)
    detail = service.recommendation_detail(ws, tracker["rec2"])
    assert [entry.action for entry in detail.history] == ["insert", "update"]
    assert detail.history[0].headline == "Added to the tracker"
    changes = {change.field: change for change in detail.history[1].changes}
    assert changes["Response"].sentence == "Response: Awaiting → Accepted"
    assert changes["Response date"].sentence == "Response date set to 14 February 2023"
    assert changes["Response given at"].after == "Cabinet, 14 February 2023"
    assert detail.history[1].user == ws.user
    assert [update.text for update in detail.updates] == ["Review under way."]


def test_audit_reads_changes_by_table_record_and_time(ws, tracker):
    service.record_response(ws, [tracker["rec0"]], "noted", today=TODAY)
    entries = audit.changes(ws, "recommendations", record_ids=[tracker["rec0"]])
    assert [entry.action for entry in entries] == ["insert", "update"]
    assert entries[1].changed_fields()["response"] == ("awaiting", "noted")
    assert audit.changes(ws, "recommendations", since="2999-01-01") == []
    assert len(audit.changes(ws, limit=3)) == 3
    assert audit.changes(ws, record_ids=[]) == []
    assert tracker["rec0"] in audit.changed_record_ids(ws, "recommendations", "2000-01-01")
    assert audit.record_history(ws, "recommendations", tracker["rec0"]) == entries


# The update report ---------------------------------------------------------------------------------

SINCE = dt.date(2023, 3, 1)


@pytest.fixture
def reported(ws, tracker):
    """Recommendations entered in February 2023 (their audit rows dated then), then changed now."""
    back_then = dt.date(2023, 2, 20)
    service.update_recommendations(ws, [tracker["rec6"]], {"status": "closed"}, today=back_then)
    service.add_progress_update(ws, tracker["rec4"], "2023-02-20", "Before", today=back_then)
    ws.db.execute("UPDATE audit_log SET at = '2023-02-02T09:00:00+00:00'")
    service.record_response(
        ws,
        [tracker["rec0"], tracker["rec1"]],
        "accepted",
        meeting_id=tracker["cabinet"],
        today=TODAY,
    )
    service.update_recommendations(ws, [tracker["rec2"]], {"status": "closed"}, today=TODAY)
    service.update_recommendations(ws, [tracker["rec2"]], {"status": "open"}, today=TODAY)
    service.add_progress_update(ws, tracker["rec4"], "2023-09-14", "After the date.", today=TODAY)
    edits.deleted(ws, "recommendations", tracker["rec5"], RECOMMENDATIONS)
    return tracker


def test_update_report_lists_what_changed_since_the_date(ws, reported):
    report = update_report(ws, SINCE, TODAY)
    by_reference = {entry.reference: entry for entry in report.entries}
    first = by_reference["SCC 2023-02-01 / 2(a)"]
    assert [change.sentence for change in first.changes] == [
        "Response: Awaiting → Accepted",
        "Response given at set to Cabinet, 14 February 2023",
        "Response date set to 14 February 2023",
    ]
    assert not first.added and first.changed
    # changed and changed back: nothing to report on its fields (but its log has two lines)
    third = by_reference["SCC 2023-02-01 / 2(c)"]
    assert third.changes == () and len(third.updates) == 2
    fifth = by_reference["SCC 2023-02-01 / 2(e)"]
    assert [update.text for update in fifth.updates] == ["After the date."]
    removed = by_reference["SCC 2023-02-01 / 2(f)"]
    assert removed.removed and removed.changed


def test_update_report_keeps_open_ones_that_did_not_change_and_drops_finished_ones(ws, reported):
    report = update_report(ws, SINCE, TODAY)
    unchanged = [entry.reference for entry in report.unchanged]
    assert unchanged == ["SCC 2023-02-01 / 2(d)"]
    assert "SCC 2023-02-01 / 2(g)" not in [
        entry.reference for entry in report.entries
    ]  # closed before
    assert report.since == SINCE and len(report.changed) == 5


def test_update_report_for_a_date_before_everything_shows_them_added(ws, tracker):
    report = update_report(ws, dt.date(2000, 1, 1), TODAY)
    assert len(report.entries) == 7 and all(entry.added for entry in report.entries)


# Dashboard -----------------------------------------------------------------------------------------


def test_dashboard_on_the_demo(demo_ws):
    today = dt.date(2024, 2, 1)
    board = dashboard(demo_ws, today)
    figures = board.figures
    assert figures.total == 9
    assert dict(figures.by_status) == {"open": 3, "in_progress": 3, "completed": 2, "closed": 1}
    assert dict(figures.by_response)["awaiting"] == 2
    assert figures.average_days_to_response == 13.0  # 1 to 14 February 2023
    assert figures.oldest_awaiting[0].reference == "SCC 2023-12-20 / 2(a)"
    assert figures.overdue == 1 and figures.awaiting_too_long == 0
    status = board.status_over_time
    assert status.kind is ChartKind.LINE
    assert status.categories[0] == "Feb 2023" and status.categories[-1] == "Feb 2024"
    assert [series.name for series in status.series] == [
        "Open",
        "In progress",
        "Completed",
        "Closed",
        "Overdue",
    ]
    final = {series.name: series.values[-1] for series in status.series}
    assert final == {"Open": 3, "In progress": 3, "Completed": 2, "Closed": 1, "Overdue": 1}
    responses = board.responses_per_meeting
    assert responses.categories == ("Cabinet 14 Feb 2023",)
    assert {series.name: series.values for series in responses.series} == {
        "Accepted": (5.0,),
        "Partially accepted": (1.0,),
        "Not accepted": (0.0,),
        "Noted": (1.0,),
    }


def test_dashboard_of_an_empty_workspace(ws):
    board = dashboard(ws, TODAY)
    assert board.figures.total == 0
    assert board.status_over_time.categories == () and board.responses_per_meeting.categories == ()


def test_responses_per_meeting_shows_the_latest_meetings_and_those_without_one():
    from ocplan_desktop.domain.recommendations import RecommendationRow
    from ocplan_desktop.services.tracker_dashboard import responses_per_meeting

    def row(index, response, meeting_date=None):
        return RecommendationRow(
            id=index,
            reference=f"R{index}",
            text="x",
            from_body="SCC",
            from_date="2020-01-01",
            to_body="Cabinet",
            category="other",
            response=response,
            response_date=meeting_date or "2020-02-01",
            due_date=None,
            status="open",
            response_body="Cabinet" if meeting_date else "",
            response_meeting_date=meeting_date,
        )

    rows = [row(i, "accepted", f"2021-{i:02d}-10") for i in range(1, 13)]
    rows += [row(13, "noted", "2022-01-10"), row(14, "not_accepted"), row(15, "awaiting")]
    chart = responses_per_meeting(rows, latest=12)
    assert chart.title == "Responses per meeting (latest 12 meetings)"
    assert chart.categories[0] == "Cabinet 10 Feb 2021"  # January 2021 is the 13th: left out
    assert chart.categories[-2:] == ("Cabinet 10 Jan 2022", "No meeting recorded")
    values = {series.name: series.values for series in chart.series}
    assert values["Noted"][-2:] == (1.0, 0.0) and values["Not accepted"][-1] == 1.0
    assert sum(values["Accepted"]) == 11


def test_update_report_on_the_demo_leaves_out_what_it_was_entered_with(demo_ws):
    report = update_report(demo_ws, dt.date(2023, 9, 1), dt.date(2024, 2, 1))
    by_reference = {entry.reference: entry for entry in report.entries}
    assert "SCC 2023-02-01 / 2(a)" not in by_reference  # completed before, nothing since
    second = by_reference["SCC 2023-02-01 / 2(b)"]
    assert not second.added and second.changes == ()
    assert [update.date for update in second.updates] == ["2023-11-30"]
    assert by_reference["SCC 2023-12-20 / 2(a)"].added  # made since the date
    assert [entry.reference for entry in report.unchanged] == ["SCC 2023-02-01 / 2(d)"]
