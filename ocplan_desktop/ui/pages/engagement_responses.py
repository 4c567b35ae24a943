"""The coding view: an exercise's responses, filtered by any field and searched by text, tagged with
themes from the keyboard (select rows, press 1–9 or 0) or by ticking themes, one response or many at
once. Every tagging is one undo step; the selection survives it, so coding runs on row after row."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.engagement import NOT_COLLECTED
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.services import coding
from ocplan_desktop.services.engagement import (
    NO_THEME,
    Response,
    ResponseFilter,
    filter_responses,
)
from ocplan_desktop.ui.format import date_text
from ocplan_desktop.ui.models.record_table_model import Column, RecordTableModel
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.record_table import RecordTable

RESPONSE_COLUMNS: list[Column[Response]] = [
    Column("Received", lambda r: date_text(r.received_on), sort=lambda r: r.received_on or ""),
    Column("Response", lambda r: r.text, tooltip=lambda r: r.text),
    Column("Themes", lambda r: r.themes),
    Column("Ward", lambda r: r.ward),
    Column("Channel", lambda r: r.channel),
    Column("Respondent", lambda r: r.respondent_type),
    Column("Passed on to", lambda r: r.passed_on_to),
]
ANY = "(any)"
THEME_KEYS = "1234567890"


class ResponsesPanel(QWidget):
    """Responses of the current exercise with the theme list beside them."""

    add_requested = Signal()
    pass_on_requested = Signal()
    remove_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._all: list[Response] = []
        self._themes: list[tuple[int, str]] = []
        self._updating_checks = False

        self.filters: dict[str, QComboBox] = {}
        filter_row = QHBoxLayout()
        for key, label in (
            ("channel", "Channel"),
            ("ward", "Ward"),
            ("respondent_type", "Respondent"),
            ("theme", "Theme"),
            ("passed_on", "Passed on"),
        ):
            combo = QComboBox(self)
            combo.setAccessibleName(f"Filter by {label.lower()}")
            combo.setMinimumContentsLength(10)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            caption = QLabel(label, self)
            caption.setBuddy(combo)
            filter_row.addWidget(caption)
            filter_row.addWidget(combo, 1)
            self.filters[key] = combo
        self.filters["passed_on"].addItems([ANY, "Passed on", "Not passed on"])

        self.table = RecordTable(
            RecordTableModel(RESPONSE_COLUMNS),
            "Responses",
            self,
            filter_placeholder="Search the responses' text (and every column)…",
        )
        # Fixed widths: sizing to the contents of thousands of long responses is slow.
        self.table.view.setProperty("sized", True)
        for column, width in enumerate((130, 380, 300, 150, 120, 150, 200)):
            self.table.view.setColumnWidth(column, width)
        self.table.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.current_changed.connect(self._on_table_current_changed)
        for combo in self.filters.values():
            combo.currentIndexChanged.connect(self._on_filters_changed)

        buttons = QHBoxLayout()
        for text, signal in (
            ("&Add response…", self.add_requested),
            ("&Pass on…", self.pass_on_requested),
            ("Remove", self.remove_requested),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(signal.emit)
            buttons.addWidget(button)
        buttons.addStretch(1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filter_row)
        left_layout.addWidget(self.table, 1)
        self.full_text = QLabel(self)
        self.full_text.setObjectName("responseText")
        self.full_text.setWordWrap(True)
        self.full_text.setTextFormat(Qt.TextFormat.PlainText)
        self.full_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.full_text.setAccessibleName("Response text")
        self.full_text.setMaximumHeight(90)
        left_layout.addWidget(self.full_text)
        left_layout.addLayout(buttons)

        self.theme_list = QListWidget(self)
        self.theme_list.setAccessibleName("Themes")
        self.theme_list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.theme_list.itemChanged.connect(self._on_theme_list_item_changed)
        self.theme_list.itemActivated.connect(self._on_theme_list_item_activated)
        self.hint = QLabel(
            "Select responses (Shift- or Ctrl-click, Ctrl+A for all shown), then press a theme's "
            "number, or tick it here. A tick on every selected response removes the theme. "
            "Ctrl+Z undoes.",
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setObjectName("hint")
        self.selection_label = QLabel(self)
        tag_button = QPushButton("&Tag with highlighted themes", self)
        tag_button.clicked.connect(self._on_tag_button_clicked)
        untag_button = QPushButton("&Untag highlighted themes", self)
        untag_button.clicked.connect(self._on_untag_button_clicked)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("<b>Themes</b>", self))
        right_layout.addWidget(self.selection_label)
        right_layout.addWidget(self.theme_list, 1)
        right_layout.addWidget(tag_button)
        right_layout.addWidget(untag_button)
        right_layout.addWidget(self.hint)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 330])
        right.setMinimumWidth(280)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.shortcuts: list[QShortcut] = []
        for target in (self.table.view, self.theme_list):
            for index, key in enumerate(THEME_KEYS):
                shortcut = QShortcut(QKeySequence(key), target)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(lambda index=index: self.toggle_theme_at(index))
                self.shortcuts.append(shortcut)

    # data ------------------------------------------------------------------------------------------
    def set_lists(self, lists: dict[str, list[tuple[int, str]]]) -> None:
        """The choices of the filters and the theme list (after the reference lists change)."""
        for key, table in (
            ("channel", "channels"),
            ("ward", "wards"),
            ("respondent_type", "respondent_types"),
            ("theme", "feedback_themes"),
        ):
            combo = self.filters[key]
            current = combo.currentText()
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(ANY)
                combo.addItems([name for _id, name in lists[table]])
                if key == "ward":
                    combo.addItem(NOT_COLLECTED)
                if key == "theme":
                    combo.addItem(NO_THEME)
                found = combo.findText(current)
                combo.setCurrentIndex(max(found, 0))
        self._themes = list(lists["feedback_themes"])
        self._updating_checks = True
        self.theme_list.clear()
        for index, (theme_id, name) in enumerate(self._themes):
            key = THEME_KEYS[index] if index < len(THEME_KEYS) else " "
            item = QListWidgetItem(f"{key}   {name}")
            item.setData(Qt.ItemDataRole.UserRole, theme_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.theme_list.addItem(item)
        self._updating_checks = False
        self._on_selection_changed()

    def set_responses(self, items: list[Response]) -> None:
        self._all = items
        self._show()

    def current_filter(self) -> ResponseFilter:
        def text(key: str) -> str:
            value = self.filters[key].currentText()
            return "" if value == ANY else value

        passed = self.filters["passed_on"].currentIndex()
        return ResponseFilter(
            channel=text("channel"),
            ward=text("ward"),
            respondent_type=text("respondent_type"),
            theme=text("theme"),
            passed_on=None if passed <= 0 else passed == 1,
        )

    def selected(self) -> list[Response]:
        return [item for item in self.table.selected_records() if item is not None]

    def _show(self) -> None:
        chosen = {item.id for item in self.selected()}
        current = self.table.current_record()
        self.table.set_rows(filter_responses(self._all, self.current_filter()))
        self._reselect(chosen, current.id if current is not None else None)
        self._on_selection_changed()

    def _reselect(self, ids: set[int], current_id: int | None) -> None:
        """Select the same responses again after a refresh (the model was reset)."""
        if not ids:
            return
        model, proxy = self.table.model, self.table.proxy
        selection = QItemSelection()
        last = model.columnCount() - 1
        current_index = None
        for row, record in enumerate(model.rows()):
            if record.id in ids:
                left = proxy.mapFromSource(model.index(row, 0))
                if left.isValid():
                    selection.select(left, proxy.mapFromSource(model.index(row, last)))
                if record.id == current_id:
                    current_index = proxy.mapFromSource(model.index(row, 0))
        selections = self.table.view.selectionModel()
        if current_index is not None and current_index.isValid():
            selections.setCurrentIndex(current_index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.view.scrollTo(current_index)
        selections.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    # coding ----------------------------------------------------------------------------------------
    def toggle_theme_at(self, index: int) -> None:
        """The number keys: toggle the index-th theme on the selected responses."""
        if 0 <= index < len(self._themes):
            self.toggle_theme(self._themes[index][0])

    def toggle_theme(self, theme_id: int) -> None:
        items = self.selected()
        if not items:
            return
        name = dict(self._themes).get(theme_id, "theme")
        ids = [item.id for item in items]
        count = f"{len(ids):,} response{'s' if len(ids) != 1 else ''}"
        if all(theme_id in item.theme_ids for item in items):
            text = f"Remove {name} from {count}"
        else:
            text = f"Tag {count} with {name}"
        self.session.run(text, lambda ws: coding.toggle(ws, ids, theme_id))

    def highlighted_themes(self) -> list[int]:
        return [
            int(item.data(Qt.ItemDataRole.UserRole)) for item in self.theme_list.selectedItems()
        ]

    def tag_selected(self, theme_ids: Sequence[int], *, add: bool = True) -> None:
        """Bulk: the highlighted themes onto (or off) every selected response, as one undo step."""
        ids = [item.id for item in self.selected()]
        themes = list(theme_ids)
        if not ids or not themes:
            return
        names = ", ".join(dict(self._themes).get(theme, "?") for theme in themes)
        if add:
            self.session.run(
                f"Tag {plural(len(ids), 'response')} with {names}",
                lambda ws: coding.tag(ws, ids, themes),
            )
        else:
            self.session.run(
                f"Remove {names} from {plural(len(ids), 'response')}",
                lambda ws: coding.untag(ws, ids, themes),
            )

    def _on_tag_button_clicked(self) -> None:
        self.tag_selected(self.highlighted_themes())

    def _on_untag_button_clicked(self) -> None:
        self.tag_selected(self.highlighted_themes(), add=False)

    def _on_theme_list_item_changed(self, item: QListWidgetItem) -> None:
        if self._updating_checks:
            return
        self.toggle_theme(int(item.data(Qt.ItemDataRole.UserRole)))
        self._on_selection_changed()  # the check shows the data, not the click

    def _on_theme_list_item_activated(self, item: QListWidgetItem) -> None:
        self.toggle_theme(int(item.data(Qt.ItemDataRole.UserRole)))

    def _on_table_current_changed(self, record: Response | None) -> None:
        if record is None:
            self.full_text.setText("")
            return
        text = record.text if len(record.text) <= 1200 else record.text[:1200] + "…"
        self.full_text.setText(text or "(no text)")

    def _on_filters_changed(self, _index: int) -> None:
        self._show()

    def _on_selection_changed(self, *_args: object) -> None:
        """Each theme's tick shows whether all, some or none of the selected responses have it."""
        items = self.selected()
        self.selection_label.setText(
            f"{len(items):,} response{'s' if len(items) != 1 else ''} selected"
            if items
            else "Select responses to tag them"
        )
        self._updating_checks = True
        for row in range(self.theme_list.count()):
            entry = self.theme_list.item(row)
            theme_id = int(entry.data(Qt.ItemDataRole.UserRole))
            having = sum(1 for item in items if theme_id in item.theme_ids)
            state = (
                Qt.CheckState.Checked
                if items and having == len(items)
                else Qt.CheckState.PartiallyChecked
                if having
                else Qt.CheckState.Unchecked
            )
            entry.setCheckState(state)
        self._updating_checks = False
