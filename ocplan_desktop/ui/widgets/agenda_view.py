"""A meeting's agenda: items in order with their item and minute numbers, dragged (or moved up and
down) into place, each optionally considering a report whose route across meetings is shown."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.meetings import AgendaItem
from ocplan_desktop.services import exempt, meetings, reports
from ocplan_desktop.ui.format import date_text
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.exempt_fields import ExemptFields
from ocplan_desktop.ui.widgets.field_edits import CommitLineEdit
from ocplan_desktop.ui.widgets.ordered_tree import OrderedTree, Row


class AgendaView(QWidget):
    item_selected = Signal(object)  # agenda item id or None
    item_activated = Signal(int)  # open the item's minutes

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.meeting_id: int | None = None
        self.items: list[AgendaItem] = []
        self.locked = False
        self.tree = OrderedTree(
            ["Item", "Minute", "Title", "Outcome"],
            "Agenda items",
            self,
            text_column=2,
            widths={3: 190},
        )
        self.tools = QHBoxLayout()
        self.tools.addStretch(1)
        self.report = QComboBox(self)
        self.report.setAccessibleName("Report considered")
        self.outcome = CommitLineEdit(self, name="Outcome")
        self.outcome.setPlaceholderText("What happened to the report here (Approved, Deferred, …)")
        self.route = QLabel(self)
        self.route.setObjectName("routeLabel")
        self.route.setWordWrap(True)
        self.route.setTextFormat(Qt.TextFormat.RichText)
        form = QFormLayout()
        self.exempt = ExemptFields(self, what="item")
        self.report_exempt = QLabel(self)
        self.report_exempt.setWordWrap(True)
        form.addRow("Report", self.report)
        form.addRow("Outcome", self.outcome)
        form.addRow("Exempt", self.exempt)
        form.addRow("", self.report_exempt)
        form.addRow("Route", self.route)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.tools)
        layout.addWidget(self.tree, 1)
        layout.addLayout(form)
        self.tree.currentItemChanged.connect(lambda *_args: self._on_current_changed())
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.tree.new_committed.connect(self._on_tree_new_committed)
        self.tree.text_committed.connect(self._on_tree_text_committed)
        self.tree.drop_requested.connect(self._on_tree_drop_requested)
        self.report.activated.connect(self._on_report_activated)
        self.outcome.committed.connect(self._on_outcome_committed)
        self.exempt.changed.connect(self._on_exempt_changed)

    def add_tool(self, action: object) -> None:
        button = QToolButton(self)
        button.setDefaultAction(action)  # type: ignore[arg-type]
        self.tools.insertWidget(self.tools.count() - 1, button)

    def load(self, meeting_id: int | None, locked: bool = False, select: int | None = None) -> None:
        self.meeting_id = meeting_id
        self.locked = locked
        ws = self.session.ws
        self.items = meetings.agenda(ws, meeting_id) if ws and meeting_id else []
        titles = meetings.report_titles(ws) if ws else {}
        self.tree.set_locked(locked)
        self.tree.set_rows(
            [
                Row(
                    item.id,
                    [
                        str(item.item_number),
                        item.minute_number,
                        item.title,
                        item.outcome,
                    ],
                    item.title,
                    tooltip=f"Report: {titles[item.report_id]}" if item.report_id in titles else "",
                    bold=not item.is_standing,
                )
                for item in self.items
            ],
            select,
        )
        with QSignalBlocker(self.report):
            self.report.clear()
            self.report.addItem("— (no report)", None)
            for report_id, title in titles.items():
                self.report.addItem(title, report_id)
        if self.tree.currentItem() is None and self.items:
            self.tree.select_id(self.items[0].id)
        self._on_current_changed()

    def current_item(self) -> AgendaItem | None:
        current = self.tree.current_id()
        return next((item for item in self.items if item.id == current), None)

    def _on_current_changed(self) -> None:
        item = self.current_item()
        self.report.setEnabled(item is not None and not self.locked)
        self.outcome.setEnabled(item is not None)
        self.exempt.setEnabled(item is not None and not self.locked)
        if item is None:
            self.route.setText("")
            self.outcome.set_value("")
            self.exempt.set_value(None)
            self.report_exempt.setText("")
            self.item_selected.emit(None)
            return
        self._show_exemption(item)
        self.report.setCurrentIndex(max(0, self.report.findData(item.report_id)))
        self.outcome.set_value(item.outcome)
        self.route.setText(self.route_text(item))
        self.item_selected.emit(item.id)

    def _show_exemption(self, item: AgendaItem) -> None:
        ws = self.session.ws
        if ws is None:
            return
        self.exempt.set_value(exempt.item_exemption(ws, item.id))
        by_report = exempt.report_exemption(ws, item.report_id) if item.report_id else None
        self.report_exempt.setText(
            f"The report is exempt ({by_report.short.lower()}): the item is kept out of public "
            "packs and minutes."
            if by_report
            else ""
        )

    def _on_exempt_changed(self, paragraph: int | None, reason: str) -> None:
        item = self.current_item()
        if item is not None:
            self.session.run(
                "Mark item exempt" if paragraph else "Make item public",
                lambda ws: exempt.set_item_exemption(ws, item.id, paragraph, reason),
            )

    def route_text(self, item: AgendaItem) -> str:
        """The report's route, this meeting in bold, each step with what happened there."""
        ws = self.session.ws
        if ws is None or item.report_id is None:
            return "<i>No report: the item has no route.</i>"
        steps = []
        for step in reports.route(ws, item.report_id):
            text = f"{escape(step.committee)}, {date_text(step.date)}"
            outcome = step.outcome or (
                "to come" if step.meeting_status == "scheduled" else "no outcome recorded"
            )
            text = f"{text} — {escape(outcome)}"
            if step.agenda_item_id == item.id:
                text = f"<b>{text}</b>"
            steps.append(text)
        return " &nbsp;→&nbsp; ".join(steps)

    # edits -----------------------------------------------------------------------------------------
    def start_new(self) -> None:
        if self.meeting_id is None or self.locked:
            return
        current = self.tree.currentItem()
        index = self.tree.indexOfTopLevelItem(current) + 1 if current is not None else None
        self.tree.start_new(None, index, label="new")

    def _on_tree_new_committed(self, _parent: object, index: int, text: str) -> None:
        if self.meeting_id is not None:
            meeting_id = self.meeting_id
            self.session.run(
                "Add agenda item", lambda ws: meetings.add_item(ws, meeting_id, text, at=index)
            )

    def _on_tree_text_committed(self, item_id: int, text: str) -> None:
        self.session.run("Rename agenda item", lambda ws: meetings.rename_item(ws, item_id, text))

    def _on_tree_drop_requested(self, item_id: int, _parent: object, index: int) -> None:
        self.session.run("Move agenda item", lambda ws: meetings.move_item(ws, item_id, index))

    def move_current(self, delta: int) -> None:
        item = self.current_item()
        if item is not None:
            self.session.run(
                "Move agenda item", lambda ws: meetings.move_item_by(ws, item.id, delta)
            )

    def delete_current(self) -> None:
        item = self.current_item()
        if item is not None:
            self.session.run("Delete agenda item", lambda ws: meetings.delete_item(ws, item.id))

    def _on_report_activated(self, index: int) -> None:
        item = self.current_item()
        if item is None:
            return
        report_id = self.report.itemData(index)
        if report_id != item.report_id:
            self.session.run(
                "Set the item's report", lambda ws: meetings.set_item_report(ws, item.id, report_id)
            )

    def _on_outcome_committed(self, text: str) -> None:
        item = self.current_item()
        if item is not None and text != item.outcome:
            self.session.run(
                "Record outcome", lambda ws: meetings.set_item_outcome(ws, item.id, text)
            )

    def _on_tree_item_activated(self, *_args: object) -> None:
        item = self.current_item()
        if item is not None:
            self.item_activated.emit(item.id)
