"""An ordered list (or tree) of texts the officer edits in place: paragraphs, bullets, resolutions,
agenda items.

The widget never changes the workspace itself. It says what the officer asked for through signals
(a new entry's text and where it goes, an entry's new text, a drag to a new place); the owner runs
the undoable edit and reloads the rows with `set_rows`, which keeps the selection on the same id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QPersistentModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QDropEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ocplan_desktop.ui.widgets.field_edits import (
    TEXT_ROLE,
    CommitLineEdit,
    CommitTextEdit,
    WrappedTextDelegate,
)
from ocplan_desktop.ui.widgets.table_export import add_export_action

ID_ROLE = Qt.ItemDataRole.UserRole + 10


@dataclass
class Row:
    """One entry: its id, the texts of its columns, the text an edit starts from, its children."""

    id: int
    columns: list[str]
    text: str
    children: list[Row] = field(default_factory=list)
    tooltip: str = ""
    bold: bool = False


class OrderedTree(QTreeWidget):
    new_committed = Signal(object, int, str)  # parent id (None at the top), index, text
    text_committed = Signal(int, str)  # id, new text
    drop_requested = Signal(int, object, int)  # id, new parent id (None at the top), index

    def __init__(
        self,
        headers: list[str],
        name: str,
        parent: QWidget | None = None,
        *,
        text_column: int = 0,
        nested: bool = False,
        editable: bool = True,
        widths: dict[int, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.text_column = text_column
        self.nested = nested
        self._editable = editable
        self._locked = False
        self.setObjectName(name.replace(" ", ""))
        self.setAccessibleName(name)
        self.setColumnCount(len(headers))
        self.setHeaderLabels(headers)
        self.setHeaderHidden(len(headers) == 1)
        self.setRootIsDecorated(False)
        self.setIndentation(22 if nested else 0)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        header = self.header()
        header.setStretchLastSection(False)
        for column in range(len(headers)):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == text_column
                else QHeaderView.ResizeMode.ResizeToContents
            )
            if widths and column in widths:
                mode = QHeaderView.ResizeMode.Interactive
                header.resizeSection(column, widths[column])
            header.setSectionResizeMode(column, mode)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header.sectionResized.connect(self._on_header_section_resized)
        self.delegate = WrappedTextDelegate(self)
        self.setItemDelegateForColumn(text_column, self.delegate)
        self.delegate.text_committed.connect(self._on_delegate_text_committed)
        self.delegate.closeEditor.connect(self._on_delegate_close_editor)
        add_export_action(self, name)

    def _on_header_section_resized(self, *_args: object) -> None:
        """Wrapped rows get their heights again for the new column width."""
        if not self._relayout_pending:
            self._relayout_pending = True
            QTimer.singleShot(0, self, self._relayout)

    _relayout_pending = False

    def _relayout(self) -> None:
        self._relayout_pending = False
        if self.state() != QAbstractItemView.State.EditingState:
            self.doItemsLayout()

    placeholder = ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.placeholder and self.topLevelItemCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect().adjusted(8, 8, -8, -8),
                int(
                    Qt.AlignmentFlag.AlignTop
                    | Qt.AlignmentFlag.AlignLeft
                    | Qt.TextFlag.TextWordWrap
                ),
                self.placeholder,
            )

    # rows ---------------------------------------------------------------------------------------
    def set_locked(self, locked: bool) -> None:
        """Approved minutes: rows can be read and selected, not edited or dragged."""
        self._locked = locked
        self.setDragEnabled(not locked)
        self.setAcceptDrops(not locked)

    def set_rows(self, rows: list[Row], select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.current_id()
        with QSignalBlocker(self):
            self.clear()
            for row in rows:
                self.addTopLevelItem(self._item(row))
            self.expandAll()
        if keep is not None:
            self.select_id(keep)

    def _item(self, row: Row) -> QTreeWidgetItem:
        item = QTreeWidgetItem(row.columns)
        item.setData(0, ID_ROLE, row.id)
        item.setData(self.text_column, TEXT_ROLE, row.text)
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self._editable and not self._locked:
            flags |= Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
            if self.nested:
                flags |= Qt.ItemFlag.ItemIsDropEnabled
        item.setFlags(flags)
        for column in range(self.columnCount()):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            if row.tooltip:
                item.setToolTip(column, row.tooltip)
            if row.bold:
                font = item.font(column)
                font.setBold(True)
                item.setFont(column, font)
        for child in row.children:
            item.addChild(self._item(child))
        return item

    def all_items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []

        def visit(item: QTreeWidgetItem | None) -> None:
            if item is None:
                return
            found.append(item)
            for index in range(item.childCount()):
                visit(item.child(index))

        for index in range(self.topLevelItemCount()):
            visit(self.topLevelItem(index))
        return found

    def item_for(self, row_id: int) -> QTreeWidgetItem | None:
        return next((item for item in self.all_items() if item.data(0, ID_ROLE) == row_id), None)

    def select_id(self, row_id: int) -> bool:
        item = self.item_for(row_id)
        if item is None:
            return False
        self.setCurrentItem(item)
        self.scrollToItem(item)
        return True

    @staticmethod
    def id_of(item: QTreeWidgetItem) -> int | None:
        value = item.data(0, ID_ROLE)
        return int(value) if value is not None else None

    def current_id(self) -> int | None:
        item = self.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def ids(self) -> list[int]:
        return [
            int(item.data(0, ID_ROLE))
            for item in self.all_items()
            if item.data(0, ID_ROLE) is not None
        ]

    def texts(self) -> list[list[str]]:
        """What each row shows, in reading order (tests and screen readers read this)."""
        return [[item.text(c) for c in range(self.columnCount())] for item in self.all_items()]

    # editing -------------------------------------------------------------------------------------
    def edit_current(self) -> None:
        item = self.currentItem()
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.editItem(item, self.text_column)

    def edit(self, index: Any, trigger: Any = None, event: Any = None) -> bool:  # type: ignore[override]
        if trigger is None:
            super().edit(index)
            return True
        if index.isValid() and index.column() != self.text_column:
            index = index.siblingAtColumn(self.text_column)
        return super().edit(index, trigger, event)

    def start_new(
        self, parent_id: int | None = None, index: int | None = None, label: str = ""
    ) -> None:
        """A blank entry at `index` under `parent_id`, open for typing; saved on Return with
        text, dropped again when left empty or on Escape."""
        if self._locked:
            return
        # Text still being typed in a field is saved first: saving reloads the lists, which would
        # otherwise drop this new entry as soon as the focus leaves the field for it.
        focused = QApplication.focusWidget()
        if isinstance(focused, CommitLineEdit | CommitTextEdit):
            focused.commit()
        self._drop_pending()
        columns = [""] * self.columnCount()
        if self.text_column > 0:
            columns[0] = label
        item = QTreeWidgetItem(columns)
        item.setData(0, ID_ROLE, None)
        item.setFlags(
            Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable
        )
        parent = self.item_for(parent_id) if parent_id is not None else None
        if parent is None:
            count = self.topLevelItemCount()
            self.insertTopLevelItem(count if index is None else min(index, count), item)
        else:
            count = parent.childCount()
            parent.insertChild(count if index is None else min(index, count), item)
            parent.setExpanded(True)
        self.setCurrentItem(item)
        self.scrollToItem(item)
        self._opening = item
        # Opened once the events of a previous editor closing have been handled, so its focus
        # changes cannot close this one.
        QTimer.singleShot(0, self, lambda: self._open_editor(item))

    _opening: QTreeWidgetItem | None = None

    def _open_editor(self, item: QTreeWidgetItem) -> None:
        if item is self._opening and item in self._pending():
            self.setCurrentItem(item)
            self.editItem(item, self.text_column)

    def _on_delegate_close_editor(self, *_args: object) -> None:
        self._opening = None
        QTimer.singleShot(0, self, self._drop_pending)

    def _pending(self) -> list[QTreeWidgetItem]:
        return [item for item in self.all_items() if item.data(0, ID_ROLE) is None]

    def _drop_pending(self) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        for item in self._pending():
            if item is self._opening or (editing and item is self.currentItem()):
                continue  # about to be typed, or being typed
            parent = item.parent()
            if parent is None:
                self.takeTopLevelItem(self.indexOfTopLevelItem(item))
            else:
                parent.removeChild(item)

    def _on_delegate_text_committed(self, index: QPersistentModelIndex, text: str) -> None:
        item = self.itemFromIndex(self.model().index(index.row(), 0, index.parent()))
        if item is None:
            return
        row_id = item.data(0, ID_ROLE)
        if row_id is None:
            if not text.strip():
                return
            parent = item.parent()
            parent_id = parent.data(0, ID_ROLE) if parent is not None else None
            position = (
                parent.indexOfChild(item) if parent is not None else self.indexOfTopLevelItem(item)
            )
            self.new_committed.emit(parent_id, position, text)
        elif text != item.data(self.text_column, TEXT_ROLE):
            self.text_committed.emit(int(row_id), text)

    # dragging ------------------------------------------------------------------------------------
    def dropEvent(self, event: QDropEvent) -> None:
        """Work out where the entry was dropped and ask for that move; the rows are redrawn from
        the workspace afterwards, so the widget does not move anything itself."""
        moving = self.current_id()
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if moving is None or self._locked:
            return
        target = self.itemAt(event.position().toPoint())
        position = self.dropIndicatorPosition()
        parent_id, index = self.drop_place(target, position)
        QTimer.singleShot(0, self, lambda: self.drop_requested.emit(moving, parent_id, index))

    def drop_place(
        self, target: QTreeWidgetItem | None, position: QAbstractItemView.DropIndicatorPosition
    ) -> tuple[int | None, int]:
        """(parent id, index) for a drop on `target` at `position` (above, below, on it)."""
        if target is None or position == QAbstractItemView.DropIndicatorPosition.OnViewport:
            return None, self.topLevelItemCount()
        parent = target.parent()
        parent_id = parent.data(0, ID_ROLE) if parent is not None else None
        row = (
            parent.indexOfChild(target) if parent is not None else self.indexOfTopLevelItem(target)
        )
        if position == QAbstractItemView.DropIndicatorPosition.OnItem and self.nested:
            return target.data(0, ID_ROLE), target.childCount()
        if position == QAbstractItemView.DropIndicatorPosition.BelowItem:
            row += 1
        current = self.currentItem()
        if current is not None and current.parent() is parent:
            mine = (
                parent.indexOfChild(current)
                if parent is not None
                else self.indexOfTopLevelItem(current)
            )
            if mine < row:
                row -= 1  # the entry leaves its old place first
        return parent_id, row
