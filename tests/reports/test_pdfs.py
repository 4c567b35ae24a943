"""The PDFs, read back: page counts, headings, numbering, outline, contents, awkward text."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from ocplan_desktop.domain.charts import ChartData, ChartKind, Series
from ocplan_desktop.reports.briefing_note import export_briefing_note
from ocplan_desktop.reports.charts import draw_chart, drawn_points
from ocplan_desktop.reports.minutes_pdf import export_minutes
from ocplan_desktop.reports.pack import export_pack
from ocplan_desktop.store import meetings, reports
from tests.reports.pdf_reading import contents_entries, first_page_with, fonts, outline, page_texts


def meeting_on(ws, date):
    return [m for m in meetings.list_meetings(ws) if m.date == date][0]


def test_briefing_note_follows_the_council_template(demo_ws, tmp_path):
    (report,) = [
        item for item in reports.list_reports(demo_ws) if item.title.startswith("One Coventry Plan")
    ]
    path = tmp_path / "note.pdf"
    pages = export_briefing_note(demo_ws, report.id, path, invariant=True)
    texts = page_texts(path)
    assert len(texts) == pages >= 3
    whole = " ".join(texts)
    for expected in [
        "Coventry City Council",
        "Public report",
        "Scrutiny Co-ordination Committee 20 December 2023",
        "Cabinet 9 January 2024",
        "Name of Cabinet Member:",
        "Councillor G Duggins",
        "Director approving submission of the report:",
        "Ward(s) affected:",
        "Is this a key decision?",
        "Executive summary:",
        "Scrutiny Co-ordination Committee is requested to:",
        "Cabinet is requested to:",
        "List of appendices included:",
        "Appendix I",
        "Background papers:",
        "Has it been or will it be considered by Scrutiny?",
        "Will this report go to Council?",
        "1. Background",
        "1.1",
        "1.5",
        "2. Context",
        "74% (42/57)",
        "5.1 Financial implications",
        "5.2 Legal implications",
        "6.1 How will this contribute",
        "6.6 Implications for partner organisations",
        "Report author(s):",
        "Kirston Nelson",
        "insight@coventry.gov.uk",
        "Contributor/approver name",
        "Names of approvers for submission",
        "Finance: Phil Helm",
        "8 December 2023",
    ]:
        assert expected in whole, expected
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {pages}" in text
        assert "One Coventry Plan Annual Performance Report 2022-23" in text  # the running header
    assert any("DejaVuSans" in name for name in fonts(path))


def test_minutes_numbering_is_what_the_editor_shows_and_draft_is_marked(demo_ws, tmp_path):
    approved, draft = meeting_on(demo_ws, "2023-02-01"), meeting_on(demo_ws, "2023-12-20")
    path = tmp_path / "minutes.pdf"
    export_minutes(demo_ws, approved.id, path, invariant=True)
    whole = " ".join(page_texts(path))
    labels = re.findall(r"(?<![\w(/])([1-3a-g])\) ", whole.split("RESOLVED:")[1])
    assert labels == ["1", "2", "a", "b", "c", "d", "e", "f", "g", "3"]
    assert "56/22 One Coventry Plan 2022-2030" in whole
    assert "Apologies: Councillor D Walsh" in whole
    assert "DRAFT" not in whole and "Approved as a correct record" in whole
    export_minutes(demo_ws, draft.id, path, invariant=True)
    texts = page_texts(path)
    assert all("DRAFT" in text for text in texts)


def test_pack_contents_outline_and_page_numbers_are_the_real_pages(demo_ws, tmp_path):
    meeting = meeting_on(demo_ws, "2023-12-20")
    path = tmp_path / "pack.pdf"
    pages = export_pack(demo_ws, meeting.id, path)
    texts = page_texts(path)
    assert len(texts) == pages
    assert all(f"Page {number} of {pages}" in text for number, text in enumerate(texts, start=1))
    entries = outline(path)
    titles = [title for _level, title, _page in entries]
    items = meetings.agenda(demo_ws, meeting.id)
    assert titles[0] == "Contents" and "Agenda" in titles
    assert [t for t in titles if t.startswith("Item ")] == [
        f"Item {i.item_number}: {i.title}" for i in items
    ]
    for level, title, page in entries:
        if level == 0 and title.startswith("Item "):
            assert title in texts[page - 1]  # each bookmark lands on its item
    printed = contents_entries(path, 2)
    listed = [(title, page) for level, title, page in entries if level <= 1 and title != "Contents"]
    assert set(printed) == {title for title, _page in listed}
    assert any(
        title == "2. Context" for _level, title, _page in entries
    )  # sections are bookmarked too
    for title, page in listed:
        if title:
            assert printed[title] == page  # the contents print the page the bookmark goes to
    assert printed["Agenda"] == first_page_with(texts, "Item Business Papers")
    report_entry = [e for e in entries if e[0] == 1 and "Annual Performance Report" in e[1]]
    assert report_entry and "Public report" in texts[report_entry[0][2] - 1]


AWKWARD = [
    "<b>unclosed",
    "a < b & c",
    '<img src="/etc/passwd"/>',
    '<font color="[[[1]]]">x</font>',
    "Emoji 😀 and right-to-left مرحبا",
    "=SUM(A1)",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_prints_literally_in_a_report(demo_ws, tmp_path, text):
    (summary,) = [
        item for item in reports.list_reports(demo_ws) if item.title.startswith("One Coventry Plan")
    ]
    report = reports.load_report(demo_ws, summary.id)
    awkward = replace(
        report, id=None, title=text, executive_summary=f"Summary: {text}", cabinet_member=text
    )
    report_id = reports.add_report(demo_ws, awkward)
    path = tmp_path / "awkward.pdf"
    export_briefing_note(demo_ws, report_id, path, invariant=True)
    whole = " ".join(page_texts(path))
    ascii_part = text.split(" 😀")[0] if "😀" in text else text
    assert ascii_part in whole


def test_chart_drawing_has_a_point_per_value_and_leaves_the_gap():
    data = ChartData(
        "History",
        ChartKind.LINE,
        ("2018-19", "2019-20", "2020-21", "2021-22"),
        (Series("Coventry", (78, 79, None, 69)), Series("England", (70, 71, 72, 73))),
    )
    drawing = draw_chart(data)
    assert drawn_points(drawing) == 3 + 4
    bars = ChartData(
        "By ward",
        ChartKind.HBAR,
        ("Bablake", "Foleshill"),
        (Series("Responses", (12, 0)),),
        flagged=frozenset({1}),
        flag_note="no responses",
    )
    assert drawn_points(draw_chart(bars)) == 2


def test_engagement_summary_has_the_charts_and_counts(demo_ws, tmp_path):
    from ocplan_desktop.reports.engagement_pdf import export_engagement
    from ocplan_desktop.services.engagement_analysis import feedback_summary
    from ocplan_desktop.store import engagement

    exercise = [
        e for e in engagement.list_exercises(demo_ws) if e.title.startswith("One Coventry")
    ][0]
    path = tmp_path / "engagement.pdf"
    pages = export_engagement(demo_ws, exercise.id, path, invariant=True)
    texts = page_texts(path)
    whole = " ".join(texts)
    summary = feedback_summary(demo_ws, exercise.id)
    assert len(texts) == pages
    assert f"{summary.total:,} responses" in whole
    assert "No responses from 2 wards: Foleshill, Longford" in whole
    for title in (
        "Responses by ward",
        "Responses per 1,000 residents",
        "Responses by channel",
        "Responses by respondent type",
        "Responses by theme",
    ):
        assert title in whole
    assert f"not collected {summary.by_ward['not collected']}" in whole
    assert [title for level, title, _page in outline(path) if level == 1] == [
        "By ward",
        "By channel",
        "By respondent type",
        "By theme",
    ]


def test_performance_report_matches_the_screen_and_prints_in_greyscale(demo_ws, tmp_path):
    from ocplan_desktop.reports.performance_pdf import export_performance
    from ocplan_desktop.services.performance import performance_summary

    path = tmp_path / "performance.pdf"
    pages = export_performance(demo_ws, "2022-23", path, invariant=True)
    texts = page_texts(path)
    whole = " ".join(texts)
    result = performance_summary(demo_ws, "2022-23")
    assert len(texts) == pages >= 3
    assert " ".join(result.sentence.split()) in whole  # exactly what the screen says
    for row in (
        "2022-23 73 36 6 15 1 15 74% (42/57)",
        "2020-21 – – – – – – no figure",
        "2016-17 73 38 5 14 1 15 75% (43/57)",
    ):
        assert row in whole
    assert "▲ Improved (set by an officer)" in whole  # the override is marked where it is counted
    for symbol in (
        "▲ Improved",
        "▶ Stayed the same",
        "▼ Got worse",
        "◆ Can't say",
        "– Not available",
    ):
        assert symbol in whole
    themes = [title for level, title, _page in outline(path) if level == 2]
    assert len(themes) == 5 and themes[0].startswith("Increasing the economic prosperity")


def test_performance_chart_in_the_pdf_has_the_gap():
    from ocplan_desktop.domain.performance import Summary
    from ocplan_desktop.reports.charts import draw_chart, drawn_points
    from ocplan_desktop.services.performance_charts import history_chart

    history = [
        Summary("2018-19", improved=52, worse=15),
        Summary("2019-20", improved=50, worse=13),
        Summary("2020-21", not_available=73),
        Summary("2021-22", improved=40, worse=18),
    ]
    chart = history_chart(history)
    assert chart.series[0].values == (78.0, 79.0, None, 69.0)
    assert drawn_points(draw_chart(chart)) == 3


def test_tracker_update_is_grouped_by_meeting_and_reads_without_colour(demo_ws, tmp_path):
    import datetime as dt

    from ocplan_desktop.reports.tracker_pdf import export_tracker

    path = tmp_path / "tracker.pdf"
    pages = export_tracker(
        demo_ws, dt.date(2023, 6, 1), path, today=dt.date(2024, 1, 15), invariant=True
    )
    texts = page_texts(path)
    whole = " ".join(texts)
    assert len(texts) == pages
    groups = [title for level, title, _page in outline(path) if level == 1]
    assert groups == [
        "Scrutiny Co-ordination Committee, 1 February 2023",
        "Scrutiny Co-ordination Committee, 20 December 2023",
    ]
    assert "SCC 2023-02-01 / 2(b)" in whole and "12 July 2023: Ward question added" in whole
    assert (
        "◐ In progress" in whole and "● Completed" in whole
    )  # words and symbols, not colour alone
    assert "⚠ Overdue" in whole  # 2(c) was due 31 October 2023
    assert "New since the date." in whole  # the December recommendations
    assert "SCC 2023-02-01 / 2(a)" not in whole  # completed before the date and unchanged since


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_text_prints_literally_in_minutes_and_the_tracker(demo_ws, tmp_path, text):
    import datetime as dt

    from ocplan_desktop.domain.minutes import Minutes, resolution
    from ocplan_desktop.reports.tracker_pdf import export_tracker
    from ocplan_desktop.store import minutes as minutes_store
    from ocplan_desktop.store import records

    meeting = meeting_on(demo_ws, "2024-02-07")
    item = meetings.add_agenda_item(demo_ws, meeting.id, text)
    minutes_store.add_minutes(
        demo_ws,
        Minutes(
            item,
            heading=text,
            report_of=text,
            paragraphs=(text,),
            bullets=(text,),
            resolutions=(resolution(text, resolution(text)),),
        ),
    )
    records.update(demo_ws, "meetings", meeting.id, {"venue": text})
    path = tmp_path / "minutes.pdf"
    export_minutes(demo_ws, meeting.id, path, invariant=True)
    printable = text.split(" 😀")[0] if "😀" in text else text
    assert " ".join(page_texts(path)).count(printable) >= 5
    recommendation = demo_ws.scalar("SELECT min(id) FROM recommendations")
    records.update(
        demo_ws, "recommendations", recommendation, {"text": text, "response_text": text}
    )
    path = tmp_path / "tracker.pdf"
    export_tracker(demo_ws, dt.date(2020, 1, 1), path, today=dt.date(2024, 1, 15), invariant=True)
    assert printable in " ".join(page_texts(path))


def test_minutes_print_the_declarations_made_at_the_meeting(demo_ws, tmp_path):
    from ocplan_desktop.store import records

    meeting = meeting_on(demo_ws, "2023-12-20")
    item = meetings.agenda(demo_ws, meeting.id)[4]
    person = demo_ws.scalar("SELECT id FROM people WHERE name = 'J Grant'")
    records.insert(
        demo_ws,
        "declarations",
        {
            "agenda_item_id": item.id,
            "person_id": person,
            "interest": "other registrable",
            "description": "Board of a housing trust",
        },
    )
    path = tmp_path / "minutes.pdf"
    export_minutes(demo_ws, meeting.id, path, invariant=True)
    whole = " ".join(page_texts(path))
    assert (
        f"Councillor J Grant ({item.title}): Other registrable interest – Board of a housing trust"
        in whole
    )
    approved = meeting_on(demo_ws, "2023-02-01")
    export_minutes(demo_ws, approved.id, path, invariant=True)
    assert (
        "Approved as a correct record at Scrutiny Co-ordination Committee, 21 June 2023."
        in " ".join(page_texts(path))
    )
