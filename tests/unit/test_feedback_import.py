"""Importing survey exports: messy ward names in both encodings, mapping remembered per exercise,
unmatched wards refused and listed until mapped, all or nothing."""

from __future__ import annotations

import json

import pytest

from ocplan_desktop.domain.engagement import NOT_COLLECTED
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.importers.feedback import import_feedback
from ocplan_desktop.importers.feedback_columns import ColumnMap
from ocplan_desktop.importers.repeats import RepeatedImport
from ocplan_desktop.importers.tabular import write_table
from ocplan_desktop.services import engagement, engagement_analysis, engagement_lists
from ocplan_desktop.store import reference

HEADER = "Submitted,Which ward do you live in?,Are you responding as,Your views,Topics\r\n"
ROWS = [
    "2024-02-01 09:15:00,St. Michaels,Resident,More buses – please & thank you,Transport and roads",
    "02/02/2024,binley & willenhall,Community group,Café in the library <b>bold</b>,Housing; Cost of living",
    "03/02/2024,Binley and Willenhall,resident,Résumé help for young people 👍,jobs and skills",
    "04/02/2024,St Michael's,Business,Keep it up,",
    "05/02/2024,,Resident,Nothing to add,Parks",
    "06/02/2024,Not collected,Resident,At the event,",
]


def exercise(ws, title="Budget consultation"):
    return next(iter(engagement.add_exercise(ws, engagement.ExerciseFields(title)).ids))


def write_csv(path, rows, encoding):
    path.write_bytes((HEADER + "\r\n".join(rows) + "\r\n").encode(encoding, errors="replace"))
    return path


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_messy_ward_names_import_in_both_encodings(ws, tmp_path, encoding):
    rows = ROWS if encoding == "utf-8-sig" else [row.replace(" 👍", "") for row in ROWS]
    path = write_csv(tmp_path / f"survey-{encoding}.csv", rows, encoding)
    exercise_id = exercise(ws)
    result = import_feedback(ws, path, exercise_id)
    assert result.imported == 6
    summary = engagement_analysis.feedback_summary(ws, exercise_id)
    assert summary.by_ward["St Michael's"] == 2
    assert summary.by_ward["Binley and Willenhall"] == 2
    assert summary.by_ward[NOT_COLLECTED] == 2
    assert summary.by_channel["Online survey"] == 6  # an online survey export
    assert summary.by_respondent_type["Resident"] == 4
    assert summary.by_theme["Cost of living"] == 1 and summary.by_theme["Parks"] == 1
    texts = {item.text for item in engagement.responses(ws, exercise_id)}
    assert "Café in the library <b>bold</b>" in texts
    assert "More buses – please & thank you" in texts
    dates = sorted(item.received_on for item in engagement.responses(ws, exercise_id))
    assert dates[:2] == ["2024-02-01", "2024-02-02"]
    assert result.plan.new_themes == ("Parks",)
    batch = ws.query("SELECT * FROM import_batches")[0]
    assert batch["kind"] == "feedback" and batch["row_count"] == 6


def test_unmatched_wards_refuse_the_import_and_are_listed_until_mapped(ws, tmp_path):
    rows = [*ROWS, "07/02/2024,Narnia,Resident,Hello,", "08/02/2024,Holbrok,Resident,Hi,",
            "09/02/2024,Narnia,Resident,Again,"]  # fmt: skip
    path = write_csv(tmp_path / "survey.csv", rows, "utf-8")
    exercise_id = exercise(ws)
    with pytest.raises(ValidationError) as caught:
        import_feedback(ws, path, exercise_id)
    message = str(caught.value)
    assert message.startswith("survey.csv: nothing was imported")
    assert "'Narnia' (rows 8, 10)" in message
    assert "'Holbrok' (row 9; did you mean Holbrook?)" in message  # offered, not applied
    assert ws.scalar("SELECT count(*) FROM feedback") == 0
    assert ws.scalar("SELECT count(*) FROM feedback_themes WHERE name = 'Parks'") == 0

    with pytest.raises(ValidationError, match="'Narnia' \\(rows 8, 10\\)"):
        import_feedback(ws, path, exercise_id, ward_map={"Holbrok": "Holbrook"})
    result = import_feedback(
        ws, path, exercise_id, ward_map={"Holbrok": "Holbrook", "narnia": "not collected"}
    )
    assert result.imported == 9
    summary = engagement_analysis.feedback_summary(ws, exercise_id)
    assert summary.by_ward["Holbrook"] == 1 and summary.by_ward[NOT_COLLECTED] == 4


def test_old_ward_names_still_match_after_a_rename(ws, tmp_path):
    wards = {ward.name: ward.id for ward in reference.list_wards(ws)}
    engagement_lists.rename_ward(ws, wards["Holbrook"], "Holbrooks", "2024-05-01")
    path = write_csv(
        tmp_path / "old.csv",
        ["01/02/2024,Holbrook,Resident,Hi,", "01/02/2024,holbrooks,,x,"],
        "utf-8",
    )
    exercise_id = exercise(ws)
    import_feedback(ws, path, exercise_id)
    assert engagement_analysis.feedback_summary(ws, exercise_id).by_ward["Holbrooks"] == 2


def test_column_mapping_is_remembered_per_exercise(ws, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Q1,Q2,Q3\n2024-01-01,Earlsdon,Good\n", encoding="utf-8")
    exercise_id = exercise(ws)
    other = exercise(ws, "Another exercise")
    with pytest.raises(ValidationError, match="no column is mapped"):
        import_feedback(ws, path, exercise_id)
    import_feedback(ws, path, exercise_id, {"q1": "date", "Q2": "ward", "Q3": "text"})
    saved = ColumnMap.from_json(
        ws.scalar("SELECT column_map FROM exercises WHERE id = ?", (exercise_id,))
    )
    assert saved.columns == {"Q1": "date", "Q2": "ward", "Q3": "text"}
    # the next export of the same survey needs no --map; another exercise still does
    later = tmp_path / "export-2.csv"
    later.write_text("Q1,Q2,Q3\n2024-01-02,Foleshill,Better\n", encoding="utf-8")
    assert import_feedback(ws, later, exercise_id).imported == 1
    with pytest.raises(ValidationError, match="no column is mapped"):
        import_feedback(ws, later, other)


def test_the_same_file_twice_is_named_and_refused_unless_again(ws, tmp_path):
    path = write_csv(tmp_path / "survey.csv", ROWS, "utf-8")
    exercise_id = exercise(ws)
    assert import_feedback(ws, path, exercise_id).imported == 6
    renamed = tmp_path / "survey (1).csv"
    renamed.write_bytes(path.read_bytes())  # the same content under another name
    before = ws.scalar("SELECT count(*) FROM feedback")
    with pytest.raises(RepeatedImport) as caught:
        import_feedback(ws, renamed, exercise_id)
    assert str(caught.value).startswith(
        "survey (1).csv was already imported into the exercise “Budget consultation” on "
    )
    assert "(as survey.csv, 6 rows); nothing was imported" in str(caught.value)
    assert ws.scalar("SELECT count(*) FROM feedback") == before
    with pytest.raises(RepeatedImport):
        import_feedback(ws, renamed, exercise_id, dry_run=True)
    # into another exercise it is new; with again, it goes in
    assert import_feedback(ws, renamed, exercise(ws, "Other")).imported == 6
    assert import_feedback(ws, renamed, exercise_id, again=True).imported == 6
    assert ws.scalar("SELECT count(*) FROM feedback WHERE exercise_id = ?", (exercise_id,)) == 12


def test_a_bad_row_changes_nothing_and_names_file_row_and_column(ws, tmp_path):
    rows = [*ROWS, "31/02/2024,Earlsdon,Resident,Bad date,", "01/03/2024,Earlsdon,Alien,Who,"]
    path = write_csv(tmp_path / "bad.csv", rows, "utf-8")
    exercise_id = exercise(ws)
    with pytest.raises(ValidationError) as caught:
        import_feedback(ws, path, exercise_id)
    message = str(caught.value)
    assert "bad.csv: nothing was imported" in message
    assert "row 8, Submitted: '31/02/2024' is not a date" in message
    assert "row 9, Are you responding as: 'Alien' is not a respondent type" in message
    assert ws.scalar("SELECT count(*) FROM feedback") == 0
    assert ws.scalar("SELECT column_map FROM exercises WHERE id = ?", (exercise_id,)) == "{}"


def test_long_text_is_kept_and_overlong_text_refused(ws, tmp_path):
    exercise_id = exercise(ws)
    path = tmp_path / "long.csv"
    path.write_text(f"Ward,Response\nEarlsdon,{'x' * 10_000}\n", encoding="utf-8")
    assert import_feedback(ws, path, exercise_id).imported == 1
    path.write_text(f"Ward,Response\nEarlsdon,{'x' * 20_001}\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="row 2, Response: a response is at most 20,000"):
        import_feedback(ws, path, exercise_id)


def test_xlsx_export_and_dry_run(ws, tmp_path):
    path = write_table(
        tmp_path / "survey.xlsx",
        ["Date", "Ward", "Channel", "Comments", "Themes"],
        [["2024-03-01", "St. Michaels", "Family Hubs", "=1+1 is not a formula", "Housing"],
         ["2024-03-02", "BINLEY & WILLENHALL", "library", "Fine", ""]],
    )  # fmt: skip
    exercise_id = exercise(ws)
    dry = import_feedback(ws, path, exercise_id, dry_run=True)
    assert dry.dry_run and len(dry.plan.responses) == 2 and dry.imported == 0
    assert ws.scalar("SELECT count(*) FROM feedback") == 0
    import_feedback(ws, path, exercise_id)
    summary = engagement_analysis.feedback_summary(ws, exercise_id)
    assert summary.by_channel["Family Hub"] == 1 and summary.by_channel["Library"] == 1


def test_column_map_json_survives_rubbish():
    assert ColumnMap.from_json("not json") == ColumnMap()
    assert ColumnMap.from_json(json.dumps({"columns": {"A": "nonsense", "B": "ward"}})).columns == {
        "B": "ward"
    }


def test_dates_with_times_and_words(ws, tmp_path):
    path = tmp_path / "times.csv"
    path.write_text(
        "Date,Ward,Text\n"
        "2024-02-01T09:15:00Z,Earlsdon,a\n"
        "20 December 2023 10:00,Earlsdon,b\n"
        "04/03/2024 17:45,Earlsdon,c\n",
        encoding="utf-8",
    )
    exercise_id = exercise(ws)
    import_feedback(ws, path, exercise_id)
    dates = sorted(item.received_on for item in engagement.responses(ws, exercise_id))
    assert dates == ["2023-12-20", "2024-02-01", "2024-03-04"]


def test_theme_names_cannot_hold_the_import_separators(ws):
    with pytest.raises(ValidationError, match="cannot contain"):
        engagement_lists.add_to_list(ws, "feedback_themes", "Parks; play")
    engagement_lists.add_to_list(ws, "channels", "Ward forum, Foleshill")


def test_responses_dated_outside_their_exercise_are_imported_with_a_warning(ws, tmp_path, capsys):
    from ocplan_desktop.cli import main

    fields = engagement.ExerciseFields(
        "Bus lanes consultation", opens_on="2024-02-01", closes_on="2024-02-04"
    )
    exercise_id = next(iter(engagement.add_exercise(ws, fields).ids))
    path = write_csv(tmp_path / "survey.csv", ROWS, "utf-8-sig")
    result = import_feedback(ws, path, exercise_id, dry_run=True)
    assert result.plan.warnings == (
        "2 responses are dated after the exercise closed on 4 February 2024 (rows 6, 7): "
        "check the dates",
    )
    ws.close()
    assert main(["import", "feedback", str(path), "--db", str(ws.path), "--exercise",
                 str(exercise_id)]) == 0  # fmt: skip
    err = capsys.readouterr().err
    assert err == (
        "warning: 2 responses are dated after the exercise closed on 4 February 2024 "
        "(rows 6, 7): check the dates\n"
    )
