"""Every export command writes Word as well as PDF (by the --out extension), for the public or for
members; read back with python-docx."""

from __future__ import annotations

import json

import docx
import pytest

from ocplan_desktop.cli import main
from tests.reports.docx_reading import accessibility_problems


def _json(capsys, *argv: str):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_every_document_exports_to_word_from_the_command_line(capsys, demo_path, tmp_path):
    db = str(demo_path)
    meetings = _json(capsys, "list", "meetings", "--db", db, "--json")
    reports = _json(capsys, "list", "reports", "--db", db, "--json")
    exercise = _json(capsys, "list", "exercises", "--db", db, "--json")[0]
    cabinet = next(m for m in meetings if m["committee"] == "Cabinet" and m["date"] == "2024-01-09")
    annual = next(r for r in reports if r["title"].startswith("One Coventry Plan"))
    private = next(r for r in reports if r["title"].startswith("Disposal"))
    cases = {
        "briefing-note": ["--report", str(annual["id"])],
        "minutes": ["--meeting", str(cabinet["id"])],
        "pack": ["--meeting", str(cabinet["id"]), "--audience", "members"],
        "tracker": ["--since", "2023-01-01"],
        "performance": ["--period", "2022-23"],
        "engagement": ["--exercise", str(exercise["id"])],
    }
    for kind, options in cases.items():
        target = tmp_path / f"{kind}.docx"
        assert main(["export", kind, "--db", db, *options, "--out", str(target)]) == 0, kind
        assert capsys.readouterr().out.strip() == f"{target} (Word document)"
        document = docx.Document(str(target))
        assert accessibility_problems(document) == [], kind
        assert document.core_properties.author == "Coventry City Council"
    members = " ".join(p.text for p in docx.Document(str(tmp_path / "pack.docx")).paragraphs)
    assert "£2.35 million" in members
    # The exempt report on its own: refused for the public, written for members.
    target = tmp_path / "private.docx"
    argv = ["export", "briefing-note", "--db", db, "--report", str(private["id"])]
    assert main([*argv, "--out", str(target)]) == 1
    assert "not for publication" in capsys.readouterr().err and not target.exists()
    assert main([*argv, "--audience", "members", "--out", str(target)]) == 0
    headers = [s.header.paragraphs[-1].text for s in docx.Document(str(target)).sections]
    assert any(text.startswith("NOT FOR PUBLICATION") for text in headers)
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--audience", "everyone", "--out", str(target)])
    assert exit_info.value.code == 2
