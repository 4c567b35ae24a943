"""The lists inside a report, edited in place: recommendations per body, appendices, authors and the
approvals table (`PartTable`), and the numbered sections with their paragraphs (`SectionsEditor`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.figures import has_fields
from ocplan_desktop.domain.reports import ReportDraft
from ocplan_desktop.services import reports
from ocplan_desktop.services.figures import FigureSource
from ocplan_desktop.ui.format import date_text
from ocplan_desktop.ui.keyboard import let_tab_go
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.ordered_tree import OrderedTree, Row
from ocplan_desktop.ui.widgets.table_export import add_export_action

ROW_ROLE = Qt.ItemDataRole.UserRole + 30


@dataclass(frozen=True)
class PartColumn:
    field: str  # "" for a column worked out, not stored (a number)
    title: str
    show: Callable[[dict[str, Any], int], str] | None = None
    stretch: bool = False


def _field(name: str) -> Callable[[dict[str, Any], int], str]:
    return lambda row, _index: str(row.get(name) or "")


def _date(name: str) -> Callable[[dict[str, Any], int], str]:
    return lambda row, _index: date_text(row.get(name))


PART_COLUMNS: dict[str, list[PartColumn]] = {
    "recommendations": [
        PartColumn("body", "Body"),
        PartColumn("", "No.", lambda row, index: f"{index})"),
        PartColumn("text", "Recommendation", stretch=True),
    ],
    "appendices": [
        PartColumn("label", "Label"),
        PartColumn("title", "Title", stretch=True),
        PartColumn("file_path", "PDF attached in packs"),
    ],
    "authors": [PartColumn("name", "Name"), PartColumn("job_title", "Job title", stretch=True)],
    "approvals": [
        PartColumn("grouping", "Group", lambda row, _i: str(row["grouping"]).capitalize()),
        PartColumn("role", "Role"),
        PartColumn("name", "Contributor / approver", stretch=True),
        PartColumn("job_title", "Title"),
        PartColumn("service_area", "Service area"),
        PartColumn("date_sent", "Date sent", _date("date_sent")),
        PartColumn("date_received", "Date received / approved", _date("date_received")),
    ],
}
NEW_ROW: dict[str, dict[str, str]] = {
    "recommendations": {"body": "Cabinet", "text": "New recommendation"},
    "appendices": {"label": "", "title": "New appendix"},
    "authors": {"name": "New author", "job_title": ""},
    "approvals": {"grouping": "approver", "name": "New approver"},
}


class PartTable(QWidget):
    """One of the report's lists as a table: edit a cell in place; Add, Up, Down, Delete."""

    def __init__(
        self, session: Session, part: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.part = part
        self.report_id: int | None = None
        self.rows: list[dict[str, Any]] = []
        self.columns = PART_COLUMNS[part]
        self.table = QTableWidget(0, len(self.columns), self)
        let_tab_go(self.table)
        add_export_action(self.table, title)
        self.table.setAccessibleName(title)
        self.table.setHorizontalHeaderLabels([column.title for column in self.columns])
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for index, column in enumerate(self.columns):
            header.setSectionResizeMode(
                index,
                QHeaderView.ResizeMode.Stretch
                if column.stretch
                else QHeaderView.ResizeMode.ResizeToContents,
            )
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text in (("add", "Add"), ("up", "Up"), ("down", "Down"), ("delete", "Delete")):
            button = QPushButton(text, self)
            button.setAccessibleName(f"{text} in {title}")
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.buttons["add"].clicked.connect(self.add_row)
        self.buttons["up"].clicked.connect(lambda: self._move(-1))
        self.buttons["down"].clicked.connect(lambda: self._move(1))
        self.buttons["delete"].clicked.connect(self._delete)

    def load(self, draft: ReportDraft | None, select: int | None = None) -> None:
        self.report_id = draft.id if draft else None
        keep = select if select is not None else self.current_row_id()
        self.rows = list(draft.parts[self.part]) if draft else []
        with QSignalBlocker(self.table):
            self.table.setRowCount(len(self.rows))
            counters: dict[str, int] = {}
            for row_index, row in enumerate(self.rows):
                counters[row.get("body", "")] = counters.get(row.get("body", ""), 0) + 1
                number = counters[row.get("body", "")]
                for column_index, column in enumerate(self.columns):
                    show = column.show or _field(column.field)
                    item = QTableWidgetItem(show(row, number))
                    item.setData(ROW_ROLE, row["id"])
                    if not column.field:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(row_index, column_index, item)
            self.table.resizeRowsToContents()
        self.table.setMinimumHeight(min(60 + 30 * max(len(self.rows), 2), 360))
        if keep is not None:
            self.select_row_id(keep)

    def current_row_id(self) -> int | None:
        row = self.table.currentRow()
        return int(self.rows[row]["id"]) if 0 <= row < len(self.rows) else None

    def select_row_id(self, row_id: int) -> None:
        for index, row in enumerate(self.rows):
            if row["id"] == row_id:
                self.table.selectRow(index)
                return

    def _on_table_item_changed(self, item: QTableWidgetItem) -> None:
        column = self.columns[item.column()]
        row_id = item.data(ROW_ROLE)
        if not column.field or row_id is None:
            return
        value: Any = item.text()
        if column.field == "grouping":
            value = value.strip().lower()
        part, field = self.part, column.field
        self.session.run(
            f"Edit {column.title.lower()}",
            lambda ws: reports.update_part(ws, part, int(row_id), {field: value}),
        )

    def add_row(self) -> None:
        if self.report_id is None:
            return
        report_id, part = self.report_id, self.part
        values = dict(NEW_ROW[part])
        if part == "recommendations" and self.rows:
            current = self.table.currentRow()
            values["body"] = self.rows[current if current >= 0 else -1]["body"]
        if self.session.run(
            f"Add to {part}", lambda ws: reports.add_part(ws, report_id, part, values)
        ):
            row = len(self.rows) - 1
            if part == "recommendations":
                row = max(i for i, r in enumerate(self.rows) if r["body"] == values["body"])
            editable = next(i for i, c in enumerate(self.columns) if c.stretch)
            self.table.setCurrentCell(row, editable)
            cell = self.table.item(row, editable)
            if cell is not None:
                self.table.editItem(cell)

    def _move(self, delta: int) -> None:
        row_id = self.current_row_id()
        if row_id is not None:
            part = self.part
            self.session.run("Move", lambda ws: reports.move_part(ws, part, row_id, delta))
            self.select_row_id(row_id)

    def _delete(self) -> None:
        row_id = self.current_row_id()
        if row_id is not None:
            part = self.part
            self.session.run(
                f"Delete from {part}", lambda ws: reports.delete_part(ws, part, row_id)
            )


class SectionsEditor(QWidget):
    """Numbered sections (1. Background) with their paragraphs (1.1, 1.2, …); the numbers follow
    the order. Section rows carry negative ids so they never clash with paragraph ids."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.report_id: int | None = None
        self.tree = OrderedTree(
            ["No.", "Section or paragraph"],
            "Sections and paragraphs",
            self,
            text_column=1,
            nested=True,
        )
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("section", "Add section"),
            ("paragraph", "Add paragraph"),
            ("up", "Up"),
            ("down", "Down"),
            ("delete", "Delete"),
        ):
            button = QPushButton(text, self)
            self.buttons[key] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.buttons["section"].clicked.connect(lambda: self.tree.start_new(None, None, "new"))
        self.buttons["paragraph"].clicked.connect(self.add_paragraph)
        self.buttons["up"].clicked.connect(lambda: self._step("move", -1))
        self.buttons["down"].clicked.connect(lambda: self._step("move", 1))
        self.buttons["delete"].clicked.connect(lambda: self._step("delete", 0))
        self.tree.new_committed.connect(self._on_tree_new_committed)
        self.tree.text_committed.connect(self._on_tree_text_committed)

    def load(self, draft: ReportDraft | None, select: int | None = None) -> None:
        self.report_id = draft.id if draft else None
        rows = []
        if draft is not None:
            # A live field shows the value it prints now, marked ⟦ ⟧; editing shows its token.
            source = FigureSource(self.session.ws) if self.session.ws else None

            def shown(text: str) -> str:
                return source.marked(text) if source is not None and has_fields(text) else text

            for number, section in enumerate(draft.parts["sections"], start=1):
                children = [
                    Row(p["id"], [f"{number}.{index}", shown(p["text"])], p["text"])
                    for index, p in enumerate(draft.paragraphs.get(section["id"], []), start=1)
                ]
                rows.append(
                    Row(
                        -section["id"],
                        [f"{number}.", section["heading"]],
                        section["heading"],
                        children,
                        bold=True,
                    )
                )
        self.tree.set_rows(rows, select)

    def current_paragraph_id(self) -> int | None:
        """The paragraph chosen in the tree (None for a section or nothing)."""
        row_id = self.tree.current_id()
        return row_id if row_id is not None and row_id > 0 else None

    def add_paragraph(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        section = item.parent() or item
        section_id = self.tree.id_of(section)
        index = None if item is section else section.indexOfChild(item) + 1
        self.tree.start_new(section_id, index, "new")

    def _on_tree_new_committed(self, parent_id: object, index: int, text: str) -> None:
        if self.report_id is None:
            return
        report_id = self.report_id
        if parent_id is None:
            self.session.run(
                "Add section",
                lambda ws: reports.add_part(ws, report_id, "sections", {"heading": text}, at=index),
            )
        else:
            section_id = -int(str(parent_id))
            self.session.run(
                "Add paragraph", lambda ws: reports.add_paragraph(ws, section_id, text, at=index)
            )

    def _on_tree_text_committed(self, row_id: int, text: str) -> None:
        if row_id < 0:
            self.session.run(
                "Edit section heading",
                lambda ws: reports.update_part(ws, "sections", -row_id, {"heading": text}),
            )
        else:
            self.session.run(
                "Edit paragraph",
                lambda ws: reports.update_part(ws, "paragraphs", row_id, {"text": text}),
            )

    def _step(self, what: str, delta: int) -> None:
        row_id = self.tree.current_id()
        if row_id is None:
            return
        part, key = ("sections", -row_id) if row_id < 0 else ("paragraphs", row_id)
        if what == "delete":
            self.session.run(f"Delete {part[:-1]}", lambda ws: reports.delete_part(ws, part, key))
        else:
            self.session.run(
                f"Move {part[:-1]}", lambda ws: reports.move_part(ws, part, key, delta)
            )
