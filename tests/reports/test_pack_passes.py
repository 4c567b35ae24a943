"""A long pack is laid out twice, not three times: its contents are sized before the first pass, so
they do not grow in the second and move every page after them. Counted, not timed."""

from __future__ import annotations

import pytest
from reportlab.platypus import BaseDocTemplate

from ocplan_desktop.reports import document
from ocplan_desktop.reports.pack import export_pack
from ocplan_desktop.store import meetings
from tests.reports.pdf_reading import contents_entries, outline, page_texts


@pytest.fixture
def passes(monkeypatch):
    """The number of passes of every multiBuild (ReportLab returns it)."""
    counted: list[int] = []
    original = BaseDocTemplate.multiBuild

    def counting(self, story, *args, **kwargs):
        result = original(self, story, *args, **kwargs)
        counted.append(result)
        return result

    monkeypatch.setattr(BaseDocTemplate, "multiBuild", counting)
    return counted


def long_meeting(ws):
    """90 items, every tenth with the demo's report: a contents of about three pages."""
    report_id = int(ws.scalar("SELECT id FROM reports ORDER BY id LIMIT 1"))
    committee_id = int(ws.scalar("SELECT id FROM committees ORDER BY id LIMIT 1"))
    meeting_id = meetings.add_meeting(ws, committee_id, "2024-03-13", venue="Council House")
    for number in range(90):
        meetings.add_agenda_item(
            ws,
            meeting_id,
            f"Petition {number + 1}: bus shelter on route {number + 1}",
            report_id=report_id if number % 10 == 0 else None,
        )
    return meeting_id


def test_a_pack_with_pages_of_contents_is_laid_out_in_two_passes(demo_ws, tmp_path, passes):
    meeting_id = long_meeting(demo_ws)
    path = tmp_path / "pack.pdf"
    pages = export_pack(demo_ws, meeting_id, path)
    assert passes == [2]

    texts = page_texts(path)
    marks = outline(path)
    starts = {title: page for _level, title, page in marks}
    contents_pages = range(starts["Contents"], starts["Agenda"])
    assert len(contents_pages) >= 2  # the contents run over several pages
    printed: dict[str, int] = {}
    for number in contents_pages:
        printed.update(contents_entries(path, number))
    items = {title: page for _level, title, page in marks if title.startswith("Item ")}
    assert len(items) == 90
    for title, page in items.items():
        assert printed[title] == page  # every printed number is the page the item starts on
        assert title in texts[page - 1]
    assert f"Page {pages} of {pages}" in texts[-1]


def test_without_sizing_the_same_pack_takes_a_third_pass(demo_ws, tmp_path, passes, monkeypatch):
    """The case the sizing is for: left empty, the contents grow in the second pass."""
    monkeypatch.setattr(document, "_headings", lambda _flowables: [])
    export_pack(demo_ws, long_meeting(demo_ws), tmp_path / "pack.pdf")
    assert passes == [3]
