"""The detail pane: one recommendation in full, its progress log and its change history.

Every piece of user text is escaped before it goes into the pane's HTML.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from ocplan_desktop.domain.recommendations import RecommendationStatus
from ocplan_desktop.domain.tracker_report import HistoryEntry, RecommendationDetail
from ocplan_desktop.ui.format import date_text, label_text


def timestamp_text(at: str) -> str:
    """An audit time (UTC, ISO) in the officer's local time: `23 November 2026 10:31`."""
    try:
        moment = dt.datetime.fromisoformat(at).astimezone()
    except ValueError:
        return at
    return f"{date_text(moment.date().isoformat())} {moment:%H:%M}"


def _paragraphs(text: str) -> str:
    return "<br>".join(escape(line) for line in text.splitlines()) if text else ""


def _field(name: str, value: str) -> str:
    return f"<tr><td class='k'>{escape(name)}</td><td>{value or '—'}</td></tr>"


def _history_line(entry: HistoryEntry) -> str:
    what = "; ".join(escape(change.sentence) for change in entry.changes) or escape(entry.headline)
    return (
        f"<li><span class='when'>{escape(timestamp_text(entry.at))} · {escape(entry.user)}</span>"
        f" — {what}</li>"
    )


def detail_html(detail: RecommendationDetail, today: dt.date) -> str:
    row = detail.row
    attention = row.attention(today)
    response = escape(label_text(row.response))
    if not row.is_awaiting:
        same_day = row.response_date == row.response_meeting_date
        given = " ".join(
            part
            for part in (
                ""
                if same_day and detail.response_meeting
                else escape(date_text(row.response_date)),
                f"at {escape(detail.response_meeting)}" if detail.response_meeting else "",
                f"({escape(row.response_item)})" if row.response_item else "",
            )
            if part
        )
        response += f" — {given}" if given else ""
    elif row.from_date:
        waited = row.days_awaiting(today) or 0
        response += f" (made {waited:,} days ago)"
    made = ", ".join(part for part in (row.from_body, date_text(row.from_date)) if part)
    parts = [
        "<style>td.k{color:#44525c;padding-right:12px;white-space:nowrap}"
        " .attention{font-weight:bold;color:#8a1c14} .when{color:#5a6670}"
        " h4{margin-bottom:2px;color:#1f3a4d}</style>",
        f"<h3>{escape(row.reference)}</h3>",
        f"<p>{_paragraphs(row.text)}</p>",
    ]
    if attention:
        parts.append(f"<p class='attention'>{escape(attention)}</p>")
    parts.append("<table>")
    parts += [
        _field("From", escape(made)),
        _field("To", escape(row.to_body)),
        _field("Category", escape(label_text(row.category))),
        _field("Response", response),
        _field("Response text", _paragraphs(row.response_text)),
        _field("Lead officer", escape(row.lead_officer)),
        _field("Cabinet member", escape(row.cabinet_member)),
        _field("Due date", escape(date_text(row.due_date))),
        _field("Status", escape(label_text(row.status))),
        "</table>",
        "<h4>Progress log</h4>",
    ]
    if detail.updates:
        parts.append("<ul>")
        for update in reversed(detail.updates):
            status = (
                f" <i>[status: {escape(RecommendationStatus(update.status).text.lower())}]</i>"
                if update.status
                else ""
            )
            author = (
                f" <span class='when'>({escape(update.author)})</span>" if update.author else ""
            )
            parts.append(
                f"<li><b>{escape(date_text(update.date))}</b> — {_paragraphs(update.text)}"
                f"{status}{author}</li>"
            )
        parts.append("</ul>")
    else:
        parts.append("<p class='when'>No progress recorded yet.</p>")
    parts.append("<h4>Change history</h4><ul>")
    parts += [_history_line(entry) for entry in reversed(detail.history)]
    parts.append("</ul>")
    return "".join(parts)


class RecommendationDetailPane(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Recommendation detail")
        self.setOpenLinks(False)
        self.setPlaceholderText("Choose a recommendation to see its full history.")

    def show_detail(self, detail: RecommendationDetail | None, today: dt.date) -> None:
        if detail is None:
            self.clear()
            return
        self.setHtml(detail_html(detail, today))
