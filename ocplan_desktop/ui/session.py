"""What every page shares: the open workspace, the undo stack, and the signal that carries each Change.

A page edits through `session.run(text, edit)`: the edit is a service call that returns a Change with
its undo; it is pushed on the undo stack (which runs it at once) and the Change is broadcast so every
view refreshes what it shows.

Undo and Redo go through `session.undo()` and `session.redo()`: when the service refuses to take an
edit back (or to do it again), nothing has changed, so the stack is put back where it was, the step
stays where the officer can try it again, and `refused` says why.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.services.change import Change

if TYPE_CHECKING:
    # Typing only: the window's shell is shown before the store (and sqlite-utils) is imported.
    from ocplan_desktop.store.workspace import Workspace

Edit = Callable[["Workspace"], Change]


def _log() -> Any:
    """The session's logger (the logging module is imported when there is something to log: the
    window's shell is shown before it is needed)."""
    import logging

    return logging.getLogger(__name__)


class ServiceCommand(QUndoCommand):
    """One undoable edit. Holds the functions that do and undo it, never widgets or connections."""

    def __init__(self, session: Session, text: str, edit: Edit) -> None:
        super().__init__(text)
        self._session = session
        self._do: Edit | None = edit
        self._undo: Edit | None = None
        self._pushed = False
        self._skip_once = False  # the stack is being put back after a failure: do nothing
        self.error: OcplanError | None = None  # why the first run was refused
        self.failure: str | None = None  # why the last undo or redo did nothing
        # The audit trail's entries each run wrote, as (after this id, up to that one): what the
        # step touched, so a sync can tell whether it brought in changes to the same records.
        self.audit_spans: list[tuple[int, int]] = []

    def _run(self, edit: Edit) -> Change:
        from ocplan_desktop.services.audit_trail import newest_entry_id

        ws = self._session.workspace()
        before = newest_entry_id(ws)
        change = edit(ws)
        self.audit_spans.append((before, newest_entry_id(ws)))
        return change

    def redo(self) -> None:
        if self._skip_once:
            self._skip_once = False
            return
        first, self._pushed = not self._pushed, True
        if self._do is None:
            self.setObsolete(True)
            return
        try:
            change = self._run(self._do)
        except OcplanError as error:
            if first:
                # A refused edit changes nothing and must not sit on the stack.
                self.error = error
                self._do = None
                self.setObsolete(True)
                self._session.refuse(str(error))
            else:
                self.failure = str(error)
            return
        except Exception as error:
            if first:
                self._do = None
                self.setObsolete(True)
            _log().exception("the edit %r failed", self.text())
            self.failure = f"it failed unexpectedly ({error}); the log has the details"
            if first:
                self._session.refuse(f"“{self.text()}” was not saved: {self.failure}")
            return
        self._do, self._undo = None, change.undo
        self._session.changed.emit(change)

    def undo(self) -> None:
        if self._skip_once:
            self._skip_once = False
            return
        if self._undo is None:
            return
        try:
            change = self._run(self._undo)
        except OcplanError as error:
            self.failure = str(error)
            return
        except Exception as error:
            _log().exception("undoing %r failed", self.text())
            self.failure = f"it failed unexpectedly ({error}); the log has the details"
            return
        self._do, self._undo = change.undo, None
        self._session.changed.emit(change)

    def take_failure(self) -> str | None:
        failure, self.failure = self.failure, None
        if failure is not None:
            self._skip_once = True
        return failure


class Session(QObject):
    changed = Signal(object)  # Change
    refused = Signal(str)  # the message of an edit that was refused
    workspace_changed = Signal(object)  # Workspace | None
    happened = Signal(str)  # what was just done, for the status bar ("Saved: Edit heading")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws: Workspace | None = None
        self.undo_stack = QUndoStack(self)
        self.refusals: list[str] = []

    def workspace(self) -> Workspace:
        if self.ws is None:
            raise OcplanError("no workspace is open")
        return self.ws

    def set_workspace(self, ws: Workspace | None) -> None:
        self.ws = ws
        self.undo_stack.clear()
        self.workspace_changed.emit(ws)

    def refuse(self, message: str) -> None:
        self.refusals.append(message)
        del self.refusals[:-50]
        self.refused.emit(message)

    def tell(self, text: str) -> None:
        """Say what just happened (the window shows it in the status bar)."""
        self.happened.emit(text)

    def run(self, text: str, edit: Edit) -> bool:
        """Do an edit as one undo step; False (and a `refused` message) when the service refused it."""
        if self.ws is None:
            # Nothing to save into: say so in the log, not in a dialog nobody asked for.
            _log().warning("the edit %r came when no workspace was open; nothing was saved", text)
            return False
        command = ServiceCommand(self, text, edit)
        self.undo_stack.push(command)
        if command.error is None and command.failure is None:
            self.tell(f"Saved: {text}")
        return command.error is None and command.failure is None

    def undo(self) -> bool:
        """Take back the last edit; on a refusal the stack stays where it was and `refused` says why."""
        return self._step(undo=True)

    def redo(self) -> bool:
        return self._step(undo=False)

    def _step(self, *, undo: bool) -> bool:
        stack = self.undo_stack
        if not (stack.canUndo() if undo else stack.canRedo()):
            return False
        command = stack.command(stack.index() - 1 if undo else stack.index())
        text = command.text() if command is not None else ""
        stack.undo() if undo else stack.redo()
        failure = command.take_failure() if isinstance(command, ServiceCommand) else None
        if failure is None:
            self.tell(f"{'Undone' if undo else 'Redone'}: {text}")
            return True
        stack.redo() if undo else stack.undo()  # back where it was; the command skips this once
        verb = "undo" if undo else "redo"
        self.refuse(f"Could not {verb} “{text}”: {failure}. Nothing was changed.")
        return False

    def forget_history_touching(self, records: Collection[tuple[str, int]]) -> bool:
        """Clear the undo history if a step in it wrote to one of `records` (a sync brought in
        another officer's change to it, which undoing or redoing the step would overwrite), or
        if that cannot be told for a step; True when it was cleared. Steps on other records stay."""
        stack = self.undo_stack
        if stack.count() == 0 or self.ws is None:
            return False
        from ocplan_desktop.services.audit_trail import records_written

        commands = [stack.command(index) for index in range(stack.count())]
        spans = [
            span
            for command in commands
            if isinstance(command, ServiceCommand)
            for span in command.audit_spans
        ]
        unknown = any(
            not isinstance(command, ServiceCommand)
            or not any(last > after for after, last in command.audit_spans)
            for command in commands
        )
        written = records_written(self.ws, spans)
        bulk = any(record_id is None for _table, record_id in written)
        if unknown or bulk or not written.isdisjoint(records):
            stack.clear()
            return True
        return False

    def broadcast(self, change: Change) -> None:
        """Tell the views about a change made outside the undo stack (imports, opening a workspace)."""
        self.changed.emit(change)
