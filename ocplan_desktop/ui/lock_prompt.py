"""A workspace someone else has open: open it read-only instead, or, when the lock comes from
another computer that may have crashed with it open, break the lock after a clear warning.

Both questions are window-modal and do not block the event loop; the window's `last_message` is the
box on screen, so tests answer them as an officer would.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.store import lock
from ocplan_desktop.store.lock import LockInfo, WorkspaceLocked

READ_ONLY = "Open read-only"
BREAK = "Break the lock…"
BREAK_AND_OPEN = "Break the lock and open"


def _box(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAccessibleName(title)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return box


def ask_about_lock(
    parent: QWidget,
    error: WorkspaceLocked,
    open_path: Callable[..., object],
    shown: Callable[[QMessageBox], None],
) -> QMessageBox:
    """The workspace is in use: open it read-only, or (another computer's lock) break the lock."""
    box = _box(parent, QMessageBox.Icon.Question, "Workspace in use", str(error))
    read_only = box.addButton(READ_ONLY, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(read_only)
    breaking = None
    if error.info.readable and not error.info.on_this_host:
        breaking = box.addButton(BREAK, QMessageBox.ButtonRole.DestructiveRole)

    def clicked(button: object) -> None:
        if button is read_only:
            open_path(error.path, read_only=True)
        elif breaking is not None and button is breaking:
            shown(confirm_break(parent, error.path, error.info, open_path, shown))

    box.buttonClicked.connect(clicked)
    shown(box)
    box.open()
    return box


def confirm_break(
    parent: QWidget,
    path: Path,
    info: LockInfo,
    open_path: Callable[..., object],
    shown: Callable[[QMessageBox], None],
) -> QMessageBox:
    """Say whose lock it is and since when, and what breaking it risks; Cancel is the default."""
    since = f" since {info.since_text()}" if info.since else ""
    box = _box(
        parent,
        QMessageBox.Icon.Warning,
        "Break the lock?",
        f"{path.name} is locked by {info.user} on {info.host}{since}.\n\n"
        f"Break the lock only if you are sure ocplan is no longer running on {info.host} with this "
        "workspace open: for example, that computer crashed or was switched off. If they are "
        "still working on it, you would both change the workspace at once, and changes could be "
        "lost.",
    )
    confirm = box.addButton(BREAK_AND_OPEN, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)

    def clicked(button: object) -> None:
        if button is not confirm:
            return
        try:
            lock.break_lock(path, info)
        except OcplanError as error:  # taken again meanwhile: say who has it now
            refused = _box(parent, QMessageBox.Icon.Warning, "Lock not broken", str(error))
            shown(refused)
            refused.open()
            return
        open_path(path)

    box.buttonClicked.connect(clicked)
    box.open()
    return box
