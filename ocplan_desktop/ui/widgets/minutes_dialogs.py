"""Dialogs around one item's minutes: import pasted or opened text (checked before anything is
saved), correct approved minutes (a new revision with the reason), and read every revision.

All open with `open()`; the owner connects `accepted` and runs the edit through the session.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.domain.minutes import Minutes, Revision, body_text, full_text
from ocplan_desktop.domain.numbering import label
from ocplan_desktop.importers.minutes_text import (
    ParsedMinutes,
    ParsedResolution,
    parse_body,
    parse_minutes,
    read_minutes_file,
)
from ocplan_desktop.services.minutes_approval import revision_caption
from ocplan_desktop.ui.file_dialogs import remember, start_path
from ocplan_desktop.ui.pending_edits import saves_on_quit


class ParsedPreview(QTreeWidget):
    """What the parser recognised, as the officer checks it: each part counted, each resolution
    with its label as written and the number the app will give it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("What was recognised")
        self.setHeaderLabels(["Recognised", "Text", "Recommendations to"])
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.counts: dict[str, int] = {}

    def show_parsed(self, parsed: ParsedMinutes, bodies: dict[int, str] | None = None) -> None:
        self.clear()
        bodies = bodies or {}
        for title, value in (
            ("Minute number", parsed.minute_number),
            ("Heading", parsed.heading),
            ("Report of", parsed.report_of),
        ):
            self.addTopLevelItem(QTreeWidgetItem([title, value or "(none)"]))
        for title, texts in (("Paragraphs", parsed.paragraphs), ("Bullets", parsed.bullets)):
            group = QTreeWidgetItem([f"{title} ({len(texts)})", ""])
            for number, text in enumerate(texts, start=1):
                child = QTreeWidgetItem(["•" if title == "Bullets" else str(number), text])
                child.setToolTip(1, text)
                group.addChild(child)
            self.addTopLevelItem(group)
        under = sum(item.count() - 1 for item in parsed.resolutions)
        group = QTreeWidgetItem(
            [f"Resolutions ({len(parsed.resolutions)}, {under} under them)", ""]
        )
        self._resolutions(group, parsed.resolutions, 0, bodies)
        self.addTopLevelItem(group)
        if parsed.uncertain:
            unsure = QTreeWidgetItem([f"Unsure ({len(parsed.uncertain)})", "Check these lines"])
            for item in parsed.uncertain:
                shown = " ".join(item.text.split())
                child = QTreeWidgetItem([f"line {item.line}", f"{item.reason}: “{shown}”"])
                child.setToolTip(1, f"{item.text}\n{item.reason}")
                unsure.addChild(child)
            self.addTopLevelItem(unsure)
        for note in parsed.notes:
            self.addTopLevelItem(QTreeWidgetItem(["Note", note]))
        self.counts = {
            "paragraphs": len(parsed.paragraphs),
            "bullets": len(parsed.bullets),
            "resolutions": len(parsed.resolutions),
            "under": under,
            "unsure": len(parsed.uncertain),
        }
        self.expandAll()

    def _resolutions(
        self,
        parent: QTreeWidgetItem,
        items: tuple[ParsedResolution, ...],
        depth: int,
        bodies: dict[int, str],
    ) -> None:
        for index, item in enumerate(items):
            written = f"“{item.label}” → " if item.label else ""
            to = bodies.get(index, "") if depth == 0 else ""
            child = QTreeWidgetItem([f"{written}{label(depth, index)}", item.text, to])
            child.setToolTip(1, item.text)
            parent.addChild(child)
            self._resolutions(child, item.children, depth + 1, bodies)


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class MinutesImportDialog(QDialog):
    """Paste minutes text (or open a .txt file), check what was recognised, then import it."""

    def __init__(
        self,
        item_title: str,
        replaces: bool,
        suggest: object,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import minutes text — {item_title}")
        self.setAccessibleName("Import minutes text")
        self._suggest = suggest  # text → (committee id, name) or None
        self.parsed = ParsedMinutes()
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName("Minutes text")
        self.text.setPlaceholderText(
            "Paste the item's minutes here (copied from the council's website or a document), "
            "or open a .txt file."
        )
        self.open_button = QPushButton("Open file…", self)
        self.preview = ParsedPreview(self)
        self.mark = QCheckBox(
            "Track lettered items sent to another body (“submitted to Cabinet”)", self
        )
        self.mark.setChecked(True)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        warning = QLabel(
            "Importing replaces the draft minutes of this item (you can undo it)."
            if replaces
            else "",
            self,
        )
        warning.setWordWrap(True)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel("Minutes text", self))
        top.addStretch(1)
        top.addWidget(self.open_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.text, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        self.buttons = _buttons(self, "Import")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.mark)
        layout.addWidget(warning)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(1100, 680)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.recognise)
        self.text.textChanged.connect(self._timer.start)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.recognise()

    def _on_open_button_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, "Open minutes text", start_path(), "Text files (*.txt);;All files (*)"
        )
        if path:
            remember(path)
            self.load_file(Path(path))

    def load_file(self, path: Path) -> bool:
        try:
            parsed = read_minutes_file(path)
        except OcplanError as error:
            self.problem.setText(str(error))
            return False
        self.text.setPlainText(path.read_text(encoding="utf-8-sig", errors="replace"))
        self.recognise()
        return not parsed.is_empty

    def targets(self) -> dict[int, tuple[int, str]]:
        """Top-level resolutions whose lettered items go to another body, by index."""
        if not self.mark.isChecked():
            return {}
        found = {}
        for index, item in enumerate(self.parsed.resolutions):
            if item.children:
                target = self._suggest(item.text)  # type: ignore[operator]
                if target is not None:
                    found[index] = target
        return found

    def recognise(self) -> None:
        self._timer.stop()
        self.parsed = parse_minutes(self.text.toPlainText())
        self.preview.show_parsed(
            self.parsed, {i: name for i, (_id, name) in self.targets().items()}
        )
        empty = self.parsed.is_empty
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not empty)
        if empty:
            self.problem.setText("Nothing recognised yet: paste the minutes text.")
        elif self.parsed.uncertain:
            count = len(self.parsed.uncertain)
            self.problem.setText(
                f"Unsure of {count} line{'s' if count > 1 else ''} (listed under “Unsure”): "
                "check them before importing."
            )
        else:
            self.problem.setText("")

    def minutes(self, item_id: int) -> Minutes:
        return self.parsed.to_minutes(item_id)


class CorrectionDialog(QDialog):
    """Correct approved minutes: edit the text, say why; saved as the next revision."""

    def __init__(self, minutes: Minutes, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Correct approved minutes")
        self.setAccessibleName("Correct approved minutes")
        self.original = minutes
        note = QLabel(
            f"{caption}. The approved text stays readable in the history; this correction is "
            "recorded with your name, the time and the reason.",
            self,
        )
        note.setWordWrap(True)
        self.heading = QLineEdit(minutes.heading, self)
        self.heading.setAccessibleName("Heading")
        self.report_of = QLineEdit(minutes.report_of, self)
        self.report_of.setAccessibleName("Report of")
        self.body = QPlainTextEdit(body_text(minutes), self)
        self.body.setAccessibleName("Minutes text")
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName("Reason for the correction")
        self.reason.setPlaceholderText("Why is it being corrected? (required)")
        self.preview = ParsedPreview(self)
        self.preview.setColumnHidden(2, True)
        form = QFormLayout()
        form.addRow("Heading", self.heading)
        form.addRow("Report of", self.report_of)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.body)
        splitter.addWidget(self.preview)
        self.buttons = _buttons(self, "Save correction")
        reason_form = QFormLayout()
        reason_form.addRow("Reason", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addLayout(reason_form)
        layout.addWidget(self.buttons)
        self.resize(1100, 680)
        self.body.textChanged.connect(self._on_changed)
        self.reason.textChanged.connect(self._on_changed)
        self.heading.textChanged.connect(self._on_changed)
        self.report_of.textChanged.connect(self._on_changed)
        self._on_changed()
        saves_on_quit(self)  # quitting with input typed presses OK

    def corrected(self) -> Minutes:
        parsed = parse_body(self.body.toPlainText())
        return Minutes(
            agenda_item_id=self.original.agenda_item_id,
            heading=self.heading.text(),
            report_of=self.report_of.text(),
            paragraphs=parsed.paragraphs,
            bullets=parsed.bullets,
            resolutions=tuple(item.node() for item in parsed.resolutions),
        )

    def _on_changed(self) -> None:
        parsed = replace(
            parse_body(self.body.toPlainText()),
            heading=self.heading.text(),
            report_of=self.report_of.text(),
        )
        self.preview.show_parsed(parsed)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.text().strip()))


class HistoryDialog(QDialog):
    """Every revision of an item's minutes, the approved text first, each readable in full."""

    def __init__(
        self, revisions: list[Revision], current: Minutes, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Minutes history")
        self.setAccessibleName("Minutes history")
        self.revisions = revisions
        self.current = current
        self.list = QListWidget(self)
        self.list.setAccessibleName("Revisions")
        for revision in revisions:
            self.list.addItem(revision_caption(revision))
        self.list.addItem("Now · the minutes as they stand")
        self.text = QTextBrowser(self)
        self.text.setAccessibleName("Revision text")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not revisions:
            layout.addWidget(
                QLabel("These minutes have no recorded revisions: they are a draft.", self)
            )
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1000, 620)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.list.setCurrentRow(0)

    def _on_list_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        minutes = self.revisions[row].minutes if row < len(self.revisions) else self.current
        caption = self.list.item(row).text()
        self.text.setHtml(
            f"<p><b>{escape(caption)}</b></p><pre style='white-space: pre-wrap'>"
            f"{escape(full_text(minutes))}</pre>"
        )
