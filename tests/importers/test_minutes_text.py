"""Minutes text from council web pages and .txt files, recognised into the structured editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.minutes import Minutes, body_text
from ocplan_desktop.domain.numbering import Node
from ocplan_desktop.importers.minutes_text import (
    classify_line,
    parse_body,
    parse_minutes,
    read_minutes_file,
)
from tests.conftest import SEED_MINUTES

STYLES = Path(__file__).parent.parent / "fixtures" / "minutes"


def shape(parsed):
    """(label, number of children) for each resolution, children as nested shapes."""
    return [(item.label, shape(item.children)) for item in parsed]


def test_the_seed_imports_as_three_resolutions_seven_recommendations_and_ten_bullets():
    parsed = read_minutes_file(SEED_MINUTES)
    assert parsed.heading == "One Coventry Plan 2022- 2030"
    assert parsed.report_of == "Report of the Interim Chief Executive (Chief Partnerships Officer)"
    assert len(parsed.paragraphs) == 5
    assert parsed.paragraphs[0].startswith("The Committee considered a Briefing Note")
    assert parsed.paragraphs[-1].endswith("on a number of issues, including:-")
    assert len(parsed.bullets) == 10
    assert parsed.bullets[0].startswith("How partners would be held to account")
    assert "1) putting people at the heart" in parsed.bullets[0]  # a label inside a line is text
    assert parsed.bullets[-1].endswith("had included housing providers")
    assert [item.label for item in parsed.resolutions] == ["1)", "2)", "3)"]
    second = parsed.resolutions[1]
    assert [child.label for child in second.children] == [f"{c})" for c in "abcdefg"]
    assert second.text == (
        "The following comments/ recommendations be submitted to Cabinet for consideration:- "
        "That Scrutiny Co-ordination Committee:"
    )
    assert second.children[3].text.startswith("Suggest that officers explore if QR codes")
    assert parsed.resolutions[2].text == "That the recommendations to Cabinet be supported"
    assert not parsed.resolutions[0].children and not parsed.resolutions[2].children
    assert any("Supporting documents" in note for note in parsed.notes)


def test_the_seed_json_has_the_exact_shape():
    data = read_minutes_file(SEED_MINUTES).as_json()
    assert list(data)[:4] == ["heading", "paragraphs", "bullets", "resolutions"]
    # Extra keys come after the old ones.
    assert list(data)[4:] == ["minute_number", "uncertain", "resolved_wording"]
    assert list(data["resolutions"][1]) == ["label", "text", "children"]
    assert data["resolutions"][1]["children"][6] == {
        "label": "g)",
        "text": "Agree that Scrutiny receive regular updates on progress of the delivery of the "
        "One Coventry Plan",
        "children": [],
    }


def test_resolved_that_the_committee_with_bracketed_letters():
    parsed = read_minutes_file(STYLES / "resolved_lettered.txt")
    assert parsed.heading == "Coventry Climate Change Strategy 2024-2030"
    assert parsed.report_of.startswith("Report of the Director of Streetscene")
    # The words introducing the list, kept as minuted (printed before it), not narrative.
    assert parsed.resolved_wording == "RESOLVED: That the Cabinet:-"
    assert "RESOLVED: That the Cabinet:-" not in parsed.paragraphs
    assert shape(parsed.resolutions) == [("(a)", []), ("(b)", []), ("(c)", [])]
    assert parsed.resolutions[1].text.startswith("Delegates authority to the Director")


def test_capital_letters_after_resolved_in_a_windows_file():
    parsed = read_minutes_file(STYLES / "capital_letters.txt")
    assert parsed.heading == "Housing Allocations Policy Review"  # "Minute 14/23." left off
    assert parsed.report_of == "Report of the Director of Housing and Transformation"
    assert shape(parsed.resolutions) == [("A", []), ("B", []), ("C", [])]
    assert parsed.resolutions[1].text == "Agree that the policy takes effect from 1 April 2024."
    assert parsed.resolved_wording == "RESOLVED that Cabinet be recommended to:"
    assert any("meeting closed" in note for note in parsed.notes)


def test_bracketed_numbers_with_the_text_on_the_next_line():
    parsed = read_minutes_file(STYLES / "numbered_next_line.txt")
    assert parsed.report_of.startswith("Briefing note of the Director of Children")
    assert len(parsed.bullets) == 3 and parsed.bullets[2].startswith("training on exploitation")
    assert shape(parsed.resolutions) == [("(1)", []), ("(2)", []), ("(3)", [])]
    assert parsed.resolutions[0].text.startswith("The annual report of the Coventry Safeguarding")


def test_numbered_one_to_eight_with_a_bullet_list_under_one():
    parsed = read_minutes_file(STYLES / "numbered_with_bullets.txt")
    assert [item.label for item in parsed.resolutions] == [f"{n}." for n in range(1, 9)]
    third = parsed.resolutions[2]
    assert [child.label for child in third.children] == ["•", "•", "•"]
    assert third.children[1].text == "investing to reduce demand for statutory services"
    assert all(not item.children for item in parsed.resolutions if item is not third)
    assert parsed.bullets == ()  # the bullets belong to resolution 3, not the narrative
    assert parsed.resolutions[7].text.startswith("Recommends that Council approves")


def test_paragraph_numbered_minutes():
    parsed = read_minutes_file(STYLES / "paragraph_numbered.txt")
    assert parsed.heading == "Performance Management Framework and Quarter 2 Performance"
    assert parsed.paragraphs[0].startswith("The Committee considered a report")  # "8.1" left off
    assert parsed.paragraphs[2] == "Members asked questions and made comments on:"
    assert len(parsed.bullets) == 2
    assert shape(parsed.resolutions) == [("(a)", []), ("(b)", []), ("(c)", [])]
    assert parsed.resolutions[1].text == "the quarter 2 performance report be noted; and"


def test_a_single_resolution_without_a_label():
    parsed = parse_minutes("Apologies\n\nRESOLVED that the apologies be noted.\n")
    assert parsed.heading == "Apologies"
    assert [(item.label, item.text) for item in parsed.resolutions] == [
        ("", "that the apologies be noted.")
    ]
    assert parsed.paragraphs == ()


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        (
            "1) A\n2) B\n  a) c\n  b) d\n3) E",
            [("1)", []), ("2)", [("a)", []), ("b)", [])]), ("3)", [])],
        ),
        (
            "(1) A\n   (a) b\n      (i) c\n      (ii) d\n   (b) e",
            [("(1)", [("(a)", [("(i)", []), ("(ii)", [])]), ("(b)", [])])],
        ),
        (
            "1. A\n" + "\n".join(f"  {c}. x" for c in "abcdefghij"),
            [("1.", [(f"{c}.", []) for c in "abcdefghij"])],
        ),
        ("a) x\nb) y\nc) z", [("a)", []), ("b)", []), ("c)", [])]),
    ],
)
def test_labels_nest_by_style(text, labels):
    assert shape(parse_body(text).resolutions) == labels


def test_i_after_h_is_a_letter_and_i_under_a_letter_is_a_numeral():
    lettered = parse_body("1) A\n" + "\n".join(f"    {c}) x" for c in "abcdefghi"))
    assert [c.label for c in lettered.resolutions[0].children][-1] == "i)"
    assert len(lettered.resolutions[0].children) == 9
    nested = parse_body("1) A\n    a) b\n        i) c\n        ii) d\n    b) e")
    assert shape(nested.resolutions) == [("1)", [("a)", [("i)", []), ("ii)", [])]), ("b)", [])])]


def test_lines_are_classified_as_a_reader_sees_them():
    assert classify_line("·\u00a0 How partners would").kind == "bullet"
    assert classify_line("\uf0b7\tWord's own bullet").kind == "bullet"
    assert classify_line("2)\u00a0 The following").label == "2)"
    assert classify_line("8.3\tMembers asked").style == "decimal"
    assert classify_line("8.4 RESOLVED that:").kind == "resolved"
    assert classify_line("It was RESOLVED that the report be noted").text == (
        "that the report be noted"
    )
    assert classify_line("Resolved issues were discussed").kind == "text"
    assert classify_line("A member asked about parking").kind == "text"
    assert classify_line("2023 was a good year").kind == "text"
    assert classify_line("-5 degrees").kind == "text"


def test_awkward_text_comes_through_as_written():
    text = "Item <b>&amp; \"quotes\"\n\nThe Committee noted O'Brien's point 😀 & C++ <script>.\n\n1) That £5m be < 10% of =SUM(A1)\n"
    parsed = parse_minutes(text)
    assert parsed.heading == 'Item <b>&amp; "quotes"'
    assert parsed.paragraphs == ("The Committee noted O'Brien's point 😀 & C++ <script>.",)
    assert parsed.resolutions[0].text == "That £5m be < 10% of =SUM(A1)"


def test_bad_files_are_refused_with_the_file_named(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n")
    binary = tmp_path / "minutes.docx"
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    for path, words in (
        (empty, "no minutes found"),
        (binary, "not a text file"),
        (tmp_path / "missing.txt", "no such file"),
        (tmp_path, "is a folder"),
    ):
        with pytest.raises(ValidationError) as caught:
            read_minutes_file(path)
        assert str(path) in str(caught.value) and words in str(caught.value)


def test_windows_1252_text_is_read(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes("Budget 2024\u201325\n\n1) That the \u00a35m be noted\n".encode("cp1252"))
    parsed = read_minutes_file(path)
    assert parsed.heading == "Budget 2024–25"
    assert parsed.resolutions[0].text == "That the £5m be noted"


def test_ten_thousand_characters_in_one_paragraph():
    parsed = parse_minutes("Heading\n\n" + "word " * 2000 + "end.\n")
    assert len(parsed.paragraphs[0]) == 10_004


WORDS = st.sampled_from(
    ["the", "Committee", "noted", "plan", "report", "ward", "2024-25", "O'Brien", "&", "<b>", "£5m"]
)
SENTENCE = st.lists(WORDS, min_size=1, max_size=8).map(lambda words: "Members " + " ".join(words))


def trees(depth: int) -> st.SearchStrategy[tuple[Node, ...]]:
    child = st.just(()) if depth >= 2 else trees(depth + 1)
    node = st.builds(lambda text, children: Node(None, text, children), SENTENCE, child)
    return st.lists(node, max_size=11 if depth else 4).map(tuple)


@settings(max_examples=60, deadline=None)
@given(
    paragraphs=st.lists(SENTENCE.map(lambda s: s + "."), max_size=3),
    bullets=st.lists(SENTENCE, max_size=4),
    resolutions=trees(0),
)
def test_the_app_s_own_text_reads_back_the_same(paragraphs, bullets, resolutions):
    minutes = Minutes(1, "", "", tuple(paragraphs), tuple(bullets), resolutions)
    again = parse_body(body_text(minutes)).to_minutes(1)
    assert again.paragraphs == minutes.paragraphs
    assert again.bullets == minutes.bullets
    assert again.resolutions == minutes.resolutions


# Layouts from councils' pages (the corpus holds real examples of most; these pin each one).


def test_a_minute_number_on_its_own_line_is_the_item_s_number_not_a_resolution():
    parsed = parse_minutes(
        "13.\n\nDeclarations of Interest\n\nMinutes:\n\nThere were no declarations of interest.\n"
    )
    assert parsed.minute_number == "13"
    assert parsed.heading == "Declarations of Interest"
    assert parsed.resolutions == ()
    assert parsed.paragraphs == ("There were no declarations of interest.",)


def test_resolved_with_the_first_lettered_item_on_the_same_line():
    parsed = parse_minutes(
        "Budget Monitoring\n\nRESOLVED: a. That the report be noted.\n"
        "b. That the virements be approved.\nc. That officers report in March.\n"
    )
    assert [(item.label, item.text) for item in parsed.resolutions] == [
        ("a.", "That the report be noted."),
        ("b.", "That the virements be approved."),
        ("c.", "That officers report in March."),
    ]
    assert parsed.paragraphs == ()  # "RESOLVED:" alone is not kept as narrative


def test_capital_letters_without_punctuation_are_labels_only_in_a_run():
    parsed = parse_body(
        "RESOLVED that Cabinet:\n\nA Subject to the conditions in the report, approves the scheme.\n"
        "B Delegates authority to the Director.\nC Notes the risks.\n"
    )
    assert [item.label for item in parsed.resolutions] == ["A", "B", "C"]
    assert parsed.resolutions[0].text.startswith("Subject to the conditions")
    alone = parse_minutes(
        "Heading\n\nRESOLVED that:\n\nA Member's question be answered in writing.\n"
    )
    assert alone.resolutions[0].text == "that: A Member's question be answered in writing."
    assert [item.reason for item in alone.uncertain] == [
        "a capital letter and a space: read as the word “A”, not a label"
    ]


def test_members_points_lettered_before_resolved_are_narrative():
    parsed = parse_minutes(
        "Item\n\nMembers raised:\n\na) the cost of the scheme;\nb) its timing; and\nc) parking.\n\n"
        "RESOLVED that the report be noted.\n"
    )
    assert parsed.paragraphs[1:] == (
        "a) the cost of the scheme;",
        "b) its timing; and",
        "c) parking.",
    )
    assert [(item.label, item.text) for item in parsed.resolutions] == [
        ("", "that the report be noted.")
    ]


def test_numbering_without_decision_wording_is_never_a_resolution():
    parsed = parse_minutes(
        "Announcements\n\n1. The Chair welcomed members.\n2. The meeting was webcast.\n"
    )
    assert parsed.resolutions == ()
    assert parsed.paragraphs == ("1. The Chair welcomed members.", "2. The meeting was webcast.")


def test_a_statutory_note_in_brackets_after_the_last_resolution_stands_alone():
    parsed = parse_minutes(
        "Urgent item\n\nRESOLVED that:\n\n(1) the report be noted;\n(2) officers act.\n"
        "(This decision is not subject to call-in as it is urgent.)\n"
    )
    assert parsed.resolutions[-1].text == "officers act."
    assert parsed.paragraphs[-1] == "(This decision is not subject to call-in as it is urgent.)"


def test_a_decision_that_differs_from_the_minutes_is_flagged_not_merged():
    parsed = parse_minutes(
        "5.\n\nLibrary Strategy\n\nDecision:\n\nRESOLVED that the strategy be approved.\n\n"
        "Minutes:\n\nRESOLVED that the strategy be deferred.\n"
    )
    assert [item.text for item in parsed.resolutions] == ["that the strategy be deferred."]
    assert len(parsed.uncertain) == 1 and "differs" in parsed.uncertain[0].reason
    same = parse_minutes(
        "5.\n\nLibrary Strategy\n\nDecision:\n\nRESOLVED that the strategy be approved.\n\n"
        "Minutes:\n\nRESOLVED that the strategy be approved.\n"
    )
    assert same.uncertain == () and len(same.resolutions) == 1
    assert any("given again" in note for note in same.notes)


def test_page_furniture_is_left_out():
    parsed = parse_minutes(
        "42.\n\nHousing Enforcement Policy pdf icon PDF 104 KB\n\nReport of the Director\n\n"
        "    • Share this item\n\nAdditional documents:\n\nMinutes:\n\nThe Cabinet considered the report.\n\n"
        "RESOLVED that the policy be approved.\n\nSupporting documents:\n\nAppendix 1 PDF 200 KB\n"
    )
    assert (parsed.minute_number, parsed.heading) == ("42", "Housing Enforcement Policy")
    assert parsed.report_of == "Report of the Director"
    assert parsed.paragraphs == ("The Cabinet considered the report.",)
    assert any("Supporting documents" in note for note in parsed.notes)


def test_a_recorded_vote_keeps_its_resolution_and_drops_the_tables_furniture():
    """modern.gov's recorded vote (Cotswold's Cabinet pages): a heading, the table's header run
    together as pasted, and a link after it; the resolution inside the table is the decision."""
    parsed = parse_minutes(
        "3.\n\nMinutes pdf icon PDF 119 KB\n\nMinutes:\n\n"
        "The minutes were proposed by Councillor Joe Harris.\n\n"
        "Recorded Vote\nTitleTypeRecorded Vote textResult\n\n"
        "RESOLVED: That the minutes of the meeting held on 5 September 2024 be approved.\n\n"
        "  \u2022 View Recorded Vote for this item\n\nVoting Record\n"
    )
    assert parsed.paragraphs == ("The minutes were proposed by Councillor Joe Harris.",)
    assert [item.text for item in parsed.resolutions] == [
        "That the minutes of the meeting held on 5 September 2024 be approved."
    ]


def test_utf16_text_files_are_read(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_bytes("Apologies\n\nRESOLVED that the apologies be noted.\n".encode("utf-16"))
    assert read_minutes_file(path).heading == "Apologies"
