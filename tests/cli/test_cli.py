"""The command line: the same jobs without a window, one-line messages for mistakes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ocplan_desktop.cli import main
from ocplan_desktop.store.migrations import latest_version

SEED = {
    "2022-23": {
        "total": 73,
        "improved": 36,
        "same": 6,
        "worse": 15,
        "cannot_say": 1,
        "not_available": 15,
        "directional": 57,
        "improved_or_same": 42,
        "percent": 74,
    },
}
SEED_HISTORY = {
    "2021-22": (40, 58, 69),
    "2019-20": (50, 63, 79),
    "2018-19": (52, 67, 78),
    "2017-18": (42, 59, 71),
    "2016-17": (43, 57, 75),
}
KEYS = {
    "period",
    "total",
    "improved",
    "same",
    "worse",
    "cannot_say",
    "not_available",
    "directional",
    "improved_or_same",
    "percent",
}


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_summary_json_equals_the_seed_for_every_year(capsys, demo_path):
    code, out, err = run(capsys, "summary", "--db", demo_path, "--period", "2022-23", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert set(data) == KEYS | {"history"}
    assert {key: data[key] for key in SEED["2022-23"]} == SEED["2022-23"]
    assert data["period"] == "2022-23"
    history = {item["period"]: item for item in data["history"]}
    for item in data["history"]:
        assert set(item) == KEYS
    for period, (good, directional, percent) in SEED_HISTORY.items():
        assert (
            history[period]["improved_or_same"],
            history[period]["directional"],
            history[period]["percent"],
        ) == (good, directional, percent)
    assert history["2020-21"]["percent"] is None  # a gap, not a zero


def test_summary_defaults_to_the_latest_period_and_accepts_slashes(capsys, demo_path):
    code, out, _ = run(capsys, "summary", "--db", demo_path, "--json")
    assert code == 0 and json.loads(out)["period"] == "2022-23"
    code, out, _ = run(capsys, "summary", "--db", demo_path, "--period", "2019/20", "--json")
    assert json.loads(out)["percent"] == 79


def test_summary_text_is_the_report_sentence(capsys, demo_path):
    code, out, _ = run(capsys, "summary", "--db", demo_path)
    assert code == 0
    assert "74% (42/57) of directional indicators" in out
    assert "2020-21: no figure" in out


def test_list_json_has_ids_titles_and_meeting_dates(capsys, demo_path):
    for kind in ("committees", "meetings", "reports", "indicators", "exercises"):
        code, out, err = run(capsys, "list", kind, "--db", demo_path, "--json")
        assert code == 0, err
        items = json.loads(out)
        assert items and all({"id", "title"} <= set(item) for item in items)
    code, out, _ = run(capsys, "list", "meetings", "--db", demo_path, "--json")
    meeting = [m for m in json.loads(out) if m["date"] == "2023-12-20"][0]
    assert meeting["committee"] == "Scrutiny Co-ordination Committee"
    code, out, _ = run(capsys, "list", "indicators", "--db", demo_path)
    assert len(out.strip().splitlines()) == 73
    assert out.splitlines()[0].split("\t")[0].isdigit()


def test_new_workspace_with_an_area(capsys, tmp_path):
    path = tmp_path / "warwick.ocplan"
    code, out, err = run(capsys, "new", path, "--area", "Warwickshire")
    assert code == 0, err
    from ocplan_desktop.store.workspace import open_workspace

    with open_workspace(path) as ws:
        assert ws.scalar("SELECT name FROM areas WHERE is_own = 1") == "Warwickshire"
        assert ws.scalar("SELECT count(*) FROM wards") == 18
    code, _, err = run(capsys, "new", path)
    assert code == 1 and "already exists" in err


def test_check_reports_version_and_integrity(capsys, demo_path):
    code, out, _ = run(capsys, "check", "--db", demo_path, "--full")

    assert code == 0
    assert f"schema version {latest_version()}" in out and "integrity: ok" in out


def test_mistakes_are_one_line_and_non_zero(capsys, tmp_path, demo_path):
    bad = tmp_path / "bad.ocplan"
    bad.write_bytes(b"")
    cases = [
        ("check", "--db", bad),
        ("summary", "--db", tmp_path / "missing.ocplan"),
        ("summary", "--db", demo_path, "--period", "next year"),
        ("summary", "--db", demo_path, "--period", "2031-32"),
        ("list", "meetings", "--db", bad),
    ]
    for argv in cases:
        code, out, err = run(capsys, *argv)
        assert code != 0, argv
        assert len(err.strip().splitlines()) == 1, err
        assert "Traceback" not in err


def test_usage_mistakes_are_one_line(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["list", "kittens", "--db", "x"])
    assert exit_info.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_console_script_and_module_entry_point(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    path = tmp_path / "demo.ocplan"
    result = subprocess.run(
        [sys.executable, "-m", "ocplan_desktop", "demo", str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    script = Path(sys.executable).with_name("ocplan")
    result = subprocess.run(
        [str(script), "summary", "--db", str(path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["percent"] == 74


def test_backup_then_backups_lists_it_newest_first(capsys, demo_path):
    code, out, err = run(capsys, "backup", "--db", demo_path)
    assert code == 0, err
    first = Path(out.strip())
    assert first.is_file()
    code, out, _ = run(capsys, "backup", "--db", demo_path)
    second = Path(out.strip())
    code, out, _ = run(capsys, "backups", "--db", demo_path)
    lines = out.strip().splitlines()
    assert [line.split("\t")[-1] for line in lines] == [str(second), str(first)]
    code, out, _ = run(capsys, "backups", "--db", demo_path, "--json")
    assert json.loads(out)[0]["reason"] == "manual"
    code, out, _ = run(capsys, "summary", "--db", second, "--json")
    assert json.loads(out)["percent"] == 74  # a backup is a whole workspace


@pytest.mark.parametrize(
    ("argv", "opens"),
    [
        ([], True),
        (["--db", "x.ocplan"], True),
        (["--demo", "--smoke"], True),
        (["summary", "--db", "x.ocplan"], False),
        (["--db"], False),
        (["--help"], False),
        (["--db", "x.ocplan", "list", "meetings"], False),
    ],
)
def test_only_window_options_open_the_window_without_the_full_parser(argv, opens):
    from ocplan_desktop.cli import _opens_window

    assert (_opens_window(argv) is not None) is opens


def test_export_documents_from_the_command_line(capsys, demo_path, tmp_path):
    from tests.reports.pdf_reading import page_texts

    meeting = [
        m
        for m in json.loads(run(capsys, "list", "meetings", "--db", demo_path, "--json")[1])
        if m["date"] == "2023-12-20"
    ][0]
    report = [
        item
        for item in json.loads(run(capsys, "list", "reports", "--db", demo_path, "--json")[1])
        if item["title"].startswith("One Coventry Plan")
    ][0]
    exercise = json.loads(run(capsys, "list", "exercises", "--db", demo_path, "--json")[1])[0]
    cases = [
        ("briefing-note", "--report", report["id"], "Public report"),
        ("minutes", "--meeting", meeting["id"], "DRAFT"),
        ("pack", "--meeting", meeting["id"], "Briefing pack"),
        ("engagement", "--exercise", exercise["id"], "Responses by ward"),
    ]
    for kind, option, value, expected in cases:
        out_path = tmp_path / f"{kind}.pdf"
        code, out, err = run(
            capsys, "export", kind, "--db", demo_path, option, value, "--out", out_path
        )
        assert code == 0, err
        assert out.startswith(str(out_path)) and re.search(r"\(\d+ pages?\)$", out.strip())
        assert "(1 pages)" not in out
        assert expected in " ".join(page_texts(out_path))
    code, _, err = run(
        capsys,
        "export",
        "minutes",
        "--db",
        demo_path,
        "--meeting",
        999,
        "--out",
        tmp_path / "x.pdf",
    )
    assert code == 1 and "no meeting with id 999" in err
    code, _, err = run(
        capsys,
        "export",
        "pack",
        "--db",
        demo_path,
        "--meeting",
        meeting["id"],
        "--out",
        tmp_path / "x.odt",
    )
    assert code == 1 and "must end in .pdf or .docx" in err


def test_export_performance_and_a_pack_with_it(capsys, demo_path, tmp_path):
    from tests.reports.pdf_reading import page_texts

    code, out, err = run(
        capsys,
        "export",
        "performance",
        "--db",
        demo_path,
        "--period",
        "2019/20",
        "--out",
        tmp_path / "p.pdf",
    )
    assert code == 0, err
    assert "79% (50/63)" in " ".join(page_texts(tmp_path / "p.pdf"))
    meeting = [
        m
        for m in json.loads(run(capsys, "list", "meetings", "--db", demo_path, "--json")[1])
        if m["date"] == "2023-12-20"
    ][0]
    code, out, err = run(
        capsys,
        "export",
        "pack",
        "--db",
        demo_path,
        "--meeting",
        meeting["id"],
        "--with-performance",
        "latest",
        "--out",
        tmp_path / "pack.pdf",
    )
    assert code == 0, err
    assert "Performance report 2022-23" in " ".join(page_texts(tmp_path / "pack.pdf"))


def test_export_tracker_since_a_date(capsys, demo_path, tmp_path):
    from tests.reports.pdf_reading import page_texts

    code, out, err = run(
        capsys,
        "export",
        "tracker",
        "--db",
        demo_path,
        "--since",
        "1 June 2023",
        "--out",
        tmp_path / "t.pdf",
    )
    assert code == 0, err
    assert "Recommendation tracker" in " ".join(page_texts(tmp_path / "t.pdf"))
    code, _, err = run(
        capsys,
        "export",
        "tracker",
        "--db",
        demo_path,
        "--since",
        "soon",
        "--out",
        tmp_path / "u.pdf",
    )
    assert code == 1 and "is not a date" in err and not (tmp_path / "u.pdf").exists()


# ocplan import minutes ---------------------------------------------------------------------------

MINUTE_STYLES = Path(__file__).parent.parent / "fixtures" / "minutes"


def _json_shape(items):
    return [(item["label"], _json_shape(item["children"])) for item in items]


def test_import_minutes_dry_run_prints_the_exact_json_and_changes_nothing(capsys, demo_path):
    from tests.conftest import SEED_MINUTES

    before = demo_path.read_bytes()
    code, out, err = run(
        capsys, "import", "minutes", SEED_MINUTES, "--db", demo_path, "--dry-run", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert list(data)[:4] == ["heading", "paragraphs", "bullets", "resolutions"]
    # Extra keys after the exact ones.
    assert list(data)[4:] == ["minute_number", "uncertain", "resolved_wording"]
    # The seed has no RESOLVED line: its 1)–3) are read from their wording, and the JSON says so.
    assert [item["text"] for item in data["uncertain"]] == [
        "1)  That the engagement feedback received be noted"
    ]
    assert data["heading"] == "One Coventry Plan 2022- 2030"
    assert len(data["paragraphs"]) == 5 and len(data["bullets"]) == 10
    assert _json_shape(data["resolutions"]) == [
        ("1)", []),
        ("2)", [(f"{letter})", []) for letter in "abcdefg"]),
        ("3)", []),
    ]
    assert "Dry run: nothing was imported" in err
    assert demo_path.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "labels"),
    [
        ("resolved_lettered.txt", ["(a)", "(b)", "(c)"]),
        ("capital_letters.txt", ["A", "B", "C"]),
        ("numbered_next_line.txt", ["(1)", "(2)", "(3)"]),
        ("numbered_with_bullets.txt", [f"{n}." for n in range(1, 9)]),
        ("paragraph_numbered.txt", ["(a)", "(b)", "(c)"]),
    ],
)
def test_import_minutes_json_keeps_labels_as_written(capsys, demo_path, name, labels):
    code, out, err = run(
        capsys, "import", "minutes", MINUTE_STYLES / name, "--db", demo_path, "--dry-run", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert [item["label"] for item in data["resolutions"]] == labels
    if name == "numbered_with_bullets.txt":
        assert [child["label"] for child in data["resolutions"][2]["children"]] == ["•"] * 3


def test_import_minutes_into_a_meeting(capsys, demo_path):
    from ocplan_desktop.services import meetings, minutes
    from ocplan_desktop.store.workspace import open_workspace
    from tests.conftest import SEED_MINUTES

    code, out, err = run(
        capsys, "import", "minutes", SEED_MINUTES, "--db", demo_path, "--meeting", 7
    )
    assert code == 0, err
    assert "Resolutions: 3 (7 under them)" in out
    assert "  2) The following comments/ recommendations be submitted to Cabinet" in out
    assert "      g) Agree that Scrutiny receive regular updates" in out
    assert "Imported into a new item “One Coventry Plan 2022- 2030”" in out
    assert "7 recommendations tracked" in out
    with open_workspace(demo_path) as ws:
        item = meetings.agenda(ws, 7)[-1]
        view = minutes.view(ws, item.id)
        assert len(view.paragraphs) == 5 and len(view.bullets) == 10
        assert [len(node.children) for node in view.resolutions] == [0, 7, 0]
    code, _out, err = run(
        capsys, "import", "minutes", SEED_MINUTES, "--db", demo_path, "--meeting", 7
    )
    assert code == 1 and "already has minutes" in err


def test_import_minutes_pasted_from_a_council_page_keeps_its_minute_number(
    capsys, demo_path, tmp_path
):
    """A corpus item (Coventry's Cabinet, minute 17) into a meeting: the number becomes the new
    item's, the page furniture and the agenda text are left out and said so."""
    from ocplan_desktop.services import meetings
    from ocplan_desktop.store.workspace import open_workspace

    corpus = Path(__file__).parent.parent / "fixtures" / "minutes_corpus"
    source = corpus / "coventry_cabinet_member_2018_17.txt"
    code, out, err = run(capsys, "import", "minutes", source, "--db", demo_path, "--meeting", 7)
    assert code == 0, err
    assert "Minute number: 17" in out and "Heading: Foleshill Community Centre Update" in out
    assert "(minute 17)" in out
    with open_workspace(demo_path) as ws:
        item = meetings.agenda(ws, 7)[-1]
        assert (item.title, item.minute_number) == ("Foleshill Community Centre Update", "17")
    seed_json = run(
        capsys,
        "import",
        "minutes",
        corpus / "plymouth_cabinet_2010_111.txt",
        "--db",
        demo_path,
        "--dry-run",
        "--json",
    )[1]
    data = json.loads(seed_json)
    assert data["minute_number"] == "111" and data["uncertain"] == []
    assert [item["label"] for item in data["resolutions"]] == ["(1)", "(2)", "(3)", "(4)"]


def test_import_minutes_mistakes_are_one_line(capsys, demo_path, tmp_path):
    from tests.conftest import SEED_MINUTES

    binary = tmp_path / "minutes.pdf"
    binary.write_bytes(b"%PDF-1.7\x00\x01")
    cases = [
        (("import", "minutes", SEED_MINUTES, "--db", demo_path), "--meeting ID"),
        (
            ("import", "minutes", SEED_MINUTES, "--db", demo_path, "--meeting", 99),
            "no meeting with id 99",
        ),
        (("import", "minutes", binary, "--db", demo_path, "--dry-run"), "not a text file"),
        (
            ("import", "minutes", tmp_path / "nope.txt", "--db", demo_path, "--dry-run"),
            "no such file",
        ),
        (("import", "minutes", SEED_MINUTES, "--db", demo_path, "--meeting", 1), "locked"),
    ]
    for argv, words in cases:
        code, out, err = run(capsys, *argv)
        assert code == 1, argv
        assert err.startswith("ocplan: ") and words in err and err.count("\n") == 1, err
