"""Long jobs off the GUI thread: a progress dialog with Cancel, the job on QThreadPool.

The job is a plain function `job(ws, progress) -> result` with no Qt; it gets its own connection to
the workspace (sqlite3 connections belong to one thread) and reports through `progress.step()`,
which raises `Cancelled` once the user presses Cancel. Only one job that writes runs at a time.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.logs import log_file
from ocplan_desktop.services.progress import Cancelled, Progress
from ocplan_desktop.store.workspace import Workspace

Job = Callable[[Workspace, Progress], Any]
_writer = threading.Lock()


class TaskSignals(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()


class _Runner(QRunnable):
    def __init__(
        self, ws: Workspace, job: Job, signals: TaskSignals, cancel: threading.Event, writes: bool
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._ws, self._job, self._signals, self._cancel, self._writes = (
            ws,
            job,
            signals,
            cancel,
            writes,
        )

    def _tell(self, name: str, *args: Any) -> None:
        """Emit one of the task's signals; if the window that started the job was closed while it
        ran, the signals went with it and there is nobody left to tell."""
        try:
            getattr(self._signals, name).emit(*args)
        except RuntimeError:  # "Signal source has been deleted"
            pass

    def run(self) -> None:
        if self._writes and not _writer.acquire(blocking=False):
            self._tell(
                "failed", "another job is already changing the workspace; try again when it ends"
            )
            self._tell("done")
            return
        connection = None
        try:
            connection = self._ws.reopen()
            progress = Progress(lambda *step: self._tell("progressed", *step), self._cancel.is_set)
            result = self._job(connection, progress)
        except Cancelled:
            self._tell("cancelled")
        except OcplanError as error:
            self._tell("failed", str(error))
        except Exception as error:  # a bug: say what happened rather than die silently
            logging.getLogger(__name__).exception("a background job failed")
            self._tell(
                "failed",
                f"the job failed unexpectedly ({error}); the details are in the log, {log_file()}",
            )
        else:
            self._tell("succeeded", result)
        finally:
            if connection is not None:
                connection.close()
            if self._writes:
                _writer.release()
            self._tell("done")


class Task(QObject):
    """A running job; keep a reference until `signals.done`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.signals = TaskSignals(self)
        self._cancel = threading.Event()
        self.result: Any = None
        self.error: str | None = None
        self.was_cancelled = False
        self.signals.succeeded.connect(self._on_signals_succeeded)
        self.signals.failed.connect(self._on_signals_failed)
        self.signals.cancelled.connect(self._on_signals_cancelled)

    def start(self, ws: Workspace, job: Job, *, writes: bool) -> None:
        QThreadPool.globalInstance().start(_Runner(ws, job, self.signals, self._cancel, writes))

    def cancel(self) -> None:
        self._cancel.set()

    def _on_signals_succeeded(self, result: Any) -> None:
        self.result = result

    def _on_signals_failed(self, message: str) -> None:
        self.error = message

    def _on_signals_cancelled(self) -> None:
        self.was_cancelled = True


def run_with_progress(
    parent: QWidget,
    title: str,
    ws: Workspace,
    job: Job,
    *,
    writes: bool,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
) -> Task:
    """Start `job` with a progress dialog; its Cancel stops the job (then `on_cancel` runs)."""
    dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setAccessibleName(title)
    task = Task(parent)
    task.dialog = dialog  # type: ignore[attr-defined]

    def on_progress(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if text:
            dialog.setLabelText(text)

    def on_done() -> None:
        dialog.close()
        dialog.deleteLater()
        if task.error is not None and on_failure is not None:
            on_failure(task.error)
        elif task.was_cancelled:
            if on_cancel is not None:
                on_cancel()
        elif task.error is None and on_success is not None:
            on_success(task.result)
        task.deleteLater()

    task.signals.progressed.connect(on_progress)
    task.signals.done.connect(on_done)
    dialog.canceled.connect(task.cancel)
    task.start(ws, job, writes=writes)
    return task
