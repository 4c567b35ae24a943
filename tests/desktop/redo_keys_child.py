"""Run under a real X server: an edit, then Ctrl+Z, Ctrl+Shift+Z, Ctrl+Z, Ctrl+Y from the keyboard.
Prints the undo stack's index after each key, one per line, then `done`."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ocplan_desktop.app import make_application
from ocplan_desktop.services import reports
from ocplan_desktop.store.workspace import open_workspace
from ocplan_desktop.ui.main_window import MainWindow


def main(path: str, settings: str) -> None:
    app = make_application()
    window = MainWindow(QSettings(settings, QSettings.Format.IniFormat))
    window.set_workspace(open_workspace(path))
    window.show()
    window.activateWindow()
    for _ in range(50):
        app.processEvents()
        QTest.qWait(20)
        if QApplication.activeWindow() is window:
            break
    (report_id,) = reports.create_report(window.ws, "Street lighting").ids
    window.session.run("Edit title", lambda ws: reports.set_field(ws, report_id, "title", "Lamps"))
    table = window.pages[0].meetings.view
    table.setFocus()
    control = Qt.KeyboardModifier.ControlModifier
    for key, modifiers in (
        (Qt.Key.Key_Z, control),
        (Qt.Key.Key_Z, control | Qt.KeyboardModifier.ShiftModifier),
        (Qt.Key.Key_Z, control),
        (Qt.Key.Key_Y, control),
    ):
        QTest.keyClick(table, key, modifiers)
        app.processEvents()
        print(window.undo_stack.index(), flush=True)
    print("done", flush=True)
    window.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
