"""The command line: the same jobs without a window, one-line messages for mistakes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ocplan_desktop.cli import main

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
    from ocplan_desktop.store.migrations import latest_version

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
