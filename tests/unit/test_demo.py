"""The demo workspace: the seeds' content, and figures that reproduce every published year."""

from __future__ import annotations

import pytest

from ocplan_desktop.services.performance import performance_summary
from ocplan_desktop.store import (
    engagement,
    indicators,
    meetings,
    minutes,
    recommendations,
    reference,
)

PUBLISHED = {
    # period: (total, improved, same, worse, cannot say, not available, improved or same, directional, %)
    "2022-23": (73, 36, 6, 15, 1, 15, 42, 57, 74),
}
PUBLISHED_PERCENTAGES = {
    "2021-22": (40, 58, 69),
    "2019-20": (50, 63, 79),
    "2018-19": (52, 67, 78),
    "2017-18": (42, 59, 71),
    "2016-17": (43, 57, 75),
}


def test_2022_23_summary_equals_the_seed(demo_ws):
    summary = performance_summary(demo_ws, "2022-23").summary
    assert (
        summary.total,
        summary.improved,
        summary.same,
        summary.worse,
        summary.cannot_say,
        summary.not_available,
        summary.improved_or_same,
        summary.directional,
        summary.percent,
    ) == PUBLISHED["2022-23"]


@pytest.mark.parametrize("period", sorted(PUBLISHED_PERCENTAGES))
def test_each_earlier_year_equals_the_seed(demo_ws, period):
    summary = performance_summary(demo_ws, period).summary
    assert (
        summary.improved_or_same,
        summary.directional,
        summary.percent,
    ) == PUBLISHED_PERCENTAGES[period]


def test_2020_21_is_a_gap_in_the_history(demo_ws):
    result = performance_summary(demo_ws, "2022-23")
    by_period = {item.period: item for item in result.earlier}
    assert by_period["2020-21"].percent is None
    assert set(by_period) == {"2016-17", "2017-18", "2018-19", "2019-20", "2020-21", "2021-22"}


def test_the_officer_override_is_counted_and_marked(demo_ws):
    report = performance_summary(demo_ws, "2022-23").report
    overridden = [item for item in report.statuses if item.is_override]
    assert len(overridden) == 1 and overridden[0].code == "EP01"


def test_the_summary_paragraph_of_the_report_is_live_figures_worked_out_when_printed(demo_ws):
    from ocplan_desktop.domain.figures import find_fields
    from ocplan_desktop.reports.live_figures import with_live_figures
    from ocplan_desktop.store import reports

    (summary,) = [
        item for item in reports.list_reports(demo_ws) if item.title.startswith("One Coventry Plan")
    ]
    report = reports.load_report(demo_ws, summary.id)
    context = report.sections[1]
    assert context.heading == "Context"
    kinds = [found.field.kind for found in find_fields(context.paragraphs[0])]
    assert kinds[:2] == ["count.total", "count.improved"] and "headline" in kinds
    assert "comparison" in kinds and "74%" not in context.paragraphs[0]  # nothing typed
    printed = with_live_figures(demo_ws, report).sections[1].paragraphs[0]
    assert printed.startswith(
        "The One Coventry Plan is currently measured using 73 indicators, of which 36 indicators "
        "improved; 6 stayed the same; 15 indicators got worse"
    )
    assert "This means, 74% (42/57) of directional indicators" in printed
    assert "previous years: 69% (40/58) in 2021-22; 79% (50/63) in 2019-20" in printed
    assert performance_summary(demo_ws, "2022-23").summary.percent == 74


def test_demo_holds_the_seed_minutes(demo_ws):
    scrutiny = [m for m in meetings.list_meetings(demo_ws) if m.date == "2023-02-01"][0]
    item = [
        i for i in meetings.agenda(demo_ws, scrutiny.id) if i.title == "One Coventry Plan 2022-2030"
    ][0]
    loaded = minutes.load_minutes(demo_ws, item.id)
    assert loaded is not None
    labels = [(depth, label) for depth, label, _text in loaded.numbered_resolutions()]
    assert [label for depth, label in labels if depth == 0] == ["1)", "2)", "3)"]
    assert [label for depth, label in labels if depth == 1] == [f"{c})" for c in "abcdefg"]
    assert len(loaded.bullets) == 10
    assert item.minute_number == "56/22"


def test_demo_tracks_the_seven_recommendations_to_cabinet(demo_ws):
    rows = recommendations.list_recommendations(demo_ws)
    first = [row for row in rows if row.reference.startswith("SCC 2023-02-01")]
    assert [row.reference for row in first] == [f"SCC 2023-02-01 / 2({c})" for c in "abcdefg"]
    assert {row.to_body for row in first} == {"Cabinet"}
    assert first[3].category == "suggest" and first[3].response == "partially_accepted"
    assert all(row.response != "awaiting" for row in first)


def test_demo_indicators_themes_wards_and_feedback(demo_ws):
    assert len(indicators.list_indicators(demo_ws)) == 73
    assert [theme.kind for theme in reference.list_themes(demo_ws)] == ["priority"] * 3 + [
        "enabler"
    ] * 2
    assert len(reference.list_wards(demo_ws)) == 18
    exercises = engagement.list_exercises(demo_ws)
    plan = [e for e in exercises if e.title.startswith("One Coventry Plan")][0]
    assert plan.response_count >= 500
    by_ward = engagement.counts_by(demo_ws, plan.id, "ward")
    assert by_ward.get(None, 0) > 0  # "not collected"
    assert len([name for name in by_ward if name]) < 18  # some wards were not heard from
    assert engagement.counts_by(demo_ws, plan.id, "channel")["Online survey"] > 100


def test_demo_is_deterministic(demo_master, tmp_path):
    from ocplan_desktop.services.demo import create_demo

    def content(path):
        import sqlite3

        connection = sqlite3.connect(path)
        queries = {
            "values": "SELECT indicator_id, period, area_id, value FROM indicator_values ORDER BY id",
            "feedback": "SELECT * FROM feedback ORDER BY id",
            "recommendations": "SELECT reference, text, response, status, due_date FROM recommendations",
            "resolutions": "SELECT * FROM resolutions ORDER BY id",
            "paragraphs": "SELECT * FROM report_paragraphs ORDER BY id",
        }
        result = {}
        for name, sql in queries.items():
            cursor = connection.execute(sql)
            # A record's UUID (team sync) is random by design; everything else is deterministic.
            keep = [i for i, column in enumerate(cursor.description) if column[0] != "uuid"]
            result[name] = [tuple(row[i] for i in keep) for row in cursor.fetchall()]
        connection.close()
        return result

    create_demo(tmp_path / "again.ocplan").close()
    assert content(tmp_path / "again.ocplan") == content(demo_master)
