"""The engagement reference lists, edited in place: wards (rename, with the old name kept as history;
population for rates per 1,000 residents), channels, respondent types and themes. Every edit goes
through the session, so Ctrl+Z undoes it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.services import engagement_lists
from ocplan_desktop.services.change import REFERENCE, Change
from ocplan_desktop.ui.keyboard import let_tab_go
from ocplan_desktop.ui.session import Session

ID_ROLE = Qt.ItemDataRole.UserRole


class ReferenceListsDialog(QDialog):
    """Non-modal: it follows the workspace's changes (undo included) while it is open."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Engagement reference lists")
        self.setAccessibleName(self.windowTitle())
        self._loading = False
        self.wards = QTableWidget(0, 3, self)
        let_tab_go(self.wards)
        self.wards.setAccessibleName("Wards")
        self.wards.setHorizontalHeaderLabels(["Ward", "Population", "Former names"])
        self.wards.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.wards.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.wards.verticalHeader().setVisible(False)
        self.wards.itemChanged.connect(self._on_wards_item_changed)
        ward_page = QWidget(self)
        ward_layout = QVBoxLayout(ward_page)
        ward_layout.addWidget(
            QLabel(
                "Double-click a name to rename the ward (its old name is kept, so imports that use "
                "it still match) or a population to enter it.",
                ward_page,
            )
        )
        ward_layout.addWidget(self.wards)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(ward_page, "&Wards")
        self.lists: dict[str, QListWidget] = {}
        self.new_names: dict[str, QLineEdit] = {}
        for table, title in (
            ("channels", "&Channels"),
            ("respondent_types", "&Respondent types"),
            ("feedback_themes", "&Themes"),
        ):
            self.tabs.addTab(self._list_page(table), title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        session.changed.connect(self._on_session_changed)
        self.resize(620, 620)
        self.reload()

    def _list_page(self, table: str) -> QWidget:
        page = QWidget(self)
        widget = QListWidget(page)
        widget.setAccessibleName(table.replace("_", " ").capitalize())
        widget.itemChanged.connect(
            lambda item, table=table: self._on_list_item_changed(table, item)
        )
        name = QLineEdit(page)
        name.setPlaceholderText(f"New {engagement_lists.LISTS[table]}…")
        name.setAccessibleName(f"New {engagement_lists.LISTS[table]}")
        add = QPushButton("&Add", page)
        add.clicked.connect(lambda _checked=False, table=table: self.add_item(table))
        name.returnPressed.connect(lambda table=table: self.add_item(table))
        row = QHBoxLayout()
        row.addWidget(name, 1)
        row.addWidget(add)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("Double-click an entry to rename it.", page))
        layout.addWidget(widget)
        layout.addLayout(row)
        self.lists[table] = widget
        self.new_names[table] = name
        return page

    def reload(self) -> None:
        ws = self.session.ws
        if ws is None:
            return
        self._loading = True
        rows = engagement_lists.wards(ws)
        self.wards.setRowCount(len(rows))
        for index, ward in enumerate(rows):
            name = QTableWidgetItem(ward.name)
            name.setData(ID_ROLE, ward.id)
            population = QTableWidgetItem("" if ward.population is None else f"{ward.population:,}")
            population.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            former = QTableWidgetItem(", ".join(ward.former_names))
            former.setFlags(former.flags() & ~Qt.ItemFlag.ItemIsEditable)
            for column, item in enumerate((name, population, former)):
                self.wards.setItem(index, column, item)
        for table, widget in self.lists.items():
            widget.clear()
            for item_id, label in engagement_lists.list_names(ws, table):
                entry = QListWidgetItem(label)
                entry.setData(ID_ROLE, item_id)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsEditable)
                widget.addItem(entry)
        self._loading = False

    def add_item(self, table: str) -> None:
        name = self.new_names[table].text()
        what = engagement_lists.LISTS[table]
        if self.session.run(
            f"Add {what} {name.strip()}", lambda ws: engagement_lists.add_to_list(ws, table, name)
        ):
            self.new_names[table].clear()

    def _on_wards_item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        name_item = self.wards.item(item.row(), 0)
        if name_item is None:
            return
        ward_id = name_item.data(ID_ROLE)
        text = item.text()
        if item.column() == 0:
            self.session.run(
                f"Rename ward to {text.strip()}",
                lambda ws: engagement_lists.rename_ward(ws, ward_id, text),
            )
        elif item.column() == 1:
            self.session.run(
                "Set ward population",
                lambda ws: engagement_lists.set_ward_population(ws, ward_id, text),
            )
        QTimer.singleShot(0, self.reload)  # a refused edit puts the old value back

    def _on_list_item_changed(self, table: str, item: QListWidgetItem) -> None:
        if self._loading:
            return
        item_id, text = item.data(ID_ROLE), item.text()
        self.session.run(
            f"Rename {engagement_lists.LISTS[table]} to {text.strip()}",
            lambda ws: engagement_lists.rename_in_list(ws, table, item_id, text),
        )
        QTimer.singleShot(0, self.reload)

    def _on_session_changed(self, change: Change) -> None:
        if change.touches(REFERENCE) and not self._loading:
            QTimer.singleShot(0, self.reload)
