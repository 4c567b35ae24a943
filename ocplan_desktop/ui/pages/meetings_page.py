"""Meetings & minutes: the meeting calendar (as a list or by month), each meeting's agenda, minutes,
attendance and interests, the reports, and the committees with their templates.

Slots are thin: each edit is an undoable service call through `session.run`; the page reloads what
it shows when a Change touches meetings, agendas, minutes, reports or committees.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.meetings import Meeting
from ocplan_desktop.services import change, committees, meetings
from ocplan_desktop.services.change import Change
from ocplan_desktop.ui.format import date_text, label_text
from ocplan_desktop.ui.models.record_table_model import RECORD_ROLE, Column, RecordTableModel
from ocplan_desktop.ui.pages.meetings_actions import MeetingsActions
from ocplan_desktop.ui.pages.page import Page
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.meeting_panel import MINUTES_TAB, MeetingPanel
from ocplan_desktop.ui.widgets.month_calendar import MonthCalendar
from ocplan_desktop.ui.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from ocplan_desktop.ui.widgets.committee_panel import CommitteePanel
    from ocplan_desktop.ui.widgets.reports_panel import ReportsPanel

MEETING_COLUMNS: list[Column[Meeting]] = [
    Column("Date", lambda m: date_text(m.date), sort=lambda m: m.date),
    Column("Committee", lambda m: m.committee),
    Column("Time", lambda m: m.start_time),
    Column("Venue", lambda m: m.venue),
    Column("Status", lambda m: label_text(m.status)),
    Column("Items", lambda m: m.item_count, numeric=True),
    Column("Minutes", lambda m: label_text(m.minutes_status)),
]
MEETINGS_TAB, REPORTS_TAB, COMMITTEES_TAB = range(3)


class AreaTabs(QWidget):
    """Tabs that show and hide their pages in place. (A QTabWidget raises the page shown to the
    end of its children, which would change which table `findChild` finds first.)"""

    currentChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QTabBar(self)
        self.bar.setDrawBase(False)
        self.bar.setExpanding(False)
        self.pages: list[QWidget] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.bar)
        self.bar.currentChanged.connect(self._on_bar_current_changed)

    def addTab(self, widget: QWidget, title: str) -> None:
        self.pages.append(widget)
        self.layout().addWidget(widget)  # type: ignore[union-attr]
        widget.setVisible(len(self.pages) == 1)
        self.bar.addTab(title)

    def set_page(self, index: int, widget: QWidget) -> None:
        """Put `widget` in place of the tab's page so far (a placeholder until it is built)."""
        old = self.pages[index]
        self.layout().replaceWidget(old, widget)  # type: ignore[union-attr]
        old.deleteLater()
        self.pages[index] = widget
        widget.setVisible(index == self.currentIndex())

    def currentIndex(self) -> int:
        return self.bar.currentIndex()

    def setCurrentIndex(self, index: int) -> None:
        self.bar.setCurrentIndex(index)

    def _on_bar_current_changed(self, index: int) -> None:
        for number, page in enumerate(self.pages):
            page.setVisible(number == index)
        self.currentChanged.emit(index)


class MeetingsPage(Page):
    title = "Meetings & minutes"
    kinds = frozenset(
        {
            change.MEETINGS,
            change.AGENDA,
            change.COMMITTEES,
            change.MINUTES,
            change.REPORTS,
            change.RECOMMENDATIONS,
        }
    )

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.meeting_id: int | None = None
        self._change: Change | None = None
        # The meeting list is the page's first table (the window's tests and smoke run read it).
        self.meetings = RecordTable(
            RecordTableModel(MEETING_COLUMNS),
            "Meetings",
            self,
            filter_placeholder="Filter meetings by committee, date, venue…",
        )
        self.calendar = MonthCalendar(self)
        self.committee_filter = QComboBox(self)
        self.committee_filter.setAccessibleName("Show meetings of")
        self.when_filter = QComboBox(self)
        self.when_filter.setAccessibleName("Show which meetings")
        for value, text in (("all", "All dates"), ("upcoming", "Upcoming"), ("past", "Past")):
            self.when_filter.addItem(text, value)
        self.list_button = QPushButton("List", self)
        self.month_button = QPushButton("Month", self)
        self.view_group = QButtonGroup(self)
        for number, button in enumerate((self.list_button, self.month_button)):
            button.setCheckable(True)
            self.view_group.addButton(button, number)
        self.list_button.setChecked(True)
        self.new_meeting_button = QPushButton(self)
        self.views = QStackedWidget(self)
        self.views.addWidget(self.meetings)
        self.views.addWidget(self.calendar)
        self.panel = MeetingPanel(session, self)

        filters = QHBoxLayout()
        filters.addWidget(self.committee_filter, 1)
        filters.addWidget(self.when_filter)
        views = QHBoxLayout()
        views.addWidget(self.list_button)
        views.addWidget(self.month_button)
        views.addStretch(1)
        views.addWidget(self.new_meeting_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addLayout(views)
        left_layout.addWidget(self.views, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.committee_filter.setMinimumContentsLength(16)

        # The reports and committees tabs are built when first shown (see `reports`, `committees`).
        self._reports: ReportsPanel | None = None
        self._committees: CommitteePanel | None = None
        self.tabs = AreaTabs(self)
        self.tabs.setAccessibleName("Meetings, reports and committees")
        self.tabs.addTab(self.splitter, "Meetings")
        self.tabs.addTab(QWidget(self), "Reports")
        self.tabs.addTab(QWidget(self), "Committees")

        layout = QVBoxLayout(self)
        heading = QLabel(self.title, self)
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

        # Tab goes as the eye does: the filters, the view buttons, the list (or the month), then
        # the meeting beside it. (Qt's own order is the order the widgets were made in, which put
        # the list first and the filters after the meeting.)
        chain = [
            self.committee_filter,
            self.when_filter,
            self.list_button,
            self.month_button,
            self.new_meeting_button,
            self.meetings.filter_box,
            self.meetings.view,
            self.calendar.previous,
            self.calendar.next,
            self.calendar.today_button,
            self.calendar.grid,
        ]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.menu_actions = MeetingsActions(self)
        self.new_meeting_button.setText("New meeting…")
        self.new_meeting_button.clicked.connect(self.menu_actions.new_meeting.trigger)
        self.meetings.current_changed.connect(self._on_meetings_current_changed)
        self.meetings.activated.connect(self._on_meeting_activated)
        self.calendar.meeting_selected.connect(self._on_calendar_meeting_selected)
        self.calendar.meeting_activated.connect(self._on_meeting_activated)
        self.committee_filter.activated.connect(lambda _index: self.refresh_list())
        self.when_filter.activated.connect(lambda _index: self.refresh_list())
        self.view_group.idClicked.connect(self._on_view_group_id_clicked)
        self.tabs.currentChanged.connect(lambda _index: self.refresh_now())

    def showEvent(self, event: QShowEvent) -> None:
        if not self._sized:
            # The list takes a third of the width; the meeting and its minutes get the rest.
            self._sized = True
            width = max(self.splitter.width(), 900)
            self.splitter.setSizes([width * 36 // 100, width * 64 // 100])
        super().showEvent(event)

    _sized = False

    @property
    def reports(self) -> ReportsPanel:
        """The reports tab, built on first use."""
        if self._reports is None:
            from ocplan_desktop.ui.widgets.reports_panel import ReportsPanel

            self._reports = ReportsPanel(self.session, self)
            self.tabs.set_page(REPORTS_TAB, self._reports)
        return self._reports

    @property
    def committees(self) -> CommitteePanel:
        """The committees tab, built on first use."""
        if self._committees is None:
            from ocplan_desktop.ui.widgets.committee_panel import CommitteePanel

            self._committees = CommitteePanel(self.session, self)
            self.tabs.set_page(COMMITTEES_TAB, self._committees)
        return self._committees

    def page_actions(self) -> list:  # type: ignore[type-arg]
        return self.menu_actions.all()

    # refreshing ----------------------------------------------------------------------------------------
    def on_change(self, change: Change) -> None:
        self._change = change
        super().on_change(change)

    def refresh(self) -> None:
        assert self.ws is not None
        last, self._change = self._change, None
        tab = self.tabs.currentIndex()
        if tab == REPORTS_TAB:
            self.reports.refresh(last)
            return
        if tab == COMMITTEES_TAB:
            self.committees.refresh()
            return
        self._fill_committees()
        self.refresh_list(last)

    def _fill_committees(self) -> None:
        assert self.ws is not None
        chosen = self.committee_filter.currentData()
        self.committee_filter.clear()
        self.committee_filter.addItem("All committees", None)
        for committee in committees.list_committees(self.ws):
            self.committee_filter.addItem(committee.name, committee.id)
        self.committee_filter.setCurrentIndex(max(0, self.committee_filter.findData(chosen)))

    def shown_meetings(self) -> list[Meeting]:
        assert self.ws is not None
        return meetings.calendar(
            self.ws,
            committee_id=self.committee_filter.currentData(),
            when=self.when_filter.currentData() or "all",
            today=dt.date.today(),
        )

    def refresh_list(self, last: Change | None = None) -> None:
        if self.ws is None:
            return
        shown = self.shown_meetings()
        keep = self.meeting_id
        if last is not None and change.MEETINGS in last.kinds and len(last.ids) == 1:
            new = next(iter(last.ids))
            if any(m.id == new for m in shown) and self.menu_actions.expecting_new_meeting:
                keep = new
                self.menu_actions.expecting_new_meeting = False
        self.meetings.set_rows(shown)
        # The calendar shows the same meetings (every month of them): no second query.
        self.calendar.set_meetings(shown, self.meeting_id)
        before = self.meeting_id
        if keep is None or not self.select_meeting(keep):
            self.meetings.select_first()
            first = self.meetings.current_record()
            keep = first.id if first else None
        # Selecting another meeting has just shown it; the same one is shown again, with the change.
        if keep == before or keep != self.meeting_id:
            self._show(keep, last)

    def select_meeting(self, meeting_id: int) -> bool:
        for row in range(self.meetings.proxy.rowCount()):
            record = self.meetings.proxy.index(row, 0).data(RECORD_ROLE)
            if record is not None and record.id == meeting_id:
                self.meetings.view.selectRow(row)
                return True
        return False

    def _show(self, meeting_id: int | None, last: Change | None = None) -> None:
        self.meeting_id = meeting_id
        self.calendar.selected_id = meeting_id
        self.calendar.grid.viewport().update()
        self.panel.show_meeting(meeting_id, last)
        self.menu_actions.update_enabled()

    def main_row_count(self) -> int:
        return self.meetings.model.rowCount()

    def _on_meetings_current_changed(self, meeting: Meeting | None) -> None:
        if meeting is not None and meeting.id != self.meeting_id:
            self._show(meeting.id)
            self.calendar.show_meeting(meeting)

    def _on_calendar_meeting_selected(self, meeting: Meeting) -> None:
        self.select_meeting(meeting.id)
        if meeting.id != self.meeting_id:
            self._show(meeting.id)

    def _on_meeting_activated(self, meeting: Meeting | None) -> None:
        if meeting is not None:
            self._on_calendar_meeting_selected(meeting)
            self.panel.tabs.setCurrentIndex(0)
            self.panel.agenda.tree.setFocus()

    def _on_view_group_id_clicked(self, view: int) -> None:
        """The month grid needs room: it takes half the width, the list a third."""
        self.views.setCurrentIndex(view)
        width = sum(self.splitter.sizes()) or 1200
        share = 50 if view == 1 else 36
        self.splitter.setSizes([width * share // 100, width * (100 - share) // 100])

    def import_text_file(self, path: Path) -> None:
        """Minutes text dropped on the window: the import dialog of the item shown, with the file."""
        self.tabs.setCurrentIndex(MEETINGS_TAB)
        self.panel.tabs.setCurrentIndex(MINUTES_TAB)
        self.menu_actions.on_import(path)

    # opening a record from elsewhere (search results) -----------------------------------------------
    def open_record(
        self, kind: str, record_id: int, meeting_id: int | None = None, item_id: int | None = None
    ) -> bool:
        if kind == "report":
            self.tabs.setCurrentIndex(REPORTS_TAB)
            self.refresh_now()
            return self.reports.select(record_id)
        if kind == "minutes" and meeting_id is not None and item_id is not None:
            self.tabs.setCurrentIndex(MEETINGS_TAB)
            self.committee_filter.setCurrentIndex(0)
            self.when_filter.setCurrentIndex(0)
            self.refresh_now()
            if not self.select_meeting(meeting_id):
                return False
            self._show(meeting_id)
            self.panel.open_minutes(item_id)
            return True
        return False
