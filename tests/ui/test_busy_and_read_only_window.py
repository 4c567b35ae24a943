"""The window with a workspace another program is writing to, and one in a read-only folder."""

from __future__ import annotations

from ocplan_desktop.services import reports
from ocplan_desktop.store import workspace as workspace_module
from tests.reliability.hazards import another_program_writing


def new_report(window) -> None:
    return window.session.run(
        "New report", lambda ws: reports.create_report(ws, "Bus lanes on the Foleshill Road")
    )


def test_an_edit_waits_for_another_program_saying_so_then_is_saved(window):
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    with another_program_writing(window.ws.path, 1.2):
        assert new_report(window)
    assert any(m.startswith("Waiting for another program to finish writing") for m in messages)
    assert window.statusBar().currentMessage() == "Saved: New report"
    assert window.undo_stack.count() == 1


def test_a_workspace_busy_for_too_long_is_one_dialog_and_nothing_changes(window, monkeypatch):
    monkeypatch.setattr(workspace_module, "BUSY_WAIT_SECONDS", 0.8)
    before = len(reports_titles(window))
    with another_program_writing(window.ws.path, 2.5):
        assert not new_report(window)
    assert window.undo_stack.count() == 0
    assert "is busy: another program has been writing to it" in window.last_message.text()
    assert window.statusBar().currentMessage() == ""
    assert len(reports_titles(window)) == before


def reports_titles(window) -> list[str]:
    from ocplan_desktop.services import meetings

    return [r.title for r in meetings.list_reports(window.ws)]


def test_a_workspace_in_a_read_only_folder_opens_read_only_with_a_message(window, read_only_folder):
    path = read_only_folder / "Shared.ocplan"
    assert window.open_path(path)
    assert window.ws.read_only and "[read-only]" in window.windowTitle()
    assert "because its folder cannot be written to" in window.last_message.text()
    window.last_message.accept()
    window.show_page(2)
    assert window.pages[2].main_row_count() == 73
    assert not new_report(window)
    assert "its folder cannot be written to" in window.last_message.text()
