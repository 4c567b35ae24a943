"""A CSV or XLSX file dropped anywhere on the window goes to the import it is for: a tracker to
Recommendations, indicators to Indicators, a survey export to the Engagement exercise shown, minutes
text to the minutes of the item shown. The page is shown first, then its own import runs (with its
preview and checks). A file no import takes is one message."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QDragMoveEvent, QDropEvent

from ocplan_desktop.importers.sniff import FEEDBACK, INDICATORS, MINUTES, TRACKER, kind_of

if TYPE_CHECKING:
    from ocplan_desktop.ui.main_window import MainWindow

ACCEPTED = (".csv", ".xlsx", ".txt")
PAGE_OF = {
    MINUTES: "Meetings & minutes",
    TRACKER: "Recommendations",
    INDICATORS: "Indicators",
    FEEDBACK: "Engagement",
}


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files in a drag that an import could take."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.suffix.lower() in ACCEPTED]


def import_dropped(window: MainWindow, path: Path) -> str | None:
    """Start the import `path` is for; the kind of file, or None (and a message) when none is."""
    if window.ws is None:
        return None
    kind = kind_of(path)
    if kind is None:
        window.show_message(
            "Cannot import",
            f"{path.name} is not a file ocplan can import: drop a tracker, indicators or survey "
            "spreadsheet (.csv or .xlsx), or minutes text (.txt).",
        )
        return None
    titles = [page.title for page in window.pages]
    row = titles.index(PAGE_OF[kind])
    window.show_page(row)
    page = window.pages[row]
    if kind == TRACKER:
        page.import_file(path)  # type: ignore[attr-defined]
    elif kind == INDICATORS:
        page.files.start_import(path)  # type: ignore[attr-defined]
    elif kind == FEEDBACK:
        if page.import_file(path) is None:  # type: ignore[attr-defined]
            window.show_message(
                "Choose an exercise",
                f"{path.name} looks like survey responses: select the engagement exercise they "
                "belong to, then drop the file again.",
            )
    else:
        page.import_text_file(path)  # type: ignore[attr-defined]
    window.say(f"Importing {path.name}…")
    return kind


def accept_files(window: MainWindow, event: QDragMoveEvent) -> None:
    """A drag over the window is welcome when it brings a file an import could take."""
    if window.ws is not None and dropped_files(event.mimeData()):
        event.acceptProposedAction()


def drop_files(window: MainWindow, event: QDropEvent) -> None:
    files = dropped_files(event.mimeData())
    if files:
        event.acceptProposedAction()
        import_dropped(window, files[0])
