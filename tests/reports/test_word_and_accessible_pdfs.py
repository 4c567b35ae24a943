"""Every document exports to Word as well as PDF, with the same words, and both are publishable:
read back, each passes the checks Word's and a PDF reader's accessibility tools make from the file
(a title shown, a language, the council as author, headings in order, alt text stating the figures,
a header row on every table, links that can be followed, packs opening on their bookmarks)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from ocplan_desktop.domain.exempt import Audience
from ocplan_desktop.reports.briefing_note import briefing_note_story, export_briefing_note
from ocplan_desktop.reports.engagement_pdf import engagement_story, export_engagement
from ocplan_desktop.reports.minutes_pdf import export_minutes
from ocplan_desktop.reports.pack import PackOptions, export_pack, performance_section
from ocplan_desktop.reports.performance_pdf import export_performance, performance_story
from ocplan_desktop.reports.tracker_pdf import export_tracker
from ocplan_desktop.services import engagement, meetings, reports
from ocplan_desktop.services.demo_exempt import TITLE as EXEMPT_TITLE
from ocplan_desktop.store.workspace import open_workspace
from tests.reports.docx_reading import (
    WORD_ONLY_HEADERS,
    accessibility_problems,
    body,
    docx_words,
    drawn_words,
    header_texts,
    headings,
    open_docx,
    pdf_words,
    pictures,
    tables,
)

SINCE = dt.date(2023, 1, 1)
TODAY = dt.date(2024, 3, 1)


def _documents(ws):
    """(name, export(target), running header, drawn chart words, pages to skip) for each kind."""
    annual = next(r for r in meetings.list_reports(ws) if r.title != EXEMPT_TITLE)
    by_date = {m.date: m for m in meetings.list_meetings(ws)}
    scrutiny, cabinet = by_date["2023-02-01"], by_date["2024-01-09"]
    exercise = engagement.list_exercises(ws)[0]
    report = reports.load(ws, annual.id)
    yield (
        "briefing-note",
        lambda target: export_briefing_note(ws, annual.id, target, invariant=True),
        (report.title,),
        Counter(),
        (),
    )
    yield (
        "minutes",
        lambda target: export_minutes(ws, scrutiny.id, target, invariant=True),
        ("Scrutiny Co-ordination Committee: minutes of 1 February 2023",),
        Counter(),
        (),
    )
    yield (
        "tracker",
        lambda target: export_tracker(ws, SINCE, target, today=TODAY, invariant=True),
        ("Recommendation tracker: progress since 1 January 2023",),
        Counter(),
        (),
    )
    yield (
        "performance",
        lambda target: export_performance(ws, None, target, invariant=True),
        ("Performance report 2022-23",),
        drawn_words(performance_story(ws)),
        (),
    )
    yield (
        "engagement",
        lambda target: export_engagement(ws, exercise.id, target, invariant=True),
        (f"{exercise.title}: engagement summary",),
        drawn_words(engagement_story(ws, exercise.id)),
        (),
    )
    yield (
        "pack",
        lambda target: export_pack(
            ws,
            cabinet.id,
            target,
            options=PackOptions(
                extra_sections=(performance_section(None),),
                invariant=True,
                audience=Audience.PUBLIC,
            ),
        ),
        # DRAFT, across and atop each page of the draft minutes bound in (Word: their header).
        ("Cabinet: briefing pack for 9 January 2024", "DRAFT", "DRAFT"),
        drawn_words(performance_story(ws, None, outline=1)),
        (2,),  # the contents page: Word works out its own page numbers
    )


@pytest.fixture(scope="module")
def exported(demo_master, tmp_path_factory):
    """Every document of the demo in both formats, made once for this module."""
    folder = tmp_path_factory.mktemp("published")
    ws = open_workspace(demo_master, read_only=True)
    made = {}
    try:
        for name, export, furniture, drawn, skip in _documents(ws):
            pdf, word = folder / f"{name}.pdf", folder / f"{name}.docx"
            pages = export(pdf)
            assert export(word) == 0
            made[name] = (pdf, word, furniture, drawn, skip, pages)
    finally:
        ws.close()
    return made


NAMES = ("briefing-note", "minutes", "tracker", "performance", "engagement", "pack")


@pytest.mark.parametrize("name", NAMES)
def test_word_passes_the_accessibility_checks_readable_from_the_file(exported, name):
    _pdf, word, *_rest = exported[name]
    document = open_docx(word)
    assert accessibility_problems(document) == []
    properties = document.core_properties
    assert properties.author == "Coventry City Council"
    assert properties.language == "en-GB"
    assert properties.title
    levels = [level for level, _text in headings(document)]
    assert levels[0] == 0 and levels.count(0) == 1  # one Title, then Heading 1, 2, …
    assert 1 in levels
    assert tables(document) or name == "minutes"


@pytest.mark.parametrize("name", NAMES)
def test_word_has_the_same_words_as_the_pdf(exported, name):
    pdf, word, furniture, drawn, skip, _pages = exported[name]
    document = open_docx(word)
    headers = header_texts(document)
    in_pdf = pdf_words(pdf, furniture=furniture, skip_pages=skip, drawn=drawn, headers=headers)
    in_word = docx_words(document)
    if skip:
        in_word -= Counter({"Contents": 1})  # the heading of the contents page left out above
    assert sum(in_word.values()) > 150
    assert in_pdf - in_word == Counter() and in_word - in_pdf == Counter()
    # Header rows: the PDF prints each (it repeats them per page), except the two Word adds.
    printed = " ".join(
        " ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages
    )
    squashed = printed.replace(" ", "")
    for header in headers:
        if tuple(header.split(" ", 1)) not in WORD_ONLY_HEADERS and header not in (
            " ".join(words) for words in WORD_ONLY_HEADERS
        ):
            assert header.replace(" ", "") in squashed, header


def test_word_briefing_note_is_a_document_an_officer_can_finish(exported):
    _pdf, word, *_rest = exported["briefing-note"]
    document = open_docx(word)
    fields = [
        table
        for table in tables(document)
        if [c.text for c in table.rows[0].cells] == ["Field", "Detail"]
    ]
    answered = {row.cells[0].text: row.cells[1].text for table in fields for row in table.rows[1:]}
    assert answered["Name of Cabinet Member:"].startswith(
        "Cabinet Member for Policy and Leadership"
    )
    assert answered["Ward(s) affected:"] == "All"
    assert answered["Is this a key decision?"] == "No"
    texts = [item.text for item in body(document) if not hasattr(item, "rows")]
    assert "1)\tConsider the Council's performance as set out in the performance report." in texts
    assert any(text.startswith("1.1\t") for text in texts)
    # Web and e-mail addresses are links.
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert "mailto:insight@coventry.gov.uk" in targets
    assert "https://www.coventry.gov.uk/performance/" in targets


def test_word_minutes_keep_the_labels_as_minuted(exported):
    _pdf, word, *_rest = exported["minutes"]
    texts = [item.text for item in body(open_docx(word)) if not hasattr(item, "rows")]
    labels = [text.split("\t", 1)[0] for text in texts if "\t" in text]
    # Resolutions 1)-3) with the recommendations a)-g) under 2), as the seed minutes have them.
    assert labels == ["1)", "2)", "a)", "b)", "c)", "d)", "e)", "f)", "g)", "3)"]
    indents = [
        item.paragraph_format.left_indent
        for item in body(open_docx(word))
        if not hasattr(item, "rows") and "\t" in item.text
    ]
    assert indents[2] > indents[1] == indents[0]  # lettered items hang one step further in
    document = open_docx(word)
    assert any(p.style.name == "List Bullet" for p in body(document) if not hasattr(p, "rows"))
    assert "DRAFT" not in document.sections[0].header.paragraphs[0].text  # approved minutes


def test_word_draft_minutes_say_so_on_every_page(demo_ws, tmp_path):
    by_date = {m.date: m for m in meetings.list_meetings(demo_ws)}
    target = tmp_path / "draft.docx"
    export_minutes(demo_ws, by_date["2023-12-20"].id, target)
    document = open_docx(target)
    assert all("DRAFT" in section.header.paragraphs[0].text for section in document.sections)
    pdf = tmp_path / "draft.pdf"
    export_minutes(demo_ws, by_date["2023-12-20"].id, pdf)
    drafts = ("DRAFT", "DRAFT")  # the mark across the page and the one in its header
    furniture = ("Scrutiny Co-ordination Committee: minutes of 20 December 2023", *drafts)
    assert pdf_words(pdf, furniture=furniture) == docx_words(document)


def test_word_charts_state_their_figures(exported):
    _pdf, word, *_rest = exported["performance"]
    found = pictures(open_docx(word))
    assert len(found) == 2
    history = next(picture for picture in found if "2022-23: 74%" in picture["descr"])
    assert history["descr"].startswith("Line chart:")
    assert "2020-21: no figure" in history["descr"] or "2020/21: no figure" in history["descr"]
    assert all(picture["title"] for picture in found)


def test_word_tables_repeat_their_header_row(exported):
    _pdf, word, *_rest = exported["tracker"]
    document = open_docx(word)
    for table in tables(document):
        first = table.rows[0]._tr.trPr
        assert first is not None and first.xml.count("tblHeader") == 1
        assert all(
            row._tr.trPr is None or "tblHeader" not in row._tr.trPr.xml for row in table.rows[1:]
        )


@pytest.mark.parametrize("name", NAMES)
def test_every_pdf_declares_language_title_and_author(exported, name):
    pdf, *_rest = exported[name]
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title and reader.metadata.author == "Coventry City Council"
    if name == "pack":
        assert root["/PageMode"] == "/UseOutlines"
    else:
        assert root.get("/PageMode", "/UseNone") != "/UseOutlines"


def test_pdf_addresses_are_links(exported):
    pdf, *_rest = exported["briefing-note"]
    targets = set()
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                targets.add(str(action["/URI"]))
    assert "mailto:insight@coventry.gov.uk" in targets
    assert "https://www.coventry.gov.uk/performance/" in targets
    assert "https://www.coventry.gov.uk/infoandstats/" in targets


def test_links_leave_markup_and_sentences_alone():
    from ocplan_desktop.reports.links import linkify

    assert linkify("See www.example.org/a?b=1&amp;c=2.") == (
        'See <a href="https://www.example.org/a?b=1&amp;c=2" color="#1d4f91" underline="1">'
        "www.example.org/a?b=1&amp;c=2</a>."
    )
    assert 'href="mailto:jo.bloggs@coventry.gov.uk"' in linkify(
        "Mail jo.bloggs@coventry.gov.uk, or"
    )
    assert linkify("<b>no address</b> here") == "<b>no address</b> here"
    already = '<a href="https://x.org">https://x.org</a>'
    assert linkify(already) == already


def test_story_with_awkward_text_writes_to_word(demo_ws, tmp_path):
    from ocplan_desktop.reports.publish import write_document

    report = reports.load(demo_ws, meetings.list_reports(demo_ws)[0].id)
    story = briefing_note_story(report, [], 'Council <b>&amp; "x"')
    target = tmp_path / "awkward.docx"
    write_document(target, story, title="<img src='/etc/passwd'/> & title", author="A & B")
    document = open_docx(target)
    assert document.core_properties.title == "<img src='/etc/passwd'/> & title"
    assert any(p.text == 'Council <b>&amp; "x"' for p in document.paragraphs)
    assert not list(Path(tmp_path).glob("*.partial"))


ADDRESSY = st.lists(
    st.one_of(
        st.sampled_from(
            ["www.", "https://", "@", ".gov.uk", "&", "<", ">", '"', "(", ")", ".", " ", "a@b.co"]
        ),
        st.text(max_size=6),
    ),
    max_size=14,
).map("".join)


@settings(max_examples=80, deadline=None)
@given(ADDRESSY)
def test_linked_text_still_parses_and_reads_the_same(text):
    from reportlab.platypus import Paragraph

    from ocplan_desktop.reports.links import linkify
    from ocplan_desktop.reports.styles import styles
    from ocplan_desktop.reports.text import escape_text

    plain = Paragraph(escape_text(text), styles().body).getPlainText()
    linked = Paragraph(linkify(escape_text(text)), styles().body).getPlainText()
    assert linked == plain
