"""File ▸ Export calendar…: the meetings (of one committee or all) as an .ics file that Outlook,
Google Calendar or the council's website imports, written off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.services import committees
from ocplan_desktop.services.files import safe_file_name
from ocplan_desktop.services.progress import Progress
from ocplan_desktop.store.workspace import Workspace
from ocplan_desktop.ui.tasks import Task, run_with_progress


class CalendarDialog(QDialog):
    """Which committee's meetings to put in the calendar."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export calendar")
        self.setAccessibleName("Export calendar")
        self.committee = QComboBox(self)
        self.committee.setAccessibleName("Committee")
        self.committee.addItem("All committees", None)
        for committee in committees.list_committees(ws):
            self.committee.addItem(committee.name, committee.id)
        text = QLabel(
            "One event per meeting, at London times, with the venue and agenda; a cancelled "
            "meeting shows as cancelled. Importing a later export updates the same events.",
            self,
        )
        text.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Meetings of", self.committee)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def committee_id(self) -> int | None:
        value = self.committee.currentData()
        return int(value) if value is not None else None


def export_calendar_to(window: Any, committee_id: int | None, target: Path) -> Task | None:
    """Write the calendar in the background; the window's status bar says where it went."""
    ws = window.session.ws
    if ws is None:
        return None
    if target.suffix.lower() != ".ics":
        target = target.with_suffix(".ics")

    def job(worker_ws: Workspace, progress: Progress) -> tuple[Path, int]:
        from ocplan_desktop.reports.calendar_ics import export_calendar

        return target, export_calendar(worker_ws, target, committee_id, progress)

    def done(result: Any) -> None:
        path, count = result
        window.last_calendar = path
        window.statusBar().showMessage(f"Wrote {count} meetings to {path}", 8000)

    def failed(message: str) -> None:
        window.show_message("Calendar not exported", message)

    return run_with_progress(
        window, "Exporting calendar", ws, job, writes=False, on_success=done, on_failure=failed
    )


def start_calendar_export(window: Any) -> CalendarDialog | None:
    """File ▸ Export calendar…: choose the committee, then the file."""
    ws = window.session.ws
    if ws is None:
        return None
    dialog = CalendarDialog(ws, window)

    def chosen() -> None:
        committee = dialog.committee.currentText()
        name = safe_file_name(f"Meetings - {committee}", ".ics")
        start = str((ws.origin or ws.path).parent / name)
        path, _filter = QFileDialog.getSaveFileName(
            window, "Export calendar", start, "Calendars (*.ics)"
        )
        if path:
            export_calendar_to(window, dialog.committee_id(), Path(path))

    dialog.accepted.connect(chosen)
    dialog.open()
    return dialog
