"""The tracker's table: one row per recommendation. Overdue and long-awaiting rows stand out by a
word and a symbol in the Attention column (bold), and by a tint behind the row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from ocplan_desktop.domain.recommendations import RecommendationRow, RecommendationStatus, Response
from ocplan_desktop.ui.format import date_text, label_text
from ocplan_desktop.ui.models.record_table_model import Column, Index, RecordTableModel

OVERDUE_TINT = QColor("#fbe3e1")
AWAITING_TINT = QColor("#fdf1d3")
_STATUS_ORDER = {status.value: index for index, status in enumerate(RecommendationStatus)}
_RESPONSE_ORDER = {response.value: index for index, response in enumerate(Response)}


def tracker_columns(today: Callable[[], dt.date]) -> list[Column[RecommendationRow]]:
    """The columns, reading the day from `today` so the same model serves a fixed clock in tests."""

    def attention(row: RecommendationRow) -> str:
        return row.attention(today())

    def urgency(row: RecommendationRow) -> int:
        return row.days_overdue(today()) + (row.days_awaiting(today()) or 0) * (
            row.awaiting_too_long(today())
        )

    return [
        Column("Reference", lambda r: r.reference),
        Column("Attention", attention, sort=urgency, bold=lambda r: bool(attention(r))),
        Column("Recommendation", lambda r: r.text, tooltip=lambda r: r.text[:1000]),
        Column("To", lambda r: r.to_body),
        Column(
            "Response",
            lambda r: label_text(r.response),
            sort=lambda r: _RESPONSE_ORDER.get(r.response, 99),
        ),
        Column(
            "Status",
            lambda r: label_text(r.status),
            sort=lambda r: _STATUS_ORDER.get(r.status, 99),
        ),
        Column("Due", lambda r: date_text(r.due_date), sort=lambda r: r.due_date or "9999"),
        Column("Lead officer", lambda r: r.lead_officer),
        Column(
            "Last update",
            lambda r: date_text(r.latest_update_date),
            sort=lambda r: r.latest_update_date or "",
            tooltip=lambda r: r.latest_update[:1000] or "No progress recorded yet",
        ),
    ]


class TrackerTableModel(RecordTableModel[RecommendationRow]):
    """Tracked recommendations, with overdue rows tinted red and long-awaiting ones amber (the
    Attention column says the same in words)."""

    def __init__(self, today: Callable[[], dt.date], parent: Any = None) -> None:
        super().__init__(tracker_columns(today), parent)
        self._today = today

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            row = self.record(index.row())
            if row.is_overdue(self._today()):
                return QBrush(OVERDUE_TINT)
            if row.awaiting_too_long(self._today()):
                return QBrush(AWAITING_TINT)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            # Tinted rows keep dark text, whatever the alternating row colour beneath.
            row = self.record(index.row())
            if row.is_overdue(self._today()) or row.awaiting_too_long(self._today()):
                return QBrush(QColor("#1a1a1a"))
        return super().data(index, role)
