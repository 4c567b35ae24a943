"""What every page shares: the open workspace, the undo stack, and the signal that carries each Change.

A page edits through `session.run(text, edit)`: the edit is a service call that returns a Change with
its undo; it is pushed on the undo stack (which runs it at once) and the Change is broadcast so every
view refreshes what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.services.change import Change

if TYPE_CHECKING:
    # Typing only: the window's shell is shown before the store (and sqlite-utils) is imported.
    from ocplan_desktop.store.workspace import Workspace

Edit = Callable[["Workspace"], Change]


class ServiceCommand(QUndoCommand):
    """One undoable edit. Holds the functions that do and undo it, never widgets or connections."""

    def __init__(self, session: Session, text: str, edit: Edit) -> None:
        super().__init__(text)
        self._session = session
        self._do: Edit | None = edit
        self.error: OcplanError | None = None

    def redo(self) -> None:
        if self._do is None:
            self.setObsolete(True)
            return
        try:
            change = self._do(self._session.workspace())
        except OcplanError as error:
            # A refused edit changes nothing and must not sit on the stack.
            self.error = error
            self._do = None
            self.setObsolete(True)
            self._session.refused.emit(str(error))
            return
        self._do = None
        self._undo = change.undo
        self._session.changed.emit(change)

    def undo(self) -> None:
        if self._undo is None:
            return
        change = self._undo(self._session.workspace())
        self._do, self._undo = change.undo, None
        self._session.changed.emit(change)

    _undo: Edit | None = None


class Session(QObject):
    changed = Signal(object)  # Change
    refused = Signal(str)  # the message of an edit that was refused
    workspace_changed = Signal(object)  # Workspace | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws: Workspace | None = None
        self.undo_stack = QUndoStack(self)

    def workspace(self) -> Workspace:
        if self.ws is None:
            raise OcplanError("no workspace is open")
        return self.ws

    def set_workspace(self, ws: Workspace | None) -> None:
        self.ws = ws
        self.undo_stack.clear()
        self.workspace_changed.emit(ws)

    def run(self, text: str, edit: Edit) -> bool:
        """Do an edit as one undo step; False (and a `refused` message) when the service refused it."""
        command = ServiceCommand(self, text, edit)
        self.undo_stack.push(command)
        return command.error is None

    def broadcast(self, change: Change) -> None:
        """Tell the views about a change made outside the undo stack (imports, opening a workspace)."""
        self.changed.emit(change)
