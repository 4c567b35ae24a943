"""Every document the app writes, as a registry the awkward-strings test runs through.

`AWKWARD` is every kind of text an officer can type that has broken or subverted a document before:
markup, entities, a file path in an `<img>`, a font that does not exist, control characters,
formula prefixes. `plant(ws, text)` puts one of them into every field a user can type that some
document prints (report, minutes, agenda headings that become contents entries and bookmarks,
recommendations, indicators and overrides, exercises). Each `Output` then writes its document and
reads its text back.

Every document but the poster is written as Word too (`_word`): read back with python-docx, and its
only pictures must be the app's charts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace

AWKWARD = [
    "<b>unclosed",
    "a < b & c",
    "R&D spend",
    '<img src="/etc/passwd"/>',
    '<font name="x">',
    '<font color="[[[1]]]">x</font>',
    "&lt;escaped&gt; &amp; &#0; &bogus;",
    "Tab\there, ]]> <![CDATA[ <para>",
    "=SUM(A1)",
]

SCHEDULED_MEETING = "2024-02-07"  # not yet held: its minutes are a draft
PACK_MEETING = "2023-12-20"  # the Scrutiny meeting with the annual report on its agenda


def squashed(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    return squashed(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def pdf_outline_titles(path: Path) -> list[str]:
    reader = PdfReader(path)
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))

    walk(reader.outline)
    return titles


def pdf_foreign_images(path: Path) -> list[str]:
    """Image XObjects anywhere in the file (the app draws everything as vectors and text), and any
    form XObject that is not the app's own page-total form."""
    from ocplan_desktop.reports.document import TOTAL_FORM

    found = []
    reader = PdfReader(path)
    for number, page in enumerate(reader.pages, start=1):
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        for name, ref in xobjects.items():
            xobject = ref.get_object()
            subtype = xobject.get("/Subtype")
            if subtype == "/Image" or (subtype == "/Form" and TOTAL_FORM not in str(name)):
                found.append(f"page {number}: {name} ({subtype})")
    return found


@dataclass(frozen=True)
class Output:
    name: str
    write: Callable[[Workspace, Path], object]
    suffix: str = ".pdf"
    read: Callable[[Path], str] = pdf_text
    foreign_images: Callable[[Path], list[str]] = pdf_foreign_images
    bookmarks: Callable[[Path], list[str]] | None = pdf_outline_titles


def _meeting(ws: Workspace, date: str) -> int:
    return int(ws.scalar("SELECT id FROM meetings WHERE date = ?", (date,)))


def _report(ws: Workspace) -> int:
    return int(ws.scalar("SELECT min(id) FROM reports"))


def _exercise(ws: Workspace) -> int:
    return int(ws.scalar("SELECT min(id) FROM exercises"))  # the One Coventry Plan exercise


def plant(ws: Workspace, text: str) -> None:
    """Put `text` into every user-typed field that a document prints."""
    from ocplan_desktop.domain.minutes import Minutes, resolution
    from ocplan_desktop.services import indicators as indicator_service
    from ocplan_desktop.store import meetings
    from ocplan_desktop.store import minutes as minutes_store

    report = _report(ws)
    for field in ("cabinet_member", "executive_summary", "background_papers", "web_link"):
        records.update(ws, "reports", report, {field: f"{field}: {text}"})
    section = ws.scalar("SELECT min(id) FROM report_sections WHERE report_id = ?", (report,))
    records.update(ws, "report_sections", int(section), {"heading": f"Section {text}"})
    paragraph = ws.scalar("SELECT min(id) FROM report_paragraphs WHERE section_id = ?", (section,))
    records.update(ws, "report_paragraphs", int(paragraph), {"text": f"Paragraph {text}"})
    appendix = ws.scalar("SELECT min(id) FROM report_appendices WHERE report_id = ?", (report,))
    records.update(ws, "report_appendices", int(appendix), {"title": f"Appendix {text}"})

    # Agenda headings become contents entries and bookmarks in the pack.
    for date in (PACK_MEETING, SCHEDULED_MEETING):
        meeting = _meeting(ws, date)
        records.update(ws, "meetings", meeting, {"venue": f"Venue {text}"})
        item = meetings.add_agenda_item(ws, meeting, f"Heading {text}")
        minutes_store.add_minutes(
            ws,
            Minutes(
                item,
                heading=f"Minute {text}",
                report_of=f"Report of {text}",
                paragraphs=(f"Narrative {text}",),
                bullets=(f"Bullet {text}",),
                resolutions=(resolution(f"Resolved {text}", resolution(f"Child {text}")),),
            ),
        )

    recommendation = int(ws.scalar("SELECT min(id) FROM recommendations"))
    records.update(
        ws,
        "recommendations",
        recommendation,
        {"text": f"Recommendation {text}", "response_text": f"Response {text}"},
    )
    records.update(
        ws,
        "recommendations",
        int(ws.scalar("SELECT max(id) FROM recommendations")),
        {"text": f"Recommendation {text}", "updated_at": "2024-01-10T10:00:00+00:00"},
    )

    indicator = int(ws.scalar("SELECT min(id) FROM indicators"))
    records.update(ws, "indicators", indicator, {"name": f"Indicator {text}"})
    # The service refuses a tab in a reason (an officer cannot save one): the rest goes in.
    reason = f"Reason {text}".replace("\t", " ")
    indicator_service.set_override(ws, indicator, "2022-23", "improved", reason)

    exercise = _exercise(ws)
    records.update(
        ws,
        "exercises",
        exercise,
        {"title": f"Exercise {text}", "purpose": f"Purpose {text}"},
    )


def _briefing_note(ws: Workspace, path: Path) -> object:
    from ocplan_desktop.reports.briefing_note import export_briefing_note

    return export_briefing_note(ws, _report(ws), path, invariant=True)


def _minutes(ws: Workspace, path: Path) -> object:
    from ocplan_desktop.reports.minutes_pdf import export_minutes

    return export_minutes(ws, _meeting(ws, SCHEDULED_MEETING), path, invariant=True)


def _pack(ws: Workspace, path: Path) -> object:
    from ocplan_desktop.reports.pack import (
        PackOptions,
        export_pack,
        performance_section,
        tracker_section,
    )

    options = PackOptions(
        extra_sections=(tracker_section(dt.date(2020, 1, 1)), performance_section("2022-23")),
        invariant=True,
    )
    return export_pack(ws, _meeting(ws, PACK_MEETING), path, options=options)


def _tracker(ws: Workspace, path: Path) -> object:
    from ocplan_desktop.reports.tracker_pdf import export_tracker

    return export_tracker(ws, dt.date(2020, 1, 1), path, today=dt.date(2024, 1, 15), invariant=True)


def _performance(ws: Workspace, path: Path) -> object:
    from ocplan_desktop.reports.performance_pdf import export_performance

    return export_performance(ws, "2022-23", path, invariant=True)


def _engagement(ws: Workspace, path: Path) -> object:
    from ocplan_desktop.reports.engagement_pdf import export_engagement

    return export_engagement(ws, _exercise(ws), path, invariant=True)


def _poster(ws: Workspace, path: Path) -> object:
    from ocplan_desktop.reports.poster import write_poster

    return write_poster(ws, _exercise(ws), path)


def docx_text(path: Path) -> str:
    """Every paragraph of the Word file (body, tables, headers and footers) as one line."""
    import docx

    document = docx.Document(str(path))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [cell.text for cell in row.cells]
    for section in document.sections:
        texts += [paragraph.text for paragraph in section.header.paragraphs]
        texts += [paragraph.text for paragraph in section.footer.paragraphs]
    return squashed(" ".join(texts))


def docx_foreign_images(path: Path) -> list[str]:
    """Pictures the app did not put there: the app's only pictures are its charts, whose alternative
    text starts with the kind of chart; a picture linked to a file outside the document is foreign
    whatever it says."""
    import docx
    from docx.oxml.ns import qn

    from ocplan_desktop.reports.docx.images import KIND_TEXT

    kinds = tuple(f"{kind}:" for kind in KIND_TEXT.values())
    document = docx.Document(str(path))
    found = []
    parts = [document.element, *(s.header._element for s in document.sections)]
    for part in parts:
        for picture in part.iter(qn("wp:docPr")):
            if not str(picture.get("descr", "")).startswith(kinds):
                found.append(f"picture {picture.get('name')!r}: {picture.get('descr')!r}")
        for blip in part.iter(qn("a:blip")):
            if blip.get(qn("r:link")):
                found.append(f"linked picture {blip.get(qn('r:link'))}")
    return found


def _word(name: str, write: Callable[[Workspace, Path], object]) -> Output:
    """The same document as Word: the exporters choose the format by the file's extension."""
    return Output(
        f"{name} (Word)",
        write,
        suffix=".docx",
        read=docx_text,
        foreign_images=docx_foreign_images,
        bookmarks=None,
    )


_DOCUMENTS = [
    ("briefing note", _briefing_note),
    ("minutes", _minutes),
    ("briefing pack", _pack),
    ("tracker", _tracker),
    ("performance report", _performance),
    ("engagement summary", _engagement),
]
OUTPUTS: list[Output] = [
    *(Output(name, write) for name, write in _DOCUMENTS),
    Output("poster", _poster),
    *(_word(name, write) for name, write in _DOCUMENTS),
]

# What each output must print (besides not breaking): the planted fields it shows.
EXPECTED: dict[str, tuple[str, ...]] = {
    "briefing note": ("cabinet_member: ", "Section ", "Paragraph ", "Appendix "),
    "minutes": ("Venue ", "Minute ", "Narrative ", "Bullet ", "Resolved ", "Child "),
    "briefing pack": ("Heading ", "Venue ", "Section ", "Recommendation ", "Indicator "),
    "tracker": ("Recommendation ", "Response "),
    "performance report": ("Indicator ", "Reason "),
    "engagement summary": ("Exercise ", "Purpose "),
    "poster": ("Exercise ", "Purpose "),
}
EXPECTED.update({f"{name} (Word)": EXPECTED[name] for name, _write in _DOCUMENTS})
# Outline entries that must carry the text as typed (the pack's contents come from these too).
BOOKMARKED: dict[str, tuple[str, ...]] = {"briefing pack": ("Heading ",)}


def literal_forms(text: str) -> list[str]:
    """The text as a reader sees it printed: tabs and line breaks are white space."""
    return [squashed(text)]


def expected_phrases(output: str, text: str) -> list[str]:
    return [squashed(prefix + text) for prefix in EXPECTED[output]]


def no_markup_leaked(printed: str) -> bool:
    """True when nothing reads as an entity ReportLab rewrote (R&D; for R&D)."""
    return re.search(r"R&D;", printed) is None


# Text residents write, one phrase per script the city's engagement reaches (each phrase the
# project's own words): Punjabi in Gurmukhi, Urdu and Arabic (right to left, joined), Bengali,
# Polish and Chinese. `SCRIPT_FONTS` is the font each must be set in.
SCRIPTS = {
    "Punjabi": "ਲਾਇਬ੍ਰੇਰੀ ਸ਼ਨੀਵਾਰ ਨੂੰ ਖੁੱਲ੍ਹੀ ਰਹਿਣੀ ਚਾਹੀਦੀ ਹੈ।",
    "Urdu": "پارک میں روشنی بہتر ہونی چاہیے",
    "Arabic": "نرجو توفير المزيد من الحافلات",
    "Bengali": "রাস্তার আলো উন্নত করা প্রয়োজন।",
    "Polish": "Proszę o więcej ścieżek rowerowych – dziękuję",
    "Chinese": "图书馆周六应该开放。",
}
SCRIPT_FONTS = {  # the embedded faces' names
    "Punjabi": "NotoSansGurmukhi-Regular",
    "Urdu": "NotoNaskhArabic-Regular",
    "Arabic": "NotoNaskhArabic-Regular",
    "Bengali": "NotoSansBengali-Regular",
    "Polish": "DejaVuSans",
    "Chinese": "NotoSansCJKsc-Regular",
}


def pdf_fonts(path: Path) -> set[str]:
    """Base names of the fonts embedded anywhere in the file (ReportLab prefixes subsets)."""
    names = set()
    for page in PdfReader(path).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object().get("/BaseFont")).split("+")[-1].lstrip("/"))
    return names
