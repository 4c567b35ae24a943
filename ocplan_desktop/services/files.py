"""Writing output files safely: through a temporary file beside the target, renamed into place,
under a name made safe from a title."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import threading
import unicodedata
from collections.abc import Callable
from pathlib import Path

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.store.failures import write_problem

_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{number}" for number in range(1, 10)),
    *(f"lpt{number}" for number in range(1, 10)),
}
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
MAX_NAME = 120


def safe_file_name(title: str, suffix: str = "", fallback: str = "document") -> str:
    """A file name made from a title: no path separators or reserved names, not overlong."""
    text = unicodedata.normalize("NFC", title)
    text = _UNSAFE.sub(" ", text)
    text = " ".join(text.split()).strip(" .")
    if not text or set(text) <= {"."}:
        text = fallback
    if text.split(".")[0].casefold() in _RESERVED:
        text = f"{text} (file)"
    budget = MAX_NAME - len(suffix)
    if len(text.encode("utf-8")) > budget:
        encoded = text.encode("utf-8")[:budget]
        text = encoded.decode("utf-8", "ignore").rstrip(" .")
    return text + suffix


_UMASK_LOCK = threading.Lock()


def current_umask() -> int:
    """The process's umask (read by setting and restoring it, under a lock)."""
    with _UMASK_LOCK:
        mask = os.umask(0o022)
        os.umask(mask)
    return mask


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~current_umask()


def write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """Call `write(temporary_path)` and rename the result over `target`; nothing half-written is left.

    The temporary file is in the target's folder so the rename is atomic on the same file system.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OcplanError(f"{folder} is not a folder: cannot write {target.name}")
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=folder)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        # mkstemp makes the file owner-only; the document gets the user's normal permissions (as
        # any program's output would, under their umask), or keeps those of the file it replaces.
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
    except PermissionError:
        temporary.unlink(missing_ok=True)
        raise OcplanError(f"{target}: permission denied (is it open in another program?)") from None
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        problem = write_problem(error, f"Writing {target}")  # a full disk, a file-size limit
        if problem is not None:
            raise problem from None
        raise
    return target
