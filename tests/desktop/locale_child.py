"""Started under a desktop language other than English (LANG/LC_ALL set by the test): prints, as
JSON, the dates and numbers the window shows, and whether the app reads its own dates back."""

from __future__ import annotations

import datetime as dt
import json
import sys

from PySide6.QtCore import QDate, QSettings
from PySide6.QtWidgets import QDoubleSpinBox

from ocplan_desktop.app import make_application
from ocplan_desktop.domain.dates import format_date, parse_date
from ocplan_desktop.store.workspace import open_workspace
from ocplan_desktop.ui.main_window import MainWindow
from ocplan_desktop.ui.widgets.meeting_dialogs import MeetingDialog


def main(path: str, settings: str) -> None:
    make_application()
    window = MainWindow(QSettings(settings, QSettings.Format.IniFormat))
    window.set_workspace(open_workspace(path))
    window.show()
    page = window.pages[0]
    dialog = MeetingDialog([], page)
    dialog.date.setDate(QDate(2023, 12, 20))
    page.calendar.set_month(2023, 12)
    number = QDoubleSpinBox()
    number.setDecimals(1)
    number.setMaximum(1_000_000)
    number.setValue(1234.5)
    shown = {
        "meeting list": page.meetings.proxy.index(0, 0).data(),
        "date box": dialog.date.text(),
        "date box read back": parse_date(dialog.date.text()).isoformat(),
        "number box": number.text(),
        "strftime": dt.date(2023, 12, 20).strftime("%d %B %Y"),
        "format_date": format_date("2023-12-20"),
        "calendar": page.calendar.title.text(),
    }
    json.dump(shown, sys.stdout)
    window.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
