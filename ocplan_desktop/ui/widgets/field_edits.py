"""Text fields that save themselves: a line or a box of text commits when the officer leaves it,
presses Return, or stops typing for a moment, so nothing typed is lost if the laptop dies.

`committed` carries the new text; the owner turns it into an undoable edit. `set_value` shows what
the workspace holds without clobbering text the officer is still typing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

IDLE_MS = 1500


class CommitLineEdit(QLineEdit):
    """One line; commits on Return or leaving the field, and after a pause in typing."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, name: str = "") -> None:
        super().__init__(parent)
        self._saved = ""
        if name:
            self.setAccessibleName(name)
            self.setObjectName(name)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self.commit)
        self.textEdited.connect(lambda _text: self._idle.start())
        self.editingFinished.connect(self.commit)

    def commit(self) -> None:
        self._idle.stop()
        if self.text() != self._saved:
            self._saved = self.text()
            self.committed.emit(self.text())

    def set_value(self, text: str) -> None:
        if self.hasFocus() and self.text() != self._saved:
            return  # the officer is typing; their text wins until it is saved
        self._saved = text
        if self.text() != text:
            self.setText(text)
            self.setCursorPosition(0)


class CommitTextEdit(QPlainTextEdit):
    """Several lines (an executive summary, an implication); commits on leaving and after a pause."""

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, name: str = "", lines: int = 4) -> None:
        super().__init__(parent)
        self._saved = ""
        self._loading = False
        if name:
            self.setAccessibleName(name)
            self.setObjectName(name)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setMinimumHeight(height)
        self.setMaximumHeight(height * 2)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self.commit)
        self.textChanged.connect(self._on_text_changed)

    def _on_text_changed(self) -> None:
        if not self._loading:
            self._idle.start()

    def commit(self) -> None:
        self._idle.stop()
        text = self.toPlainText()
        if text != self._saved:
            self._saved = text
            self.committed.emit(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)

    def set_value(self, text: str) -> None:
        if self.hasFocus() and self.toPlainText() != self._saved:
            return
        self._saved = text
        if self.toPlainText() != text:
            self._loading = True
            self.setPlainText(text)
            self._loading = False


TEXT_ROLE = Qt.ItemDataRole.UserRole + 11  # the raw text a cell edits (its display may add a label)


class WrappedTextDelegate(QStyledItemDelegate):
    """Edits a long cell (a paragraph, a resolution) in a wrapping box. Return saves, Escape
    cancels; the text goes out through `text_committed`, never straight into the model, so the
    owner can make it an undoable edit and reload."""

    text_committed = Signal(object, str)  # QPersistentModelIndex, text

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setObjectName("cellEditor")
        editor.setAccessibleName("Edit text")
        editor.setTabChangesFocus(True)
        editor.installEventFilter(self)
        return editor

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """As tall as the text needs when wrapped to the column's width."""
        base = super().sizeHint(option, index)
        view: Any = self.parent()
        width = view.columnWidth(index.column()) if hasattr(view, "columnWidth") else 0
        if index.column() == 0 and hasattr(view, "indentation"):
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= view.indentation() * (depth + 1)
        if width <= 40:
            return base
        text = str(index.data() or "")
        # The font the cell is painted in: the row's own (bold for business items) over the
        # view's, whose size comes from the style sheet; measured in any other, a title that
        # wraps when painted was given one line's height and lost its second line.
        painted = QStyleOptionViewItem(option)
        self.initStyleOption(painted, index)
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 4
        rect = QFontMetrics(painted.font).boundingRect(
            QRect(0, 0, width - margin, 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(base.width(), max(base.height(), rect.height() + 8))

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            raw = index.data(TEXT_ROLE)
            editor.setPlainText(str(raw if raw is not None else index.data() or ""))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:
        if isinstance(editor, QPlainTextEdit):
            # Said once the editor has closed: the edit reloads the rows, which must not happen
            # while the view still holds the editor.
            kept, text = QPersistentModelIndex(index), editor.toPlainText()
            QTimer.singleShot(0, self, lambda: self.text_committed.emit(kept, text))

    def updateEditorGeometry(
        self,
        editor: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        rect = option.rect
        rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 4 + 12))
        editor.setGeometry(rect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QPlainTextEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.commitData.emit(watched)
            self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.NoHint)
            return True
        return super().eventFilter(watched, event)
