"""A printable A4 poster for an engagement exercise, with a QR code of its public link.

The Scrutiny committee asked officers to explore QR codes linking to a WhatsApp group: the poster
goes up in libraries and Family Hubs, and a phone's camera takes a passer-by straight to the survey or
the group. The code is drawn as vectors (ReportLab's QR widget), so it prints sharp at any size.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.reports.document import LANGUAGE
from ocplan_desktop.reports.fonts import BOLD, prepare_scripts, register_fonts
from ocplan_desktop.reports.text import escape_text
from ocplan_desktop.services import engagement
from ocplan_desktop.services.files import write_atomically
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store import reference
from ocplan_desktop.store.workspace import Workspace

NAVY = "#1f3a4d"
ACCENT = "#c0504d"
QR_SIZE_CM = 10.0
# Channels a poster points people to in person; the link covers the online ones.
IN_PERSON = ("Library", "Family Hub", "Event")


@dataclass(frozen=True)
class PosterContent:
    council: str
    title: str
    purpose: str
    opens_on: str | None
    closes_on: str | None
    link: str
    in_person: tuple[str, ...]

    @property
    def is_whatsapp(self) -> bool:
        return "whatsapp" in self.link.casefold()


def poster_content(ws: Workspace, exercise_id: int) -> PosterContent:
    """What the poster says, from the exercise; refuses an exercise with no link to encode."""
    fields = engagement.exercise_fields(ws, exercise_id)
    if not fields.public_link:
        raise ValidationError(
            f"'{fields.title}' has no public link (survey address or WhatsApp group) to put in a "
            "QR code: add one to the exercise first",
            field="public link",
        )
    channels = dict(reference.names(ws, "channels"))
    used = [channels[item] for item in fields.channel_ids if item in channels]
    return PosterContent(
        council=ws.setting("council", "Coventry City Council"),
        title=fields.title,
        purpose=fields.purpose,
        opens_on=fields.opens_on,
        closes_on=fields.closes_on,
        link=fields.public_link,
        in_person=tuple(name for name in used if name in IN_PERSON),
    )


def write_poster(
    ws: Workspace, exercise_id: int, path: Path | str, progress: Progress = NO_PROGRESS
) -> Path:
    """Write the poster PDF atomically (a half-written file never replaces a good one)."""
    content = poster_content(ws, exercise_id)
    progress.step(0, 1, "Drawing the poster")
    target = write_atomically(Path(path), lambda temporary: build_poster(content, temporary))
    progress.step(1, 1, "Done")
    return target


def qr_drawing(link: str, size: float) -> Any:
    """The link as a QR code drawing `size` points square (with the code's own quiet zone)."""
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(link, barLevel="M", barBorder=4)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def _dates(content: PosterContent) -> str:
    if content.opens_on and content.closes_on:
        return f"Open from {format_date(content.opens_on)} to {format_date(content.closes_on)}"
    if content.closes_on:
        return f"Open until {format_date(content.closes_on)}"
    if content.opens_on:
        return f"Open from {format_date(content.opens_on)}"
    return ""


def build_poster(content: PosterContent, path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = register_fonts()
    base = ParagraphStyle("poster", fontName=font, fontSize=13, leading=17, alignment=TA_CENTER)
    title = ParagraphStyle(
        "title", parent=base, fontName=BOLD, fontSize=28, leading=34, textColor=NAVY
    )
    call = ParagraphStyle(
        "call", parent=base, fontName=BOLD, fontSize=20, leading=25, textColor=ACCENT
    )
    small = ParagraphStyle("small", parent=base, fontSize=11, leading=14, textColor=NAVY)
    link = ParagraphStyle("link", parent=base, fontSize=12, leading=15, wordWrap="CJK")

    width, height = A4

    def band(canvas: Any, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(NAVY))
        canvas.rect(0, height - 2.4 * cm, width, 2.4 * cm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.setFont(BOLD, 16)
        canvas.drawString(2 * cm, height - 1.5 * cm, content.council)
        canvas.setFillColor(colors.HexColor(NAVY))
        canvas.rect(0, 0, width, 0.8 * cm, stroke=0, fill=1)
        canvas.restoreState()

    document = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=3.2 * cm,
        bottomMargin=1.6 * cm,
        title=f"Poster: {content.title}",
        author=content.council,
        invariant=1,
        lang=LANGUAGE,  # like every PDF: its language, and its title in the reader's title bar
        displayDocTitle=True,
    )
    heading = "Join the conversation on WhatsApp" if content.is_whatsapp else "Have your say"
    scan = (
        "Scan the code with your phone's camera to join the WhatsApp group, or open:"
        if content.is_whatsapp
        else "Scan the code with your phone's camera to take part, or go to:"
    )
    purpose = content.purpose if len(content.purpose) <= 600 else content.purpose[:597] + "…"
    story: list[Any] = [
        Paragraph(escape_text(heading), call),
        Spacer(1, 0.3 * cm),
        Paragraph(escape_text(content.title), title),
        Spacer(1, 0.4 * cm),
    ]
    if purpose:
        story += [Paragraph(escape_text(purpose), base), Spacer(1, 0.3 * cm)]
    if dates := _dates(content):
        story += [Paragraph(f"<b>{escape_text(dates)}</b>", base)]
    frame = Table(
        [[qr_drawing(content.link, QR_SIZE_CM * cm)]],
        colWidths=[QR_SIZE_CM * cm + 0.6 * cm],
        rowHeights=[QR_SIZE_CM * cm + 0.6 * cm],
    )
    frame.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2, colors.HexColor(NAVY)),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story += [
        Spacer(1, 0.6 * cm),
        frame,
        Spacer(1, 0.4 * cm),
        Paragraph(escape_text(scan), base),
        Spacer(1, 0.15 * cm),
        Paragraph(f"<b>{escape_text(content.link, line_breaks=False)}</b>", link),
    ]
    if content.in_person:
        places = _places(content.in_person)
        story += [
            Spacer(1, 0.5 * cm),
            Paragraph(escape_text(f"You can also give your views in person {places}."), small),
        ]
    prepare_scripts(story)  # a title in Punjabi or Urdu is shaped, as in every other document
    document.build(story, onFirstPage=band, onLaterPages=band)


def _places(channels: tuple[str, ...]) -> str:
    words = {
        "Library": "at your local library",
        "Family Hub": "at a Family Hub",
        "Event": "at one of our events",
    }
    parts = [words[name] for name in channels]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]
