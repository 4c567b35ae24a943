"""Counting an exercise's responses: every ward present (zero included), `not collected` never
dropped, rates per 1,000 residents only where a population is entered."""

from __future__ import annotations

import pytest

from ocplan_desktop.domain.charts import ChartKind
from ocplan_desktop.domain.engagement import NOT_COLLECTED, WardMatcher, name_key, ward_key
from ocplan_desktop.domain.reference import COVENTRY_WARDS
from ocplan_desktop.services import engagement, engagement_analysis, engagement_lists
from ocplan_desktop.store import reference


def make_exercise(ws, title="Test exercise", **fields):
    change = engagement.add_exercise(ws, engagement.ExerciseFields(title, **fields))
    return next(iter(change.ids))


def ids(ws, table):
    return {name: item_id for item_id, name in reference.names(ws, table)}


def add(ws, exercise_id, ward=None, channel="Online survey", respondent="Resident", themes=()):
    wards = {ward.name: ward.id for ward in reference.list_wards(ws)}
    theme_ids = ids(ws, "feedback_themes")
    fields = engagement.ResponseFields(
        "2024-01-10",
        ids(ws, "channels")[channel],
        wards[ward] if ward else None,
        ids(ws, "respondent_types")[respondent] if respondent else None,
        "A comment",
    )
    change = engagement.add_response(ws, exercise_id, fields, [theme_ids[t] for t in themes])
    return next(iter(change.ids))


def test_counts_by_ward_include_every_ward_at_zero_and_not_collected(ws):
    exercise = make_exercise(ws)
    add(ws, exercise, "Earlsdon", themes=("Housing",))
    add(ws, exercise, "Earlsdon", channel="Library", themes=("Housing", "Cost of living"))
    add(ws, exercise, "St Michael's", channel="WhatsApp", respondent="Community group")
    add(ws, exercise, None, channel="Event", respondent=None)
    add(ws, exercise, None, channel="Family Hub")

    summary = engagement_analysis.feedback_summary(ws, exercise)
    data = summary.as_dict()
    assert set(data) == {"total", "by_ward", "by_channel", "by_respondent_type", "by_theme"}
    assert data["total"] == 5
    assert list(data["by_ward"]) == [*COVENTRY_WARDS, NOT_COLLECTED]
    assert data["by_ward"]["Earlsdon"] == 2
    assert data["by_ward"]["St Michael's"] == 1
    assert data["by_ward"]["Foleshill"] == 0
    assert data["by_ward"][NOT_COLLECTED] == 2
    assert sum(data["by_ward"].values()) == 5
    assert data["by_channel"]["Online survey"] == 1 and data["by_channel"]["Social media"] == 0
    assert data["by_respondent_type"]["Community group"] == 1
    assert data["by_respondent_type"][NOT_COLLECTED] == 1
    assert data["by_theme"]["Housing"] == 2 and data["by_theme"]["Cost of living"] == 1
    assert data["by_theme"]["Jobs and skills"] == 0
    assert len(summary.silent_wards) == 16


def test_not_collected_is_present_even_when_every_ward_was_collected(ws):
    exercise = make_exercise(ws)
    add(ws, exercise, "Wyken")
    assert engagement_analysis.feedback_summary(ws, exercise).by_ward[NOT_COLLECTED] == 0


def test_ward_chart_shows_all_wards_flags_silent_ones_and_keeps_not_collected(ws):
    exercise = make_exercise(ws)
    add(ws, exercise, "Earlsdon")
    add(ws, exercise, None)
    summary = engagement_analysis.feedback_summary(ws, exercise)
    chart = engagement_analysis.ward_chart(summary)
    assert chart.kind is ChartKind.HBAR
    assert len(chart.categories) == 19 and chart.categories[-1] == NOT_COLLECTED
    earlsdon = chart.categories.index("Earlsdon")
    assert chart.series[0].values[earlsdon] == 1 and chart.series[0].values[-1] == 1
    assert earlsdon not in chart.flagged and 18 not in chart.flagged  # not collected is not a ward
    assert len(chart.flagged) == 17 and chart.flag_note == "no responses"


def test_rates_per_thousand_only_where_populations_are_entered(ws):
    exercise = make_exercise(ws)
    summary = engagement_analysis.feedback_summary(ws, exercise)
    assert engagement_analysis.ward_rate_chart(summary) is None
    wards = {ward.name: ward.id for ward in reference.list_wards(ws)}
    engagement_lists.set_ward_population(ws, wards["Earlsdon"], "20,000")
    for _ in range(3):
        add(ws, exercise, "Earlsdon")
    chart = engagement_analysis.ward_rate_chart(engagement_analysis.feedback_summary(ws, exercise))
    assert chart is not None
    values = dict(zip(chart.categories, chart.series[0].values, strict=True))
    assert values["Earlsdon"] == pytest.approx(0.15)
    assert values["Wyken"] is None  # no population: a gap, not a zero
    assert values[NOT_COLLECTED] is None


def test_comparison_puts_two_exercises_side_by_side_as_shares(demo_ws):
    plan, climate = [item.id for item in engagement.list_exercises(demo_ws)]
    chart = engagement_analysis.comparison_chart(demo_ws, plan, climate, "channel")
    assert [series.name for series in chart.series] == [
        "One Coventry Plan engagement 2022",
        "Climate Change Strategy consultation 2023",
    ]
    whatsapp = chart.categories.index("WhatsApp")
    assert chart.series[0].values[whatsapp] == 0 and chart.series[1].values[whatsapp] > 10
    assert sum(value or 0 for value in chart.series[0].values) == pytest.approx(100, abs=0.5)
    assert NOT_COLLECTED in chart.categories
    counts = engagement_analysis.comparison_chart(demo_ws, plan, climate, "ward", share=False)
    assert counts.series[0].values[-1] == 245 and counts.categories[-1] == NOT_COLLECTED
    assert {counts.categories[i] for i in counts.flagged} == {"Foleshill", "Longford"}


def test_analysis_charts_for_the_demo(demo_ws):
    plan = engagement.list_exercises(demo_ws)[0]
    charts = engagement_analysis.analysis_charts(demo_ws, plan.id)
    assert [chart.title.split(":")[0] for chart in charts] == [
        "Responses by ward",
        "Responses per 1,000 residents",
        "Responses by channel",
        "Responses by respondent type",
        "Responses by theme",
    ]
    silent = {charts[0].categories[index] for index in charts[0].flagged}
    assert silent == {"Foleshill", "Longford"}


@pytest.mark.parametrize(
    ("written", "ward"),
    [
        ("St Michael's", "St Michael's"),
        ("St. Michaels", "St Michael's"),
        ("saint michaels", "St Michael's"),
        ("Binley & Willenhall", "Binley and Willenhall"),
        ("binley and willenhall", "Binley and Willenhall"),
        ("  EARLSDON ", "Earlsdon"),
        ("Lower-Stoke", "Lower Stoke"),
    ],
)
def test_ward_names_match_tolerantly(ws, written, ward):
    matcher = WardMatcher(reference.list_wards(ws))
    wards = {item.id: item.name for item in reference.list_wards(ws)}
    assert wards[matcher.match(written)] == ward


def test_renamed_ward_is_found_by_its_old_name_and_undo_restores_it(ws):
    holbrook = next(ward for ward in reference.list_wards(ws) if ward.name == "Holbrook")
    change = engagement_lists.rename_ward(ws, holbrook.id, "Holbrooks", "2024-05-01")
    assert [ward.name for ward in reference.list_wards(ws)].count("Holbrooks") == 1
    matcher = WardMatcher(reference.list_wards(ws), reference.ward_former_names(ws))
    assert matcher.match("Holbrook") == holbrook.id
    assert matcher.match("holbrooks") == holbrook.id
    rows = engagement_lists.wards(ws)
    assert next(row for row in rows if row.id == holbrook.id).former_names == ("Holbrook",)
    change.undo(ws)
    assert "Holbrook" in [ward.name for ward in reference.list_wards(ws)]
    assert reference.ward_former_names(ws) == []


def test_a_ward_cannot_take_another_wards_name(ws):
    from ocplan_desktop.domain.errors import ValidationError

    wards = {ward.name: ward.id for ward in reference.list_wards(ws)}
    with pytest.raises(ValidationError, match="already a ward called Earlsdon"):
        engagement_lists.rename_ward(ws, wards["Wyken"], "earlsdon")
    with pytest.raises(ValidationError, match="not a whole number"):
        engagement_lists.set_ward_population(ws, wards["Wyken"], "lots")


def test_list_names_match_singular_and_plural():
    assert name_key("Family Hubs") == name_key("family hub")
    assert name_key("Libraries") == name_key("Library")
    assert ward_key("St. Michael's") == ward_key("st michaels")
