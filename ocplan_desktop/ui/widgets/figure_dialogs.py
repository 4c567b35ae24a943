"""Dialogs for performance figures: Insert ▸ Performance figure… (a live field for a report's text),
and the warning before printing a document whose typed figures no longer hold."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.domain.figures import TOKEN
from ocplan_desktop.services import figures, performance
from ocplan_desktop.services.figure_check import FigureCheck
from ocplan_desktop.store.workspace import Workspace

FIELD_BACKGROUND = "#dbe8f5"


class FigureDialog(QDialog):
    """Choose what a field prints (the headline, a count, the sentence, the comparison) and for
    which period; the preview shows the value it prints today."""

    def __init__(self, ws: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Insert performance figure")
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("What the figure shows")
        for kind, text in figures.figure_choices():
            self.kind.addItem(text, kind)
        self.period = QComboBox(self)
        self.period.setAccessibleName("Period")
        self.period.addItems(list(reversed(performance.periods_with_figures(ws))))
        self.preview = QLabel(self)
        self.preview.setAccessibleName("Preview of the figure")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setMinimumWidth(420)
        note = QLabel(
            "The field prints the figure worked out when the document is printed, so it always "
            "matches the performance report.",
            self,
        )
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Figure", self.kind)
        form.addRow("Period", self.period)
        form.addRow("Prints now", self.preview)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Insert")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.kind.currentIndexChanged.connect(lambda _index: self._update_preview())
        self.period.currentIndexChanged.connect(lambda _index: self._update_preview())
        self._update_preview()

    def token(self) -> str | None:
        """The field's token for the kind and period chosen, or None when there is none."""
        try:
            field, _value = figures.new_field(
                self.ws, str(self.kind.currentData()), self.period.currentText()
            )
        except OcplanError:
            return None
        return field.token

    def _update_preview(self) -> None:
        try:
            _field, value = figures.new_field(
                self.ws, str(self.kind.currentData()), self.period.currentText()
            )
        except OcplanError as error:
            self.preview.setText(str(error))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            return
        self.preview.setText(value)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)


class FieldHighlighter(QSyntaxHighlighter):
    """Marks each live field in a text box, so a field reads as a field, not as typed text."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.field_format = QTextCharFormat()
        self.field_format.setBackground(QColor(FIELD_BACKGROUND))
        self.field_format.setForeground(QColor("#1f3a4d"))

    def highlightBlock(self, text: str) -> None:
        for match in TOKEN.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), self.field_format)


class FigureWarningDialog(QMessageBox):
    """Typed figures that no longer hold: print anyway, or show me where."""

    def __init__(self, checks: Sequence[FigureCheck], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checks = list(checks)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Typed figures do not match the data")
        count = len(self.checks)
        self.setText(
            f"{count} figure{'s' if count != 1 else ''} typed into this document "
            f"{'does' if count == 1 else 'do'} not match what the workspace gives now."
        )
        rows = "".join(
            f"<li><b>{escape(item.place.where)}</b>: typed {escape(item.typed)}; the workspace "
            f"gives {escape(item.computed or 'no figure')}"
            + (f" for {escape(item.period)}" if item.period else "")
            + (f" ({escape(item.note)})" if item.note else "")
            + "</li>"
            for item in self.checks
        )
        self.setInformativeText(f"<ul>{rows}</ul>")
        self.print_anyway = self.addButton("Print anyway", QMessageBox.ButtonRole.AcceptRole)
        self.show_me = self.addButton("Show me", QMessageBox.ButtonRole.ActionRole)
        self.cancel = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.show_me)


def ask_about_figures(checks: Sequence[FigureCheck], parent: QWidget | None) -> str:
    """ "print", "show" or "cancel": the officer's answer to typed figures that no longer hold."""
    dialog = FigureWarningDialog(checks, parent)
    dialog.exec()
    clicked = dialog.clickedButton()
    if clicked is dialog.print_anyway:
        return "print"
    return "show" if clicked is dialog.show_me else "cancel"


def show_figure(window: object, check: FigureCheck) -> bool:
    """Open the report or minutes that hold a typed figure, as a search result would."""
    from ocplan_desktop.domain.search import SearchHit
    from ocplan_desktop.ui.widgets.search_dialog import open_hit

    place = check.place
    hit = SearchHit(
        place.kind,
        place.record_id,
        place.where,
        (check.typed,),
        0.0,
        meeting_id=place.meeting_id,
        agenda_item_id=place.agenda_item_id,
    )
    return open_hit(window, hit)
