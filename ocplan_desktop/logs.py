"""What the app did, for IT: a rotating log file in the user's log folder, and a crash log.

Every start, workspace opened, refused edit and unexpected error goes to `ocplan.log` (at most five
files of 1 MB); a crash that takes Python down with it (a fault in Qt, say) is written by
`faulthandler` to `crash.log` beside it. Nothing here uses Qt, so the command line logs the same way.
"""

from __future__ import annotations

import faulthandler
import logging
import platform
import sys
from pathlib import Path
from typing import IO

from ocplan_desktop import APP_NAME, ORGANISATION, __version__

LOG_NAME = "ocplan.log"
CRASH_NAME = "crash.log"
MAX_BYTES = 1_000_000
BACKUPS = 4
_state: dict[str, object] = {}


def log_folder() -> Path:
    """The user's log folder (`~/.local/state/ocplan/log` on Linux, `…\\AppData\\Local\\ocplan\\
    ocplan\\Logs` on Windows), made on first use."""
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, ORGANISATION, ensure_exists=True)


def log_file() -> Path:
    return Path(str(_state.get("file") or log_folder() / LOG_NAME))


def start_logging(folder: Path | None = None) -> Path:
    """Log to the rotating file and turn `faulthandler` on; once per process. The log's path."""
    if "file" in _state:
        return log_file()
    from logging.handlers import RotatingFileHandler  # here: it brings pickle and queue with it

    folder = folder or log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    crash: IO[str] = (folder / CRASH_NAME).open("a", encoding="utf-8")
    faulthandler.enable(file=crash, all_threads=True)
    _state.update(file=path, handler=handler, crash=crash)
    logging.getLogger("ocplan").info(
        "ocplan %s started: Python %s on %s (%s)",
        __version__,
        platform.python_version(),
        platform.platform(),
        " ".join(sys.argv[1:]) or "window",
    )
    return path


def stop_logging() -> None:
    """Undo `start_logging` (tests; the app logs until it exits)."""
    handler = _state.pop("handler", None)
    if isinstance(handler, logging.Handler):
        logging.getLogger().removeHandler(handler)
        handler.close()
    crash = _state.pop("crash", None)
    if crash is not None:
        faulthandler.disable()
        crash.close()  # type: ignore[attr-defined]
    _state.pop("file", None)


def details(kind: type[BaseException] | None = None) -> str:
    """The app's version and platform, for a report to IT."""
    return f"ocplan {__version__}; Python {platform.python_version()}; {platform.platform()}" + (
        f"; {kind.__name__}" if kind is not None else ""
    )
