"""A sortable, filterable table of records with a filter box above it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.wording import plural
from ocplan_desktop.ui.file_dialogs import remember, start_path
from ocplan_desktop.ui.keyboard import let_tab_go
from ocplan_desktop.ui.models.record_table_model import RECORD_ROLE, SORT_ROLE, RecordTableModel


class RecordTable(QWidget):
    """A table over a `RecordTableModel`: click a header to sort, type to filter every column."""

    current_changed = Signal(object)  # the record now selected, or None
    activated = Signal(object)  # the record double-clicked or entered

    def __init__(
        self,
        model: RecordTableModel[Any],
        name: str,
        parent: QWidget | None = None,
        *,
        filter_placeholder: str = "Filter…",
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter_box = QLineEdit(self)
        self.filter_box.setPlaceholderText(filter_placeholder)
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName(f"Filter {name}")
        self.filter_box.textChanged.connect(self.proxy.setFilterFixedString)

        self.view = QTableView(self)
        let_tab_go(self.view)
        self.view.setModel(self.proxy)
        self.view.setAccessibleName(name)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setHighlightSections(False)
        # Size columns from the rows in view and a few more: measuring every row would freeze the
        # window, and each row measured asks the model for its cells role by role.
        self.view.horizontalHeader().setResizeContentsPrecision(40)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Double-click or Return (Qt's `activated`), so the keyboard opens a record too.
        self.view.activated.connect(lambda index: self.activated.emit(index.data(RECORD_ROLE)))
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)

        self.export_action = QAction("Export table to CSV or Excel…", self)
        self.export_action.triggered.connect(self._on_export_triggered)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addAction(self.export_action)
        self.name = name

        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter_box)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

    def set_rows(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        if rows and not self.view.property("sized"):
            self.view.resizeColumnsToContents()
            header = self.view.horizontalHeader()
            for column in range(self.model.columnCount()):
                header.resizeSection(column, min(header.sectionSize(column), 360))
            self.view.setProperty("sized", True)

    def current_record(self) -> Any:
        index = self.view.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def selected_records(self) -> list[Any]:
        return [index.data(RECORD_ROLE) for index in self.view.selectionModel().selectedRows()]

    def select_first(self) -> None:
        if self.proxy.rowCount():
            self.view.selectRow(0)

    def _on_view_current_changed(self, current: Any, _previous: Any) -> None:
        self.current_changed.emit(current.data(RECORD_ROLE) if current.isValid() else None)

    def _update_count(self, *args: Any) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            plural(total, "row") if shown == total else f"{shown:,} of {plural(total, 'row')}"
        )

    def export_rows(self) -> tuple[list[str], list[list[Any]]]:
        """The table as shown (filtered, sorted): headers, and rows with numbers kept as numbers."""
        headers = self.model.column_titles()
        rows = []
        for row in range(self.proxy.rowCount()):
            values = []
            for column in range(self.proxy.columnCount()):
                index = self.proxy.index(row, column)
                sort_value = index.data(SORT_ROLE)
                shown = index.data(Qt.ItemDataRole.DisplayRole)
                is_number = isinstance(sort_value, int | float) and not isinstance(sort_value, bool)
                values.append(sort_value if is_number and self.model.is_numeric(column) else shown)
            rows.append(values)
        return headers, rows

    def export_to(self, path: Path) -> Path:
        from ocplan_desktop.importers.tabular import write_table

        headers, rows = self.export_rows()
        return write_table(path, headers, rows)

    def _on_export_triggered(self) -> None:
        from ocplan_desktop.domain.errors import OcplanError
        from ocplan_desktop.services.files import safe_file_name

        suggestion = start_path(None, safe_file_name(self.name, ".xlsx"))
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export table", suggestion, "Excel workbook (*.xlsx);;CSV file (*.csv)"
        )
        if not path:
            return
        remember(path)
        try:
            self.export_to(Path(path))
        except OcplanError as error:
            self.count_label.setText(str(error))
        else:
            self.count_label.setText(f"Exported {plural(self.proxy.rowCount(), 'row')} to {path}")
