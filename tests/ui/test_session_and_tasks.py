"""Undo commands through the session, and background tasks with progress and Cancel."""

from __future__ import annotations

import threading

import pytest

from ocplan_desktop.app import make_application
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.services import edits
from ocplan_desktop.services.change import COMMITTEES
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.tasks import Task, run_with_progress


@pytest.fixture
def session(qtbot, ws):
    make_application()
    result = Session()
    result.set_workspace(ws)
    return result


def test_edit_is_pushed_done_undone_and_redone(session, qtbot, ws):
    seen = []
    session.changed.connect(seen.append)
    assert session.run(
        "Add committee", lambda w: edits.inserted(w, "committees", {"name": "Audit"}, COMMITTEES)
    )
    assert ws.scalar("SELECT count(*) FROM committees") == 1
    assert session.undo_stack.undoText() == "Add committee"
    session.undo_stack.undo()
    assert ws.scalar("SELECT count(*) FROM committees") == 0
    session.undo_stack.redo()
    assert ws.scalar("SELECT count(*) FROM committees") == 1
    assert len(seen) == 3 and all(change.touches(COMMITTEES) for change in seen)


def test_a_sync_clears_the_history_only_when_it_changed_a_record_a_step_wrote_to(
    session, qtbot, ws
):
    def add(name):
        return lambda w: edits.inserted(w, "committees", {"name": name}, COMMITTEES)

    session.run("Add committee", add("Audit"))
    session.run("Add committee", add("Licensing"))
    session.undo_stack.undo()  # a step that can be redone counts too
    licensing = int(
        ws.scalar("SELECT max(record_id) FROM audit_log WHERE table_name = 'committees'")
    )
    assert not session.forget_history_touching({("committees", licensing + 10), ("wards", 1)})
    assert session.undo_stack.count() == 2
    assert session.forget_history_touching({("committees", licensing)})
    assert session.undo_stack.count() == 0
    session.run("Add committee", add("Planning"))
    planning = int(ws.scalar("SELECT id FROM committees WHERE name = 'Planning'"))
    assert not session.forget_history_touching({("committees", planning + 1)})
    assert session.forget_history_touching({("committees", planning)})


def test_a_step_that_left_no_audit_entry_is_cleared_by_any_sync_change(session, qtbot, ws):
    from ocplan_desktop.services.change import Change

    session.run("Nothing audited", lambda w: Change.of(COMMITTEES))
    assert session.undo_stack.count() == 1
    assert session.forget_history_touching({("wards", 1)})  # it cannot tell: cleared


def test_refused_edit_changes_nothing_and_is_not_on_the_stack(session, qtbot, ws):
    messages = []
    session.refused.connect(messages.append)

    def refuse(_w):
        raise ValidationError("'soon' is not a date", field="due date")

    assert session.run("Set due date", refuse) is False
    assert session.undo_stack.count() == 0
    assert messages == ["due date: 'soon' is not a date"]


def test_task_reports_progress_and_result(qtbot, ws):
    make_application()
    steps = []

    def job(connection, progress):
        assert connection is not ws  # a connection of its own
        for index in range(3):
            progress.step(index + 1, 3, f"step {index + 1}")
        return connection.scalar("SELECT count(*) FROM wards")

    task = Task()
    task.signals.progressed.connect(lambda done, total, text: steps.append((done, total, text)))
    with qtbot.waitSignal(task.signals.done, timeout=10_000):
        task.start(ws, job, writes=False)
    assert task.result == 18 and task.error is None
    assert steps[-1] == (3, 3, "step 3")


def test_task_cancel_rolls_back(qtbot, ws):
    make_application()
    started = threading.Event()

    def job(connection, progress):
        with connection.atomic() as db:
            db.execute("INSERT INTO committees (name) VALUES ('half-imported')")
            started.set()
            for index in range(10_000):
                progress.step(index, 10_000)
                threading.Event().wait(0.001)
        return "finished"

    task = Task()
    with qtbot.waitSignal(task.signals.done, timeout=20_000):
        task.start(ws, job, writes=True)
        started.wait(5)
        task.cancel()
    assert task.was_cancelled and task.result is None
    assert ws.scalar("SELECT count(*) FROM committees") == 0


def test_task_failure_is_a_message(qtbot, ws):
    make_application()

    def job(_connection, _progress):
        raise ValidationError("row 3, ward: 'Narnia' is not a ward")

    task = Task()
    with qtbot.waitSignal(task.signals.done, timeout=10_000):
        task.start(ws, job, writes=False)
    assert task.error == "row 3, ward: 'Narnia' is not a ward"


def test_run_with_progress_calls_back_on_success(qtbot, ws):
    app = make_application()
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    results = []
    run_with_progress(
        parent,
        "Counting",
        ws,
        lambda c, p: c.scalar("SELECT count(*) FROM themes"),
        writes=False,
        on_success=results.append,
    )
    qtbot.waitUntil(lambda: results == [5], timeout=10_000)
    app.processEvents()


def test_a_job_outliving_the_window_that_started_it_ends_quietly(qtbot, ws):
    """Closing a window while its export runs deletes the task's signals: the worker's last words
    go to nobody instead of raising in its thread."""
    from PySide6.QtCore import QObject, QThreadPool

    make_application()
    owner = QObject()
    task = Task(owner)
    started, release = threading.Event(), threading.Event()

    def job(_ws, progress):
        started.set()
        release.wait(10)
        progress.step(1, 2, "still going")
        return "done"

    task.start(ws, job, writes=False)
    assert started.wait(10)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(task))
    release.set()
    assert QThreadPool.globalInstance().waitForDone(10_000)


def _alive(qobject) -> bool:
    from shiboken6 import isValid

    return isValid(qobject)
