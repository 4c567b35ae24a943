"""`ocplan check-figures` and the exports' warning: the demo agrees everywhere; after one value
changes, the pack prints one figure in both its report and its performance section, and the typed
figure that no longer holds is named by the check and by the export."""

from __future__ import annotations

import json
import re

from ocplan_desktop.cli import main
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import open_workspace
from tests.reports.pdf_reading import page_texts


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _meeting(path, date):
    with open_workspace(path) as ws:
        return ws.scalar("SELECT id FROM meetings WHERE date = ?", (date,))


def _change_one_value(path):
    """EP03 (higher is better) fell in 2022-23; make it rise: 36 improved → 37, 15 worse → 14."""
    with open_workspace(path) as ws:
        row = ws.query(
            "SELECT v.id FROM indicator_values v JOIN indicators i ON i.id = v.indicator_id "
            "JOIN areas a ON a.id = v.area_id WHERE a.is_own = 1 AND v.period = '2022-23' "
            "AND i.code = 'EP03'"
        )[0]
        records.update(ws, "indicator_values", row["id"], {"value": 600})


def test_the_demo_agrees_everywhere(capsys, demo_path):
    code, out, err = run(capsys, "check-figures", "--db", demo_path, "--json")
    assert code == 0, err
    checks = json.loads(out)
    assert checks and all(
        set(item) == {"where", "typed", "computed", "period", "agrees"} for item in checks
    )
    assert all(item["agrees"] for item in checks)
    typed = {item["typed"]: item for item in checks}
    assert typed["74% (42/57)"]["period"] == "2022-23"
    assert typed["69% (40/58) in 2021-22"]["computed"] == "69% (40/58)"
    code, out, _err = run(capsys, "check-figures", "--db", demo_path)
    assert code == 0 and "0 disagree" in out


def test_a_changed_value_is_named_by_the_check_and_the_exports(capsys, demo_path, tmp_path):
    _change_one_value(demo_path)
    code, out, _err = run(capsys, "check-figures", "--db", demo_path, "--json")
    assert code == 1
    wrong = [item for item in json.loads(out) if not item["agrees"]]
    assert {(item["typed"], item["computed"]) for item in wrong} == {
        ("74% (42/57)", "75% (43/57)"),
        ("15 indicators got worse", "14"),
    }
    assert all(
        item["where"].startswith("Minutes of Scrutiny Co-ordination Committee") for item in wrong
    )

    scrutiny = _meeting(demo_path, "2023-12-20")
    code, out, err = run(
        capsys,
        "export",
        "minutes",
        "--db",
        demo_path,
        "--meeting",
        scrutiny,
        "--out",
        tmp_path / "m.pdf",
    )
    assert code == 0
    assert (
        "warning:" in err
        and "typed 74% (42/57), the workspace gives 75% (43/57) for 2022-23" in err
    )

    # The pack of the next meeting carries those minutes for approval: it warns too.
    following = _meeting(demo_path, "2024-02-07")
    code, _out, err = run(
        capsys,
        "export",
        "pack",
        "--db",
        demo_path,
        "--meeting",
        following,
        "--out",
        tmp_path / "p.pdf",
    )
    assert code == 0 and "typed 15 indicators got worse, the workspace gives 14" in err

    # The report's live §2.1 and the performance section print the same, new figure.
    pack = tmp_path / "pack.pdf"
    code, _out, err = run(
        capsys,
        "export",
        "pack",
        "--db",
        demo_path,
        "--meeting",
        scrutiny,
        "--with-performance",
        "2022-23",
        "--out",
        pack,
    )
    assert code == 0 and "warning" not in err
    whole = " ".join(page_texts(pack))
    assert "This means, 75% (43/57) of directional indicators" in whole  # the report, §2.1
    assert "2022-23 73 37 6 14 1 15 75% (43/57)" in whole  # the performance section's history
    assert "74% (42/57)" not in re.sub(r"Members noted that 74% \(42/57\)", "", whole)


def test_a_scoped_check_and_bad_input(capsys, demo_path):
    report = 1
    code, out, _err = run(capsys, "check-figures", "--db", demo_path, "--report", report, "--json")
    assert code == 0 and json.loads(out) == []  # §2.1 is live fields, nothing typed
    code, _out, err = run(capsys, "check-figures", "--db", demo_path, "--report", 999)
    assert code == 1 and err.count("\n") == 1 and err.startswith("ocplan:")


def test_a_self_contradicting_fraction_disagrees(capsys, demo_path):
    with open_workspace(demo_path) as ws:
        paragraph = ws.scalar("SELECT min(id) FROM report_paragraphs")
        records.update(
            ws, "report_paragraphs", paragraph, {"text": "In 2022-23, 55% (64/114) improved."}
        )
    code, out, _err = run(capsys, "check-figures", "--db", demo_path, "--report", 1, "--json")
    assert code == 1
    (item,) = json.loads(out)
    assert (
        item["typed"] == "55% (64/114)" and item["agrees"] is False and item["period"] == "2022-23"
    )
    code, out, _err = run(capsys, "check-figures", "--db", demo_path, "--report", 1)
    assert "64/114 is 56%, not 55%" in out
