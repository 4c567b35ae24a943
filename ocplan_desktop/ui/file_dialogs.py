"""Where file dialogs start: the folder the officer used last, else the open workspace's folder,
else their documents folder; never the app's own hidden data folder (where the demo workspace and
the backups live, and where nobody would look for their files afterwards)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

if TYPE_CHECKING:
    from ocplan_desktop.store.workspace import Workspace

LAST_FOLDER = "last_folder"


def documents_folder() -> Path:
    from platformdirs import user_documents_path

    folder = user_documents_path()
    return folder if folder.is_dir() else Path.home()


def is_hidden(folder: Path) -> bool:
    """Inside the app's data folder, or a hidden folder (a dot folder), where files get lost."""
    from ocplan_desktop.paths import user_data_dir

    data = user_data_dir().resolve()
    try:
        folder.resolve().relative_to(data)
    except ValueError:
        return any(part.startswith(".") for part in folder.resolve().parts[1:])
    return True


def start_folder(ws: Workspace | None = None) -> Path:
    last = QSettings().value(LAST_FOLDER)
    candidates = [Path(last)] if isinstance(last, str) and last else []
    if ws is not None:
        candidates.append((ws.origin or ws.path).parent)
    for folder in candidates:
        if folder.is_dir() and not is_hidden(folder):
            return folder
    return documents_folder()


def start_path(ws: Workspace | None = None, name: str = "") -> str:
    """The path a file dialog starts at (with a suggested file name, for saving)."""
    folder = start_folder(ws)
    return str(folder / name) if name else str(folder)


def remember(chosen: str | Path) -> None:
    """The folder of a file the officer chose: the next dialog starts there."""
    if chosen:
        QSettings().setValue(LAST_FOLDER, str(Path(chosen).parent))
