"""CSV and XLSX in and out: text kept as text, encodings, formula injection neutralised."""

from __future__ import annotations

import openpyxl
import pytest

from ocplan_desktop.domain.charts import ChartData, ChartKind, Series
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.importers.tabular import header_key, neutralise, read_table, write_table
from ocplan_desktop.services.files import safe_file_name, write_atomically


def test_csv_cells_stay_text_in_both_encodings(tmp_path):
    text = "Code,Name,Value\n00123,St Michael’s,N/A\nEP01,Binley & Willenhall,1,234\n"
    for encoding in ("utf-8", "utf-8-sig", "cp1252"):
        path = tmp_path / f"{encoding}.csv"
        path.write_bytes(text.replace(",1,234", ',"1,234"').encode(encoding))
        table = read_table(path)
        assert table.headers == ("Code", "Name", "Value")
        assert table.rows[0] == {"Code": "00123", "Name": "St Michael’s", "Value": "N/A"}
        assert table.rows[1]["Value"] == "1,234"
        assert table.row_number(1) == 3


def test_semicolon_csv_is_recognised(tmp_path):
    path = tmp_path / "semi.csv"
    path.write_text("code;value\nEP01;3,5\n", encoding="utf-8")
    # A comma followed by one digit under ";" is a decimal comma: unambiguous, read as 3.5.
    assert read_table(path).rows == ({"code": "EP01", "value": "3.5"},)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b'a,b\n"unterminated,1\n', "well-formed"),
    ],
)
def test_bad_csv_gets_a_clear_message(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ValidationError, match=message):
        read_table(path)


def test_wrong_suffix_and_broken_workbook(tmp_path):
    with pytest.raises(ValidationError, match="only .csv and .xlsx"):
        read_table(tmp_path / "notes.txt")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ValidationError, match="cannot be read as an Excel workbook"):
        read_table(broken)


def test_header_matching_ignores_case_and_spacing(tmp_path):
    assert header_key(" Indicator  Code ") == header_key("indicator_code") == "indicatorcode"
    path = tmp_path / "h.csv"
    path.write_text("Indicator Code,VALUE\nEP01,1\n")
    assert read_table(path).column("indicator_code") == "Indicator Code"
    assert read_table(path).column("missing") is None


AWKWARD = [
    '=HYPERLINK("http://x")',
    "+1",
    "-2 items",
    "@SUM(A1)",
    "\tTab",
    "\rCR",
    "plain",
    "a < b & c",
    "Emoji 😀",
    "مرحبا",
]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_neutralises_formulas_keeps_numbers_and_round_trips(tmp_path, suffix):
    path = tmp_path / f"out{suffix}"
    rows = [[text, 42, 3.5] for text in AWKWARD]
    write_table(path, ["text", "count", "share"], rows)
    if suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path).active
        values = list(sheet.iter_rows(min_row=2, values_only=True))
        assert values[0][1] == 42 and isinstance(values[0][1], int) and values[0][2] == 3.5
        assert all(not str(row[0]).startswith(("=", "+", "-", "@")) for row in values)
    back = read_table(path)
    texts = [row["text"] for row in back.rows]
    # Read back, the apostrophe the export added comes off again: the text is as it was (cells
    # are stripped of the white space around them; XLSX keeps a carriage return as a line feed).
    assert [text.replace("\r", "\n") for text in texts] == [
        text.replace("\r", "\n").strip() for text in AWKWARD
    ]
    assert back.rows[0]["count"] == "42"
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_neutralise_leaves_numbers_alone():
    assert neutralise(-5) == -5 and neutralise("-5") == "'-5" and neutralise(None) is None


def test_write_atomically_keeps_the_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_text("previous version")

    def fail(temporary):
        temporary.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(target, fail)
    assert target.read_text() == "previous version"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("One Coventry Plan: 2022/23 <draft>", "One Coventry Plan 2022 23 draft.pdf"),
        ("CON", "CON (file).pdf"),
        ("com1.txt", "com1.txt (file).pdf"),
        ("../../etc/passwd", "etc passwd.pdf"),
        ("   ", "document.pdf"),
    ],
)
def test_safe_file_names(title, expected):
    assert safe_file_name(title, ".pdf") == expected


def test_safe_file_name_is_not_overlong():
    name = safe_file_name("Ü" * 500, ".pdf")
    assert len(name.encode()) <= 120 and name.endswith(".pdf")


def test_chart_data_gaps_and_segments():
    data = ChartData(
        "History",
        ChartKind.LINE,
        ("2018-19", "2019-20", "2020-21", "2021-22"),
        (Series("Council", (78, 79, None, 69)),),
    )
    assert data.points() == [(0, 78), (1, 79), (3, 69)]
    assert data.segments() == [[(0, 78), (1, 79)], [(3, 69)]]
    with pytest.raises(ValueError, match="has 1 values for 4 categories"):
        ChartData("Bad", ChartKind.BAR, data.categories, (Series("x", (1,)),))


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

CELL = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"),
    max_size=40,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=8))
def test_any_text_survives_a_csv_export_and_import(tmp_path_factory, rows):
    """What the app writes, it reads back: the same cells (stripped), the formula apostrophe the
    export added taken off again, and no other."""
    path = tmp_path_factory.mktemp("roundtrip") / "table.csv"
    write_table(path, ["a", "b", "c"], rows)
    assert all(
        str(neutralise(cell)).startswith("'")
        for row in rows
        for cell in row
        if cell[:1] and cell[:1] in "=+-@"
    )
    expected = [[cell.strip() for cell in row] for row in rows]
    expected = [row for row in expected if any(row)]
    if not expected:
        return
    back = read_table(path)
    assert [[row[name] for name in ("a", "b", "c")] for row in back.rows] == expected
