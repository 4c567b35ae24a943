"""The update report, previewed: for a chosen date, what changed on each recommendation since then.
(Printing it comes with the printing work; this shows the same data.)"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.recommendations import add_months
from ocplan_desktop.domain.tracker_report import ReportEntry, UpdateReport
from ocplan_desktop.ui.format import date_text


def _lines(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines())


def _entry_html(entry: ReportEntry) -> str:
    if entry.removed:
        return (
            f"<h4>{escape(entry.reference)} — removed from the tracker</h4>"
            f"<p>{_lines(entry.text)}</p>"
        )
    state = " · ".join(
        part
        for part in (
            f"To {escape(entry.to_body)}" if entry.to_body else "",
            f"Response: {escape(entry.response)}",
            f"Status: {escape(entry.status)}",
            f"Due {escape(entry.due_date)}" if entry.due_date else "",
            f"Lead officer: {escape(entry.lead_officer)}" if entry.lead_officer else "",
        )
        if part
    )
    parts = [f"<h4>{escape(entry.reference)}</h4>", f"<p>{_lines(entry.text)}</p>"]
    parts.append(f"<p class='state'>{state}</p>")
    if entry.attention:
        parts.append(f"<p class='attention'>{escape(entry.attention)}</p>")
    changes = []
    if entry.added:
        changes.append("<li>New recommendation.</li>")
    changes += [f"<li>{escape(change.sentence)}</li>" for change in entry.changes]
    changes += [
        f"<li><b>{escape(date_text(update.date))}</b>: {_lines(update.text)}</li>"
        for update in entry.updates
    ]
    if changes:
        parts.append("<ul>" + "".join(changes) + "</ul>")
    if entry.response_text and (
        entry.added or any(c.field == "Response text" for c in entry.changes)
    ):
        parts.append(f"<blockquote>{_lines(entry.response_text)}</blockquote>")
    return "".join(parts)


def report_html(report: UpdateReport) -> str:
    since = escape(date_text(report.since.isoformat()))
    parts = [
        "<style>h4{margin:10px 0 2px 0;color:#1f3a4d} .state{color:#44525c;margin:2px 0}"
        " .attention{font-weight:bold;color:#8a1c14;margin:2px 0}</style>",
        f"<h3>Progress on recommendations since {since}</h3>",
        f"<p>{len(report.changed)} changed since {since}; {len(report.unchanged)} still open with "
        f"no change reported. Prepared {escape(date_text(report.today.isoformat()))}.</p>",
    ]
    if report.changed:
        parts.append(f"<h3>Changed since {since}</h3>")
        parts += [_entry_html(entry) for entry in report.changed]
    if report.unchanged:
        parts.append("<h3>Still open, no change reported</h3>")
        parts += [_entry_html(entry) for entry in report.unchanged]
    if not report.entries:
        parts.append("<p>Nothing changed, and nothing is outstanding.</p>")
    return "".join(parts)


class UpdateReportView(QWidget):
    since_changed = Signal(object)  # dt.date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Update report")
        self.since = QDateEdit(self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("d MMMM yyyy")
        self.since.setAccessibleName("Changes since")
        label = QLabel("Changes &since:", self)
        label.setBuddy(self.since)
        note = QLabel("The printed update report comes with the printing work.", self)
        note.setObjectName("countLabel")
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName("Update report preview")
        self.preview.setOpenLinks(False)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.since)
        top.addStretch(1)
        top.addWidget(note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.preview, 1)
        self.since.dateChanged.connect(self._on_since_date_changed)

    def start_at(self, today: dt.date) -> None:
        """Default: three months back, about one cycle of Scrutiny meetings."""
        if not self.property("started"):
            self.set_since(add_months(today, -3))
            self.setProperty("started", True)

    def set_since(self, day: dt.date) -> None:
        self.since.setDate(QDate(day.year, day.month, day.day))

    def since_date(self) -> dt.date:
        value = self.since.date()
        return dt.date(value.year(), value.month(), value.day())

    def show_report(self, report: UpdateReport) -> None:
        self.preview.setHtml(report_html(report))

    def _on_since_date_changed(self, _date: QDate) -> None:
        self.since_changed.emit(self.since_date())
