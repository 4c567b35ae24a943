"""The report editor: every field of the council's report template, each saved as it is edited.

Tabs follow the template: the front sheet (title, cabinet member, director, wards, key decision,
executive summary, recommendations for each body, appendices, background papers, scrutiny, other
bodies, Council), the numbered sections, the implications, the authors and approvals table, and the
report's route through meetings.
"""

from __future__ import annotations

from html import escape
from typing import Any

import shiboken6
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.reports import IMPLICATIONS, ReportDraft
from ocplan_desktop.services import exempt, meetings, reports
from ocplan_desktop.services.change import Change
from ocplan_desktop.store.reference import list_wards
from ocplan_desktop.ui.format import date_text, label_text
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.exempt_fields import ExemptFields
from ocplan_desktop.ui.widgets.field_edits import CommitLineEdit, CommitTextEdit
from ocplan_desktop.ui.widgets.figure_dialogs import FieldHighlighter, FigureDialog
from ocplan_desktop.ui.widgets.report_parts import PartTable, SectionsEditor

LINE_FIELDS = (
    ("title", "Title"),
    ("decision_body", "Decision-making body (blank: the last meeting on the route)"),
    ("report_of", "Report of"),
    ("cabinet_member", "Name of Cabinet Member"),
    ("director", "Director approving submission"),
)
FRONT_LATER = (
    ("background_papers", "Background papers"),
    ("scrutiny_considered", "Considered by Scrutiny? (and when)"),
    ("other_bodies", "Considered by any other body?"),
    ("goes_to_council", "Will this report go to Council?"),
)
AUTHOR_FIELDS = (
    ("author_service", "Service"),
    ("author_contact", "Contact"),
    ("web_link", "Web page"),
    ("published_link", "Published on (printed exactly as typed)"),
)


def _scrolling(widget: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("sectionHeading")
    return label


class ReportEditor(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.report_id: int | None = None
        self.draft: ReportDraft | None = None
        self.setAccessibleName("Report editor")
        self.fields: dict[str, CommitLineEdit | CommitTextEdit] = {}
        self.highlighters: list[FieldHighlighter] = []
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Report parts")

        # front sheet
        front = QWidget(self)
        form = QFormLayout(front)
        self.kind = QComboBox(front)
        self.kind.setAccessibleName("Kind of report")
        for kind in reports.KINDS:
            self.kind.addItem(kind.capitalize(), kind)
        form.addRow("Kind", self.kind)
        self.exempt = ExemptFields(front, what="report")
        form.addRow("Exempt information", self.exempt)
        for field, title in LINE_FIELDS:
            form.addRow(title, self._line(field, title, front))
        self.wards_all = QCheckBox("All wards", front)
        self.wards = QListWidget(front)
        self.wards.setAccessibleName("Wards affected")
        self.wards.setMaximumHeight(120)
        self.wards.setFlow(QListWidget.Flow.LeftToRight)
        self.wards.setWrapping(True)
        self.wards.setResizeMode(QListWidget.ResizeMode.Adjust)
        wards_box = QVBoxLayout()
        wards_box.addWidget(self.wards_all)
        wards_box.addWidget(self.wards)
        form.addRow("Ward(s) affected", wards_box)
        self.key_decision = QCheckBox("Key decision", front)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_decision)
        key_row.addWidget(self._line("key_decision_reason", "Why it is a key decision", front), 1)
        form.addRow("Is this a key decision?", key_row)
        form.addRow(
            "Executive summary", self._text("executive_summary", "Executive summary", front, 6)
        )
        self.recommendations = PartTable(session, "recommendations", "Recommendations", front)
        form.addRow(_heading("Recommendations (numbered for each body)", front))
        form.addRow(self.recommendations)
        self.appendices = PartTable(session, "appendices", "Appendices", front)
        form.addRow(_heading("List of appendices", front))
        form.addRow(self.appendices)
        for field, title in FRONT_LATER:
            form.addRow(title, self._line(field, title, front))
        self.tabs.addTab(_scrolling(front, self), "Front sheet")

        self.sections = SectionsEditor(session, self)
        self.tabs.addTab(self.sections, "Sections")

        implications = QWidget(self)
        implications_layout = QVBoxLayout(implications)
        for column, title in IMPLICATIONS:
            implications_layout.addWidget(_heading(title, implications))
            implications_layout.addWidget(self._text(column, title, implications, 4))
        self.tabs.addTab(_scrolling(implications, self), "Implications")

        people = QWidget(self)
        people_layout = QVBoxLayout(people)
        people_layout.addWidget(_heading("Report author(s): names and job titles", people))
        self.authors = PartTable(session, "authors", "Report authors", people)
        people_layout.addWidget(self.authors)
        author_form = QFormLayout()
        for field, title in AUTHOR_FIELDS:
            author_form.addRow(title, self._line(field, title, people))
        people_layout.addLayout(author_form)
        people_layout.addWidget(_heading("Contributors and approvers", people))
        self.approvals = PartTable(session, "approvals", "Approvals", people)
        people_layout.addWidget(self.approvals)
        people_layout.addStretch(1)
        self.tabs.addTab(_scrolling(people, self), "Authors and approvals")

        route = QWidget(self)
        route_layout = QVBoxLayout(route)
        self.route = QLabel(route)
        self.route.setAccessibleName("Route through meetings")
        self.route.setWordWrap(True)
        self.route.setTextFormat(Qt.TextFormat.RichText)
        self.route.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.meeting = QComboBox(route)
        self.meeting.setAccessibleName("Meeting to add the report to")
        self.add_to_meeting = QPushButton("Put on this meeting's agenda", route)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel("Next step:", route))
        add_row.addWidget(self.meeting, 1)
        add_row.addWidget(self.add_to_meeting)
        route_layout.addWidget(self.route)
        route_layout.addLayout(add_row)
        route_layout.addStretch(1)
        self.tabs.addTab(route, "Route")

        self.title_label = QLabel(self)
        self.title_label.setObjectName("sectionHeading")
        self.title_label.setWordWrap(True)
        # Insert ▸ Performance figure…: the button never takes focus, so the text box being typed
        # in keeps it and the field goes where the cursor is.
        self.insert_button = QToolButton(self)
        self.insert_button.setText("Insert")
        self.insert_button.setAccessibleName("Insert")
        self.insert_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        insert_menu = QMenu("Insert", self.insert_button)
        self.insert_figure_action = insert_menu.addAction("Performance figure…")
        self.insert_figure_action.triggered.connect(self._on_insert_figure_triggered)
        self.insert_button.setMenu(insert_menu)
        top = QHBoxLayout()
        top.addWidget(self.title_label, 1)
        top.addWidget(self.insert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.kind.activated.connect(lambda index: self._set("kind", self.kind.itemData(index)))
        self.wards_all.clicked.connect(lambda checked: self._set("wards_all", checked))
        self.key_decision.clicked.connect(lambda checked: self._set("key_decision", checked))
        self.wards.itemChanged.connect(self._on_wards_item_changed)
        self.add_to_meeting.clicked.connect(self._on_add_to_meeting_clicked)
        self.exempt.changed.connect(self._on_exempt_changed)
        self.setEnabled(False)

    def _line(self, field: str, title: str, parent: QWidget) -> CommitLineEdit:
        edit = CommitLineEdit(parent, name=title)
        edit.committed.connect(lambda text: self._set(field, text))
        self.fields[field] = edit
        return edit

    def _text(self, field: str, title: str, parent: QWidget, lines: int) -> CommitTextEdit:
        edit = CommitTextEdit(parent, name=title, lines=lines)
        self.highlighters.append(FieldHighlighter(edit.document()))  # live fields read as fields
        edit.committed.connect(lambda text: self._set(field, text))
        self.fields[field] = edit
        return edit

    # loading ---------------------------------------------------------------------------------------
    def load(self, report_id: int | None, change: Change | None = None) -> None:
        self.report_id = report_id
        ws = self.session.ws
        if report_id is None or ws is None:
            self.draft = None
            self.setEnabled(False)
            self.title_label.setText("Choose a report, or make a new one.")
            return
        self.setEnabled(True)
        draft = reports.draft(ws, report_id)
        self.draft = draft
        self.title_label.setText(str(draft.fields["title"]))
        for field, edit in self.fields.items():
            edit.set_value(str(draft.fields.get(field) or ""))
        self.kind.setCurrentIndex(max(0, self.kind.findData(draft.fields["kind"])))
        self.exempt.set_value(exempt.report_exemption(ws, report_id))
        self.wards_all.setChecked(bool(draft.fields["wards_all"]))
        self.key_decision.setChecked(bool(draft.fields["key_decision"]))
        self._load_wards(draft)
        for table in (self.recommendations, self.appendices, self.authors, self.approvals):
            table.load(draft)
        self.sections.load(draft)
        self._load_route(draft)

    def _load_wards(self, draft: ReportDraft) -> None:
        ws = self.session.ws
        with QSignalBlocker(self.wards):
            self.wards.clear()
            for ward in list_wards(ws) if ws else []:
                item = QListWidgetItem(ward.name)
                item.setData(Qt.ItemDataRole.UserRole, ward.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if ward.id in draft.ward_ids else Qt.CheckState.Unchecked
                )
                self.wards.addItem(item)
            self.wards.setEnabled(not draft.fields["wards_all"])

    def _load_route(self, draft: ReportDraft) -> None:
        if draft.route:
            steps = []
            for step in draft.route:
                minute = f" — minute {step.minute_number}" if step.minute_number else ""
                outcome = step.outcome or (
                    "to come" if step.meeting_status == "scheduled" else "no outcome recorded"
                )
                minutes = f"{step.minutes_status} minutes" if step.has_minutes else "no minutes yet"
                steps.append(
                    f"<li><b>{escape(step.committee)}, {date_text(step.date)}</b>{minute}: "
                    f"{escape(outcome)} <i>({label_text(step.meeting_status)}; {minutes})</i></li>"
                )
            self.route.setText("<p>The report goes to:</p><ol>" + "".join(steps) + "</ol>")
        else:
            self.route.setText("<p>The report is not on any meeting's agenda yet.</p>")
        ws = self.session.ws
        self.meeting.clear()
        after = draft.route[-1].date if draft.route else ""
        for meeting in meetings.list_meetings(ws) if ws else []:
            if (
                meeting.date > after
                and meeting.status != "cancelled"
                and meeting.minutes_status != "approved"
            ):
                self.meeting.addItem(meeting.title, meeting.id)
        self.add_to_meeting.setEnabled(self.meeting.count() > 0)

    # edits -----------------------------------------------------------------------------------------
    def _set(self, field: str, value: Any) -> None:
        if self.report_id is None or self.draft is None:
            return
        if self.draft.fields.get(field) == value or (
            field in ("wards_all", "key_decision")
            and bool(self.draft.fields.get(field)) == bool(value)
        ):
            return
        report_id = self.report_id
        title = field.replace("_", " ")
        self.session.run(f"Edit {title}", lambda ws: reports.set_field(ws, report_id, field, value))

    def _on_wards_item_changed(self, _item: QListWidgetItem) -> None:
        if self.report_id is None:
            return
        chosen = [
            int(self.wards.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.wards.count())
            if self.wards.item(row).checkState() == Qt.CheckState.Checked
        ]
        report_id = self.report_id
        self.session.run("Set wards affected", lambda ws: reports.set_wards(ws, report_id, chosen))

    def _on_exempt_changed(self, paragraph: int | None, reason: str) -> None:
        if self.report_id is None:
            return
        report_id = self.report_id
        self.session.run(
            "Mark report exempt" if paragraph else "Make report public",
            lambda ws: exempt.set_report_exemption(ws, report_id, paragraph, reason),
        )

    def _on_add_to_meeting_clicked(self) -> None:
        meeting_id = self.meeting.currentData()
        if self.report_id is not None and meeting_id is not None:
            report_id = self.report_id
            self.session.run(
                "Put report on agenda", lambda ws: reports.add_to_meeting(ws, report_id, meeting_id)
            )

    # live figures --------------------------------------------------------------------------------
    def _on_insert_figure_triggered(self) -> None:
        ws = self.session.ws
        if ws is None or self.report_id is None:
            return
        target = QApplication.focusWidget()
        dialog = FigureDialog(ws, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        token = dialog.token()
        if token:
            self.insert_figure(token, target)

    def insert_figure(self, token: str, target: QWidget | None = None) -> bool:
        """Put a field where the officer was typing (a text box or a paragraph being edited), or
        at the end of the paragraph chosen in Sections. Says so when there is nowhere to put it."""
        alive = target is not None and shiboken6.isValid(target)  # a cell editor may have closed
        if alive and isinstance(target, QPlainTextEdit | QLineEdit) and self.isAncestorOf(target):
            target.insert(token) if isinstance(target, QLineEdit) else target.insertPlainText(token)
            target.setFocus()
            if isinstance(target, CommitTextEdit | CommitLineEdit):
                target.commit()
            return True
        paragraph = self.sections.current_paragraph_id()
        if paragraph is not None and self.draft is not None:
            text = next(
                (
                    row["text"]
                    for rows in self.draft.paragraphs.values()
                    for row in rows
                    if row["id"] == paragraph
                ),
                "",
            )
            new = f"{text.rstrip()} {token}".strip()
            self.session.run(
                "Insert performance figure",
                lambda ws: reports.update_part(ws, "paragraphs", paragraph, {"text": new}),
            )
            return True
        QMessageBox.information(
            self,
            "Insert performance figure",
            "Click in the text where the figure should go (the executive summary, an implication "
            "or a paragraph in Sections), then choose Insert ▸ Performance figure… again.",
        )
        return False
