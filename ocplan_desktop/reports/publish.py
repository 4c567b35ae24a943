"""One story, the file the officer asked for: a PDF (ReportLab) or a Word document (python-docx),
chosen by the file's extension. Both get the same links, title, author (the council) and language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.reports.document import build_pdf
from ocplan_desktop.reports.links import link_story
from ocplan_desktop.services.progress import NO_PROGRESS, Progress

FORMATS = {".pdf": "PDF", ".docx": "Word"}


def check_target(path: Path) -> Path:
    """The output file, if it ends in .pdf or .docx; one clear line otherwise."""
    if Path(path).suffix.lower() not in FORMATS:
        raise ValidationError(f"{Path(path).name}: the output file must end in .pdf or .docx")
    return Path(path)


def is_word(path: Path) -> bool:
    return Path(path).suffix.lower() == ".docx"


def write_document(
    target: Path,
    story: Sequence[Any],
    *,
    title: str,
    subject: str = "",
    author: str = "",
    header: str | None = None,
    draft: bool = False,
    cover: bool = False,
    progress: Progress = NO_PROGRESS,
    invariant: bool = False,
    show_outline: bool = False,
    finish: Callable[[Path], None] | None = None,
) -> int:
    """Write `story` to `target` as PDF or Word by its extension; returns the PDF's page count
    (0 for a Word document, whose pages Word lays out). `finish` is for the PDF: it gets the
    written file before it replaces `target` (the pack sets appendix pages in)."""
    check_target(target)
    link_story(story)
    if is_word(target):
        from ocplan_desktop.reports.docx.document import build_docx

        build_docx(
            target,
            story,
            title=title,
            subject=subject,
            author=author,
            header=header,
            draft=draft,
            cover=cover,
            progress=progress,
            invariant=invariant,
        )
        return 0
    return build_pdf(
        target,
        story,
        title=title,
        subject=subject,
        author=author,
        header=header,
        draft=draft,
        cover=cover,
        progress=progress,
        invariant=invariant,
        show_outline=show_outline,
        finish=finish,
    )
