"""Recommendations: what one body asked of another, the response, and where it stands."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from ocplan_desktop.domain.recommendations import RecommendationRow, is_overdue
from ocplan_desktop.services import change, recommendations
from ocplan_desktop.ui.format import date_text, label_text
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.pages.page import Page
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.record_table import RecordTable


def _overdue_text(row: RecommendationRow) -> str:
    return "⚠ Overdue" if is_overdue(row.due_date, row.status, dt.date.today()) else ""


COLUMNS: list[Column[RecommendationRow]] = [
    Column("Reference", lambda r: r.reference),
    Column("Recommendation", lambda r: r.text, tooltip=lambda r: r.text),
    Column("From", lambda r: r.from_body),
    Column("To", lambda r: r.to_body),
    Column("Category", lambda r: label_text(r.category)),
    Column("Response", lambda r: label_text(r.response)),
    Column("Status", lambda r: label_text(r.status)),
    Column("Due", lambda r: date_text(r.due_date), sort=lambda r: r.due_date or ""),
    Column("Overdue", _overdue_text, bold=lambda r: bool(_overdue_text(r))),
]


class RecommendationsPage(Page):
    title = "Recommendations"
    kinds = frozenset({change.RECOMMENDATIONS, change.MINUTES, change.MEETINGS})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.table = RecordTable(
            RecordTableModel(COLUMNS),
            "Recommendations",
            self,
            filter_placeholder="Filter by reference, text, body, response, status…",
        )
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName("Recommendation detail")
        self.detail.setOpenLinks(False)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        heading = QLabel(self.title, self)
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        layout.addWidget(splitter, 1)
        self.table.current_changed.connect(self._on_table_current_changed)

    def refresh(self) -> None:
        assert self.ws is not None
        self.table.set_rows(recommendations.list_recommendations(self.ws))
        if self.table.current_record() is None:
            self.table.select_first()

    def main_row_count(self) -> int:
        return self.table.model.rowCount()

    def _on_table_current_changed(self, row: RecommendationRow | None) -> None:
        if row is None:
            self.detail.clear()
            return
        due = date_text(row.due_date) or "no due date"
        self.detail.setHtml(
            f"<h3>{escape(row.reference)}</h3><p>{escape(row.text)}</p>"
            f"<p><b>From</b> {escape(row.from_body)} ({escape(date_text(row.from_date))}) "
            f"<b>to</b> {escape(row.to_body)}</p>"
            f"<p><b>Response:</b> {escape(label_text(row.response))}"
            f" {escape(date_text(row.response_date))} &nbsp; <b>Status:</b> {escape(label_text(row.status))}"
            f" &nbsp; <b>Due:</b> {escape(due)} {escape(_overdue_text(row))}</p>"
            f"<p><b>Lead officer:</b> {escape(row.lead_officer or '—')}</p>"
        )
