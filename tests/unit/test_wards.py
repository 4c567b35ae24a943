"""Wards as people write them, near misses offered (never applied), and ward boundary changes:
responses matched against the wards in use on their date, summaries that span a change say so."""

from __future__ import annotations

import pytest

from ocplan_desktop.cli import main
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.reference import COVENTRY_WARDS
from ocplan_desktop.domain.wards import Ward, WardMatcher, boundary_changes, ward_key
from ocplan_desktop.importers.feedback import import_feedback
from ocplan_desktop.services import engagement, engagement_analysis, engagement_lists
from ocplan_desktop.store import reference

HEADER = "Date,Ward,Response\r\n"


def exercise(ws, **fields):
    return next(
        iter(engagement.add_exercise(ws, engagement.ExerciseFields("Budget", **fields)).ids)
    )


def survey(tmp_path, rows, name="survey.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "\r\n".join(rows) + "\r\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "written",
    [
        "Earlsdon Ward",
        "Ward: Earlsdon",
        "EARLSDON WARD",
        "earlsdon ward (CV5 6AB)",
        "Earlsdon (CV5)",
        "Earlsdon, CV5 6AB",
        " Earlsdon\u00a0",
    ],
)
def test_a_ward_written_with_ward_or_a_postcode_is_the_ward(written):
    assert ward_key(written) == ward_key("Earlsdon")


@pytest.mark.parametrize(
    ("written", "ward"),
    [
        ("St. Michael's Ward", "St Michael's"),
        ("Saint Michaels", "St Michael's"),
        ("Binley-and-Willenhall", "Binley and Willenhall"),
        ("Binley & Willenhall Ward", "Binley and Willenhall"),
        ("Lower-Stoke", "Lower Stoke"),
    ],
)
def test_saints_hyphens_and_ampersands(written, ward):
    assert ward_key(written) == ward_key(ward)


def test_every_coventry_ward_matches_with_its_ward_suffix(ws):
    """The council's election pages write "Earlsdon Ward": all 18 match."""
    matcher = WardMatcher(reference.list_wards(ws))
    found = {matcher.match(f"{name} Ward") for name in COVENTRY_WARDS}
    assert None not in found and len(found) == 18


def test_a_ward_named_ward_something_keeps_its_name():
    matcher = WardMatcher([Ward(1, "Ward End"), Ward(2, "End")])
    assert matcher.match("Ward End Ward") == 1 and matcher.match("ward end") == 1


def test_near_misses_are_suggested_and_ambiguity_is_not(ws):
    matcher = WardMatcher(reference.list_wards(ws))
    assert matcher.match("Earlsdn") is None  # never applied
    assert matcher.suggest("Earlsdn") == "Earlsdon"
    assert matcher.suggest("Whoberly ward") == "Whoberley"
    assert matcher.suggest("Stoke") is None  # Lower Stoke or Upper Stoke: not a guess to offer
    assert matcher.suggest("Kenilworth") is None


def test_a_typo_is_refused_with_its_suggestion_until_the_officer_maps_it(ws, tmp_path):
    path = survey(tmp_path, ["2024-02-01,Earlsdon Ward,a", "2024-02-02,Earlsdn,b"])
    exercise_id = exercise(ws)
    with pytest.raises(ValidationError, match=r"'Earlsdn' \(row 3; did you mean Earlsdon\?\)"):
        import_feedback(ws, path, exercise_id)
    assert ws.scalar("SELECT count(*) FROM feedback") == 0
    result = import_feedback(ws, path, exercise_id, ward_map={"Earlsdn": "Earlsdon"})
    assert result.imported == 2
    assert engagement_analysis.feedback_summary(ws, exercise_id).by_ward["Earlsdon"] == 2


def coventry_2026(ws):
    """The boundary review in force from the 2026 all-out elections (Holbrook becomes Holbrooks
    with new boundaries), recorded the way an officer would."""
    wards = {ward.name: ward.id for ward in reference.list_wards(ws)}
    return engagement_lists.change_boundaries(
        ws, "2026-05-07", [wards["Holbrook"]], [("Holbrooks", None)]
    )


def test_responses_are_matched_against_the_wards_of_their_date(ws, tmp_path):
    change = coventry_2026(ws)
    assert [w.name for w in reference.list_wards(ws, on="2026-05-06")].count("Holbrook") == 1
    assert "Holbrooks" not in [w.name for w in reference.list_wards(ws, on="2026-05-06")]
    assert "Holbrooks" in [w.name for w in reference.list_wards(ws, on="2026-05-07")]
    assert len(reference.list_wards(ws, on="2026-05-07")) == 18
    rows = ["2026-04-20,Holbrook,before", "2026-05-20,Holbrooks Ward,after"]
    exercise_id = exercise(ws)
    import_feedback(ws, survey(tmp_path, rows), exercise_id)
    summary = engagement_analysis.feedback_summary(ws, exercise_id)
    assert summary.by_ward["Holbrook"] == 1 and summary.by_ward["Holbrooks"] == 1
    assert "7 May 2026 (Holbrook ended; Holbrooks began)" in summary.boundary_note
    assert summary.as_dict()["boundary_note"] == summary.boundary_note
    wrong = survey(tmp_path, ["2026-06-01,Holbrook,after the change"], "late.csv")
    with pytest.raises(ValidationError) as caught:
        import_feedback(ws, wrong, exercise(ws))
    assert "Holbrook is a ward until 6 May 2026, not on 1 June 2026" in str(caught.value)
    assert "did you mean Holbrooks?" in str(caught.value)
    assert change.description == "ward boundaries from 2026-05-07"


def test_a_boundary_change_is_undone(ws):
    change = coventry_2026(ws)
    change.undo(ws)
    every = reference.list_wards(ws, every_date=True)
    assert "Holbrooks" not in [ward.name for ward in every]
    assert all(ward.valid_to is None for ward in every)


def test_an_exercise_within_one_set_of_wards_says_nothing(ws, tmp_path):
    coventry_2026(ws)
    exercise_id = exercise(ws)
    import_feedback(ws, survey(tmp_path, ["2024-02-01,Holbrook,x"]), exercise_id)
    summary = engagement_analysis.feedback_summary(ws, exercise_id)
    assert summary.boundary_note == "" and "boundary_note" not in summary.as_dict()
    assert "Holbrooks" not in summary.by_ward and summary.by_ward["Holbrook"] == 1


def test_boundary_changes_between_two_days():
    wards = [Ward(1, "Old", valid_to="2026-05-06"), Ward(2, "New", valid_from="2026-05-07")]
    assert boundary_changes(wards, "2026-01-01", "2026-12-31")[0].text == (
        "7 May 2026 (Old ended; New began)"
    )
    assert boundary_changes(wards, "2026-05-07", "2026-12-31") == []


def test_a_boundary_change_is_checked(ws):
    wards = {ward.name: ward.id for ward in reference.list_wards(ws)}
    with pytest.raises(ValidationError, match="already a ward called Earlsdon"):
        engagement_lists.change_boundaries(ws, "2026-05-07", [], [("earlsdon", None)])
    with pytest.raises(ValidationError, match="ends some wards or begins new ones"):
        engagement_lists.change_boundaries(ws, "2026-05-07", [], [])
    engagement_lists.change_boundaries(ws, "2026-05-07", [wards["Westwood"]], [("Tile Hill", None)])
    with pytest.raises(ValidationError, match="Westwood is not in use"):
        engagement_lists.change_boundaries(ws, "2027-05-06", [wards["Westwood"]], [])


def test_new_workspaces_start_with_today_s_list(ws):
    wards = reference.list_wards(ws)
    assert [ward.name for ward in wards] == list(COVENTRY_WARDS)
    assert all(ward.valid_from is None and ward.valid_to is None for ward in wards)


def test_wards_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "w.ocplan"
    assert main(["new", str(path)]) == 0
    capsys.readouterr()
    assert main(["wards", "change", "--db", str(path), "--on", "2026-05-07",
                 "--end", "Holbrook Ward", "--new", "Holbrooks"]) == 0  # fmt: skip
    assert "From 2026-05-07: 1 ward ended, 1 began." in capsys.readouterr().out
    assert main(["wards", "list", "--db", str(path), "--on", "2026-05-06"]) == 0
    before = capsys.readouterr().out
    assert "Holbrook  (until 6 May 2026)" in before and "Holbrooks" not in before
    assert main(["wards", "list", "--db", str(path), "--on", "2026-06-01"]) == 0
    assert "Holbrooks  (from 7 May 2026)" in capsys.readouterr().out


def coventry_matcher():
    return WardMatcher([Ward(number, name) for number, name in enumerate(COVENTRY_WARDS, 1)])


@pytest.mark.parametrize(
    ("written", "ward"),
    [
        ("Earlsdon, Coventry", "Earlsdon"),
        ("Radford Ward, Coventry", "Radford"),
        ("St Michaels Ward - Coventry", "St Michael's"),
        ("Ward 7 - Earlsdon", "Earlsdon"),
        ("Earlsdon ward (Coventry)", "Earlsdon"),
        ("Earlsdon (E05001221)", "Earlsdon"),
        ("Upper Stoke: Coventry", "Upper Stoke"),
    ],
)
def test_a_ward_with_its_town_or_code_beside_it_is_the_ward(written, ward):
    matcher = coventry_matcher()
    assert matcher.match(written, "2024-05-01") == matcher.match(ward, "2024-05-01") is not None


@pytest.mark.parametrize(
    "written", ["Earlsdon / Wainbody", "Cheylesmore & Whoberley", "Coventry", "Ward 7", "E05001221"]
)
def test_two_wards_or_none_named_in_the_parts_match_nothing(written):
    assert coventry_matcher().match(written, "2024-05-01") is None


@pytest.mark.parametrize(
    "written",
    [
        "",
        "  ",
        "-",
        "—",
        "?",
        "Prefer not to say",
        "prefer not to say.",
        "N/A",
        "n/a",
        "Unknown",
        "Don't know",
        "Not stated",
        "None",
        "not collected",
    ],
)
def test_an_answer_that_gives_no_ward_is_not_collected(written):
    from ocplan_desktop.domain.wards import is_not_collected

    assert is_not_collected(written)
    assert coventry_matcher().resolve(written, on="2024-05-01") == "not collected"


@pytest.mark.parametrize("written", ["Earlsdon", "Outside Coventry", "Nuneaton", "Ward 7"])
def test_a_place_is_never_taken_for_no_answer(written):
    from ocplan_desktop.domain.wards import is_not_collected

    assert not is_not_collected(written)


def test_one_unmatched_ward_value_is_named_in_the_singular(ws, tmp_path):
    path = survey(tmp_path, ["2024-05-01,Outside Coventry,Buses", "2024-05-02,Earlsdon,Parks"])
    with pytest.raises(ValidationError, match="1 ward value matches no ward: 'Outside Coventry'"):
        import_feedback(
            ws, path, exercise(ws), {"Date": "date", "Ward": "ward", "Response": "text"}
        )
