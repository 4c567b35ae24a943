"""Exempt papers (Schedule 12A) never reach a public file: the public pack and minutes name the item
and its paragraph and nothing else of it, in pages, bookmarks or metadata, in PDF and in Word. The
members' pack carries them marked NOT FOR PUBLICATION on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.exempt import Audience, check_exemption
from ocplan_desktop.domain.reports import numbered_sections
from ocplan_desktop.reports.briefing_note import export_briefing_note
from ocplan_desktop.reports.minutes_pdf import export_minutes
from ocplan_desktop.reports.pack import PackOptions, export_pack
from ocplan_desktop.services import exempt, meetings, reports
from ocplan_desktop.services.demo_exempt import MINUTES_PARAGRAPHS, REASON, TITLE
from ocplan_desktop.services.minutes_data import meeting_minutes
from tests.reports.docx_reading import body, open_docx
from tests.reports.pdf_reading import outline, page_texts


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip().casefold()


def _sentences(text: str) -> list[str]:
    """The text's sentences (and list items), each long enough to mean something on its own."""
    parts = re.split(r"(?<=[.;:!?])\s+|\n+", text)
    return [part.strip() for part in parts if len(part.strip()) >= 12]


def exempt_report(ws):
    (summary,) = [item for item in meetings.list_reports(ws) if item.title == TITLE]
    return reports.load(ws, summary.id)


def report_sentences(report) -> list[str]:
    """Every sentence of the report's text, its title aside (the public may see the title)."""
    texts = [
        report.report_of,
        report.cabinet_member,
        report.key_decision_reason,
        report.executive_summary,
        report.author_contact,
        *(item.text for item in report.recommendations),
        *(author.name for author in report.authors),
        *report.appendices,
    ]
    for section in numbered_sections(report):
        texts += [text for _number, _heading, text in section.paragraphs if text != "None."]
        texts += [section.heading for section in report.sections]
    return [sentence for text in texts for sentence in _sentences(text)]


def cabinet_meeting(ws) -> int:
    """The Cabinet meeting whose agenda holds the demo's exempt report."""
    (meeting_id,) = [
        meeting.id
        for meeting in meetings.list_meetings(ws)
        if meeting.committee == "Cabinet"
        and any(item.title == TITLE for item in meetings.agenda(ws, meeting.id))
    ]
    return meeting_id


def docx_text(path: Path) -> str:
    document = open_docx(path)
    parts = []
    for item in body(document):
        if hasattr(item, "rows"):
            parts += [cell.text for row in item.rows for cell in row.cells]
        else:
            parts.append(item.text)
    for section in document.sections:
        parts += [paragraph.text for paragraph in section.header.paragraphs]
    properties = document.core_properties
    parts += [properties.title or "", properties.subject or "", properties.keywords or ""]
    return "\n".join(parts)


def test_public_pack_holds_not_one_sentence_of_the_exempt_report(demo_ws, tmp_path):
    report = exempt_report(demo_ws)
    meeting_id = cabinet_meeting(demo_ws)
    sentences = report_sentences(report) + [
        sentence for text in (*MINUTES_PARAGRAPHS, REASON) for sentence in _sentences(text)
    ]
    assert len(sentences) >= 15
    pdf, word = tmp_path / "public.pdf", tmp_path / "public.docx"
    export_pack(demo_ws, meeting_id, pdf)  # public is the default
    export_pack(demo_ws, meeting_id, word, options=PackOptions(audience=Audience.PUBLIC))
    reader = PdfReader(pdf)
    metadata = " ".join(str(value) for value in (reader.metadata or {}).values())
    bookmarks = " ".join(title for _level, title, _page in outline(pdf))
    printed = {
        "the PDF's pages": _squash(" ".join(page_texts(pdf))),
        "its bookmarks": _squash(bookmarks),
        "its metadata": _squash(metadata),
        "the Word file": _squash(docx_text(word)),
    }
    for where, text in printed.items():
        for sentence in sentences:
            assert _squash(sentence) not in text, f"{sentence!r} is in {where}"
    # The item itself is listed, with its paragraph, in both files.
    for where in ("the PDF's pages", "the Word file"):
        assert _squash(TITLE) in printed[where]
        assert (
            "paragraph 3 of part 1 of schedule 12a to the local government act 1972"
            in (printed[where])
        )
    # A sentence of a public report is there, so the check above can fail.
    assert "the one coventry approach" in printed["the PDF's pages"]


def test_members_pack_marks_every_page_of_the_exempt_papers(demo_ws, tmp_path):
    meeting_id = cabinet_meeting(demo_ws)
    target = tmp_path / "members.pdf"
    export_pack(demo_ws, meeting_id, target, options=PackOptions(audience=Audience.MEMBERS))
    texts = page_texts(target)
    # The item's own page: the last that names it (the contents and agenda name it too).
    start = max(number for number, text in enumerate(texts) if "Item 6: Disposal" in text)
    exempt_pages = texts[start:]
    assert any("£2.35 million" in text for text in exempt_pages)
    assert len(exempt_pages) >= 2
    for text in exempt_pages:
        assert "NOT FOR PUBLICATION" in text and "paragraph 3 of Part 1 of Schedule 12A" in text
    for text in texts[:start]:
        assert "NOT FOR PUBLICATION" not in text
    # Word: the papers sit in a section of their own whose header carries the mark.
    word = tmp_path / "members.docx"
    export_pack(demo_ws, meeting_id, word, options=PackOptions(audience=Audience.MEMBERS))
    headers = [
        " ".join(paragraph.text for paragraph in section.header.paragraphs)
        for section in open_docx(word).sections
    ]
    assert sum("NOT FOR PUBLICATION" in header for header in headers) == 1
    assert "NOT FOR PUBLICATION" not in headers[0]


def test_public_minutes_print_the_heading_and_the_exemption_only(demo_ws, tmp_path):
    meeting_id = cabinet_meeting(demo_ws)
    record = meeting_minutes(demo_ws, meeting_id)
    assert list(record.exemptions.values())[0].paragraph == 3
    public, members = tmp_path / "public.pdf", tmp_path / "members.pdf"
    export_minutes(demo_ws, meeting_id, public)
    export_minutes(demo_ws, meeting_id, members, audience=Audience.MEMBERS)
    public_text = _squash(" ".join(page_texts(public)))
    members_text = _squash(" ".join(page_texts(members)))
    assert _squash(TITLE) in public_text and "paragraph 3 of part 1" in public_text
    for sentence in _sentences(" ".join(MINUTES_PARAGRAPHS)) + [
        "sale of the freehold to the preferred bidder be approved"
    ]:
        assert _squash(sentence) not in public_text
        assert _squash(sentence) in members_text
    assert "not for publication" in members_text
    word = tmp_path / "public.docx"
    export_minutes(demo_ws, meeting_id, word)
    assert "preferred bidder be approved" not in docx_text(word)


def test_an_exempt_report_is_exported_for_members_only(demo_ws, tmp_path):
    report = exempt_report(demo_ws)
    with pytest.raises(ValidationError, match="exempt under paragraph 3"):
        export_briefing_note(demo_ws, report.id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()
    target = tmp_path / "members.pdf"
    pages = export_briefing_note(demo_ws, report.id, target, audience=Audience.MEMBERS)
    texts = page_texts(target)
    assert pages == len(texts) >= 2
    assert all("NOT FOR PUBLICATION" in text for text in texts)


def test_marking_is_an_undoable_edit_and_bad_paragraphs_are_refused(demo_ws):
    (summary,) = [item for item in meetings.list_reports(demo_ws) if item.title != TITLE]
    change = exempt.set_report_exemption(demo_ws, summary.id, 5, "  Legal  advice ")
    found = exempt.report_exemption(demo_ws, summary.id)
    assert found is not None and found.paragraph == 5 and found.reason == "Legal advice"
    change.undo(demo_ws)
    assert exempt.report_exemption(demo_ws, summary.id) is None
    for bad in (0.5, 8, "x", -1):
        with pytest.raises(ValidationError, match="paragraph"):
            check_exemption(bad, "")
    with pytest.raises(ValidationError, match="too long"):
        check_exemption(2, "x" * 1001)
    (upcoming,) = [item for item in meetings.list_meetings(demo_ws) if item.date == "2024-02-07"]
    item = meetings.agenda(demo_ws, upcoming.id)[-1]
    change = exempt.set_item_exemption(demo_ws, item.id, "1", "Names a member of staff")
    assert exempt.item_exemption(demo_ws, item.id).paragraph == 1
    assert exempt.meeting_exemptions(demo_ws, upcoming.id)[item.id].reason == (
        "Names a member of staff"
    )
    change.undo(demo_ws)
    assert exempt.meeting_exemptions(demo_ws, upcoming.id) == {}
