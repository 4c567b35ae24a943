"""Sync ▸ Conflicts…: what two officers changed differently, side by side, to settle one by one.

Mine is on the left, theirs (the team's value, which stands for now) on the right. For text, the
words that differ are marked: what mine added in green, what it dropped from theirs struck through.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.sync import Conflict, when_text
from ocplan_desktop.domain.textdiff import word_diff
from ocplan_desktop.services import sync_conflicts
from ocplan_desktop.services.change import Change
from ocplan_desktop.ui.session import Session

ADDED = "background-color:#d4f4d2"
REMOVED = "background-color:#f9d6d5;text-decoration:line-through"


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def side_by_side(mine: str, theirs: str) -> tuple[str, str]:
    """The two texts as HTML with their word-level differences marked (escaped throughout)."""
    pieces = word_diff(theirs, mine)
    left, right = [], []
    for piece in pieces:
        text = _html(piece.text)
        if piece.op == "same":
            left.append(text)
            right.append(text)
        elif piece.op == "added":
            left.append(f'<span style="{ADDED}">{text}</span>')
        else:
            right.append(f'<span style="{REMOVED}">{text}</span>')
    return "".join(left), "".join(right)


class ConflictsDialog(QDialog):
    settled = Signal(object)  # the Conflict just settled

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Conflicts")
        self.setAccessibleName("Conflicts")
        self.resize(980, 560)
        self.conflicts: list[Conflict] = []

        self.list = QListWidget(self)
        self.list.setAccessibleName("Conflicts to settle")
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.mine_title = QLabel("Mine", self)
        self.theirs_title = QLabel("Theirs", self)
        self.mine = QTextBrowser(self)
        self.mine.setAccessibleName("Mine")
        self.theirs = QTextBrowser(self)
        self.theirs.setAccessibleName("Theirs")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setObjectName("conflictMessage")
        self.empty = QLabel("Nothing to settle: no officer's change conflicts with yours.", self)

        panes = QHBoxLayout()
        for title, view in ((self.mine_title, self.mine), (self.theirs_title, self.theirs)):
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(view, 1)
            panes.addLayout(column, 1)
        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addLayout(panes, 1)
        detail_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setSizes([320, 660])

        buttons = QDialogButtonBox(self)
        self.keep_mine = QPushButton("Keep &mine", self)
        self.keep_theirs = QPushButton("Keep &theirs", self)
        buttons.addButton(self.keep_mine, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.keep_theirs, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.keep_mine.clicked.connect(lambda: self._settle("mine"))
        self.keep_theirs.clicked.connect(lambda: self._settle("theirs"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.session.changed.connect(self._on_session_changed)
        self.refresh()

    def refresh(self) -> None:
        ws = self.session.ws
        self.conflicts = sync_conflicts.conflicts(ws) if ws is not None else []
        current = self.list.currentRow()
        self.list.clear()
        for conflict in self.conflicts:
            who = f" — {conflict.who}" if conflict.who else ""
            item = QListWidgetItem(f"{conflict.record}\n{conflict.field.replace('_', ' ')}{who}")
            item.setToolTip(conflict.message or conflict.record)
            self.list.addItem(item)
        self.empty.setVisible(not self.conflicts)
        for button in (self.keep_mine, self.keep_theirs):
            button.setEnabled(bool(self.conflicts))
        if self.conflicts:
            self.list.setCurrentRow(min(max(current, 0), len(self.conflicts) - 1))
        else:
            self._show(None)

    def current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _on_list_current_row_changed(self, _row: int) -> None:
        self._show(self.current())

    def _show(self, conflict: Conflict | None) -> None:
        if conflict is None:
            for view in (self.mine, self.theirs):
                view.clear()
            self.message.clear()
            return
        ws = self.session.workspace()
        mine = sync_conflicts.shown_value(ws, conflict, conflict.mine)
        theirs = sync_conflicts.shown_value(ws, conflict, conflict.theirs)
        if isinstance(conflict.mine, str) and isinstance(conflict.theirs, str):
            left, right = side_by_side(mine, theirs)
        else:
            left, right = _html(mine), _html(theirs)
        self.mine.setHtml(left)
        self.theirs.setHtml(right)
        self.mine_title.setText("Mine (not in the team's copy)")
        when = f", {when_text(conflict.when)}" if conflict.when else ""
        who = f" — {conflict.who}{when}" if conflict.who else ""
        self.theirs_title.setText(f"Theirs (stands for now){who}")
        self.message.setText(conflict.message)

    def _settle(self, keep: str) -> None:
        """Keep mine or theirs as one undoable edit (Edit ▸ Undo opens the conflict again)."""
        conflict = self.current()
        if conflict is None:
            return
        words = f"Keep {keep}: {conflict.record}"
        if self.session.run(words, lambda ws: sync_conflicts.resolve(ws, conflict.id, keep)):  # type: ignore[arg-type]
            self.settled.emit(conflict)
        self.refresh()

    def _on_session_changed(self, _change: Change) -> None:
        if self.isVisible():
            self.refresh()
