"""Find anything again: a search box over reports, minutes, recommendations and feedback, results
grouped by kind with the matching words highlighted (in bold on a tint, not by colour alone);
double-click (or Return) opens the record where it lives in the window."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.search import SearchHit, SearchResults, highlighted_parts
from ocplan_desktop.services.search import search
from ocplan_desktop.ui.models.record_table_model import RECORD_ROLE
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.record_table import RecordTable

HTML_ROLE = Qt.ItemDataRole.UserRole + 40
HIT_ROLE = Qt.ItemDataRole.UserRole + 41


def highlighted_html(excerpt: str) -> str:
    """An excerpt as HTML, every matched word in bold on a pale tint."""
    return "".join(
        f"<span style='background:#fde68a; font-weight:600'>{escape(text)}</span>"
        if marked
        else escape(text)
        for text, marked in highlighted_parts(" ".join(excerpt.split()))
    )


def hit_html(hit: SearchHit) -> str:
    excerpts = " … ".join(highlighted_html(text) for text in hit.excerpts)
    subtitle = (
        f" <span style='color:#4a5660'>· {escape(hit.subtitle)}</span>" if hit.subtitle else ""
    )
    return f"<b>{escape(hit.title)}</b>{subtitle}<br/><span>{excerpts}</span>"


class HtmlDelegate(QStyledItemDelegate):
    """Draws a cell's HTML (HTML_ROLE), wrapped to the column's width."""

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(str(index.data(HTML_ROLE) or escape(str(index.data() or ""))))
        view: Any = self.parent()
        width = view.columnWidth(0) - view.indentation() * 2 if view is not None else 400
        document.setTextWidth(max(width, 200))
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.data(HTML_ROLE) is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        document = self._document(option, index)
        style = option.widget.style() if option.widget else None
        text = option.text
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        option.text = text
        painter.save()
        painter.translate(option.rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText)
            )
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if index.data(HTML_ROLE) is None:
            return super().sizeHint(option, index)
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 6)


class SearchDialog(QDialog):
    """Non-modal: it stays open while the officer opens results one after another."""

    hit_opened = Signal(object)  # SearchHit

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.results = SearchResults("")
        self.setWindowTitle("Find")
        self.setAccessibleName("Find")
        self.query = QLineEdit(self)
        self.query.setAccessibleName("Search for")
        self.query.setPlaceholderText(
            "Words to find in reports, minutes, recommendations and feedback"
        )
        self.query.setClearButtonEnabled(True)
        self.status = QLabel(self)
        self.status.setObjectName("countLabel")
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Search results")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setItemDelegate(HtmlDelegate(self.tree))
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        self.resize(820, 640)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.run)
        self.query.textChanged.connect(lambda _text: self._timer.start())
        self.query.returnPressed.connect(self.run)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.itemDoubleClicked.connect(self._on_tree_item_activated)
        self.tree.header().sectionResized.connect(
            lambda *_args: self.tree.scheduleDelayedItemsLayout()
        )
        session.changed.connect(
            lambda _change: self.run() if self.isVisible() and self.query.text() else None
        )
        session.workspace_changed.connect(
            lambda _ws: self.run() if self.isVisible() and self.query.text() else None
        )

    def search_for(self, text: str) -> SearchResults:
        self.query.setText(text)
        return self.run()

    def run(self) -> SearchResults:
        self._timer.stop()
        ws = self.session.ws
        text = self.query.text()
        self.results = search(ws, text) if ws is not None else SearchResults(text)
        self.tree.clear()
        for _kind, heading, hits in self.results.grouped():
            group = QTreeWidgetItem([f"{heading} ({len(hits)})"])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for hit in hits:
                child = QTreeWidgetItem([hit.title])
                child.setData(0, HTML_ROLE, hit_html(hit))
                child.setData(0, HIT_ROLE, hit)
                child.setToolTip(0, "Double-click to open")
                group.addChild(child)
            self.tree.addTopLevelItem(group)
        self.tree.expandAll()
        count = self.results.count
        self.status.setText(
            self.results.message
            or f"{count} record{'s' if count != 1 else ''} found{' (the best 400 matches)' if count >= 400 else ''}"
        )
        return self.results

    def groups(self) -> list[tuple[str, list[SearchHit]]]:
        """What the tree shows: each group's heading and its hits (tests read this)."""
        shown = []
        for row in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(row)
            if group is None:
                continue
            hits = [group.child(i).data(0, HIT_ROLE) for i in range(group.childCount())]  # type: ignore[union-attr]
            shown.append((group.text(0), hits))
        return shown

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, HIT_ROLE)
        if hit is not None:
            self.hit_opened.emit(hit)


def select_record(table: RecordTable, matches: Any) -> bool:
    """Select the first row of a table whose record `matches` (a predicate)."""
    table.filter_box.clear()
    for row in range(table.proxy.rowCount()):
        record = table.proxy.index(row, 0).data(RECORD_ROLE)
        if record is not None and matches(record):
            table.view.selectRow(row)
            table.view.scrollTo(table.proxy.index(row, 0))
            return True
    return False


def open_hit(window: Any, hit: SearchHit) -> bool:
    """Show the record a search result names, on the page that holds it."""
    for row, page in enumerate(window.pages):
        opener = getattr(page, "open_record", None)
        if opener is not None and hit.kind in ("report", "minutes"):
            window.show_page(row)
            return bool(opener(hit.kind, hit.record_id, hit.meeting_id, hit.agenda_item_id))
    for row, page in enumerate(window.pages):
        tables = page.findChildren(RecordTable)
        if tables and not any(table.model.rowCount() for table in tables):
            page.refresh_now()  # a page not shown yet has not loaded its rows
        if hit.kind == "recommendation" and any(_holds(t, "reference") for t in tables):
            window.show_page(row)
            table = next(t for t in tables if _holds(t, "reference"))
            return select_record(table, lambda r: r.id == hit.record_id)
        if hit.kind == "feedback" and any(_holds(t, "response_count") for t in tables):
            window.show_page(row)
            exercises = next(t for t in tables if _holds(t, "response_count"))
            select_record(exercises, lambda r: r.id == hit.exercise_id)
            responses = next(
                (t for t in page.findChildren(RecordTable) if _holds(t, "respondent_type")), None
            )
            return responses is not None and select_record(
                responses, lambda r: r.id == hit.record_id
            )
    return False


def _holds(table: RecordTable, attribute: str) -> bool:
    rows = table.model.rows()
    return bool(rows) and hasattr(rows[0], attribute)
