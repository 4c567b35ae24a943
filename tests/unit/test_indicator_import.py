"""Importing indicators: catalogue, long and wide values, encodings, the preview, all or nothing."""

from __future__ import annotations

import openpyxl
import pytest

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.importers.indicator_exports import export_catalogue, export_values
from ocplan_desktop.importers.indicators import import_indicators, preview_import
from ocplan_desktop.services.performance import performance_summary
from ocplan_desktop.services.progress import Cancelled, Progress
from ocplan_desktop.store import indicators as store
from ocplan_desktop.store import reference

CATALOGUE = (
    "Code,Name,Theme,Polarity,Unit,Decimals,Tolerance,Comparators\n"
    "00123,Employment rate,Increasing the economic prosperity of the city and region,High,%,1,0.1,"
    "England; West Midlands\n"
    "EP02,Claimant count,Increasing the economic prosperity of the city and region,Low,%,1,0,\n"
    'EP03,"Median pay, full-time",Increasing the economic prosperity of the city and region,'
    "higher,£,0,0,England\n"
    "OI21,Domestic abuse incidents,Improving outcomes and tackling inequalities within our "
    "communities,No Polarity,rate per 1000,1,0,\n"
)

LONG = (
    "Indicator,Period,Area,Value,Provisional,Note\n"
    "00123,2021/22,,67.5%,,\n"
    "00123,2022/23,Coventry,68.4%,provisional,survey estimate\n"
    "00123,2022/23,England,75.1%,,\n"
    'EP03,2021-22,,"£1,512",,\n'
    'EP03,2022-23,,"£1,498",,\n'
    "EP02,2021-22,,N/A,,\n"
    "EP02,2022-23,,3.9,,\n"
    "OI21,2021-22,,27.4,,\n"
    "OI21,2022-23,,28.1,,\n"
)

WIDE = (
    "Code,Area,2019/20,2020-21,2021/22,2022-23\n"
    "00123,,66.0,N/A,67.5,68.4\n"
    "EP02,,4.1,..,-,3.9\n"
    'EP03,,"1,401",,"£1,512","£1,498"\n'
    "00123,England,74.0,,74.6,75.1\n"
)


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def dump(ws):
    """Everything an import may touch, to show that a refused file changed nothing."""
    tables = ("indicators", "indicator_values", "indicator_comparators", "themes", "areas")
    tables += ("periods", "import_batches", "audit_log")
    return {table: ws.query(f"SELECT * FROM [{table}] ORDER BY 1") for table in tables}


@pytest.fixture
def catalogue(ws, tmp_path):
    import_indicators(ws, write(tmp_path / "catalogue.csv", CATALOGUE))
    return ws


def own_values(ws, code):
    indicator_id = store.code_owner(ws, code)
    return {item.period: item.value for item in store.list_values(ws, indicator_id) if item.is_own}


def test_catalogue_with_polarity_as_councils_write_it(catalogue):
    items = {item.code: item for item in store.list_indicators(catalogue)}
    assert set(items) == {"00123", "EP02", "EP03", "OI21"}  # 00123 stays 00123
    assert [items[code].polarity for code in ("00123", "EP02", "EP03", "OI21")] == [
        "higher",
        "lower",
        "higher",
        "none",
    ]
    assert items["OI21"].unit == "rate per 1,000"
    assert items["00123"].comparators == ("England", "West Midlands")
    assert items["EP03"].name == "Median pay, full-time"
    assert items["00123"].theme.startswith("Increasing the economic prosperity")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_long_form_in_each_encoding(catalogue, tmp_path, encoding):
    plan = import_indicators(catalogue, write(tmp_path / "long.csv", LONG, encoding))
    assert plan.ok and plan.forms == ("values in long form",)
    assert own_values(catalogue, "00123") == {"2021-22": 67.5, "2022-23": 68.4}
    assert own_values(catalogue, "EP03") == {"2021-22": 1512.0, "2022-23": 1498.0}
    assert own_values(catalogue, "EP02") == {"2021-22": None, "2022-23": 3.9}
    value = store.find_value(
        catalogue, store.code_owner(catalogue, "00123"), "2022-23", reference.own_area(catalogue).id
    )
    assert value.provisional and value.note == "survey estimate"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_wide_form_in_each_encoding(catalogue, tmp_path, encoding):
    plan = import_indicators(catalogue, write(tmp_path / "wide.csv", WIDE, encoding))
    assert plan.forms == ("values in wide form",)
    assert own_values(catalogue, "00123") == {
        "2019-20": 66.0,
        "2020-21": None,
        "2021-22": 67.5,
        "2022-23": 68.4,
    }
    # '..' and '-' are recorded as not available; an empty cell records nothing.
    assert own_values(catalogue, "EP02") == {
        "2019-20": 4.1,
        "2020-21": None,
        "2021-22": None,
        "2022-23": 3.9,
    }
    assert "2020-21" not in own_values(catalogue, "EP03")
    england = reference.find_area(catalogue, "england").id
    values = store.list_values(catalogue, store.code_owner(catalogue, "00123"))
    assert {item.period: item.value for item in values if item.area_id == england} == {
        "2019-20": 74.0,
        "2021-22": 74.6,
        "2022-23": 75.1,
    }


def test_wide_form_from_an_xlsx_workbook(catalogue, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["CODE", "2019/20", "2020-21", "2021/22"])
    sheet.append(["00123", 66, "N/A", "67.5%"])
    sheet.append(["EP03", 1401, None, "£1,512"])
    path = tmp_path / "wide.xlsx"
    book.save(path)
    plan = import_indicators(catalogue, path)
    assert plan.encoding == "xlsx"
    assert own_values(catalogue, "00123") == {"2019-20": 66.0, "2020-21": None, "2021-22": 67.5}
    assert own_values(catalogue, "EP03") == {"2019-20": 1401.0, "2021-22": 1512.0}


def test_one_file_with_the_catalogue_and_values(ws, tmp_path):
    text = (
        " INDICATOR  CODE ,indicator_name,POLARITY,Unit,Period,Value\n"
        "NEW1,Trees planted,↑,count,2021-22,2400\n"
        "NEW1,Trees planted,↑,count,2022-23,2650\n"
        "NEW2,Fly-tipping incidents,↓,,2021-22,8900\n"
        "NEW2,Fly-tipping incidents,↓,,2022-23,9100\n"
    )
    plan = import_indicators(ws, write(tmp_path / "both.csv", text))
    assert plan.forms == ("catalogue", "values in long form")
    assert plan.count(plan.added[0].action, "indicator") == 2
    report = performance_summary(ws, "2022-23").report
    assert {item.code: item.status.value for item in report.statuses} == {
        "NEW1": "improved",
        "NEW2": "worse",
    }


def test_a_file_with_bad_rows_is_refused_whole_and_changes_nothing(catalogue, tmp_path):
    text = (
        "Indicator,Period,Area,Value\n"
        "00123,2021-22,,67.5\n"  # row 2: fine
        "00123,2022-23,,sixty\n"  # row 3: not a number
        "EP02,next year,,3.9\n"  # row 4: not a period
        "XX99,2022-23,,1\n"  # row 5: no such indicator
        "EP03,2022-23,,1500\n"  # row 6: fine
        "EP03,2022-23,,1600\n"  # row 7: contradicts row 6
    )
    path = write(tmp_path / "bad.csv", text)
    before = dump(catalogue)
    plan = preview_import(catalogue, path)
    assert plan.refused_rows == [3, 4, 5, 7]
    reasons = {line.row: line.detail for line in plan.refused}
    assert reasons[3].startswith("value: 'sixty' is not a number")
    assert reasons[4].startswith("period: 'next year' is not a period")
    assert "no indicator 'XX99'" in reasons[5]
    assert "differs from 1,500 in row 6" in reasons[7]
    assert "4 rows refused (rows 3, 4, 5, 7)" in plan.summary
    with pytest.raises(ValidationError) as error:
        import_indicators(catalogue, path)
    assert str(error.value).startswith(
        "bad.csv: 4 rows refused, nothing was imported: row 3: value"
    )
    assert dump(catalogue) == before


def test_catalogue_problems_name_the_row_and_field(ws, tmp_path):
    text = (
        "Code,Name,Polarity,Unit,Tolerance,First period,Last period\n"
        "A1,Fine,higher,%,0.1,,\n"
        "A2,No polarity given,,count,0,,\n"
        "A3,Bad polarity,sideways,count,0,,\n"
        f"A4,{'x' * 10_000},higher,count,0,,\n"
        "A5,Negative tolerance,lower,count,-1,,\n"
        "A6,Backwards,lower,count,0,2022-23,2019-20\n"
        "A7,<b>Emoji 😀 & co</b>,lower,count,0,,\n"
    )
    before = dump(ws)
    plan = preview_import(ws, write(tmp_path / "catalogue.csv", text))
    reasons = {line.row: line.detail for line in plan.refused}
    assert set(reasons) == {3, 4, 5, 6, 7}
    assert reasons[3].startswith("polarity: needed for a new indicator")
    assert reasons[4].startswith("polarity: 'sideways' is not a polarity")
    assert reasons[5] == "name: is 10,000 characters long; at most 300 are allowed"
    assert reasons[6] == "tolerance: cannot be negative"
    assert reasons[7] == "last period: 2019-20 is before 2022-23"
    assert {line.subject for line in plan.added if line.kind == "indicator"} == {
        "A1 Fine",
        "A7 <b>Emoji 😀 & co</b>",
    }
    assert dump(ws) == before


def test_preview_lists_what_is_added_changed_and_unchanged(catalogue, tmp_path):
    import_indicators(catalogue, write(tmp_path / "long.csv", LONG))
    changed = LONG.replace("68.4%,provisional", "68.9%,final").replace(
        "EP02,2022-23,,3.9", "EP02,2022-23,,4.2"
    )
    changed += "EP02,2023-24,,4.0,,\n"
    plan = preview_import(catalogue, write(tmp_path / "again.csv", changed))
    assert [(line.kind, line.subject) for line in plan.added] == [
        ("period", "2023-24"),
        ("value", "EP02 2023-24 Coventry"),
    ]
    changes = {line.subject: line.detail for line in plan.changed}
    assert changes == {
        "00123 2022-23 Coventry": "68.4 → 68.9; final",
        "EP02 2022-23 Coventry": "3.9 → 4.2",
    }
    assert plan.unchanged == 7
    import_indicators(catalogue, tmp_path / "again.csv", expected=plan)
    assert own_values(catalogue, "EP02")["2022-23"] == 4.2
    assert preview_import(catalogue, tmp_path / "again.csv").unchanged == 10


def test_catalogue_changes_are_listed_field_by_field(catalogue, tmp_path):
    text = CATALOGUE.replace("High,%,1,0.1", "Low,%,1,0.2").replace(
        "England; West Midlands", "England"
    )
    plan = preview_import(catalogue, write(tmp_path / "c.csv", text))
    (line,) = plan.changed
    assert line.row == 2 and line.subject == "00123 Employment rate"
    assert line.detail == (
        "polarity higher → lower; tolerance 0.1 → 0.2; comparators England; West Midlands → England"
    )


def test_the_import_is_refused_when_the_workspace_changed_since_the_preview(catalogue, tmp_path):
    path = write(tmp_path / "long.csv", LONG)
    plan = preview_import(catalogue, path)
    import_indicators(
        catalogue, write(tmp_path / "other.csv", "Indicator,Period,Value\nEP02,2022-23,5\n")
    )
    with pytest.raises(ValidationError, match="changed since the preview"):
        import_indicators(catalogue, path, expected=plan)


def test_cancelling_the_import_writes_nothing(catalogue, tmp_path):
    before = dump(catalogue)
    steps = []

    def cancel_late() -> bool:
        return len(steps) >= 3

    progress = Progress(lambda done, total, text: steps.append(text), cancel_late)
    with pytest.raises(Cancelled):
        import_indicators(catalogue, write(tmp_path / "long.csv", LONG), progress)
    assert dump(catalogue) == before


def test_files_that_hold_nothing_to_import_are_refused(ws, tmp_path):
    cases = {
        "Name,Value\nx,1\n": "no column holds the indicator code",
        "Code,Colour\nA,red\n": "nothing to import",
        "Code,Value\nA,1\n": "needs a 'Period' column",
        "Code,2019/20,2019-20\nA,1,2\n": "are both 2019-20",
    }
    for text, message in cases.items():
        with pytest.raises(ValidationError, match=message):
            preview_import(ws, write(tmp_path / "odd.csv", text))


def test_comparator_values_never_change_a_status(demo_ws, tmp_path):
    before = performance_summary(demo_ws, "2022-23").summary
    rows = ["Indicator,Period,Area,Value"]
    for item in store.list_indicators(demo_ws):
        rows += [f"{item.code},2022-23,England,-99999", f"{item.code},2021-22,England,99999"]
    import_indicators(demo_ws, write(tmp_path / "england.csv", "\n".join(rows) + "\n"))
    assert performance_summary(demo_ws, "2022-23").summary == before


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_exports_read_back_into_a_new_workspace(demo_ws, ws, tmp_path, suffix):
    assert export_catalogue(demo_ws, tmp_path / f"catalogue{suffix}") == 73
    count = export_values(demo_ws, tmp_path / f"values{suffix}")
    assert count == demo_ws.scalar("SELECT count(*) FROM indicator_values")
    import_indicators(ws, tmp_path / f"catalogue{suffix}")
    import_indicators(ws, tmp_path / f"values{suffix}")

    def content(workspace):
        return sorted(
            (code, value.period, value.area, value.value, value.provisional, value.note)
            for code, value in store.all_values(workspace)
        )

    assert content(ws) == content(demo_ws)
    fields = ("code", "name", "theme", "polarity", "unit", "decimals", "tolerance", "comparators")
    assert [[getattr(item, name) for name in fields] for item in store.list_indicators(ws)] == [
        [getattr(item, name) for name in fields] for item in store.list_indicators(demo_ws)
    ]
    assert preview_import(ws, tmp_path / f"values{suffix}").writes_anything is False


def test_exported_text_cannot_run_as_a_formula(ws, tmp_path):
    text = 'Code,Name,Polarity\n"=HYPERLINK(""http://x"")",Formula code,higher\nB1,@SUM(A1),lower\n'
    import_indicators(ws, write(tmp_path / "c.csv", text))
    export_catalogue(ws, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    cells = [cell for row in sheet.iter_rows(min_row=2, values_only=True) for cell in row[:2]]
    assert not any(str(cell).startswith(("=", "@", "+", "-")) for cell in cells if cell)


def test_an_import_is_recorded_as_a_batch(catalogue, tmp_path):
    import_indicators(catalogue, write(tmp_path / "long.csv", LONG))
    batch = catalogue.query("SELECT * FROM import_batches ORDER BY id DESC LIMIT 1")[0]
    assert batch["kind"] == "indicators" and batch["source"] == "long.csv"
    assert (
        catalogue.scalar(
            "SELECT count(*) FROM indicator_values WHERE import_batch_id = ?", (batch["id"],)
        )
        == len(LONG.strip().splitlines()) - 1
    )


def test_catalogue_and_long_values_from_one_workbook(ws, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Indicator", "Name", "Polarity", "Unit", "Period", "Area", "Value", "Note"])
    sheet.append(["00123", "Residents volunteering", "High", "%", "2021/22", None, 18.2, None])
    sheet.append(["00123", "Residents volunteering", "High", "%", "2022/23", "", "N/A", "late"])
    sheet.append(["00123", "Residents volunteering", "High", "%", "2022/23", "England", 21.5, None])
    path = tmp_path / "both.xlsx"
    book.save(path)
    plan = import_indicators(ws, path)
    assert plan.forms == ("catalogue", "values in long form")
    item = store.get_indicator(ws, store.code_owner(ws, "00123"))
    assert (item.name, item.polarity, item.unit, item.decimals) == (
        "Residents volunteering",
        "higher",
        "%",
        1,
    )
    assert own_values(ws, "00123") == {"2021-22": 18.2, "2022-23": None}
    assert reference.find_area(ws, "England") is not None
