"""One indicator: its catalogue facts, the direction-of-travel badge for the chosen period, the trend
chart with the comparator areas as further lines (values on hover), and the values grid, in which
values, provisional marks, notes and officers' overrides are edited as undoable steps."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.indicators import Indicator, IndicatorValue
from ocplan_desktop.domain.performance import Status
from ocplan_desktop.services import indicators as service
from ocplan_desktop.services.indicator_detail import IndicatorDetail, indicator_detail
from ocplan_desktop.ui.keyboard import let_tab_go
from ocplan_desktop.ui.models.indicator_values_model import IndicatorValuesTableModel
from ocplan_desktop.ui.pending_edits import loaded, save_if_changed, saved_by
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.chart_view import ChartView
from ocplan_desktop.ui.widgets.table_export import add_export_action


class IndicatorDetailPage(QWidget):
    edit_requested = Signal(int)  # indicator id

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.detail: IndicatorDetail | None = None
        self.period: str | None = None
        self._details_for: IndicatorValue | None = None  # the value the note editors show
        self._override_for: str | None = None  # the period the override editors show

        self.picker = QComboBox(self)
        self.picker.setAccessibleName("Indicator")
        self.picker.setEditable(True)
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.picker.setMinimumContentsLength(40)
        picker_label = QLabel("&Indicator:", self)
        picker_label.setBuddy(self.picker)
        self.edit_button = QPushButton("&Edit catalogue entry…", self)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)

        self.heading = QLabel(self)
        self.heading.setObjectName("sectionHeading")
        self.heading.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setObjectName("indicatorFacts")
        self.badge = QLabel(self)
        self.badge.setObjectName("statusBadge")
        self.badge.setAccessibleName("Direction of travel")
        self.why = QLabel(self)
        self.why.setWordWrap(True)
        self.why.setObjectName("badgeReason")

        self.chart = ChartView("Indicator trend chart", self)
        self.model = IndicatorValuesTableModel(self)
        self.model.value_edited.connect(self._on_model_value_edited)
        self.grid = QTableView(self)
        let_tab_go(self.grid)
        add_export_action(self.grid, "Indicator values")
        self.grid.setModel(self.model)
        self.grid.setAccessibleName("Indicator values")
        self.grid.setToolTip("Type a value (1,234, 45%, £512), N/A for not available, or clear it")
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.selectionModel().currentChanged.connect(self._on_grid_current_changed)

        self.cell_label = QLabel("Select a value in the grid.", self)
        self.cell_label.setWordWrap(True)
        self.provisional = QCheckBox("&Provisional", self)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText("Note on this value")
        self.note.setAccessibleName("Note on this value")
        self.save_details = QPushButton("Save &note", self)
        self.save_details.clicked.connect(self._on_save_details_clicked)
        saved_by(self.save_details, self.note, self.provisional)
        value_box = QGroupBox("Selected value", self)
        value_layout = QGridLayout(value_box)
        value_layout.addWidget(self.cell_label, 0, 0, 1, 2)
        value_layout.addWidget(self.note, 1, 0, 1, 2)
        value_layout.addWidget(self.provisional, 2, 0)
        value_layout.addWidget(self.save_details, 2, 1)

        self.override_label = QLabel(self)
        self.override_label.setWordWrap(True)
        self.override_status = QComboBox(self)
        self.override_status.setAccessibleName("Status set by the officer")
        for status in Status:
            self.override_status.addItem(f"{status.symbol} {status.text}", status.value)
        self.override_reason = QPlainTextEdit(self)
        self.override_reason.setPlaceholderText("Why the computed status is not right (required)")
        self.override_reason.setMaximumHeight(58)
        self.override_reason.setTabChangesFocus(True)
        self.override_reason.setAccessibleName("Reason for the override")
        self.set_override = QPushButton("Set &override", self)
        self.set_override.clicked.connect(self._on_set_override_clicked)
        saved_by(self.set_override, self.override_status, self.override_reason)
        self.clear_override = QPushButton("&Clear override", self)
        self.clear_override.clicked.connect(self._on_clear_override_clicked)
        override_box = QGroupBox("Direction of travel set by an officer", self)
        override_layout = QGridLayout(override_box)
        override_layout.addWidget(self.override_label, 0, 0, 1, 3)
        override_layout.addWidget(self.override_status, 1, 0)
        override_layout.addWidget(self.set_override, 1, 1)
        override_layout.addWidget(self.clear_override, 1, 2)
        override_layout.addWidget(self.override_reason, 2, 0, 1, 3)

        self.new_period = QLineEdit(self)
        self.new_period.setPlaceholderText("e.g. 2023-24")
        self.new_period.setAccessibleName("New period")
        self.new_period.setMaximumWidth(140)
        self.add_period = QPushButton("Add &period", self)
        self.add_period.clicked.connect(self._on_add_period_clicked)

        top = QHBoxLayout()
        top.addWidget(picker_label)
        top.addWidget(self.picker, 1)
        top.addWidget(self.edit_button)
        badge_row = QHBoxLayout()
        badge_row.addWidget(self.badge)
        badge_row.addWidget(self.why, 1)

        # The chart across the top; the grid below it, with the editors for its selection beside.
        editors = QWidget(self)
        editors_layout = QVBoxLayout(editors)
        editors_layout.setContentsMargins(0, 0, 0, 0)
        period_row = QHBoxLayout()
        period_row.addWidget(self.new_period)
        period_row.addWidget(self.add_period)
        period_row.addStretch(1)
        editors_layout.addWidget(value_box)
        editors_layout.addWidget(override_box)
        editors_layout.addLayout(period_row)
        editors_layout.addStretch(1)
        bottom = QSplitter(Qt.Orientation.Horizontal, self)
        bottom.addWidget(self.grid)
        bottom.addWidget(editors)
        bottom.setSizes([800, 340])
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.chart)
        splitter.addWidget(bottom)
        splitter.setSizes([330, 330])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addLayout(badge_row)
        layout.addWidget(splitter, 1)
        self.picker.activated.connect(self._on_picker_activated)
        self._update_editors()

    # what is shown ---------------------------------------------------------------------------
    def set_indicators(self, indicators: list[Indicator]) -> None:
        current = self.indicator_id
        with QSignalBlocker(self.picker):
            self.picker.clear()
            for item in indicators:
                self.picker.addItem(item.title, item.id)
            if current is not None and (index := self.picker.findData(current)) >= 0:
                self.picker.setCurrentIndex(index)

    @property
    def indicator_id(self) -> int | None:
        return self.detail.indicator.id if self.detail else None

    def show_indicator(self, indicator_id: int | None, period: str | None = None) -> None:
        """Show one indicator (None: the first in the picker) with its badge for `period`."""
        if period is not None:
            self.period = period
        known = [self.picker.itemData(index) for index in range(self.picker.count())]
        if indicator_id not in known:  # none given, or removed while shown (an undone add)
            indicator_id = known[0] if known else None
        ws = self.session.ws
        if ws is None or indicator_id is None:
            self.detail = None
            self.model.set_detail(None)
            self.heading.setText("No indicators yet: add one to the catalogue or import them.")
            self.facts.setText("")
            self.badge.setText("")
            self.why.setText("")
            self._update_editors()
            return
        selected = self._selected_cell()
        self.detail = indicator_detail(ws, indicator_id, self.period)
        index = self.picker.findData(indicator_id)
        if index >= 0:
            self.picker.setCurrentIndex(index)
        self.model.set_detail(self.detail)
        self._show_header(self.detail)
        self.chart.show_chart(self.detail.chart)
        if selected is not None:
            self.select_cell(*selected)
        self._update_editors()

    def _show_header(self, detail: IndicatorDetail) -> None:
        item = detail.indicator
        self.heading.setText(f"{item.code}  {item.name}")
        facts = [
            item.theme or "No theme",
            item.polarity_text,
            f"unit {item.unit}, {item.decimals} decimal place{'s' if item.decimals != 1 else ''}",
            f"same within {item.tolerance_text}",
            item.frequency,
        ]
        if item.reported_text:
            facts.append(f"reported {item.reported_text}")
        if item.source:
            facts.append(f"source: {item.source}")
        if item.owner:
            facts.append(f"owner: {item.owner}")
        self.facts.setText("  ·  ".join(facts))
        status = detail.status
        if status is None:
            self.badge.setText(f"Not reported in {self.period}" if self.period else "")
            self.badge.setProperty("status", "")
            self.why.setText("")
        else:
            text = f"{status.status.symbol} {status.status.text} in {status.period}"
            if status.is_override:
                text += " (set by officer)"
            self.badge.setText(text)
            self.badge.setProperty("status", status.status.value)
            self.why.setText(status.explanation)
        self.badge.setToolTip(self.why.text())
        self.badge.style().unpolish(self.badge)
        self.badge.style().polish(self.badge)

    # the selected cell -----------------------------------------------------------------------
    def select_cell(self, period: str, area_id: int) -> None:
        if self.detail is None or period not in self.detail.periods:
            return
        index = self.model.index(self.model.row_of(period), self.model.area_column(area_id))
        self.grid.setCurrentIndex(index)

    def _selected_cell(self) -> tuple[str, int] | None:
        index = self.grid.currentIndex()
        if self.detail is None or not index.isValid() or index.row() >= self.model.rowCount():
            return None
        period = self.model.period(index.row())
        column = min(index.column(), len(self.detail.areas) - 1)
        return period, self.detail.areas[column].id

    def selected_period(self) -> str | None:
        index = self.grid.currentIndex()
        if self.detail is None or not index.isValid():
            return self.period if self.detail and self.period in self.detail.periods else None
        return self.model.period(index.row())

    def _update_editors(self) -> None:
        index = self.grid.currentIndex()
        value = self.model.cell(index) if index.isValid() else None
        period = self.selected_period()
        self._details_for = value
        self._override_for = period
        self.provisional.setEnabled(value is not None)
        self.note.setEnabled(value is not None)
        self.save_details.setEnabled(value is not None)
        self.edit_button.setEnabled(self.detail is not None)
        self.add_period.setEnabled(self.detail is not None)
        if value is not None:
            self.cell_label.setText(f"{value.area}, {value.period}")
            self.provisional.setChecked(value.provisional)
            self.note.setText(value.note)
        else:
            self.cell_label.setText("Select a recorded value in the grid to mark it or note it.")
            self.provisional.setChecked(False)
            self.note.clear()
        loaded(self.save_details)
        status = self.detail.statuses.get(period) if self.detail and period else None
        for widget in (self.override_status, self.override_reason, self.set_override):
            widget.setEnabled(status is not None)
        self.clear_override.setEnabled(status is not None and status.is_override)
        if status is None:
            self.override_label.setText(
                f"{period}: not reported, so it has no direction of travel."
                if period
                else "Select a period in the grid."
            )
            return
        self.override_label.setText(
            f"{period}: worked out as '{status.computed.text}'"
            + (f"; set by an officer to '{status.status.text}'." if status.is_override else ".")
        )
        self.override_status.setCurrentIndex(self.override_status.findData(status.status.value))
        self.override_reason.setPlainText(status.override_reason or "")
        loaded(self.set_override)

    def _on_grid_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        # What was typed for the cell left is saved for it (the buttons act on `_details_for` and
        # `_override_for`, the cell and period the editors were filled for), then the editors
        # show the new one's.
        save_if_changed(self.save_details)
        save_if_changed(self.set_override)
        self._update_editors()

    # edits -------------------------------------------------------------------------------------
    def _on_model_value_edited(self, period: str, area_id: int, text: str) -> None:
        detail = self.detail
        if detail is None:
            return
        area = next(area.name for area in detail.areas if area.id == area_id)
        indicator_id = detail.indicator.id
        shown = text if len(text) <= 20 else text[:19] + "…"
        label = f"Set {detail.indicator.code} {period} {area} to {shown or 'nothing'}"
        self.session.run(
            label, lambda ws: service.set_value(ws, indicator_id, period, area_id, text)
        )

    def _on_save_details_clicked(self) -> None:
        value = self._details_for
        if value is None or self.detail is None:
            return
        provisional, note = self.provisional.isChecked(), self.note.text()
        label = f"Note on {self.detail.indicator.code} {value.period} {value.area}"
        self.session.run(
            label, lambda ws: service.set_value_details(ws, value.id, provisional, note)
        )

    def _on_set_override_clicked(self) -> None:
        period = self._override_for
        if self.detail is None or period is None:
            return
        indicator_id = self.detail.indicator.id
        status, reason = self.override_status.currentData(), self.override_reason.toPlainText()
        self.session.run(
            f"Override {self.detail.indicator.code} {period}",
            lambda ws: service.set_override(ws, indicator_id, period, status, reason),
        )

    def _on_clear_override_clicked(self) -> None:
        period = self.selected_period()
        if self.detail is None or period is None:
            return
        indicator_id = self.detail.indicator.id
        self.session.run(
            f"Clear override {self.detail.indicator.code} {period}",
            lambda ws: service.clear_override(ws, indicator_id, period),
        )

    def _on_add_period_clicked(self) -> None:
        text = self.new_period.text()
        if self.session.run(f"Add period {text}", lambda ws: service.add_period(ws, text)):
            self.new_period.clear()

    def _on_picker_activated(self, index: int) -> None:
        self.show_indicator(self.picker.itemData(index))

    def _on_edit_button_clicked(self) -> None:
        if self.detail is not None:
            self.edit_requested.emit(self.detail.indicator.id)
