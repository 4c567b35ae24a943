"""Spreadsheets as Excel and survey tools make them: encodings, delimiters, title rows, headings,
ragged rows, decimal commas, percent-formatted cells, UK dates and oversized workbooks."""

from __future__ import annotations

import time
import zipfile

import openpyxl
import pytest

from ocplan_desktop.domain.dates import parse_date
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.importers.sheet_reading import (
    MAX_UNPACKED,
    column_letter,
    detect_delimiter,
    neutralise,
    unneutralise,
)
from ocplan_desktop.importers.tabular import read_table


def test_utf16_unicode_text_reads(tmp_path):
    """Excel's "Unicode Text": UTF-16 with a BOM, tab-separated."""
    path = tmp_path / "unicode.csv"
    path.write_bytes("Code\tName\tValue\r\nEP01\tSt Michael’s Café\t68.3\r\n".encode("utf-16"))
    table = read_table(path)
    assert table.encoding == "utf-16" and table.delimiter == "\t"
    assert table.rows == ({"Code": "EP01", "Name": "St Michael’s Café", "Value": "68.3"},)
    assert table.encoding_text == "UTF-16 (Unicode text)"


def test_semicolons_with_quoted_commas_and_decimal_commas(tmp_path):
    path = tmp_path / "european.csv"
    path.write_text(
        'Code;Name;Value;Count\nEP01;"Smith, Jones & Co";3,5;1.234\nEP02;"A; B";12,25;2\n',
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.delimiter == ";"
    assert table.rows[0] == {
        "Code": "EP01",
        "Name": "Smith, Jones & Co",
        "Value": "3.5",
        "Count": "1.234",
    }
    assert table.rows[1]["Name"] == "A; B" and table.rows[1]["Value"] == "12.25"


def test_a_decimal_comma_is_not_guessed_where_it_could_be_thousands(tmp_path):
    path = tmp_path / "ambiguous.csv"
    path.write_text("Code;Value\nEP01;1,234\nEP02;2,500\n", encoding="utf-8")
    table = read_table(path)
    assert table.rows[0]["Value"] == "1,234"
    assert any("could mean a decimal or thousands" in note for note in table.notes)


@pytest.mark.parametrize(
    ("sample", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n", ";"),
        ('a;b\n"x, y";1\n"p, q";2\n', ";"),
        ("a\tb\n1\t2\n", "\t"),
        ("a|b|c\n1|2|3\n", "|"),
        ("Survey export\na,b,c\n1,2,3\n4,5,6\n", ","),
    ],
)
def test_the_delimiter_is_detected(sample, delimiter):
    assert detect_delimiter(sample) == delimiter


def test_a_title_row_above_the_headers_is_detected_and_named(tmp_path):
    path = tmp_path / "titled.csv"
    path.write_text(
        "Budget consultation 2024 – responses,,\n,,\nDate,Ward,Response\n2024-02-01,Earlsdon,Hi\n",
        encoding="utf-8",
    )
    table = read_table(path)
    assert table.title == "Budget consultation 2024 – responses"
    assert table.headers == ("Date", "Ward", "Response")
    assert table.row_number(0) == 4
    assert table.notes == (
        "row 1: the title row “Budget consultation 2024 – responses” above the headers was skipped",
    )


def test_a_title_row_in_a_workbook(tmp_path):
    path = tmp_path / "titled.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "Council plan indicators"
    sheet.append([])
    sheet.append(["Code", "2022-23"])
    sheet.append(["EP01", 5])
    workbook.save(path)
    table = read_table(path)
    assert table.title == "Council plan indicators"
    assert table.rows == ({"Code": "EP01", "2022-23": "5"},) and table.row_number(0) == 4


def test_a_duplicated_heading_is_named_as_written_and_refused(tmp_path):
    path = tmp_path / "twice.csv"
    path.write_text(
        "Date,Ward,Response,ward \n2024-02-01,Earlsdon,Hi,Foleshill\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError) as caught:
        read_table(path)
    assert str(caught.value) == (
        "twice.csv: the heading 'ward' is used by two columns (B and D): give each column its "
        "own heading"
    )


def test_a_column_with_data_but_no_heading_is_named_by_its_letter(tmp_path):
    path = tmp_path / "noheading.csv"
    path.write_text("Date,,Response,\n2024-02-01,Earlsdon,Hi,\n", encoding="utf-8")
    table = read_table(path)
    assert table.headers == ("Date", "Column B", "Response")  # the empty column D is not data


@pytest.mark.parametrize(
    ("line", "count"),
    [("2024-02-02,Foleshill,Too,many", 4), ("2024-02-02,Foleshill", 2)],
)
def test_a_ragged_row_is_refused_in_plain_words_with_its_row(tmp_path, line, count):
    path = tmp_path / "ragged.csv"
    path.write_text(f"Date,Ward,Response\n2024-02-01,Earlsdon,Hi\n{line}\n", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        read_table(path)
    assert str(caught.value) == (
        f"ragged.csv: row 3 has {count} values where the header row (row 1) has 3 columns: a "
        "value is missing, or a comma inside a value is not in quotes"
    )


def test_a_percent_formatted_cell_reads_as_the_percentage_it_shows(tmp_path):
    path = tmp_path / "percent.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Code", "2022-23", "2023-24", "Count"])
    sheet.append(["EP01", 0.683, 0.7049, 1234])
    sheet["B2"].number_format = "0.0%"
    sheet["C2"].number_format = "0.00%"
    workbook.save(path)
    table = read_table(path)
    assert table.rows == (
        {"Code": "EP01", "2022-23": "68.3%", "2023-24": "70.49%", "Count": "1234"},
    )


def test_a_workbook_with_no_percent_style_is_not_opened_twice(tmp_path, monkeypatch):
    import ocplan_desktop.importers.sheet_reading as reading

    path = tmp_path / "plain.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Code", "Value"])
    workbook.active.append(["EP01", 0.5])
    workbook.save(path)
    monkeypatch.setattr(reading, "_percent_cells", lambda _path: pytest.fail("opened by openpyxl"))
    assert read_table(path).rows == ({"Code": "EP01", "Value": "0.5"},)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    """A workbook whose sheet unpacks to 210 MB of nothing (under 1 MB on disk)."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(210):
                part.write(chunk)
    return path


def test_a_workbook_that_unpacks_past_the_limit_is_refused_within_a_second(bomb):
    assert bomb.stat().st_size < 2_000_000 and MAX_UNPACKED == 200 * 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(ValidationError, match=r"would unpack to 210 MB \(the limit is 200 MB\)"):
        read_table(bomb)
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("01-03-2027", "2027-03-01"),
        ("1 Mar 27", "2027-03-01"),
        ("1-Mar-27", "2027-03-01"),
        ("01/03/2027", "2027-03-01"),
        ("1 March 2027", "2027-03-01"),
        ("2027-03-01", "2027-03-01"),
    ],
)
def test_uk_date_forms(text, iso):
    assert parse_date(text).isoformat() == iso


@pytest.mark.parametrize(
    "text", ["=SUM(A1)", "+1", "-2", "@x", "\tTab", "'=already", "''=twice", "plain", "'quoted'"]
)
def test_the_export_apostrophe_comes_off_exactly(text):
    assert unneutralise(neutralise(text)) == text


def test_column_letters():
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "ZZ", "AAA"
    ]  # fmt: skip
