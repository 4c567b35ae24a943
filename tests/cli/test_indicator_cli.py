"""`ocplan import indicators` and `ocplan export indicators|indicator-values`."""

from __future__ import annotations

import sqlite3

from ocplan_desktop.cli import main


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def counts(path):
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("indicators", "indicator_values", "periods", "audit_log")
        }
    finally:
        connection.close()


GOOD = (
    "Code,Name,Polarity,Unit,2021/22,2022/23\n"
    "NEW1,Trees planted,High,count,2400,2650\n"
    "EP01,Employment rate,higher,%,,69.3%\n"
)


def test_dry_run_prints_the_preview_and_writes_nothing(capsys, demo_path, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text(GOOD, encoding="utf-8")
    before = counts(demo_path)
    code, out, err = run(capsys, "import", "indicators", path, "--db", demo_path, "--dry-run")
    assert code == 0, err
    assert out.splitlines()[0] == "new.csv (UTF-8): catalogue, values in wide form"
    assert "row 2: indicator NEW1 Trees planted" in out
    assert "row 3: value EP01 2022-23 Coventry: 69.3" in out
    assert "Change (1):" in out and "name Employment rate, residents aged 16-64 → " in out
    assert out.rstrip().endswith("Dry run: nothing was written.")
    assert counts(demo_path) == before


def test_import_writes_all_of_it(capsys, demo_path, tmp_path):
    path = tmp_path / "new.csv"
    path.write_text(GOOD, encoding="utf-8")
    code, out, err = run(capsys, "import", "indicators", path, "--db", demo_path)
    assert code == 0, err
    assert "Imported: Add 1 indicator, 3 values; change 1 indicator." in out
    after = counts(demo_path)
    assert after["indicators"] == 74
    code, out, _ = run(capsys, "list", "indicators", "--db", demo_path)
    assert "Trees planted" in out


def test_a_file_with_bad_rows_is_refused_with_row_numbers(capsys, demo_path, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(
        "Indicator,Period,Value\nEP01,2021-22,£70\nEP02,2022-23,lots\nEP03,2019/20,1\nZZ,2022-23,1\n".encode(
            "cp1252"
        )
    )
    before = counts(demo_path)
    code, out, err = run(capsys, "import", "indicators", path, "--db", demo_path)
    assert code == 1
    assert "row 3: value: 'lots' is not a number" in out
    assert "row 5: code: there is no indicator 'ZZ'" in out
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("ocplan: bad.csv: 2 rows refused, nothing was imported: row 3: value")
    assert counts(demo_path) == before
    code, _, err = run(capsys, "import", "indicators", path, "--db", demo_path, "--dry-run")
    assert code == 1 and counts(demo_path) == before


def test_exports_in_both_formats(capsys, demo_path, tmp_path):
    for kind, noun, rows in (
        ("indicators", "indicators", 73),
        ("indicator-values", "values", None),
    ):
        for suffix in (".csv", ".xlsx"):
            out_path = tmp_path / f"{kind}{suffix}"
            code, out, err = run(capsys, "export", kind, "--db", demo_path, "--out", out_path)
            assert code == 0, err
            assert out_path.is_file() and noun in out
            if rows:
                assert f"({rows} {noun})" in out
    text = (tmp_path / "indicator-values.csv").read_text(encoding="utf-8-sig").splitlines()
    assert text[0] == "Indicator,Period,Area,Value,Provisional,Note"
    assert len(text) - 1 == counts(demo_path)["indicator_values"]


def test_mistakes_are_one_line(capsys, demo_path, tmp_path):
    cases = [
        ("export", "indicators", "--db", demo_path, "--out", tmp_path / "out.pdf"),
        ("import", "indicators", tmp_path / "missing.csv", "--db", demo_path),
        ("import", "indicators", tmp_path / "notes.txt", "--db", demo_path),
    ]
    for argv in cases:
        code, _, err = run(capsys, *argv)
        assert code == 1, argv
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
