"""What opening a workspace and changing it costs the window, counted rather than timed: one refresh
of the page shown, each read once per refresh, the calendar grouped by day once, pages built when
first visited."""

from __future__ import annotations

import linecache
from collections import Counter

import pytest

from ocplan_desktop.app import make_application
from ocplan_desktop.services import meetings as meeting_service
from ocplan_desktop.store.workspace import open_workspace
from ocplan_desktop.ui.main_window import MainWindow
from ocplan_desktop.ui.pages.page import Page
from ocplan_desktop.ui.widgets import month_calendar
from tests.conftest import copy_workspace

MEETINGS_LIST = "FROM meetings JOIN committees ON committees.id = meetings.committee_id WHERE (NULL"


@pytest.fixture
def shown(qtbot, settings):
    """The window shown with no workspace yet, as at start-up."""
    make_application()
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()


def open_copy(demo_path, name):
    path = copy_workspace(demo_path, demo_path.with_name(name))
    return open_workspace(path, backups_dir=demo_path.parent / "backups")


def reads(statements):
    return [
        " ".join(statement.split())
        for statement in statements
        if statement.lstrip().upper().startswith(("SELECT", "WITH"))
    ]


def test_opening_a_workspace_refreshes_the_page_shown_once(shown, demo_path, monkeypatch):
    refreshed: Counter[str] = Counter()
    original = Page.refresh_now

    def counting(page):
        if page.ws is not None:  # a page made before the workspace is set has nothing to load
            refreshed[page.title] += 1
        original(page)

    monkeypatch.setattr(Page, "refresh_now", counting)
    shown.set_workspace(open_copy(demo_path, "first.ocplan"))
    assert refreshed == {"Meetings & minutes": 1}
    refreshed.clear()
    shown.set_workspace(open_copy(demo_path, "second.ocplan"))  # the pages exist this time
    assert refreshed == {"Meetings & minutes": 1}
    assert shown.page(0).main_row_count() == 7


def test_each_read_runs_once_when_a_workspace_opens_and_when_it_changes(
    shown, demo_path, monkeypatch
):
    ws = open_copy(demo_path, "traced.ocplan")
    statements: list[str] = []
    ws.db.conn.set_trace_callback(statements.append)
    shown.set_workspace(ws)
    opened = reads(statements)
    assert {text: n for text, n in Counter(opened).items() if n > 1} == {}
    assert sum(MEETINGS_LIST in text for text in opened) == 1  # the list and calendar share it

    page = shown.page(0)
    meeting = next(m for m in page.meetings.model.rows() if m.status == "scheduled")
    assert page.select_meeting(meeting.id)
    during_refresh: list[str] = []
    original = Page.refresh_now

    def traced(refreshing):
        start = len(statements)
        original(refreshing)
        during_refresh.extend(statements[start:])

    monkeypatch.setattr(Page, "refresh_now", traced)
    assert page.session.run(
        "Change venue",
        lambda w: meeting_service.update_meeting(
            w,
            meeting.id,
            date=meeting.date,
            start_time=meeting.start_time,
            venue="Committee Room 3",
            status=meeting.status,
        ),
    )
    refreshed = reads(during_refresh)
    assert refreshed
    assert {text: n for text, n in Counter(refreshed).items() if n > 1} == {}
    assert sum(MEETINGS_LIST in text for text in refreshed) == 1
    assert page.meetings.current_record().venue == "Committee Room 3"


def test_the_calendar_groups_the_meetings_by_day_once(shown, demo_path, monkeypatch):
    calls = []
    original = month_calendar.group_by_day

    def counting(meetings):
        calls.append(len(meetings))
        return original(meetings)

    monkeypatch.setattr(month_calendar, "group_by_day", counting)
    shown.set_workspace(open_copy(demo_path, "calendar.ocplan"))
    page = shown.page(0)
    assert calls == [7]
    page.month_button.click()
    meeting = page.meetings.current_record()
    page.calendar.show_meeting(meeting)
    for _ in range(3):
        page.calendar.step(-1)
    page.calendar.step(3)
    assert calls == [7]  # months are drawn from the grouping, not by scanning every meeting
    day = month_calendar.dt.date.fromisoformat(meeting.date)
    assert meeting in page.calendar.meetings_on(day)


def test_pages_and_the_meetings_tabs_are_built_when_first_visited(shown, demo_path, qtbot):
    shown.set_workspace(open_copy(demo_path, "lazy.ocplan"))
    assert [page.title for page in shown.built_pages()] == ["Meetings & minutes"]
    assert not isinstance(shown.stack.widget(3), Page)
    meetings_page = shown.page(0)
    assert meetings_page._reports is None and meetings_page._committees is None

    shown.show_page(3)
    assert [page.title for page in shown.built_pages()] == ["Meetings & minutes", "Engagement"]
    # The source lines PySide6's import hook read for the page's modules are not kept.
    assert not [name for name in linecache.cache if "engagement" in name]
    assert shown.stack.currentWidget() is shown.page(3)
    qtbot.waitUntil(lambda: shown.page(3).main_row_count() > 0)
    shown.show_page(1)
    # Page menus keep the pages' order, whichever page was built first, and precede Tools.
    titles = [action.text().replace("&", "") for action in shown.menuBar().actions()]
    assert titles.index("Meetings") < titles.index("Recommendations") < titles.index("Engagement")
    assert titles.index("Engagement") < titles.index("Tools")

    shown.show_page(0)
    meetings_page.tabs.setCurrentIndex(2)
    assert meetings_page._committees is not None and meetings_page._reports is None
    qtbot.waitUntil(lambda: meetings_page.committees.list.count() == 3)
    assert meetings_page.committees.isVisible()
