"""The Meetings menu: every action of the meetings page with its keyboard shortcut, shown in the
menu while the page is, and on the buttons that use the same actions.

Dialogs open with `open()` and keep a reference (`self.dialog`), so tests can fill them in.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

from ocplan_desktop.domain.minutes import Minutes
from ocplan_desktop.services import meetings
from ocplan_desktop.services import minutes_approval as approval
from ocplan_desktop.services.committees import list_committees
from ocplan_desktop.ui.widgets.meeting_dialogs import ApproveDialog, MeetingDialog
from ocplan_desktop.ui.widgets.meeting_panel import MINUTES_TAB
from ocplan_desktop.ui.widgets.minutes_dialogs import (
    CorrectionDialog,
    HistoryDialog,
    MinutesImportDialog,
)
from ocplan_desktop.ui.widgets.ordered_tree import OrderedTree

if TYPE_CHECKING:
    from ocplan_desktop.ui.pages.meetings_page import MeetingsPage


class MeetingsActions:
    def __init__(self, page: MeetingsPage) -> None:
        self.page = page
        self.dialog: QDialog | None = None
        self.expecting_new_meeting = False
        self.active_list: OrderedTree | None = None
        panel = page.panel
        editor = panel.minutes

        def action(
            text: str, shortcut: str | None, slot: object, tip: str = "", short: str = ""
        ) -> QAction:
            made = QAction(text, page)
            if short:
                made.setIconText(short)  # the button's text; the menu shows the whole text
            if shortcut:
                made.setShortcut(QKeySequence(shortcut))
            made.setToolTip(
                f"{text.replace('&', '')} ({shortcut})" if shortcut else text.replace("&", "")
            )
            if tip:
                made.setStatusTip(tip)
            made.triggered.connect(slot)
            return made

        self.new_meeting = action("&New meeting…", "Ctrl+Shift+M", self.on_new_meeting)
        self.edit_meeting = action("Change &meeting…", None, self.on_edit_meeting, short="Change…")
        self.number = action("Number minute&s", None, self.on_number, short="Number")
        self.add_item = action(
            "Add agenda &item", "Ctrl+Shift+I", panel.agenda.start_new, short="Add item"
        )
        self.add_paragraph = action(
            "Add &paragraph",
            "Ctrl+Shift+P",
            lambda: self._minutes(editor.add_paragraph),
            short="Add",
        )
        self.add_bullet = action(
            "Add &bullet", "Ctrl+Shift+B", lambda: self._minutes(editor.add_bullet), short="Add"
        )
        self.add_resolution = action(
            "Add &resolution",
            "Ctrl+Return",
            lambda: self._minutes(editor.add_resolution),
            short="Add",
        )
        self.add_lettered = action(
            "Add &lettered item",
            "Ctrl+Shift+Return",
            lambda: self._minutes(editor.add_child_resolution),
            short="Add a) b)",
        )
        self.indent = action(
            "Ind&ent resolution", "Ctrl+]", lambda: editor.resolution_step("indent"), short="Indent"
        )
        self.outdent = action(
            "&Outdent resolution",
            "Ctrl+[",
            lambda: editor.resolution_step("outdent"),
            short="Outdent",
        )
        self.move_up = action("Move &up", "Ctrl+Shift+Up", lambda: self.on_move(-1), short="Up")
        self.move_down = action(
            "Move do&wn", "Ctrl+Shift+Down", lambda: self.on_move(1), short="Down"
        )
        self.delete = action("&Delete selected", "Ctrl+Delete", self.on_delete, short="Delete")
        self.mark = action(
            "Recommendations &to…", "Ctrl+Shift+R", self.on_mark,
            "Mark the selected numbered resolution's lettered items as recommendations to another body",
        )  # fmt: skip
        self.import_text = action(
            "Import minutes te&xt…", "Ctrl+Shift+V", lambda: self.on_import(), short="Import text…"
        )
        self.approve = action(
            "&Approve minutes…", "Ctrl+Shift+A", self.on_approve, short="Approve…"
        )
        self.correct = action(
            "&Correct approved minutes…", "Ctrl+Shift+E", self.on_correct, short="Correct…"
        )
        self.history = action(
            "Minutes &history…", "Ctrl+Shift+H", self.on_history, short="History…"
        )

        for part, actions in (
            ("paragraphs", (self.add_paragraph,)),
            ("bullets", (self.add_bullet,)),
            ("resolutions", (self.add_resolution, self.add_lettered, self.indent, self.outdent)),
        ):
            for made in actions:
                editor.add_tool(part, made)
        for made in (self.add_item, self.move_up, self.move_down, self.delete, self.number):
            panel.agenda.add_tool(made)
        for made in (self.edit_meeting, self.approve):
            panel.add_button(made)
        for made in (self.import_text, self.correct, self.history):
            panel.add_minutes_button(made)
        editor.list_focused.connect(self._on_list_focused)
        panel.agenda.tree.installEventFilter(editor)  # focus on the agenda counts too

    def all(self) -> list[QAction]:
        separator = QAction(self.page)
        separator.setSeparator(True)
        return [
            self.new_meeting, self.edit_meeting, self.number, separator,
            self.add_item, self.add_paragraph, self.add_bullet, self.add_resolution,
            self.add_lettered, self.indent, self.outdent, self.move_up, self.move_down,
            self.delete, self.mark, self._separator(), self.import_text, self.approve,
            self.correct, self.history,
        ]  # fmt: skip

    def _separator(self) -> QAction:
        separator = QAction(self.page)
        separator.setSeparator(True)
        return separator

    def update_enabled(self) -> None:
        details = self.page.panel.details
        has = details is not None
        locked = bool(details and details.locked)
        for made in (self.add_item, self.add_paragraph, self.add_bullet, self.add_resolution,
                     self.add_lettered, self.indent, self.outdent, self.import_text, self.number,
                     self.edit_meeting, self.move_up, self.move_down, self.delete, self.mark):  # fmt: skip
            made.setEnabled(has and not locked)
        self.approve.setEnabled(
            has and not locked and details is not None and details.meeting.status == "held"
        )
        self.correct.setEnabled(locked)
        self.history.setEnabled(has)

    # focus: which list Move and Delete act on ------------------------------------------------------
    def _on_list_focused(self, tree: OrderedTree) -> None:
        self.active_list = tree

    def _minutes(self, start: object) -> None:
        """Add actions work from anywhere on the page: they show the Minutes tab first."""
        panel = self.page.panel
        if panel.minutes.item_id is None:
            return
        panel.tabs.setCurrentIndex(MINUTES_TAB)
        start()  # type: ignore[operator]

    def on_move(self, delta: int) -> None:
        tree, panel = self.active_list, self.page.panel
        if tree is panel.agenda.tree or tree is None:
            panel.agenda.move_current(delta)
        elif tree in (panel.minutes.paragraphs, panel.minutes.bullets, panel.minutes.resolutions):
            panel.minutes.move_in(tree, delta)

    def on_delete(self) -> None:
        tree, panel = self.active_list, self.page.panel
        if tree is panel.agenda.tree:
            panel.agenda.delete_current()
        elif tree in (panel.minutes.paragraphs, panel.minutes.bullets, panel.minutes.resolutions):
            panel.minutes.delete_in(tree)

    def on_mark(self) -> None:
        panel = self.page.panel
        panel.tabs.setCurrentIndex(MINUTES_TAB)
        panel.minutes.to_body.setFocus()
        panel.minutes.to_body.showPopup()

    # meetings ---------------------------------------------------------------------------------------
    def on_new_meeting(self) -> None:
        ws = self.page.ws
        if ws is None:
            return
        committee = self.page.committee_filter.currentData()
        dialog = MeetingDialog(list_committees(ws), self.page, committee_id=committee)
        dialog.accepted.connect(lambda: self._create_meeting(dialog))
        self._open(dialog)

    def _create_meeting(self, dialog: MeetingDialog) -> None:
        values = dialog.values()
        committee_id = int(values.pop("committee_id"))  # type: ignore[call-overload]
        self.expecting_new_meeting = True
        self.page.session.run(
            "New meeting",
            lambda ws: meetings.create_meeting(ws, committee_id, **values),  # type: ignore[arg-type]
        )

    def on_edit_meeting(self) -> None:
        details = self.page.panel.details
        ws = self.page.ws
        if details is None or ws is None:
            return
        dialog = MeetingDialog(list_committees(ws), self.page, meeting=details.meeting)
        meeting_id = details.meeting.id

        def save() -> None:
            values = dialog.values()
            values.pop("committee_id")
            self.page.session.run(
                "Change meeting",
                lambda ws: meetings.update_meeting(ws, meeting_id, **values),  # type: ignore[arg-type]
            )

        dialog.accepted.connect(save)
        self._open(dialog)

    def on_number(self) -> None:
        meeting_id = self.page.meeting_id
        if meeting_id is not None:
            self.page.session.run(
                "Number the minutes", lambda ws: meetings.number_minutes(ws, meeting_id)
            )

    def on_approve(self) -> None:
        details, ws = self.page.panel.details, self.page.ws
        if details is None or ws is None:
            return
        meeting = details.meeting
        later = [
            m
            for m in meetings.list_meetings(ws)
            if m.date > meeting.date and m.status != "cancelled"
        ]
        later.sort(key=lambda m: (m.committee_id != meeting.committee_id, m.date))
        dialog = ApproveDialog(meeting, later, self.page)

        def approve() -> None:
            approving = dialog.approving_id()
            if approving is not None:
                self.page.session.run(
                    "Approve minutes", lambda ws: approval.approve(ws, meeting.id, approving)
                )

        dialog.accepted.connect(approve)
        self._open(dialog)

    # minutes ----------------------------------------------------------------------------------------
    def on_import(self, path: Path | None = None) -> None:
        """Import minutes text into the item shown (from `path`, a file dropped on the window)."""
        editor, ws = self.page.panel.minutes, self.page.ws
        if editor.item_id is None or editor.view is None or ws is None:
            return
        item_id, view = editor.item_id, editor.view
        replaces = bool(view.paragraphs or view.bullets or view.resolutions)
        names = {c.id: c.name for c in list_committees(ws)}

        def suggest(text: str) -> tuple[int, str] | None:
            found = approval.suggest_body(ws, text)
            return (found, names[found]) if found is not None else None

        dialog = MinutesImportDialog(view.heading, replaces, suggest, self.page)

        def accepted() -> None:
            parsed = dialog.minutes(item_id)
            number = dialog.parsed.minute_number
            targets = {index: target[0] for index, target in dialog.targets().items()}
            self.page.session.run(
                "Import minutes text",
                lambda ws: approval.import_into_item(ws, item_id, parsed, targets, number),
            )

        dialog.accepted.connect(accepted)
        self._open(dialog)
        if path is not None:
            dialog.load_file(path)

    def on_correct(self) -> None:
        editor = self.page.panel.minutes
        details = self.page.panel.details
        if editor.item_id is None or editor.view is None or details is None:
            return
        item_id = editor.item_id
        current: Minutes = editor.view.minutes()
        dialog = CorrectionDialog(current, details.approval_text, self.page)

        def accepted() -> None:
            corrected, reason = dialog.corrected(), dialog.reason.text()
            self.page.session.run(
                "Correct approved minutes",
                lambda ws: approval.revise(ws, item_id, corrected, reason),
            )

        dialog.accepted.connect(accepted)
        self._open(dialog)

    def on_history(self) -> None:
        editor, ws = self.page.panel.minutes, self.page.ws
        if editor.item_id is None or editor.view is None or ws is None:
            return
        dialog = HistoryDialog(
            approval.history(ws, editor.item_id), editor.view.minutes(), self.page
        )
        self._open(dialog)

    def _open(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
