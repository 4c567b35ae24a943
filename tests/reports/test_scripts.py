"""Scripts residents write print readably in every PDF: each run in its bundled Noto font, shaped
(joined Arabic, Indic vowel signs), right-to-left runs in reading order; a script no bundled font
has is left out and the export names the record instead of printing boxes."""

from __future__ import annotations

import unicodedata

from ocplan_desktop.cli import main
from ocplan_desktop.reports.bidi import reorder_runs
from ocplan_desktop.reports.fonts import collecting, printing
from ocplan_desktop.reports.text import escape_text
from tests.reports.outputs import OUTPUTS, SCRIPT_FONTS, SCRIPTS, pdf_fonts, plant


def test_every_pdf_sets_every_script_in_its_font(demo_ws, tmp_path):
    text = " / ".join(f"{name}: {phrase}" for name, phrase in SCRIPTS.items())
    plant(demo_ws, text)
    for output in OUTPUTS:
        if output.suffix != ".pdf":
            continue
        path = tmp_path / f"{output.name}.pdf"
        with collecting() as unprintable:
            output.write(demo_ws, path)
        assert unprintable.messages() == [], output.name
        embedded = pdf_fonts(path)
        for script, font in SCRIPT_FONTS.items():
            assert font in embedded, (output.name, script)
        printed = unicodedata.normalize("NFKC", output.read(path))
        assert SCRIPTS["Polish"] in printed and SCRIPTS["Chinese"] in printed, output.name
        for word in SCRIPTS["Urdu"].split():  # joined letters read back as the same letters
            assert word in printed, (output.name, word)


def test_right_to_left_runs_read_from_the_right_inside_an_english_line():
    assert reorder_runs("Resident wrote: پارک میں روشنی (Foleshill) in 2024.") == (
        "Resident wrote: روشنی میں پارک (Foleshill) in 2024."
    )
    urdu = "پارک میں روشنی Foleshill ward"
    assert reorder_runs(urdu) == urdu  # drawn from the right as a whole, English in its order
    assert reorder_runs("No right-to-left text") == "No right-to-left text"


def test_each_run_gets_its_font_and_markup_stays_escaped():
    marked = escape_text("<b> ਸਾਡੇ & 图书馆 ok")
    assert marked.startswith("&lt;b&gt; ")
    assert '<font name="NotoSansGurmukhi">ਸਾਡੇ</font>' in marked
    assert '<font name="NotoSansSC">图书馆</font>' in marked and "&amp;" in marked


def test_a_script_no_font_has_is_left_out_and_named(demo_ws, tmp_path, capsys):
    from ocplan_desktop.store import records

    with collecting() as found, printing("Minutes of test, 1 January 2024, 1/24 Item"):
        assert escape_text("Ethiopic ሰላም here") == "Ethiopic  here"
    (message,) = found.messages()
    assert message.startswith("Minutes of test, 1 January 2024, 1/24 Item: 3 characters")
    assert "U+1230" in message

    paragraph = demo_ws.scalar("SELECT min(id) FROM minute_paragraphs")
    records.update(demo_ws, "minute_paragraphs", paragraph, {"text": "Comment: ሰላም"})
    meeting = demo_ws.scalar(
        "SELECT a.meeting_id FROM minute_paragraphs p JOIN minutes m ON m.id = p.minutes_id "
        "JOIN agenda_items a ON a.id = m.agenda_item_id WHERE p.id = ?",
        (paragraph,),
    )
    code = main(
        [
            "export",
            "minutes",
            "--db",
            str(demo_ws.path),
            "--meeting",
            str(meeting),
            "--out",
            str(tmp_path / "m.pdf"),
        ]
    )
    err = capsys.readouterr().err
    assert code == 0
    assert "warning: Minutes of Scrutiny Co-ordination Committee, 1 February 2023" in err
    assert "no font can print" in err and "left out" in err
