"""Export any table or tree in the window to CSV or Excel from its context menu, as it is shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QMessageBox


def model_rows(model: QAbstractItemModel) -> tuple[list[str], list[list[Any]]]:
    """Headers and the rows (with their children, for trees) as the view shows them; a cell holding
    a number in its edit role stays a number."""
    headers = [
        str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        for column in range(model.columnCount())
    ]
    rows: list[list[Any]] = []

    def visit(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            values: list[Any] = []
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                raw = index.data(Qt.ItemDataRole.EditRole)
                is_number = isinstance(raw, int | float) and not isinstance(raw, bool)
                values.append(raw if is_number else index.data(Qt.ItemDataRole.DisplayRole) or "")
            rows.append(values)
            visit(model.index(row, 0, parent))

    visit(QModelIndex())
    return headers, rows


def export_view(view: QAbstractItemView, path: Path) -> Path:
    from ocplan_desktop.importers.tabular import write_table

    model = view.model()
    assert model is not None
    headers, rows = model_rows(model)
    return write_table(path, headers, rows)


def add_export_action(view: QAbstractItemView, name: str) -> QAction:
    """'Export table to CSV or Excel…' on the view's context menu."""
    action = QAction("Export table to CSV or Excel…", view)

    def export() -> None:
        from ocplan_desktop.domain.errors import OcplanError
        from ocplan_desktop.services.files import safe_file_name
        from ocplan_desktop.ui.file_dialogs import remember, start_path

        suggestion = start_path(None, safe_file_name(name, ".xlsx"))
        path, _filter = QFileDialog.getSaveFileName(
            view, "Export table", suggestion, "Excel workbook (*.xlsx);;CSV file (*.csv)"
        )
        if not path:
            return
        remember(path)
        try:
            export_view(view, Path(path))
        except OcplanError as error:
            QMessageBox.warning(view, "Export failed", str(error))

    action.triggered.connect(export)
    if view.contextMenuPolicy() != Qt.ContextMenuPolicy.ActionsContextMenu:
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    view.addAction(action)
    return action
