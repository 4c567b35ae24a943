"""The meeting calendar by month: a grid of weeks, each day showing its meetings.

Status is written as well as coloured (✓ held, ✗ cancelled), so it does not rest on colour alone.
Clicking a meeting selects it; double-clicking opens it.
"""

from __future__ import annotations

import calendar as calendar_module
import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.dates import format_month, month_name
from ocplan_desktop.domain.meetings import Meeting
from ocplan_desktop.ui.keyboard import let_tab_go

DAY_ROLE = Qt.ItemDataRole.UserRole + 20
MEETINGS_ROLE = Qt.ItemDataRole.UserRole + 21
LINE = 36
TOP = 22
STATUS_MARK = {"held": "✓", "cancelled": "✗", "scheduled": ""}
COLOURS = {"scheduled": "#d8e8f3", "held": "#dcefdc", "cancelled": "#eeeeee"}


def short_name(meeting: Meeting) -> str:
    words = meeting.committee.split()
    return (
        meeting.committee
        if len(words) <= 2
        else "".join(word[0] for word in words if word[0].isupper())
    )


def group_by_day(meetings: list[Meeting]) -> dict[str, list[Meeting]]:
    """Meetings by their ISO date, in the order given: one pass, however many days are drawn."""
    days: dict[str, list[Meeting]] = {}
    for meeting in meetings:
        days.setdefault(meeting.date, []).append(meeting)
    return days


class _DayDelegate(QStyledItemDelegate):
    def __init__(self, owner: MonthCalendar) -> None:
        super().__init__(owner)
        self.owner = owner

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        rect: QRect = option.rect
        day: dt.date | None = index.data(DAY_ROLE)
        in_month = day is not None and day.month == self.owner.month
        background = QColor("#ffffff" if in_month else "#f4f6f8")
        if day == dt.date.today():
            background = QColor("#fff7dc")
        painter.fillRect(rect, background)
        painter.setPen(QColor("#d5dde3"))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if day is not None:
            font = QFont(option.font)
            font.setBold(day == dt.date.today())
            painter.setFont(font)
            painter.setPen(QColor("#1f3a4d" if in_month else "#8a959e"))
            painter.drawText(rect.adjusted(6, 3, -6, 0), Qt.AlignmentFlag.AlignLeft, str(day.day))
        meetings: list[Meeting] = index.data(MEETINGS_ROLE) or []
        for number, meeting in enumerate(meetings):
            chip = QRect(
                rect.left() + 4, rect.top() + TOP + number * LINE, rect.width() - 8, LINE - 2
            )
            if chip.bottom() > rect.bottom():
                break
            selected = meeting.id == self.owner.selected_id
            painter.fillRect(
                chip,
                QColor("#2f6d8f") if selected else QColor(COLOURS.get(meeting.status, "#d8e8f3")),
            )
            painter.setPen(QColor("#ffffff") if selected else QColor("#1a1a1a"))
            font = QFont(option.font)
            font.setStrikeOut(meeting.status == "cancelled")
            painter.setFont(font)
            mark = STATUS_MARK.get(meeting.status, "")
            lines = (
                (short_name(meeting), True),
                (" ".join(part for part in (meeting.start_time, mark) if part), False),
            )
            half = (LINE - 2) // 2
            for row, (text, bold) in enumerate(lines):
                font.setBold(bold)
                painter.setFont(font)
                line = QRect(chip.left() + 4, chip.top() + row * half, chip.width() - 6, half)
                elided = painter.fontMetrics().elidedText(
                    text, Qt.TextElideMode.ElideRight, line.width()
                )
                painter.drawText(line, Qt.AlignmentFlag.AlignVCenter, elided)
        painter.restore()


class MonthCalendar(QWidget):
    """Meetings by month; `set_meetings` gives it the meetings to show (already filtered)."""

    meeting_selected = Signal(object)  # Meeting
    meeting_activated = Signal(object)  # Meeting
    month_changed = Signal(int, int)  # year, month

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Meeting calendar by month")
        today = dt.date.today()
        self.year, self.month = today.year, today.month
        self.selected_id: int | None = None
        self._meetings: list[Meeting] = []
        self._by_day: dict[str, list[Meeting]] = {}

        self.previous = QPushButton("◀", self)
        self.previous.setAccessibleName("Previous month")
        self.previous.setToolTip("Previous month (Page Up)")
        self.next = QPushButton("▶", self)
        self.next.setAccessibleName("Next month")
        self.next.setToolTip("Next month (Page Down)")
        self.today_button = QPushButton("Today", self)
        self.title = QLabel(self)
        self.title.setObjectName("sectionHeading")
        for button in (self.previous, self.next):
            button.setFixedWidth(34)
        header = QHBoxLayout()
        header.addWidget(self.previous)
        header.addWidget(self.title)
        header.addWidget(self.next)
        header.addStretch(1)
        header.addWidget(self.today_button)

        self.grid = QTableWidget(6, 7, self)
        let_tab_go(self.grid)
        self.grid.setAccessibleName("Days of the month")
        self.grid.setHorizontalHeaderLabels(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
        self.grid.verticalHeader().setVisible(False)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.grid.setShowGrid(False)
        self.grid.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.grid.setItemDelegate(_DayDelegate(self))
        palette = self.grid.palette()
        palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
        self.grid.setPalette(palette)
        self.grid.viewport().installEventFilter(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.grid, 1)
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        self._draw()

    # months --------------------------------------------------------------------------------------
    def set_month(self, year: int, month: int) -> None:
        if (year, month) != (self.year, self.month):
            self.year, self.month = year, month
            self._draw()
            self.month_changed.emit(year, month)

    def step(self, months: int) -> None:
        total = self.year * 12 + (self.month - 1) + months
        self.set_month(total // 12, total % 12 + 1)

    def go_today(self) -> None:
        today = dt.date.today()
        self.set_month(today.year, today.month)

    def set_meetings(self, meetings: list[Meeting], selected_id: int | None = None) -> None:
        """Meetings to show: grouped by day once here, so each month drawn looks its days up."""
        self._meetings = list(meetings)
        self._by_day = group_by_day(self._meetings)
        if selected_id is not None:
            self.selected_id = selected_id
        self._draw()

    def show_meeting(self, meeting: Meeting) -> None:
        day = dt.date.fromisoformat(meeting.date)
        self.selected_id = meeting.id
        if (day.year, day.month) != (self.year, self.month):
            self.set_month(day.year, day.month)  # draws the month
        else:
            self.grid.viewport().update()  # the chip of the meeting chosen is painted anew

    def weeks(self) -> list[list[dt.date]]:
        return calendar_module.Calendar(firstweekday=0).monthdatescalendar(self.year, self.month)

    def meetings_on(self, day: dt.date) -> list[Meeting]:
        return self._by_day.get(day.isoformat(), [])

    def _draw(self) -> None:
        self.title.setText(format_month(dt.date(self.year, self.month, 1)))
        weeks = self.weeks()
        self.grid.setRowCount(len(weeks))
        for row, week in enumerate(weeks):
            for column, day in enumerate(week):
                item = QTableWidgetItem()
                meetings = self.meetings_on(day)
                item.setData(DAY_ROLE, day)
                item.setData(MEETINGS_ROLE, meetings)
                names = "; ".join(f"{m.committee} {m.start_time} ({m.status})" for m in meetings)
                item.setData(
                    Qt.ItemDataRole.AccessibleTextRole,
                    f"{day.day} {month_name(day.month)}: {names or 'no meetings'}",
                )
                item.setToolTip(names)
                self.grid.setItem(row, column, item)
        self.grid.viewport().update()

    # clicks ---------------------------------------------------------------------------------------
    def meeting_at(self, row: int, column: int, y_in_cell: int) -> Meeting | None:
        item = self.grid.item(row, column)
        meetings: list[Meeting] = item.data(MEETINGS_ROLE) if item is not None else []
        if not meetings:
            return None
        line = (y_in_cell - TOP) // LINE
        return meetings[min(max(line, 0), len(meetings) - 1)]

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.grid.viewport() and isinstance(event, QMouseEvent):
            if event.type() in (
                QMouseEvent.Type.MouseButtonPress,
                QMouseEvent.Type.MouseButtonDblClick,
            ):
                point = event.position().toPoint()
                index = self.grid.indexAt(point)
                if index.isValid():
                    rect = self.grid.visualRect(index)
                    meeting = self.meeting_at(index.row(), index.column(), point.y() - rect.top())
                    if meeting is not None:
                        self.selected_id = meeting.id
                        self.grid.viewport().update()
                        if event.type() == QMouseEvent.Type.MouseButtonDblClick:
                            self.meeting_activated.emit(meeting)
                        else:
                            self.meeting_selected.emit(meeting)
                        return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_PageUp:
            self.step(-1)
        elif event.key() == Qt.Key.Key_PageDown:
            self.step(1)
        else:
            super().keyPressEvent(event)
