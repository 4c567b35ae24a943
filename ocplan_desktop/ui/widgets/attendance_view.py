"""Attendance and apologies at a meeting, and the interests members declared on its items."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.meetings import ATTENDANCE, INTERESTS, Attendee, Declaration
from ocplan_desktop.services import attendance, meetings
from ocplan_desktop.ui.keyboard import let_tab_go
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.table_export import add_export_action

NOT_RECORDED = "—"


class AttendanceView(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.meeting_id: int | None = None
        self.people: list[Attendee] = []
        self.declared: list[Declaration] = []
        self.table = QTableWidget(0, 3, self)
        let_tab_go(self.table)
        add_export_action(self.table, "Attendance")
        self.table.setAccessibleName("Attendance")
        self.table.setHorizontalHeaderLabels(["Name", "Role", "Attendance"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)

        self.declarations = QTableWidget(0, 4, self)
        let_tab_go(self.declarations)
        add_export_action(self.declarations, "Declarations of interest")
        self.declarations.setAccessibleName("Declarations of interest")
        self.declarations.setHorizontalHeaderLabels(["Item", "Member", "Interest", "Description"])
        self.declarations.verticalHeader().setVisible(False)
        self.declarations.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.declarations.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.declarations.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.member = QComboBox(self)
        self.member.setAccessibleName("Member declaring")
        self.item = QComboBox(self)
        self.item.setAccessibleName("Item")
        self.interest = QComboBox(self)
        self.interest.setAccessibleName("Kind of interest")
        for value, text in INTERESTS:
            self.interest.addItem(text, value)
        self.description = QLineEdit(self)
        self.description.setAccessibleName("Description of the interest")
        self.description.setPlaceholderText("e.g. trustee of a community group in the ward")
        self.declare = QPushButton("Declare", self)
        self.withdraw = QPushButton("Remove", self)
        form = QVBoxLayout()
        first = QHBoxLayout()
        first.addWidget(self.item, 2)
        first.addWidget(self.member, 1)
        first.addWidget(self.interest, 1)
        second = QHBoxLayout()
        second.addWidget(self.description, 1)
        second.addWidget(self.declare)
        second.addWidget(self.withdraw)
        form.addLayout(first)
        form.addLayout(second)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.summary)
        top_layout.addWidget(self.table, 1)
        bottom = QWidget(self)
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Declarations of interest", self)
        heading.setObjectName("sectionHeading")
        bottom_layout.addWidget(heading)
        bottom_layout.addWidget(self.declarations, 1)
        bottom_layout.addLayout(form)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.declare.clicked.connect(self._on_declare_clicked)
        self.withdraw.clicked.connect(self._on_withdraw_clicked)

    def load(self, meeting_id: int | None, locked: bool = False) -> None:
        self.meeting_id = meeting_id
        ws = self.session.ws
        self.people = attendance.attendees(ws, meeting_id) if ws and meeting_id else []
        self.declared = attendance.declarations(ws, meeting_id) if ws and meeting_id else []
        for row in range(self.table.rowCount()):  # old combo boxes go at once, not at the next idle
            old = self.table.cellWidget(row, 2)
            if old is not None:
                old.hide()
        self.table.setRowCount(0)
        self.table.setRowCount(len(self.people))
        for row, person in enumerate(self.people):
            self.table.setItem(row, 0, QTableWidgetItem(person.name))
            self.table.setItem(row, 1, QTableWidgetItem(person.role.capitalize()))
            combo = QComboBox()
            combo.setAccessibleName(f"Attendance of {person.name}")
            combo.addItem(NOT_RECORDED, None)
            for status in ATTENDANCE:
                combo.addItem(status.capitalize(), status)
            combo.setCurrentIndex(max(0, combo.findData(person.status or None)))
            combo.setEnabled(not locked)
            combo.activated.connect(
                lambda index, combo=combo, person=person: self._on_status_activated(
                    person, combo.itemData(index)
                )
            )
            self.table.setCellWidget(row, 2, combo)
        apologies = [p.name for p in self.people if p.status == "apologies"]
        self.summary.setText(
            "Apologies: " + (", ".join(apologies) if apologies else "none recorded")
        )
        self.declarations.setRowCount(len(self.declared))
        for row, item in enumerate(self.declared):
            for column, text in enumerate(
                (
                    f"{item.item_number}. {item.item_title}",
                    item.person,
                    item.interest_text,
                    item.description,
                )
            ):
                self.declarations.setItem(row, column, QTableWidgetItem(text))
        self.member.clear()
        for person in self.people:
            self.member.addItem(person.name, person.person_id)
        self.item.clear()
        if ws and meeting_id:
            for agenda_item in meetings.agenda(ws, meeting_id):
                self.item.addItem(f"{agenda_item.item_number}. {agenda_item.title}", agenda_item.id)
        for widget in (
            self.declare,
            self.withdraw,
            self.member,
            self.item,
            self.interest,
            self.description,
        ):
            widget.setEnabled(not locked and meeting_id is not None)

    def status_of(self, name: str) -> str:
        return next((p.status for p in self.people if p.name == name), "")

    def _on_status_activated(self, person: Attendee, status: str | None) -> None:
        if self.meeting_id is None or status == (person.status or None):
            return
        meeting_id = self.meeting_id
        text = f"{person.name}: {status or 'not recorded'}"
        self.session.run(
            text, lambda ws: attendance.set_attendance(ws, meeting_id, person.person_id, status)
        )

    def _on_declare_clicked(self) -> None:
        item_id, person_id = self.item.currentData(), self.member.currentData()
        if item_id is None or person_id is None:
            return
        interest, description = self.interest.currentData(), self.description.text()
        if self.session.run(
            "Declare interest",
            lambda ws: attendance.declare_interest(ws, item_id, person_id, interest, description),
        ):
            self.description.clear()

    def _on_withdraw_clicked(self) -> None:
        row = self.declarations.currentRow()
        if 0 <= row < len(self.declared):
            declaration_id = self.declared[row].id
            self.session.run(
                "Remove declaration", lambda ws: attendance.withdraw_declaration(ws, declaration_id)
            )
