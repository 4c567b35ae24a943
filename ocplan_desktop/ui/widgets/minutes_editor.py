"""The minutes of one agenda item: heading, "Report of …" line, narrative paragraphs, the questions
and comments as bullets, and the resolutions as a numbered tree.

Every change is an undoable edit run through the session and saved at once; the widget then reloads
from the workspace, so the numbers it shows (`1)`, `a)`, `i)`) are always the numbering rule's.
Approved minutes are shown read-only with their approval; corrections go through `CorrectionDialog`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.minutes import MinutesView
from ocplan_desktop.domain.numbering import label, label_tree
from ocplan_desktop.services import minutes, resolutions
from ocplan_desktop.services.change import Change
from ocplan_desktop.services.committees import list_committees
from ocplan_desktop.ui.session import Edit, Session
from ocplan_desktop.ui.widgets.field_edits import CommitLineEdit
from ocplan_desktop.ui.widgets.ordered_tree import OrderedTree, Row


def _depth(item: QTreeWidgetItem) -> int:
    depth, parent = 0, item.parent()
    while parent is not None:
        depth, parent = depth + 1, parent.parent()
    return depth


def _section(title: str, parent: QWidget) -> QLabel:
    heading = QLabel(title, parent)
    heading.setObjectName("sectionHeading")
    return heading


class MinutesEditor(QWidget):
    """Edits one item's minutes; `item_id` is None when no item is chosen."""

    list_focused = Signal(object)  # the OrderedTree the officer is working in

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.item_id: int | None = None
        self.view: MinutesView | None = None
        self.setAccessibleName("Minutes editor")

        self.banner = QLabel(self)
        self.banner.setObjectName("minutesBanner")
        self.banner.setWordWrap(True)
        self.heading = CommitLineEdit(self, name="Minutes heading")
        self.report_of = CommitLineEdit(self, name="Report of")
        self.report_of.setPlaceholderText("Report of the …")
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Heading", self.heading)
        form.addRow("Report of", self.report_of)

        self.paragraphs = OrderedTree(["Narrative"], "Narrative paragraphs", self)
        self.bullets = OrderedTree(
            ["", "Questions and comments"], "Questions and comments", self, text_column=1
        )
        self.resolutions = OrderedTree(
            ["No.", "Resolution", "Tracked as"], "Resolutions", self, text_column=1, nested=True
        )
        self.paragraphs.setHeaderHidden(True)
        self.bullets.setHeaderHidden(True)
        self.paragraphs.placeholder = (
            "No narrative yet. Add a paragraph (Ctrl+Shift+P), or import the text."
        )
        self.bullets.placeholder = "No questions or comments recorded. Add one (Ctrl+Shift+B)."
        self.resolutions.placeholder = "No resolutions yet. Add one (Ctrl+Return); Ctrl+] makes it a lettered item of the one above."
        self.to_body = QComboBox(self)
        self.to_body.setAccessibleName("Recommendations to")
        self.to_body.setToolTip(
            "Mark the selected numbered resolution: its lettered items become recommendations "
            "to this body, tracked in Recommendations"
        )
        self.to_body.setMinimumContentsLength(14)

        self.tool_rows: dict[str, QHBoxLayout] = {}
        panes = QSplitter(Qt.Orientation.Vertical, self)
        panes.setChildrenCollapsible(False)
        for key, title, tree in (
            ("paragraphs", "Narrative", self.paragraphs),
            ("bullets", "Questions and comments", self.bullets),
            ("resolutions", "Resolutions", self.resolutions),
        ):
            pane = QWidget(panes)
            layout = QVBoxLayout(pane)
            layout.setContentsMargins(0, 4, 0, 0)
            layout.setSpacing(2)
            row = QHBoxLayout()
            row.addWidget(_section(title, pane))
            row.addStretch(1)
            self.tool_rows[key] = row
            layout.addLayout(row)
            layout.addWidget(tree, 1)
            panes.addWidget(pane)
            tree.installEventFilter(self)
        marking = QHBoxLayout()
        marking.addWidget(QLabel("Its lettered items are recommendations to", self))
        marking.addWidget(self.to_body, 1)
        resolutions_pane = panes.widget(2)
        resolutions_pane.layout().addLayout(marking)  # type: ignore[union-attr]
        panes.setStretchFactor(0, 3)
        panes.setStretchFactor(1, 3)
        panes.setStretchFactor(2, 4)
        # Two rows of each list stay in sight however small the window (see MINIMUM_SIZE).
        line = self.fontMetrics().lineSpacing() + 8
        for tree in (self.paragraphs, self.bullets):
            tree.setMinimumHeight(2 * line + 6)
        self.resolutions.setMinimumHeight(3 * line + 6)  # and its header

        self.top_tools = QHBoxLayout()
        self.top_tools.addWidget(self.banner, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.top_tools)
        layout.addLayout(form)
        layout.addWidget(panes, 1)

        self.heading.committed.connect(self._on_heading_committed)
        self.report_of.committed.connect(self._on_report_of_committed)
        for part, tree in (("paragraphs", self.paragraphs), ("bullets", self.bullets)):
            tree.new_committed.connect(
                lambda _parent, index, text, part=part: self._on_line_added(part, index, text)
            )
            tree.text_committed.connect(
                lambda row_id, text, part=part: self._on_line_edited(part, row_id, text)
            )
            tree.drop_requested.connect(
                lambda row_id, _parent, index, part=part: self._run(
                    "Move " + part.rstrip("s"),
                    lambda ws: minutes.move_line(ws, part, row_id, index),
                )
            )
        self.resolutions.new_committed.connect(self._on_resolution_added)
        self.resolutions.text_committed.connect(self._on_resolution_edited)
        self.resolutions.drop_requested.connect(self._on_resolution_dropped)
        self.resolutions.currentItemChanged.connect(lambda *_args: self._show_marking())
        self.to_body.activated.connect(self._on_to_body_activated)
        self.setEnabled(False)

    # tool buttons share the page's actions (their shortcuts show in menus and tooltips) ----------
    def add_tool(self, part: str, action: object) -> QToolButton:
        """A button for one of the page's actions over a list (or at the top, `part="top"`)."""
        button = QToolButton(self)
        button.setDefaultAction(action)  # type: ignore[arg-type]
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        (self.top_tools if part == "top" else self.tool_rows[part]).addWidget(button)
        return button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, OrderedTree):
            self.list_focused.emit(watched)
        return super().eventFilter(watched, event)

    # loading ---------------------------------------------------------------------------------------
    def load(self, item_id: int | None, select: Change | None = None) -> None:
        self.item_id = item_id
        ws = self.session.ws
        if item_id is None or ws is None:
            self.view = None
            self.setEnabled(False)
            self.banner.setText("Choose an agenda item to see or draft its minutes.")
            for tree in (self.paragraphs, self.bullets, self.resolutions):
                tree.set_rows([])
            self.heading.set_value("")
            self.report_of.set_value("")
            return
        self.setEnabled(True)
        view = minutes.view(ws, item_id)
        self.view = view
        chosen = next(iter(select.ids)) if select is not None and len(select.ids) == 1 else None
        self.banner.setText(view.status_text + (" — locked" if view.locked else ""))
        self.banner.setProperty("locked", view.locked)
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.heading.set_value(view.heading)
        self.report_of.set_value(view.report_of)
        self.heading.setReadOnly(view.locked)
        self.report_of.setReadOnly(view.locked)
        for tree in (self.paragraphs, self.bullets, self.resolutions):
            tree.set_locked(view.locked)
        self.paragraphs.set_rows([Row(i, [t], t) for i, t in view.paragraphs], chosen)
        self.bullets.set_rows([Row(i, ["•", t], t) for i, t in view.bullets], chosen)
        self.resolutions.set_rows(self._resolution_rows(view), chosen)
        self._fill_bodies()
        self._show_marking()

    def reload(self, change: Change | None = None) -> None:
        self.load(self.item_id, change)

    def _resolution_rows(self, view: MinutesView) -> list[Row]:
        names = {c.id: c.name for c in list_committees(self.session.ws)} if self.session.ws else {}
        marked = view.marked or {}
        tracked = view.tracked or {}
        rows: dict[object, Row] = {}
        top: list[Row] = []
        for path, text_label, node in label_tree(view.resolutions):
            key = int(str(node.key))
            note = ""
            if key in marked:
                note = f"Recommendations to {names.get(marked[key], '?')}"
            elif key in tracked:
                note = tracked[key]
            row = Row(key, [text_label, node.text, note], node.text, bold=key in marked)
            rows[node.key] = row
            if len(path) == 1:
                top.append(row)
            else:
                parent = next(n for p, _l, n in label_tree(view.resolutions) if p == path[:-1])
                rows[parent.key].children.append(row)
        return top

    def _fill_bodies(self) -> None:
        ws = self.session.ws
        with QSignalBlocker(self.to_body):
            self.to_body.clear()
            self.to_body.addItem("— (not recommendations)", None)
            if ws is not None:
                for committee in list_committees(ws):
                    self.to_body.addItem(committee.name, committee.id)

    def _show_marking(self) -> None:
        item = self.resolutions.currentItem()
        top_level = (
            item is not None and item.parent() is None and self.resolutions.current_id() is not None
        )
        locked = self.view is None or self.view.locked
        self.to_body.setEnabled(top_level and not locked)
        marked = (self.view.marked or {}) if self.view else {}
        target = marked.get(self.resolutions.current_id() or -1)
        self.to_body.setCurrentIndex(max(0, self.to_body.findData(target)) if target else 0)

    # edits -----------------------------------------------------------------------------------------
    def _run(self, text: str, edit: Edit) -> bool:
        return self.session.run(text, edit)

    def _on_heading_committed(self, text: str) -> None:
        if self.item_id is not None and self.view is not None and text != self.view.heading:
            item_id = self.item_id
            self._run("Edit heading", lambda ws: minutes.set_heading(ws, item_id, text))

    def _on_report_of_committed(self, text: str) -> None:
        if self.item_id is not None and self.view is not None and text != self.view.report_of:
            item_id = self.item_id
            self._run("Edit Report of line", lambda ws: minutes.set_report_of(ws, item_id, text))

    def _on_line_added(self, part: str, index: int, text: str) -> None:
        if self.item_id is not None:
            item_id = self.item_id
            what = "paragraph" if part == "paragraphs" else "bullet"
            self._run(f"Add {what}", lambda ws: minutes.add_line(ws, item_id, part, text, at=index))

    def _on_line_edited(self, part: str, row_id: int, text: str) -> None:
        what = "paragraph" if part == "paragraphs" else "bullet"
        self._run(f"Edit {what}", lambda ws: minutes.edit_line(ws, part, row_id, text))

    def _on_resolution_added(self, parent_id: int | None, index: int, text: str) -> None:
        if self.item_id is None:
            return
        item_id = self.item_id
        what = "Add lettered item" if parent_id is not None else "Add resolution"
        self._run(
            what,
            lambda ws: resolutions.add(ws, item_id, text, child_of=parent_id, index=index),
        )

    def _on_resolution_edited(self, row_id: int, text: str) -> None:
        self._run("Edit resolution", lambda ws: resolutions.edit(ws, row_id, text))

    def _on_resolution_dropped(self, row_id: int, parent_id: int | None, index: int) -> None:
        """A drag moves a resolution within its own list; levels change with Indent and Outdent."""
        item = self.resolutions.item_for(row_id)
        if item is None:
            return
        parent = item.parent()
        current_parent = self.resolutions.id_of(parent) if parent is not None else None
        if current_parent != parent_id:
            self.session.refused.emit(
                "Drag a resolution within its own list; Indent and Outdent change its level."
            )
            return
        self._run("Move resolution", lambda ws: resolutions.move_to(ws, row_id, index))

    def _on_to_body_activated(self, index: int) -> None:
        resolution_id = self.resolutions.current_id()
        if resolution_id is None:
            return
        committee_id = self.to_body.itemData(index)
        text = "Mark as recommendations" if committee_id else "Unmark recommendations"
        self._run(
            text, lambda ws: resolutions.mark_recommendations(ws, resolution_id, committee_id)
        )

    # actions the page's menu triggers ----------------------------------------------------------------
    def add_paragraph(self) -> None:
        self._start(self.paragraphs)

    def add_bullet(self) -> None:
        self._start(self.bullets)

    def _start(self, tree: OrderedTree) -> None:
        if self.view is None or self.view.locked:
            return
        current = tree.currentItem()
        index = tree.indexOfTopLevelItem(current) + 1 if current is not None else None
        tree.start_new(None, index)

    def add_resolution(self) -> None:
        """A new resolution after the selected one, at its level (the end of the top level when
        nothing is selected)."""
        if self.view is None or self.view.locked:
            return
        item = self.resolutions.currentItem()
        if item is None:
            count = self.resolutions.topLevelItemCount()
            self.resolutions.start_new(None, None, label(0, count))
            return
        parent = item.parent()
        parent_id = self.resolutions.id_of(parent) if parent is not None else None
        if parent is not None:
            index = parent.indexOfChild(item) + 1
        else:
            index = self.resolutions.indexOfTopLevelItem(item) + 1
        self.resolutions.start_new(parent_id, index, label(_depth(item), index))

    def add_child_resolution(self) -> None:
        """A new lettered item: at the end of the selected numbered resolution's list, or after the
        selected lettered item (so pressing it again gives a), b), c), not a), i), i))."""
        if self.view is None or self.view.locked:
            return
        item = self.resolutions.currentItem()
        if item is None or self.resolutions.id_of(item) is None:
            return
        parent = item.parent()
        if parent is None:
            parent_id = self.resolutions.id_of(item)
            self.resolutions.start_new(parent_id, None, label(1, item.childCount()))
            return
        grandparent = parent.parent()
        while grandparent is not None:  # a deeper item: the new one follows its lettered item
            item, parent, grandparent = parent, grandparent, grandparent.parent()
        index = parent.indexOfChild(item) + 1
        self.resolutions.start_new(self.resolutions.id_of(parent), index, label(1, index))

    def resolution_step(self, name: str) -> None:
        """Indent, outdent, move up or move down the selected resolution."""
        resolution_id = self.resolutions.current_id()
        if resolution_id is None:
            return
        step = {
            "indent": ("Indent resolution", resolutions.indent),
            "outdent": ("Outdent resolution", resolutions.outdent),
            "up": ("Move resolution up", resolutions.move_up),
            "down": ("Move resolution down", resolutions.move_down),
        }[name]
        self._run(step[0], lambda ws: step[1](ws, resolution_id))

    def move_in(self, tree: OrderedTree, delta: int) -> None:
        if tree is self.resolutions:
            self.resolution_step("up" if delta < 0 else "down")
            return
        row_id = tree.current_id()
        part = "paragraphs" if tree is self.paragraphs else "bullets"
        if row_id is not None:
            what = part.rstrip("s")
            self._run(f"Move {what}", lambda ws: minutes.move_line_by(ws, part, row_id, delta))

    def delete_in(self, tree: OrderedTree) -> None:
        row_id = tree.current_id()
        if row_id is None:
            return
        if tree is self.resolutions:
            self._run("Delete resolution", lambda ws: resolutions.delete(ws, row_id))
            return
        part = "paragraphs" if tree is self.paragraphs else "bullets"
        self._run(f"Delete {part.rstrip('s')}", lambda ws: minutes.delete_line(ws, part, row_id))
