"""One indicator's values as an editable grid: a row per period (newest first), a column per area
(the council's own first), and the own area's direction of travel in the last column.

The model edits nothing itself: a typed value is announced with `value_edited` and the page runs it
as an undoable service call; the grid is refilled when the Change comes back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from ocplan_desktop.domain.indicators import IndicatorValue
from ocplan_desktop.domain.performance import IndicatorStatus
from ocplan_desktop.services.indicator_detail import IndicatorDetail

Index = QModelIndex | QPersistentModelIndex
STATUS_COLUMN_TITLE = "Direction of travel"
NOT_REPORTED = "not reported"


def status_text(item: IndicatorStatus) -> str:
    text = f"{item.status.symbol} {item.status.text}"
    return text + " (set by officer)" if item.is_override else text


def edit_text(value: IndicatorValue | None) -> str:
    """What the cell editor starts with: the plain number, `N/A`, or nothing."""
    if value is None:
        return ""
    if value.value is None:
        return "N/A"
    number = value.value
    return str(int(number)) if float(number).is_integer() else repr(number)


class IndicatorValuesTableModel(QAbstractTableModel):
    value_edited = Signal(str, int, str)  # period, area id, the text typed

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.detail: IndicatorDetail | None = None
        self._periods: list[str] = []

    def set_detail(self, detail: IndicatorDetail | None) -> None:
        self.beginResetModel()
        self.detail = detail
        self._periods = list(reversed(detail.periods)) if detail else []
        self.endResetModel()

    def period(self, row: int) -> str:
        return self._periods[row]

    def row_of(self, period: str) -> int:
        return self._periods.index(period)

    def area_column(self, area_id: int) -> int:
        assert self.detail is not None
        return [area.id for area in self.detail.areas].index(area_id)

    @property
    def status_column(self) -> int:
        return len(self.detail.areas) if self.detail else 0

    def cell(self, index: Index) -> IndicatorValue | None:
        if self.detail is None or index.column() >= self.status_column:
            return None
        area = self.detail.areas[index.column()]
        return self.detail.cell(self._periods[index.row()], area.id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._periods)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.detail is None:
            return 0
        return len(self.detail.areas) + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() < self.status_column:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.detail is None:
            return None
        period = self._periods[index.row()]
        if index.column() == self.status_column:
            return self._status_data(period, role)
        value = self.cell(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return ""
            text = self.detail.indicator.format_value(value.value)
            return text + " (p)" if value.provisional else text
        if role == Qt.ItemDataRole.EditRole:
            return edit_text(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and value is not None:
            parts = ["provisional" if value.provisional else "final"]
            if value.value is None:
                parts.insert(0, "recorded as not available")
            if value.note:
                parts.append(value.note)
            return "\n".join(parts)
        if role == Qt.ItemDataRole.FontRole and value is not None and value.provisional:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 0:
            return QBrush(QColor("#f3f6f8"))
        return None

    def _status_data(self, period: str, role: int) -> Any:
        assert self.detail is not None
        status = self.detail.statuses.get(period)
        if role == Qt.ItemDataRole.DisplayRole:
            return status_text(status) if status else NOT_REPORTED
        if role == Qt.ItemDataRole.ToolTipRole and status is not None:
            return status.explanation
        if role == Qt.ItemDataRole.FontRole and status is not None and status.is_override:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.detail is None or not index.isValid():
            return False
        if index.column() >= self.status_column:
            return False
        text = "" if value is None else str(value).strip()
        if text == edit_text(self.cell(index)):
            return False
        area = self.detail.areas[index.column()]
        self.value_edited.emit(self._periods[index.row()], area.id, text)
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or self.detail is None:
            return None
        if orientation == Qt.Orientation.Vertical:
            return self._periods[section]
        if section == self.status_column:
            return STATUS_COLUMN_TITLE
        area = self.detail.areas[section]
        return f"{area.name} (own)" if area.is_own else area.name
