"""What print review found, each read back from the PDF: no-figure years, empty charts, the history
chart's axis, table headings, page breaks, DRAFT inside a pack, minutes as minuted, appendices, the
briefing note's template lines, and the permissions of the files written."""

from __future__ import annotations

import os
import re

import pytest
from pypdf import PdfReader

from ocplan_desktop.reports.briefing_note import export_briefing_note
from ocplan_desktop.reports.minutes_pdf import export_minutes
from ocplan_desktop.reports.pack import PackOptions, export_pack, performance_section
from ocplan_desktop.reports.performance_pdf import export_performance
from ocplan_desktop.store import records
from tests.reports.pdf_reading import page_texts

HEADER_FOOTER = re.compile(r"^(Page \d+ of \d+|DRAFT)$")


def meeting(ws, date):
    return ws.scalar("SELECT id FROM meetings WHERE date = ?", (date,))


def body_lines(path):
    """Each page's lines of text without the running header and the page footer."""
    pages = []
    for page in PdfReader(path).pages:
        lines = [line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
        pages.append([line for line in lines[1:] if not HEADER_FOOTER.match(line)])
    return pages


def test_a_year_with_no_figure_says_so_and_its_empty_chart_says_so_in_words(demo_ws, tmp_path):
    path = tmp_path / "gap.pdf"
    export_performance(demo_ws, "2020-21", path, invariant=True)
    whole = " ".join(page_texts(path))
    assert "No indicator has a direction of travel for 2020-21, so there is no figure" in whole
    assert "0 indicators improved" not in whole and " 0 improved" not in whole
    assert "2020-21 – – – – – – no figure" in whole
    assert "No theme has a figure for 2020-21: nothing to draw." in whole


def test_the_history_chart_starts_at_zero_and_labels_each_point(demo_ws, tmp_path):
    from ocplan_desktop.reports.charts import draw_chart
    from ocplan_desktop.services.performance import performance_summary
    from ocplan_desktop.services.performance_charts import history_chart

    chart = history_chart(performance_summary(demo_ws, "2022-23").through_period)
    assert chart.value_range()[0] == 0
    labels = [item.text for item in draw_chart(chart).contents if hasattr(item, "text")]
    assert "0%" in labels  # the axis's first tick
    for figure in ("69%", "79%", "74%"):
        assert figure in labels  # each point carries its value


def test_history_table_headings_never_break_inside_a_word(demo_ws, tmp_path):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ocplan_desktop.reports.performance_pdf import HISTORY_HEADER, column_widths, history_rows
    from ocplan_desktop.reports.styles import styles
    from ocplan_desktop.services.performance import performance_summary

    s = styles()
    rows = history_rows(performance_summary(demo_ws, "2022-23").through_period)
    widths = column_widths(HISTORY_HEADER, rows, s.table_header, s.cell, 482)
    for text, width in zip(HISTORY_HEADER, widths, strict=True):
        for word in text.split():
            assert stringWidth(word, s.table_header.fontName, s.table_header.fontSize) + 12 <= width
    path = tmp_path / "p.pdf"
    export_performance(demo_ws, "2022-23", path, invariant=True)
    table = PdfReader(path).pages[0].extract_text()
    assert "Improved" in table and "Improve\nd" not in table and "Indicator\ns" not in table


def test_no_page_of_the_pack_is_a_lone_line_or_a_heading_left_behind(demo_ws, tmp_path):
    path = tmp_path / "pack.pdf"
    options = PackOptions(extra_sections=(performance_section("2022-23"),), invariant=True)
    export_pack(demo_ws, meeting(demo_ws, "2023-12-20"), path, options=options)
    pages = body_lines(path)
    for number, lines in enumerate(pages[1:-1], start=2):
        assert len(lines) > 1, (number, lines)  # never a single line
        assert len(" ".join(lines)) > 150, (number, lines)  # nor a heading and a line or two
    texts = page_texts(path)
    title = next(i for i, text in enumerate(texts) if "Performance report 2022-23 The One" in text)
    assert "History Year Indicators" in texts[title]  # the table starts under its heading
    assert "2022-23 73 36 6 15 1 15 74% (42/57)" in texts[title]


@pytest.mark.parametrize("padding", [24, 26, 28, 30, 32])
def test_a_lead_in_ending_with_a_colon_stays_with_its_first_bullet(demo_ws, tmp_path, padding):
    from ocplan_desktop.domain.minutes import Minutes
    from ocplan_desktop.store import meetings as meeting_store
    from ocplan_desktop.store import minutes as minutes_store

    held = meeting(demo_ws, "2024-02-07")
    item = meeting_store.add_agenda_item(demo_ws, held, "Questions")
    narrative = tuple(f"Narrative line {n} of the item." for n in range(padding))
    minutes_store.add_minutes(
        demo_ws,
        Minutes(
            item,
            heading="Questions",
            paragraphs=(*narrative, "The Committee asked questions, including:-"),
            bullets=("How partners would be held to account", "Engagement by ward"),
        ),
    )
    path = tmp_path / "m.pdf"
    export_minutes(demo_ws, held, path, invariant=True)
    texts = page_texts(path)
    lead = next(i for i, text in enumerate(texts) if "including:-" in text)
    assert "How partners would be held to account" in texts[lead]


def test_draft_minutes_in_a_pack_are_marked_on_every_page_of_them(demo_ws, tmp_path):
    path = tmp_path / "pack.pdf"
    export_pack(demo_ws, meeting(demo_ws, "2024-02-07"), path, options=PackOptions(invariant=True))
    texts = page_texts(path)
    minutes_pages = [
        i for i, text in enumerate(texts) if "Minutes of the meeting held on 20 December" in text
    ]
    assert minutes_pages
    start = minutes_pages[0]
    end = next(i for i, text in enumerate(texts) if "Meeting closed at" in text)
    for index in range(start, end + 1):
        assert "DRAFT" in texts[index], index
    others = [text for i, text in enumerate(texts) if i < start or i > end]
    assert others and all("DRAFT" not in text for text in others)


def test_minutes_print_resolved_as_minuted_the_closing_time_and_the_chairs_line(demo_ws, tmp_path):
    from ocplan_desktop.importers.minutes_text import parse_minutes
    from ocplan_desktop.services.meetings import update_meeting
    from ocplan_desktop.store import meetings as meeting_store
    from ocplan_desktop.store import minutes as minutes_store

    held = meeting(demo_ws, "2023-12-20")
    item = meeting_store.add_agenda_item(demo_ws, held, "Work programme")
    parsed = parse_minutes(
        "Work programme\n\nThe Committee considered its work programme.\n\nRESOLVED that:\n\n"
        "1) The work programme be noted.\n2) A briefing on ward data be added."
    )
    minutes_store.add_minutes(demo_ws, parsed.to_minutes(item))
    other = meeting_store.add_agenda_item(demo_ws, held, "Any other business")
    single = parse_minutes("Any other business\n\nRESOLVED that the update be noted.")
    minutes_store.add_minutes(demo_ws, single.to_minutes(other))
    before = meeting_store.get_meeting(demo_ws, held)
    update_meeting(
        demo_ws,
        held,
        date=before.date,
        start_time=before.start_time,
        venue=before.venue,
        status=before.status,
        end_time="11:45",
    )
    path = tmp_path / "m.pdf"
    export_minutes(demo_ws, held, path, invariant=True)
    whole = " ".join(page_texts(path))
    assert "RESOLVED that: 1) The work programme be noted. 2) A briefing" in whole
    assert "RESOLVED that the update be noted." in whole
    assert "(Meeting closed at 11.45 am)" in whole and "Chair: ....." in whole
    assert whole.count("RESOLVED that:") == 1  # not also kept as a narrative paragraph


def test_a_meeting_not_yet_held_prints_draft_minutes_with_its_minute_numbers(demo_ws, tmp_path):
    path = tmp_path / "m.pdf"
    export_minutes(demo_ws, meeting(demo_ws, "2024-02-07"), path, invariant=True)
    whole = " ".join(page_texts(path))
    assert "DRAFT" in whole
    assert "45/23 Apologies and substitutions" in whole and "49/23 Scrutiny" in whole
    assert not re.search(r"(?<![\d/])1\. Apologies", whole)
    assert (
        demo_ws.scalar(
            "SELECT count(*) FROM agenda_items WHERE minute_number != '' AND meeting_id = ?",
            (meeting(demo_ws, "2024-02-07"),),
        )
        == 0
    )  # printed, not written


def _small_pdf(path, text, pages=2):
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path))
    for number in range(1, pages + 1):
        canvas.drawString(72, 720, f"{text} page {number}")
        canvas.showPage()
    canvas.save()
    return path


def test_appendices_are_attached_in_the_pack_or_listed_as_not_attached(demo_ws, tmp_path):
    appendix = _small_pdf(demo_ws.path.parent / "appendix-one.pdf", "Annual report appendix")
    first = demo_ws.scalar("SELECT min(id) FROM report_appendices")
    records.update(demo_ws, "report_appendices", first, {"file_path": appendix.name})
    records.insert(
        demo_ws,
        "report_appendices",
        {"report_id": 1, "position": 1, "title": "Appendix II – EIA", "file_path": "eia.docx"},
    )
    records.insert(
        demo_ws, "report_appendices", {"report_id": 1, "position": 2, "title": "Appendix III – Map"}
    )
    path = tmp_path / "pack.pdf"
    pages = export_pack(
        demo_ws, meeting(demo_ws, "2023-12-20"), path, options=PackOptions(invariant=True)
    )
    texts = page_texts(path)
    assert len(texts) == pages
    holding = [i for i, text in enumerate(texts) if "Annual report appendix page" in text]
    assert len(holding) == 2
    for index in holding:
        assert f"Page {index + 1} of {pages}" in texts[index]  # a pack page, numbered with it
    whole = " ".join(texts)
    assert "Appendix II – EIA – not attached: eia.docx is not there." in whole
    assert "Appendix III – Map – not attached: no file is kept with the report." in whole


def test_briefing_note_names_the_deciding_body_and_the_published_link_as_given(demo_ws, tmp_path):
    path = tmp_path / "note.pdf"
    export_briefing_note(demo_ws, 1, path, invariant=True)
    texts = page_texts(path)
    assert "Public report Cabinet Scrutiny Co-ordination Committee 20 December 2023" in texts[0]
    whole = " ".join(texts)
    assert (
        "This report is published on the council's website: www.coventry.gov.uk/meetings" in whole
    )
    assert (
        "Enquiries should be directed to the above persons. www.coventry.gov.uk/performance/"
        in whole
    )


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_exported_files_get_the_users_normal_permissions(demo_ws, tmp_path, mask, mode):
    old = os.umask(mask)
    try:
        path = tmp_path / "note.pdf"
        export_briefing_note(demo_ws, 1, path, invariant=True)
    finally:
        os.umask(old)
    assert os.stat(path).st_mode & 0o777 == mode
