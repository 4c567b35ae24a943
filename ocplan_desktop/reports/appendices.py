"""Appendices in the pack: the PDF kept with each appendix is attached after its report, each of its
pages set inside a pack page (so the running header, "Page n of N", the contents and the bookmarks
count it); an appendix with no file, a missing file or one that is not a PDF is listed as "not
attached", with the reason, never silently missing.

ReportLab cannot draw another PDF's page, so the pack lays out a reserved page for each appendix page,
and pypdf sets the appendix page into it once the pack is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.reports import Report
from ocplan_desktop.reports.document import heading
from ocplan_desktop.reports.styles import styles
from ocplan_desktop.reports.text import escape_text as esc


@dataclass(frozen=True)
class Appendix:
    title: str
    path: Path | None
    pages: int = 0
    problem: str = ""

    @property
    def attached(self) -> bool:
        return self.pages > 0


def _appendix(title: str, file_path: str, folder: Path) -> Appendix:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not file_path.strip():
        return Appendix(title, None, problem="no file is kept with the report")
    path = Path(file_path).expanduser()
    if not path.is_absolute():
        path = folder / path
    if not path.is_file():
        return Appendix(title, path, problem=f"{path.name} is not there")
    try:
        pages = len(PdfReader(path).pages)
    except (PyPdfError, OSError, ValueError):
        return Appendix(title, path, problem=f"{path.name} is not a PDF that can be read")
    if pages == 0:
        return Appendix(title, path, problem=f"{path.name} has no pages")
    return Appendix(title, path, pages)


def report_appendices(report: Report, folder: Path) -> list[Appendix]:
    """Each appendix the report lists, with its file read (relative paths from the workspace's
    folder)."""
    files = list(report.appendix_files) + [""] * len(report.appendices)
    return [_appendix(title, files[index], folder) for index, title in enumerate(report.appendices)]


@dataclass
class Attachments:
    """Where each appendix page lands in the pack, filled in as the pack is laid out."""

    # (appendix key, page index) → (file, pack page, x, y, width, height of the space kept for it)
    placed: dict[tuple[str, int], tuple[Path, int, float, float, float, float]] = field(
        default_factory=dict
    )

    def page(self, path: Path, index: int, key: str) -> Any:
        """A flowable that takes the rest of the frame and notes where on which pack page it lands."""
        from reportlab.platypus import Flowable

        placed = self.placed

        class AppendixPage(Flowable):  # type: ignore[misc]
            def wrap(self, width: float, height: float) -> tuple[float, float]:
                self.width, self.height = width, height - 1
                return self.width, self.height

            def draw(self) -> None:
                x, y = self.canv.absolutePosition(0, 0)
                page = self.canv.getPageNumber()
                placed[(key, index)] = (path, page, x, y, self.width, self.height)

        return AppendixPage()

    def finish(self, pdf: Path) -> None:
        """Set each appendix page into its reserved pack page, scaled to the body frame."""
        if not self.placed:
            return
        from pypdf import PdfReader, PdfWriter, Transformation

        writer = PdfWriter(clone_from=PdfReader(pdf))
        sources: dict[Path, Any] = {}
        for (_key, index), (path, page_number, left, bottom, room_w, room_h) in sorted(
            self.placed.items()
        ):
            source = sources.setdefault(path, PdfReader(path)).pages[index]
            target = writer.pages[page_number - 1]
            box = source.mediabox
            width, height = float(box.width), float(box.height)
            scale = min(room_w / width, room_h / height, 1.0)
            x = left + (room_w - width * scale) / 2 - float(box.left) * scale
            y = bottom + (room_h - height * scale) - float(box.bottom) * scale
            target.merge_transformed_page(
                source, Transformation().scale(scale, scale).translate(x, y)
            )
        with pdf.open("wb") as handle:
            writer.write(handle)


def appendices_story(
    appendices: list[Appendix], attachments: Attachments, key: str, outline: int
) -> list[Any]:
    """The report's appendices in the pack: each attached one on its own pages, each other one
    listed as not attached with the reason."""
    from reportlab.platypus import PageBreak, Paragraph

    s = styles()
    if not appendices:
        return []
    story: list[Any] = []
    missing = [item for item in appendices if not item.attached]
    if missing:
        story += [Paragraph("Appendices not attached to this pack:", s.label)]
        story += [
            Paragraph(
                esc(f"{item.title} – not attached: {item.problem}."), s.bullet, bulletText="•"
            )
            for item in missing
        ]
    for number, item in enumerate(appendices):
        if not item.attached or item.path is None:
            continue
        # The heading shares the first page with the appendix's first page: never a page alone.
        story += [
            PageBreak(),
            heading(
                esc(f"{item.title} (attached: {item.path.name}, {item.pages} page(s))"),
                s.heading2,
                outline=outline,
                contents=outline,
                key=f"{key}-appendix{number}",
            ),
        ]
        for index in range(item.pages):
            if index:
                story.append(PageBreak())
            story.append(attachments.page(item.path, index, f"{key}-{number}"))
    return story
