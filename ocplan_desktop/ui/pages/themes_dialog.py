"""The plan's themes (three priorities and two enablers in the One Coventry Plan) and the comparator
areas, edited as undoable steps while the dialog stays open beside the catalogue."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.indicators import THEME_KINDS, Theme
from ocplan_desktop.services import change as kinds
from ocplan_desktop.services import indicators as service
from ocplan_desktop.services.change import Change
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.record_table import RecordTable

COLUMNS: list[Column[Theme]] = [
    Column("Order", lambda t: t.position + 1, numeric=True),
    Column("Kind", lambda t: t.kind),
    Column("Theme", lambda t: t.name, tooltip=lambda t: t.name),
]


class ThemesDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Plan themes and comparator areas")
        self.setModal(False)
        self.resize(720, 560)
        self.table = RecordTable(RecordTableModel(COLUMNS), "Plan themes", self)
        self.table.current_changed.connect(self._on_table_current_changed)
        self.name = QLineEdit(self)
        self.name.setAccessibleName("Theme name")
        self.kind = QComboBox(self)
        self.kind.addItems(list(THEME_KINDS))
        self.kind.setAccessibleName("Theme kind")
        buttons = QHBoxLayout()
        self.add_button = self._button(buttons, "&Add theme", self._on_add_clicked)
        self.save_button = self._button(buttons, "&Save changes", self._on_save_clicked)
        self.up_button = self._button(buttons, "Move &up", lambda: self._move(-1))
        self.down_button = self._button(buttons, "Move &down", lambda: self._move(1))
        self.remove_button = self._button(buttons, "&Remove", self._on_remove_clicked)
        editor = QHBoxLayout()
        editor.addWidget(QLabel("Name:", self))
        editor.addWidget(self.name, 1)
        editor.addWidget(self.kind)
        themes_box = QGroupBox("Themes", self)
        themes_layout = QVBoxLayout(themes_box)
        themes_layout.addWidget(self.table, 1)
        themes_layout.addLayout(editor)
        themes_layout.addLayout(buttons)

        self.areas = QListWidget(self)
        self.areas.setAccessibleName("Areas")
        self.area_name = QLineEdit(self)
        self.area_name.setPlaceholderText("A comparator area, e.g. Warwickshire")
        self.area_name.setAccessibleName("New comparator area")
        add_area = QPushButton("Add a&rea", self)
        add_area.clicked.connect(self._on_add_area_clicked)
        area_row = QHBoxLayout()
        area_row.addWidget(self.area_name, 1)
        area_row.addWidget(add_area)
        areas_box = QGroupBox("Areas (the council's own first, then comparators)", self)
        areas_layout = QVBoxLayout(areas_box)
        areas_layout.addWidget(self.areas)
        areas_layout.addLayout(area_row)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(themes_box, 3)
        layout.addWidget(areas_box, 1)
        layout.addWidget(close)
        session.changed.connect(self._on_session_changed)
        self.refresh()

    def _button(self, row: QHBoxLayout, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def refresh(self) -> None:
        ws = self.session.ws
        if ws is None:
            return
        current = self.current_theme()
        self.table.set_rows(service.themes(ws))
        self.areas.clear()
        for area in service.areas(ws):
            self.areas.addItem(f"{area.name} (own area)" if area.is_own else area.name)
        if current is not None:
            self.select_theme(current.id)

    def current_theme(self) -> Theme | None:
        item = self.table.current_record()
        return item if isinstance(item, Theme) else None

    def select_theme(self, theme_id: int) -> None:
        for row, theme in enumerate(self.table.model.rows()):
            if theme.id == theme_id:
                self.table.view.selectRow(
                    self.table.proxy.mapFromSource(self.table.model.index(row, 0)).row()
                )

    def _on_table_current_changed(self, theme: Theme | None) -> None:
        if theme is not None:
            self.name.setText(theme.name)
            self.kind.setCurrentText(theme.kind)

    def _on_session_changed(self, change: Change) -> None:
        if change.touches(kinds.REFERENCE, kinds.INDICATORS):
            self.refresh()

    def _on_add_clicked(self) -> None:
        name, kind = self.name.text(), self.kind.currentText()
        self.session.run(f"Add theme {name}", lambda ws: service.add_theme(ws, name, kind))

    def _on_save_clicked(self) -> None:
        theme = self.current_theme()
        if theme is None:
            return
        name, kind = self.name.text(), self.kind.currentText()
        self.session.run(
            f"Edit theme {theme.name}", lambda ws: service.update_theme(ws, theme.id, name, kind)
        )

    def _move(self, offset: int) -> None:
        theme = self.current_theme()
        if theme is not None:
            self.session.run(
                f"Move theme {theme.name}", lambda ws: service.move_theme(ws, theme.id, offset)
            )

    def _on_remove_clicked(self) -> None:
        theme = self.current_theme()
        if theme is not None:
            self.session.run(
                f"Remove theme {theme.name}", lambda ws: service.delete_theme(ws, theme.id)
            )

    def _on_add_area_clicked(self) -> None:
        name = self.area_name.text()
        if self.session.run(f"Add area {name}", lambda ws: service.add_area(ws, name)):
            self.area_name.clear()
