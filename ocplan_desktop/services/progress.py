"""Progress and cancelling for long jobs, without Qt: the window runs them on a worker thread, the
command line runs them directly."""

from __future__ import annotations

from collections.abc import Callable

from ocplan_desktop.domain.errors import OcplanError


class Cancelled(OcplanError):
    """The user cancelled; nothing was written (the job's transaction was rolled back)."""

    def __init__(self) -> None:
        super().__init__("cancelled: nothing was changed")


class Progress:
    """Tell the caller how far a job has got, and stop it when the user cancels.

    `step()` raises `Cancelled` once cancelling has been asked for, so a job that reports often
    stops promptly and its open transaction rolls back.
    """

    def __init__(
        self,
        report: Callable[[int, int, str], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self._report = report
        self._is_cancelled = is_cancelled

    def step(self, done: int, total: int, text: str = "") -> None:
        if self._is_cancelled is not None and self._is_cancelled():
            raise Cancelled()
        if self._report is not None:
            self._report(done, total, text)


NO_PROGRESS = Progress()
