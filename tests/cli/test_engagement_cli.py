"""`ocplan exercise add`, `ocplan import feedback`, `ocplan feedback-summary` and the exercise exports."""

from __future__ import annotations

import json

from ocplan_desktop.cli import main
from ocplan_desktop.domain.reference import COVENTRY_WARDS


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_import_and_summarise(capsys, tmp_path):
    db = tmp_path / "w.ocplan"
    assert run(capsys, "new", db)[0] == 0
    code, out, err = run(capsys, "exercise", "add", "--db", db, "--title", "Parks survey")
    assert code == 0, err
    exercise_id = int(out.strip())
    survey = tmp_path / "parks.csv"
    survey.write_bytes(
        "When,Area,Who,Said,Tags\n"
        "01/06/2024,St. Michaels,Resident,More benches,Parks; Housing\n"
        "02/06/2024,Gotham,Business,Café please,\n"
        "03/06/2024,binley & willenhall,Resident,Lighting,\n".encode("cp1252")
    )
    maps = ["--map", "When=date", "--map", "Area=ward", "--map", "Who=respondent_type",
            "--map", "Said=text", "--map", "Tags=themes"]  # fmt: skip
    base = ["import", "feedback", survey, "--db", db, "--exercise", exercise_id, *maps]
    code, out, err = run(capsys, *base)
    assert code == 1 and out == ""
    assert "1 ward value matches no ward: 'Gotham' (row 3)" in err and "--ward-map" in err
    assert len(err.strip().splitlines()) == 1

    code, out, err = run(capsys, *base, "--ward-map", "Gotham=not collected", "--dry-run")
    assert code == 0, err
    assert "3 responses would be imported" in out
    code, out, _ = run(capsys, "feedback-summary", "--db", db, "--exercise", exercise_id, "--json")
    assert json.loads(out)["total"] == 0

    code, out, err = run(capsys, *base, "--ward-map", "Gotham=not collected")
    assert code == 0, err and "imported 3 responses" in out
    code, out, err = run(
        capsys, "feedback-summary", "--db", db, "--exercise", exercise_id, "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == {"total", "by_ward", "by_channel", "by_respondent_type", "by_theme"}
    assert data["total"] == 3
    assert set(COVENTRY_WARDS) <= set(data["by_ward"]) and len(data["by_ward"]) == 19
    assert data["by_ward"]["St Michael's"] == 1 and data["by_ward"]["Wyken"] == 0
    assert data["by_ward"]["not collected"] == 1
    assert data["by_respondent_type"]["Business"] == 1
    assert data["by_theme"]["Parks"] == 1

    code, out, _ = run(capsys, "feedback-summary", "--db", db, "--exercise", exercise_id)
    assert "No responses from:" in out and "Wyken" in out


def test_mistakes_are_one_line(capsys, tmp_path, demo_path):
    code, _, err = run(capsys, "exercise", "add", "--db", demo_path, "--title", "  ")
    assert code == 1 and "needs a title" in err
    survey = tmp_path / "s.csv"
    survey.write_text("Ward,Text\nEarlsdon,Hi\n", encoding="utf-8")
    code, _, err = run(
        capsys,
        "import",
        "feedback",
        survey,
        "--db",
        demo_path,
        "--exercise",
        1,
        "--map",
        "Nope=ward",
    )
    assert code == 1 and "has no column 'Nope'" in err
    code, _, err = run(
        capsys,
        "import",
        "feedback",
        survey,
        "--db",
        demo_path,
        "--exercise",
        1,
        "--map",
        "Ward=postcode",
    )
    assert code == 1 and "'postcode' is not a field" in err
    code, _, err = run(capsys, "import", "feedback", survey, "--db", demo_path, "--exercise", 99)
    assert code == 1 and "no exercise with id 99" in err
    code, _, err = run(capsys, "feedback-summary", "--db", demo_path, "--exercise", 99, "--json")
    assert code == 1 and "no exercise with id 99" in err


def test_exports_passed_on_and_poster(capsys, tmp_path, demo_path):
    code, out, err = run(
        capsys, "export", "passed-on", "--out", tmp_path / "passed.csv", "--db", demo_path
    )
    assert code == 0, err and "100 responses" in out
    text = (tmp_path / "passed.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("Passed on to,Date passed on,Exercise")
    assert "Climate Change Strategy consultation,2022-10-14" in text
    code, out, err = run(
        capsys,
        "export",
        "poster",
        "--out",
        tmp_path / "poster.pdf",
        "--db",
        demo_path,
        "--exercise",
        2,
    )
    assert code == 0, err
    assert (tmp_path / "poster.pdf").read_bytes().startswith(b"%PDF")


def test_a_survey_export_as_excel_writes_it_and_the_same_file_twice(capsys, tmp_path):
    """A title row above the headers, "Ward" after ward names, semicolons, UTF-16; then the same
    file again: named and refused in one line, imported with --again."""
    db = tmp_path / "w.ocplan"
    assert run(capsys, "new", db)[0] == 0
    exercise_id = int(run(capsys, "exercise", "add", "--db", db, "--title", "Budget")[1])
    survey = tmp_path / "budget.csv"
    survey.write_bytes(
        "Budget consultation 2024;;\r\nDate;Ward;Response\r\n"
        '01-03-2024;Earlsdon Ward;"Buses, parks"\r\n'
        "1 Mar 24;Ward: Foleshill (CV6 5AA);Libraries\r\n".encode("utf-16")
    )
    base = ["import", "feedback", survey, "--db", db, "--exercise", exercise_id]
    code, out, err = run(capsys, *base)
    assert code == 0, err
    assert "imported 2 responses" in out
    assert (
        "note: row 1: the title row “Budget consultation 2024” above the headers was skipped" in out
    )
    code, out, _ = run(capsys, "feedback-summary", "--db", db, "--exercise", exercise_id, "--json")
    by_ward = json.loads(out)["by_ward"]
    assert by_ward["Earlsdon"] == 1 and by_ward["Foleshill"] == 1
    code, out, err = run(capsys, *base)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "budget.csv was already imported into the exercise “Budget”" in err
    assert run(capsys, *base, "--again")[0] == 0
