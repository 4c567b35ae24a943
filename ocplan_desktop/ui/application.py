"""The QApplication of ocplan: quitting asks the windows first.

Qt closes every window when the app quits (Ctrl+Q, the desktop logging out, a signal), dialogs
first: a dialog's input would be thrown away before the main window hears of it. Here each
`quit_guards` function runs before any window is closed; it saves what is typed and returns False to
keep the app open (an edit was refused and the window says why).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication


class OcplanApplication(QApplication):
    def __init__(self, argv: Sequence[str]) -> None:
        super().__init__(list(argv))
        self.quit_guards: list[Callable[[], bool]] = []
        # Logging out: Qt asks for the data to be saved before the windows are closed.
        self.commitDataRequest.connect(lambda _manager: self.run_quit_guards())

    def run_quit_guards(self) -> bool:
        return all([guard() for guard in list(self.quit_guards)])

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Quit and not self.run_quit_guards():
            event.ignore()
            return True
        return super().event(event)
