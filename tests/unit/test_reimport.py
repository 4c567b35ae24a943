"""Re-import is a no-op: the app's own exports come back unchanged (the formula apostrophe the
export added comes off), a percent-formatted cell is a percentage, a blank cell in an update
leaves what is stored unless asked to clear it, and the same file twice is refused unless again."""

from __future__ import annotations

import sqlite3

import openpyxl
import pytest

from ocplan_desktop.cli import main
from ocplan_desktop.importers.indicator_exports import export_catalogue, export_values
from ocplan_desktop.importers.indicators import import_indicators, preview_import
from ocplan_desktop.importers.repeats import RepeatedImport
from ocplan_desktop.store import indicators as store
from ocplan_desktop.store import reference

AWKWARD = "=SUM(A1) & -2 @home +44 <b>"


def contents(ws) -> list[str]:
    """Every row of every table but the audit trail and import batches, as SQL text."""
    connection = sqlite3.connect(ws.path)
    try:
        return [
            line
            for line in connection.iterdump()
            if "audit_log" not in line and "import_batches" not in line
        ]
    finally:
        connection.close()


@pytest.fixture
def catalogue(ws, tmp_path):
    path = tmp_path / "start.csv"
    path.write_text(
        "Code,Name,Polarity,Unit,Tolerance,Source,Owner,Notes,2021-22,2022-23\n"
        f'EP01,Employment rate,higher,%,10%,"{AWKWARD}",-,"{AWKWARD}",68.3%,N/A\n'
        "EP02,Jobs created,higher,count,5,ONS,Jo Bloggs,,120,125\n",
        encoding="utf-8",
    )
    import_indicators(ws, path)
    items = {item.code: item for item in store.list_indicators(ws)}
    assert items["EP01"].notes == AWKWARD and items["EP01"].owner == "-"
    return ws


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_app_s_own_exports_import_back_as_no_change(catalogue, tmp_path, suffix):
    ws = catalogue
    before = contents(ws)
    for name, export in (("catalogue", export_catalogue), ("values", export_values)):
        path = tmp_path / f"{name}{suffix}"
        export(ws, path)
        plan = preview_import(ws, path)
        assert plan.ok and not plan.writes_anything, plan.text()
        import_indicators(ws, path)
    assert contents(ws) == before


def test_a_percent_formatted_cell_is_the_percentage_it_shows(catalogue, tmp_path):
    ws = catalogue
    path = tmp_path / "excel.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Code", "2023-24"])
    sheet.append(["EP01", 0.683])
    sheet["B2"].number_format = "0.0%"
    workbook.save(path)
    import_indicators(ws, path)
    ep01 = store.code_owner(ws, "EP01")
    assert store.find_value(ws, ep01, "2023-24", reference.own_area(ws).id).value == 68.3
    sheet["A2"] = "EP02"  # a count: a percentage cell cannot go into it
    workbook.save(path)
    plan = preview_import(ws, path)
    assert [line.text for line in plan.refused] == [
        "row 2: 2023-24: 68.3% is a percentage, but EP02 is not a percentage indicator (its "
        "unit is count); give the value in its unit, or change the indicator's unit to % (EP02)"
    ]


def test_a_blank_cell_leaves_a_stored_value_unless_blank_clears(catalogue, tmp_path):
    ws = catalogue
    ep02 = store.code_owner(ws, "EP02")
    own = reference.own_area(ws).id
    path = tmp_path / "update.csv"
    path.write_text(
        "Indicator,Period,Value,Provisional,Note,Source\nEP02,2022-23,,,,\n", encoding="utf-8"
    )
    plan = preview_import(ws, path)
    assert plan.ok and not plan.writes_anything
    cleared = preview_import(ws, path, blank_clears=True)
    assert [line.detail for line in cleared.changed] == [
        "source ONS → (none)",
        "125 → not available (blank cell)",
    ]
    import_indicators(ws, path, blank_clears=True)
    assert store.find_value(ws, ep02, "2022-23", own).value is None
    assert store.get_indicator(ws, ep02).source == ""


def test_the_same_catalogue_twice_is_refused_unless_again(catalogue, tmp_path):
    ws = catalogue
    path = tmp_path / "more.csv"
    path.write_text("Indicator,Period,Value\nEP02,2023-24,130\n", encoding="utf-8")
    import_indicators(ws, path)
    with pytest.raises(RepeatedImport, match="more.csv was already imported into the indicator"):
        import_indicators(ws, path)
    assert preview_import(ws, path).earlier_import.startswith("more.csv was already imported")
    import_indicators(ws, path, again=True)  # nothing changes: every value is as in the file


def test_again_and_blank_clears_on_the_command_line(tmp_path, capsys):
    db = tmp_path / "w.ocplan"
    assert main(["new", str(db)]) == 0
    path = tmp_path / "values.csv"
    path.write_text(
        "Code,Name,Polarity,2021-22,2022-23\nEP02,Jobs,higher,120,125\n", encoding="utf-8"
    )
    assert main(["import", "indicators", str(path), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["import", "indicators", str(path), "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "values.csv was already imported into the indicator catalogue" in err
    assert "add --again" in err and err.count("\n") == 1  # one clear line
    assert main(["import", "indicators", str(path), "--db", str(db), "--again"]) == 0
    blank = tmp_path / "blank.csv"
    blank.write_text("Code,2022-23\nEP02,\n", encoding="utf-8")
    assert main(["import", "indicators", str(blank), "--db", str(db), "--dry-run"]) == 0
    assert "Nothing to add or change" in capsys.readouterr().out
    args = ["import", "indicators", str(blank), "--db", str(db), "--blank-clears", "--dry-run"]
    assert main(args) == 0
    assert "125 → not available (blank cell)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("written", "number", "provisional"),
    [
        ("14,900 (provisional)", "14,900", True),
        ("71.2 (p)", "71.2", True),
        ("71.2[P]", "71.2", True),
        ("12.5% (prov.)", "12.5%", True),
        ("3,299 [r]", "3,299", False),
        ("3,299 (revised)", "3,299", False),
        ("(12)", "(12)", False),  # a negative figure, not a mark
        ("12p", "12p", False),  # pence, perhaps: not a mark
        ("(p)", "(p)", False),  # a mark and no figure
    ],
)
def test_a_statisticians_mark_after_a_figure_is_read(written, number, provisional):
    from ocplan_desktop.domain.indicators import split_figure_mark

    assert split_figure_mark(written) == (number, provisional)


def test_figures_marked_provisional_import_as_provisional_values(catalogue, tmp_path):
    ws = catalogue
    path = tmp_path / "marked.csv"
    path.write_text(
        "Indicator,Period,Value\nEP02,2023-24,130 (p)\n"  # long form
        'EP02,2024-25,"1,140 [r]"\n',
        encoding="utf-8",
    )
    wide = tmp_path / "wide.csv"
    wide.write_text("Code,2025-26\nEP02,141 (provisional)\n", encoding="utf-8")
    import_indicators(ws, path)
    import_indicators(ws, wide)
    ep02 = store.code_owner(ws, "EP02")
    own = reference.own_area(ws).id
    marked = store.find_value(ws, ep02, "2023-24", own)
    assert (marked.value, marked.provisional) == (130, True)
    revised = store.find_value(ws, ep02, "2024-25", own)
    assert (revised.value, revised.provisional) == (1140, False)
    assert store.find_value(ws, ep02, "2025-26", own).provisional
