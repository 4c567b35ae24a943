"""The exempt-information fields of the report and agenda editors: the paragraph of Schedule 12A that
applies (or none) and the reason. The owner turns `changed` into an undoable edit."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from ocplan_desktop.domain.exempt import PARAGRAPHS, Exemption
from ocplan_desktop.ui.widgets.field_edits import CommitLineEdit

# What each paragraph is about, short enough for a list; the whole paragraph is the item's tooltip.
SHORT = {
    1: "an individual",
    2: "identity of an individual",
    3: "financial or business affairs",
    4: "labour relations",
    5: "legal professional privilege",
    6: "proposed notices, orders or directions",
    7: "crime",
}


def paragraph_text(number: int) -> str:
    return f"Paragraph {number}: {SHORT[number]}"


class ExemptFields(QWidget):
    """Paragraph (none, 1-7) and reason; `changed(paragraph or None, reason)` when either is edited."""

    changed = Signal(object, str)

    def __init__(self, parent: QWidget | None = None, *, what: str = "report") -> None:
        super().__init__(parent)
        self.paragraph = QComboBox(self)
        self.paragraph.setAccessibleName(f"Exempt information: paragraph for this {what}")
        self.paragraph.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.paragraph.addItem("Not exempt: open to the public", None)
        for number, text in PARAGRAPHS.items():
            self.paragraph.addItem(paragraph_text(number), number)
            self.paragraph.setItemData(number, text, Qt.ItemDataRole.ToolTipRole)
        self.reason = CommitLineEdit(self, name=f"Why this {what} is exempt")
        self.reason.setPlaceholderText(
            "Why the public interest in keeping it back outweighs disclosure"
        )
        layout = QVBoxLayout(self)  # the paragraph, and under it the reason at full width
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.paragraph)
        layout.addWidget(self.reason)
        self.paragraph.activated.connect(lambda _index: self._emit())
        self.reason.committed.connect(lambda _text: self._emit())
        self._shown: tuple[int | None, str] = (None, "")

    def current(self) -> tuple[int | None, str]:
        value = self.paragraph.currentData()
        return (int(value) if value is not None else None, self.reason.text().strip())

    def set_value(self, exemption: Exemption | None) -> None:
        number = exemption.paragraph if exemption else None
        reason = exemption.reason if exemption else ""
        self._shown = (number, reason)
        with QSignalBlocker(self.paragraph):
            self.paragraph.setCurrentIndex(max(0, self.paragraph.findData(number)))
        self.reason.set_value(reason)

    def _emit(self) -> None:
        value = self.current()
        if value != self._shown:
            self._shown = value
            self.changed.emit(*value)
