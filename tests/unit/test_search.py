"""Full-text search: the index follows every write, and no user text breaks the query."""

from __future__ import annotations

import pytest

from ocplan_desktop.domain.minutes import Minutes, resolution
from ocplan_desktop.domain.reports import Report, ReportSection
from ocplan_desktop.domain.search import (
    MARK_END,
    MARK_START,
    highlighted_parts,
    match_expression,
)
from ocplan_desktop.services.search import search
from ocplan_desktop.store import committees, meetings, records, reports
from ocplan_desktop.store import minutes as minutes_store
from ocplan_desktop.store import search as search_store


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("O'Brien", '"O\'Brien"'),
        ("C++", '"C++"'),
        ("2024-25", '"2024-25"'),
        ("AND", '"AND"'),
        ('say "hello', '"say" """hello"'),
        ("plan*", '"plan*"'),
        ('" * -', None),
        ("   ", None),
    ],
)
def test_every_word_is_quoted(text, expression):
    assert match_expression(text) == expression


def test_highlighted_parts_split_the_marks():
    excerpt = f"the {MARK_START}Plan{MARK_END} and {MARK_START}O'Brien{MARK_END}"
    assert highlighted_parts(excerpt) == [
        ("the ", False),
        ("Plan", True),
        (" and ", False),
        ("O'Brien", True),
    ]


@pytest.fixture
def minutes_ws(ws):
    committee = committees.add_committee(ws, "Audit and Procurement Committee", "APC", "committee")
    meeting = meetings.add_meeting(ws, committee, "2024-03-18")
    item = meetings.add_agenda_item(
        ws, meeting, "Internal audit plan 2024-25", minute_number="61/23"
    )
    minutes_store.add_minutes(
        ws,
        Minutes(
            agenda_item_id=item,
            heading="Internal audit plan 2024-25",
            paragraphs=(
                "Councillor S O'Brien asked whether the plan covered software written in C++.",
                'The auditor said the "risk-based" approach AND the annual opinion went together.',
            ),
            bullets=("Members asked about * wildcard cards in the procurement system",),
            resolutions=(resolution("That the plan be approved."),),
        ),
    )
    return ws


@pytest.mark.parametrize(
    "query", ["O'Brien", "o'brien", "C++", "2024-25", "AND", '"risk-based"', "wildcard *"]
)
def test_awkward_queries_find_what_they_say(minutes_ws, query):
    results = search(minutes_ws, query)
    assert [hit.kind for hit in results.hits] == ["minutes"], query
    hit = results.hits[0]
    assert hit.title == "Internal audit plan 2024-25"
    assert hit.subtitle == "Minute 61/23, Audit and Procurement Committee, 18 March 2024"
    assert any(MARK_START in excerpt for excerpt in hit.excerpts)


def test_quote_and_star_alone_search_for_nothing_without_failing(minutes_ws):
    for query in ['"', "*", '""', "* *", "-"]:
        results = search(minutes_ws, query)
        assert results.hits == () and results.message == "Type a word to search for."


def test_operators_are_words_not_syntax(minutes_ws):
    assert search(minutes_ws, "NOT").hits == ()  # no minutes say "not"
    assert search(minutes_ws, "plan OR zebra").hits == ()  # every word must occur; "or" too
    assert search(minutes_ws, "audi*").hits == ()  # a star is not a wildcard
    assert len(search(minutes_ws, "approved plan").hits) == 1


def test_matched_words_are_highlighted(minutes_ws):
    hit = search(minutes_ws, "O'Brien").hits[0]
    marked = [text for excerpt in hit.excerpts for text, on in highlighted_parts(excerpt) if on]
    assert marked == ["O'Brien"]


def test_index_follows_updates_and_deletes(minutes_ws):
    row_id = minutes_ws.scalar("SELECT id FROM minute_paragraphs ORDER BY position LIMIT 1")
    records.update(minutes_ws, "minute_paragraphs", row_id, {"text": "Councillor Kaur asked."})
    assert search(minutes_ws, "O'Brien").hits == ()
    assert len(search(minutes_ws, "Kaur").hits) == 1
    minutes_id = minutes_ws.scalar("SELECT id FROM minutes")
    records.delete(minutes_ws, "minutes", minutes_id)  # cascades to paragraphs and resolutions
    assert search(minutes_ws, "Kaur").hits == ()
    assert search(minutes_ws, "approved").hits == ()
    assert search_store.indexed_rows(minutes_ws) == 0


def test_report_paragraphs_find_their_report(ws):
    report_id = reports.add_report(
        ws,
        Report(
            title="Treasury management strategy",
            sections=(ReportSection("Background", ("Borrowing stays within the limits.",)),),
        ),
    )
    results = search(ws, "borrowing")
    assert [(hit.kind, hit.record_id) for hit in results.hits] == [("report", report_id)]
    records.delete(ws, "reports", report_id)
    assert search(ws, "borrowing").hits == ()


def test_demo_results_are_grouped_by_kind(demo_ws):
    results = search(demo_ws, "climate")
    groups = results.grouped()
    assert [kind for kind, _heading, _hits in groups] == ["report", "minutes", "feedback"]
    assert [heading for _kind, heading, _hits in groups] == ["Reports", "Minutes", "Feedback"]
    assert len(groups[2][2]) > 10  # many responses were passed on to the climate consultation
    minutes_hit = next(hit for hit in results.hits if hit.kind == "minutes")
    assert minutes_hit.meeting_id is not None and minutes_hit.agenda_item_id is not None


def test_demo_report_is_found_by_its_summary_words_and_typed_figures_where_typed(demo_ws):
    # §2.1's figures are live fields (worked out when printed): the report is found by its words,
    # and a figure typed into the minutes is found where it was typed.
    results = search(demo_ws, "directional indicators excluding cannot say")
    assert [hit.kind for hit in results.hits] == ["report"]
    assert results.hits[0].title == "One Coventry Plan Annual Performance Report 2022-23"
    assert [hit.kind for hit in search(demo_ws, "74% (42/57)").hits] == ["minutes"]


def test_an_upgraded_workspace_is_indexed(demo_ws):
    """The migration indexes what was there before it; the triggers keep the counts equal."""
    expected = demo_ws.scalar(
        "SELECT (SELECT count(*) FROM reports) + (SELECT count(*) FROM report_recommendations)"
        " + (SELECT count(*) FROM report_sections) + (SELECT count(*) FROM report_paragraphs)"
        " + (SELECT count(*) FROM report_appendices) + (SELECT count(*) FROM minutes)"
        " + (SELECT count(*) FROM minute_paragraphs) + (SELECT count(*) FROM minute_bullets)"
        " + (SELECT count(*) FROM resolutions) + (SELECT count(*) FROM recommendations)"
        " + (SELECT count(*) FROM recommendation_updates) + (SELECT count(*) FROM feedback)"
    )
    assert search_store.indexed_rows(demo_ws) == expected


def test_a_very_common_word_lists_the_newest_matches_and_says_so(demo_ws, monkeypatch):
    monkeypatch.setattr(search_store, "RANKED_AT_MOST", 50)
    results = search(demo_ws, "more")
    assert "the newest are shown" in results.message
    feedback = [hit.record_id for hit in results.hits if hit.kind == "feedback"]
    newest = demo_ws.scalar("SELECT max(id) FROM feedback WHERE text LIKE '%more%'")
    assert newest in feedback  # the newest matching response is among those listed
    rare = search(demo_ws, "WhatsApp")
    assert rare.message == "" and rare.hits  # few matches: ranked by relevance as before
