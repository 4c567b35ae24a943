"""Recommendation rules and tracker filters and figures, under a fixed clock."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from ocplan_desktop.domain.audit import AuditEntry, net_changes
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.recommendations import (
    ProgressUpdate,
    RecommendationRow,
    RecommendationStatus,
    Response,
    add_months,
    awaiting_too_long,
    category_for,
    check_changes,
    clean_text,
    days_overdue,
    duration_text,
    is_overdue,
)
from ocplan_desktop.domain.tracker import (
    UNFINISHED,
    MeetingKey,
    TrackerFilter,
    figures,
    filter_choices,
    period_ends,
    status_on,
    status_timeline,
)

TODAY = dt.date(2024, 2, 1)


def make_row(**overrides) -> RecommendationRow:
    values = dict(
        id=1,
        reference="SCC 2023-12-20 / 2(a)",
        text="Request that the report include ward-level data",
        from_body="Scrutiny Co-ordination Committee",
        from_date="2023-12-20",
        to_body="Cabinet",
        category="request",
        response="awaiting",
        response_date=None,
        due_date=None,
        status="open",
    )
    values.update(overrides)
    return RecommendationRow(**values)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Welcome the increased engagement", "welcome"),
        ("That Cabinet welcomes the review", "welcome"),
        ("Suggest that officers explore QR codes", "suggest"),
        ("Agree that Scrutiny receives regular updates", "agree"),
        ("Publish the figures", "other"),
    ],
)
def test_category_comes_from_the_opening_verb(text, category):
    assert category_for(text) == category


def test_responses_and_statuses_are_read_as_officers_write_them():
    assert Response.from_text("Partially accepted") is Response.PARTIALLY_ACCEPTED
    assert Response.from_text(" NOT_ACCEPTED ") is Response.NOT_ACCEPTED
    assert RecommendationStatus.from_text("In progress") is RecommendationStatus.IN_PROGRESS
    with pytest.raises(ValidationError, match="'maybe' is not a response"):
        Response.from_text("maybe")
    with pytest.raises(ValidationError, match="worked out from the due date"):
        RecommendationStatus.from_text("Overdue")


def test_overdue_is_derived_from_the_due_date_and_today():
    assert is_overdue("2024-01-31", "open", TODAY)
    assert is_overdue("2024-01-31", "in_progress", TODAY)
    assert not is_overdue("2024-02-01", "open", TODAY)  # due today is not yet overdue
    assert not is_overdue("2024-03-01", "open", TODAY)
    assert not is_overdue("2023-01-01", "completed", TODAY)
    assert not is_overdue("2023-01-01", "closed", TODAY)
    assert not is_overdue(None, "open", TODAY)
    assert days_overdue("2024-01-01", "open", TODAY) == 31
    assert days_overdue("2024-01-01", "completed", TODAY) == 0
    # the same row is overdue on one day and not on another: nothing typed, only the clock moved
    row = make_row(due_date="2024-01-15")
    assert not row.is_overdue(dt.date(2024, 1, 15)) and row.is_overdue(dt.date(2024, 1, 16))


def test_a_response_is_expected_within_two_months():
    assert add_months(dt.date(2023, 12, 31), 2) == dt.date(2024, 2, 29)
    assert not awaiting_too_long("2023-12-20", "awaiting", dt.date(2024, 2, 20))
    assert awaiting_too_long("2023-12-20", "awaiting", dt.date(2024, 2, 21))
    assert not awaiting_too_long("2023-12-20", "accepted", dt.date(2024, 6, 1))
    assert not awaiting_too_long(None, "awaiting", dt.date(2024, 6, 1))


def test_attention_is_words_and_a_symbol_not_colour():
    row = make_row(due_date="2023-12-31", status="in_progress")
    assert row.attention(TODAY) == "⚠ Overdue by 4 weeks"
    waiting = make_row(from_date="2023-06-01")
    assert waiting.attention(TODAY) == "◷ No response after 8 months"
    assert make_row().attention(TODAY) == ""
    assert duration_text(1) == "1 day" and duration_text(800) == "2 years 2 months"


def test_changes_are_checked_and_name_the_field():
    clean = check_changes(
        {"response": "Partially accepted", "status": "In progress", "due_date": "31/03/2024"}
    )
    assert clean == {
        "response": "partially_accepted",
        "status": "in_progress",
        "due_date": "2024-03-31",
    }
    with pytest.raises(ValidationError, match="^due date: 'next week' is not a date"):
        check_changes({"due_date": "next week"})
    with pytest.raises(ValidationError, match="recommendation: cannot be empty"):
        check_changes({"text": "   "})
    with pytest.raises(ValidationError, match="is 20,001 characters long"):
        check_changes({"response_text": "x" * 20_001})
    with pytest.raises(ValidationError, match="made on: cannot be changed here"):
        check_changes({"from_date": "2024-01-01"})
    assert clean_text("  one\r\ntwo\rthree  ", field="text") == "one\ntwo\nthree"


# Filters -------------------------------------------------------------------------------------------

ROWS = [
    make_row(
        id=1,
        reference="SCC 2023-02-01 / 2(a)",
        from_date="2023-02-01",
        response="accepted",
        response_date="2023-02-14",
        response_body="Cabinet",
        response_meeting_date="2023-02-14",
        status="completed",
        lead_officer="Kirston Nelson",
        cabinet_member="Councillor G Duggins",
        text="Welcome the increased engagement",
    ),
    make_row(
        id=2,
        reference="SCC 2023-02-01 / 2(c)",
        from_date="2023-02-01",
        response="accepted",
        response_date="2023-02-14",
        response_body="Cabinet",
        response_meeting_date="2023-02-14",
        status="in_progress",
        due_date="2023-10-31",
        lead_officer="Grace Whitfield",
        text="Welcome the planned review of media and communication methods",
        response_text="The review will report to Cabinet in the autumn.",
    ),
    make_row(id=3, reference="SCC 2023-12-20 / 2(a)", lead_officer="Tom Adeyemi"),
    make_row(
        id=4,
        reference="AUD 2023-11-01 / 1(a)",
        from_body="Audit and Procurement Committee",
        from_date="2023-11-01",
        to_body="Council",
        status="in_progress",
        due_date="2024-06-30",
        cabinet_member="Councillor G Duggins",
    ),
]


def ids(filter_: TrackerFilter) -> list[int]:
    return [row.id for row in filter_.apply(ROWS, TODAY)]


def test_no_filter_shows_everything():
    assert TrackerFilter().is_empty and ids(TrackerFilter()) == [1, 2, 3, 4]


def test_filter_by_body_the_recommendation_went_to():
    assert ids(TrackerFilter(to_body="Council")) == [4]
    assert ids(TrackerFilter(to_body="Cabinet")) == [1, 2, 3]


def test_filter_by_status_and_unfinished():
    assert ids(TrackerFilter(status="in_progress")) == [2, 4]
    assert ids(TrackerFilter(status="completed")) == [1]
    assert ids(TrackerFilter(status=UNFINISHED)) == [2, 3, 4]


def test_filter_awaiting_response():
    assert ids(TrackerFilter(awaiting_only=True)) == [3, 4]


def test_filter_overdue_under_a_fixed_clock():
    assert ids(TrackerFilter(overdue_only=True)) == [2]
    later = TrackerFilter(overdue_only=True).apply(ROWS, dt.date(2024, 7, 1))
    assert [row.id for row in later] == [2, 4]


def test_filter_by_owner_matches_lead_officer_or_cabinet_member():
    assert ids(TrackerFilter(owner="Grace Whitfield")) == [2]
    assert ids(TrackerFilter(owner="Councillor G Duggins")) == [1, 4]


def test_filter_by_meeting_that_made_or_answered_it():
    scrutiny = MeetingKey("Scrutiny Co-ordination Committee", "2023-02-01")
    cabinet = MeetingKey("Cabinet", "2023-02-14")
    assert ids(TrackerFilter(meeting=scrutiny)) == [1, 2]
    assert ids(TrackerFilter(meeting=cabinet)) == [1, 2]
    assert ids(TrackerFilter(meeting=MeetingKey("Cabinet", "2024-01-09"))) == []
    assert cabinet.label == "Cabinet, 14 February 2023"


def test_free_text_matches_every_word_anywhere_ignoring_case():
    assert ids(TrackerFilter(text="MEDIA review")) == [2]
    assert ids(TrackerFilter(text="autumn")) == [2]  # in the response text
    assert ids(TrackerFilter(text="2023-12-20")) == [3]
    assert ids(TrackerFilter(text="media council")) == []


def test_filters_combine():
    assert ids(TrackerFilter(to_body="Cabinet", status=UNFINISHED, text="ward")) == [3]


def test_filter_choices_come_from_the_rows():
    choices = filter_choices(ROWS)
    assert choices.to_bodies == ("Cabinet", "Council")
    assert "Councillor G Duggins" in choices.owners and "Tom Adeyemi" in choices.owners
    assert choices.meetings[0] == MeetingKey("Scrutiny Co-ordination Committee", "2023-02-01")
    assert MeetingKey("Cabinet", "2023-02-14") in choices.meetings


# Figures -------------------------------------------------------------------------------------------


def test_figures_count_average_and_oldest_awaiting():
    result = figures(ROWS, TODAY)
    assert result.total == 4
    assert dict(result.by_status) == {"open": 1, "in_progress": 2, "completed": 1, "closed": 0}
    assert dict(result.by_response)["awaiting"] == 2
    assert dict(result.by_response)["not_accepted"] == 0
    assert result.overdue == 1
    assert result.average_days_to_response == 13
    assert result.answered_with_dates == 2
    assert [item.reference for item in result.oldest_awaiting] == [
        "AUD 2023-11-01 / 1(a)",
        "SCC 2023-12-20 / 2(a)",
    ]
    assert result.oldest_awaiting[0].days == 92
    assert result.awaiting_too_long == 1


def test_figures_of_nothing_have_no_average():
    result = figures([], TODAY)
    assert result.total == 0 and result.average_days_to_response is None


def test_status_timeline_from_the_log_and_the_last_dated_event():
    row = make_row(
        from_date="2023-02-01",
        response="accepted",
        response_date="2023-02-14",
        status="completed",
    )
    updates = [
        ProgressUpdate(1, 1, "2023-05-01", "Started", status="in_progress"),
        ProgressUpdate(2, 1, "2023-09-14", "Nearly there"),
    ]
    timeline = status_timeline(row, updates)
    assert timeline == [
        ("2023-02-01", "open"),
        ("2023-05-01", "in_progress"),
        ("2023-09-14", "completed"),
    ]
    assert status_on(timeline, "2023-01-31") is None
    assert status_on(timeline, "2023-06-30") == "in_progress"
    assert status_on(timeline, "2024-01-01") == "completed"
    assert status_timeline(dataclasses.replace(row, from_date=None), updates) == []


def test_period_ends_shorten_to_quarters_and_years_for_long_spans():
    months = period_ends(dt.date(2023, 11, 15), dt.date(2024, 2, 1))
    assert [label for label, _ in months] == ["Nov 2023", "Dec 2023", "Jan 2024", "Feb 2024"]
    assert months[0][1] == dt.date(2023, 11, 30) and months[-1][1] == dt.date(2024, 2, 1)
    quarters = period_ends(dt.date(2023, 2, 1), dt.date(2026, 11, 23))
    assert quarters[0][0] == "Q1 2023" and quarters[-1][0] == "Q4 2026"
    assert len(quarters) == 16
    years = period_ends(dt.date(2010, 5, 1), dt.date(2026, 11, 23))
    assert years[0][0] == "2010" and years[-1] == ("2026", dt.date(2026, 11, 23))


def test_net_changes_leave_out_what_came_back():
    def entry(before, after):
        return AuditEntry(1, "2024-01-01T10:00:00+00:00", "sb", "update", "r", 1, before, after)

    entries = [
        entry(
            {"status": "open", "response": "awaiting"}, {"status": "closed", "response": "noted"}
        ),
        entry({"status": "closed", "updated_at": "a"}, {"status": "open", "updated_at": "b"}),
    ]
    assert net_changes(entries) == {"response": ("awaiting", "noted")}
