"""The QApplication of ocplan: quitting asks the windows first.

Qt closes every window when the app quits (Ctrl+Q, the desktop logging out, a signal), dialogs
first: a dialog's input would be thrown away before the main window hears of it. Here each
`quit_guards` function runs before any window is closed; it saves what is typed and returns False to
keep the app open (an edit was refused and the window says why).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    # Not at start-up: PySide builds Qt's 180-name event enum when QEvent is first imported.
    from PySide6.QtCore import QEvent


def use_the_apps_own_formats() -> None:
    """Dates, numbers and month names the council's way (20 December 2023, 1,234.5), whatever the
    desktop's language.

    Starting Qt sets the C library's locale from the desktop (`setlocale(LC_ALL, "")`), so Python's
    `strftime("%B")` would say "Rhagfyr" under Welsh; and Qt's widgets (a date box, a number box)
    follow the desktop too, writing "20 Rhagfyr 2023" or "0,5" that the app's own rules then
    cannot read back. The app formats dates itself (`domain/dates.py`); here the rest is put back:
    the C library's time and number rules to "C", Qt's to British English.
    """
    import locale  # here, not at start-up: the module compiles a pattern on import

    for category in (locale.LC_TIME, locale.LC_NUMERIC, locale.LC_MONETARY):
        locale.setlocale(category, "C")
    QLocale.setDefault(QLocale("en_GB"))  # by name: Qt's country enum costs start-up 10 ms


class OcplanApplication(QApplication):
    def __init__(self, argv: Sequence[str]) -> None:
        super().__init__(list(argv))
        use_the_apps_own_formats()
        self.quit_guards: list[Callable[[], bool]] = []
        # Telling a Quit event from the others needs Qt's event enum, which PySide builds on first
        # use: time the window's first appearance does without (nothing quits before it).
        self._watching = False
        QTimer.singleShot(0, self, self._watch)

    def run_quit_guards(self) -> bool:
        return all([guard() for guard in list(self.quit_guards)])

    def _watch(self) -> None:
        self._watching = True
        # Logging out: Qt asks for the data to be saved before the windows are closed. (Connected
        # here too: the connection builds the event enum.)
        self.commitDataRequest.connect(lambda _manager: self.run_quit_guards())

    def event(self, event: QEvent) -> bool:
        if not self._watching:
            return super().event(event)
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.Quit and not self.run_quit_guards():
            event.ignore()
            return True
        return super().event(event)


def quit_on_signals(app: QApplication) -> None:
    """SIGTERM (a logout, a shutdown, `kill`) and Ctrl+C quit the app the way Ctrl+Q does, saving
    what is typed and closing the workspace, instead of killing it mid-edit. Python runs its signal
    handlers only when it has control, so a timer hands it control twice a second."""

    import signal

    def handler(_number: int, _frame: object) -> None:
        QTimer.singleShot(0, app, app.quit)

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, handler)
    ticker = QTimer(app)
    ticker.setObjectName("signalTicker")
    ticker.timeout.connect(lambda: None)
    ticker.start(500)


def install_exception_hook() -> None:
    """Send every unexpected error, on any thread, to one dialog and the log (`crash_dialog`).
    The dialog's module is imported when the first error comes, not at start-up."""

    def report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        from ocplan_desktop.ui.crash_dialog import report_exception

        report_exception(kind, value, tb)

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        report(kind, value, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            report(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def guard_quitting(window: QObject, save: Callable[[], bool]) -> None:
    """Run `save` (the window saving what is typed) before the app quits, for as long as the
    window lives; its False keeps the app open."""
    guards = getattr(QCoreApplication.instance(), "quit_guards", None)
    if guards is None:
        return

    def guard() -> bool:
        try:
            return save()
        except RuntimeError:  # the window is gone already
            return True

    guards.append(guard)
    window.destroyed.connect(lambda *_args: guard in guards and guards.remove(guard))
