"""Committees: their members and roles, and the standing items every new meeting starts with."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.meetings import Committee, Person
from ocplan_desktop.services import committees
from ocplan_desktop.ui.keyboard import let_tab_go
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.field_edits import CommitLineEdit
from ocplan_desktop.ui.widgets.ordered_tree import OrderedTree, Row
from ocplan_desktop.ui.widgets.table_export import add_export_action

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


class CommitteePanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.committees: list[Committee] = []
        self.members: list[tuple[Person, str]] = []
        self.template: list[str] = []

        self.list = QListWidget(self)
        self.list.setAccessibleName("Committees")
        self.new_name = QLineEdit(self)
        self.new_name.setAccessibleName("New committee name")
        self.new_name.setPlaceholderText("New committee…")
        self.add_committee = QPushButton("Add", self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_name, 1)
        new_row.addWidget(self.add_committee)
        left_layout.addLayout(new_row)

        self.name = CommitLineEdit(self, name="Committee name")
        self.short_name = CommitLineEdit(self, name="Short name")
        self.kind = QLabel(self)
        self.year = QLabel(self)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Short name (in references)", self.short_name)
        form.addRow("Kind", self.kind)
        form.addRow("Municipal year starts", self.year)

        self.table = QTableWidget(0, 2, self)
        let_tab_go(self.table)
        add_export_action(self.table, "Committee members")
        self.table.setAccessibleName("Committee members")
        self.table.setHorizontalHeaderLabels(["Member", "Role"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.person = QComboBox(self)
        self.person.setAccessibleName("Person to add")
        self.role = QComboBox(self)
        self.role.setAccessibleName("Role")
        self.role.addItems(list(committees.ROLES))
        self.role.setCurrentText("member")
        self.add_member = QPushButton("Add or change role", self)
        self.remove_member = QPushButton("Remove", self)
        member_row = QHBoxLayout()
        member_row.addWidget(self.person, 1)
        member_row.addWidget(self.role)
        member_row.addWidget(self.add_member)
        member_row.addWidget(self.remove_member)

        self.standing = OrderedTree(["Standing item"], "Standing items", self)
        self.standing.setHeaderHidden(True)
        self.standing_buttons: dict[str, QPushButton] = {}
        standing_row = QHBoxLayout()
        for key, text in (("add", "Add"), ("up", "Up"), ("down", "Down"), ("delete", "Delete")):
            button = QPushButton(text, self)
            button.setAccessibleName(f"{text} standing item")
            self.standing_buttons[key] = button
            standing_row.addWidget(button)
        standing_row.addStretch(1)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(form)
        for title, widget, row in (
            ("Members", self.table, member_row),
            ("Standing items on every new agenda", self.standing, standing_row),
        ):
            heading = QLabel(title, right)
            heading.setObjectName("sectionHeading")
            right_layout.addWidget(heading)
            right_layout.addWidget(widget, 1)
            right_layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.list.currentRowChanged.connect(lambda _row: self._show())
        self.add_committee.clicked.connect(self._on_add_committee_clicked)
        self.new_name.returnPressed.connect(self._on_add_committee_clicked)
        self.name.committed.connect(lambda _text: self._rename())
        self.short_name.committed.connect(lambda _text: self._rename())
        self.add_member.clicked.connect(self._on_add_member_clicked)
        self.remove_member.clicked.connect(self._on_remove_member_clicked)
        self.standing.new_committed.connect(
            lambda _p, index, text: self._template(
                self.template[:index] + [text] + self.template[index:]
            )
        )
        self.standing.text_committed.connect(self._on_standing_text_committed)
        self.standing.drop_requested.connect(
            lambda row_id, _p, index: self._move_standing(row_id, index)
        )
        self.standing_buttons["add"].clicked.connect(lambda: self.standing.start_new(None, None))
        self.standing_buttons["up"].clicked.connect(lambda: self._step_standing(-1))
        self.standing_buttons["down"].clicked.connect(lambda: self._step_standing(1))
        self.standing_buttons["delete"].clicked.connect(self._delete_standing)

    def current(self) -> Committee | None:
        row = self.list.currentRow()
        return self.committees[row] if 0 <= row < len(self.committees) else None

    def refresh(self) -> None:
        ws = self.session.ws
        keep = self.current()
        self.committees = committees.list_committees(ws) if ws else []
        with QSignalBlocker(self.list):
            self.list.clear()
            for committee in self.committees:
                QListWidgetItem(committee.name, self.list)
        ids = [committee.id for committee in self.committees]
        if ids:
            self.list.setCurrentRow(ids.index(keep.id) if keep and keep.id in ids else 0)
        self._show()

    def _show(self) -> None:
        ws = self.session.ws
        committee = self.current()
        self.setProperty("committee", committee.id if committee else None)
        if ws is None or committee is None:
            return
        self.name.set_value(committee.name)
        self.short_name.set_value(committee.short_name)
        self.kind.setText(committee.kind.capitalize())
        self.year.setText(MONTHS[committee.year_starts_month - 1])
        self.members = committees.members(ws, committee.id)
        self.table.setRowCount(len(self.members))
        for row, (person, role) in enumerate(self.members):
            self.table.setItem(row, 0, QTableWidgetItem(person.display_name))
            self.table.setItem(row, 1, QTableWidgetItem(role.capitalize()))
        self.person.clear()
        for person in committees.people(ws):
            self.person.addItem(person.display_name, person.id)
        self.template = committees.standing_items(ws, committee.id)
        self.standing.set_rows(
            [Row(index + 1, [title], title) for index, title in enumerate(self.template)]
        )

    def _on_add_committee_clicked(self) -> None:
        name = self.new_name.text()
        if self.session.run("Add committee", lambda ws: committees.add_committee(ws, name)):
            self.new_name.clear()

    def _rename(self) -> None:
        committee = self.current()
        if committee is None:
            return
        name, short = self.name.text(), self.short_name.text()
        if (name, short) != (committee.name, committee.short_name):
            self.session.run(
                "Rename committee",
                lambda ws: committees.rename_committee(ws, committee.id, name, short),
            )

    def _on_add_member_clicked(self) -> None:
        committee, person_id, role = (
            self.current(),
            self.person.currentData(),
            self.role.currentText(),
        )
        if committee is not None and person_id is not None:
            self.session.run(
                "Set committee member",
                lambda ws: committees.set_member(ws, committee.id, person_id, role),
            )

    def _on_remove_member_clicked(self) -> None:
        committee, row = self.current(), self.table.currentRow()
        if committee is not None and 0 <= row < len(self.members):
            person_id = self.members[row][0].id
            self.session.run(
                "Remove committee member",
                lambda ws: committees.remove_member(ws, committee.id, person_id),
            )

    def _template(self, titles: list[str]) -> None:
        committee = self.current()
        if committee is not None:
            self.session.run(
                "Change standing items",
                lambda ws: committees.set_standing_items(ws, committee.id, titles),
            )

    def _on_standing_text_committed(self, row_id: int, text: str) -> None:
        titles = list(self.template)
        titles[row_id - 1] = text
        self._template(titles)

    def _move_standing(self, row_id: int, index: int) -> None:
        titles = list(self.template)
        moved = titles.pop(row_id - 1)
        titles.insert(max(0, min(index, len(titles))), moved)
        self._template(titles)
        self.standing.select_id(max(1, min(index + 1, len(titles))))

    def _step_standing(self, delta: int) -> None:
        row_id = self.standing.current_id()
        if row_id is not None:
            self._move_standing(row_id, row_id - 1 + delta)

    def _delete_standing(self) -> None:
        row_id = self.standing.current_id()
        if row_id is not None:
            self._template([t for index, t in enumerate(self.template, start=1) if index != row_id])
