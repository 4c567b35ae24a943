"""Add or edit one catalogue entry: code, name, theme, polarity, unit and format, tolerance, source,
frequency, comparator areas, owner, and the periods the indicator is reported for."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.indicators import (
    FREQUENCIES,
    MAX_DECIMALS,
    UNITS,
    Area,
    Indicator,
    Theme,
)
from ocplan_desktop.domain.performance import Polarity
from ocplan_desktop.services.indicators import IndicatorFields
from ocplan_desktop.ui.pending_edits import saves_on_quit

Save = Callable[[IndicatorFields], str | None]  # returns the refusal message, or None when saved


class IndicatorEditorDialog(QDialog):
    def __init__(
        self,
        themes: Sequence[Theme],
        areas: Sequence[Area],
        periods: Sequence[str],
        save: Save,
        indicator: Indicator | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.indicator = indicator
        self.setWindowTitle(f"Edit {indicator.code}" if indicator else "New indicator")
        self.setModal(True)
        self.code = QLineEdit(self)
        self.name = QLineEdit(self)
        self.theme = QComboBox(self)
        self.theme.addItem("(no theme)", None)
        for theme in themes:
            self.theme.addItem(f"{theme.name} ({theme.kind})", theme.id)
        self.polarity = QComboBox(self)
        for polarity in Polarity:
            self.polarity.addItem(polarity.text, polarity.value)
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.unit.addItems(list(UNITS))
        self.decimals = QSpinBox(self)
        self.decimals.setRange(0, MAX_DECIMALS)
        self.tolerance = QDoubleSpinBox(self)
        self.tolerance.setRange(0, 1e9)
        self.tolerance.setDecimals(4)
        self.tolerance.setToolTip("A change this size or smaller counts as stayed the same")
        self.tolerance_kind = QComboBox(self)
        self.tolerance_kind.setAccessibleName("Tolerance is")
        self.tolerance_kind.addItem("in the indicator's unit", False)
        self.tolerance_kind.addItem("% of the previous value", True)
        self.tolerance_kind.setToolTip(
            "Relative: “10” means a change of at most 10% of the previous value counts as the same"
        )
        tolerance_row = QWidget(self)
        tolerance_layout = QHBoxLayout(tolerance_row)
        tolerance_layout.setContentsMargins(0, 0, 0, 0)
        tolerance_layout.addWidget(self.tolerance)
        tolerance_layout.addWidget(self.tolerance_kind, 1)
        self.source = QLineEdit(self)
        self.frequency = QComboBox(self)
        self.frequency.addItems(list(FREQUENCIES))
        self.comparators = QListWidget(self)
        self.comparators.setMaximumHeight(90)
        for area in areas:
            if area.is_own:
                continue
            item = QListWidgetItem(area.name, self.comparators)
            item.setData(Qt.ItemDataRole.UserRole, area.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.owner = QLineEdit(self)
        self.first_period = self._period_box(periods)
        self.last_period = self._period_box(periods)
        self.notes = QPlainTextEdit(self)
        self.notes.setMaximumHeight(70)
        self.error = QLabel(self)
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        for label, widget in (
            ("&Code:", self.code),
            ("&Name:", self.name),
            ("&Theme:", self.theme),
            ("&Polarity:", self.polarity),
            ("&Unit:", self.unit),
            ("&Decimal places:", self.decimals),
            ("Tolerance for &same:", tolerance_row),
            ("&Source:", self.source),
            ("&Frequency:", self.frequency),
            ("Co&mparator areas:", self.comparators),
            ("&Owner:", self.owner),
            ("First period reported:", self.first_period),
            ("Last period reported:", self.last_period),
            ("N&otes:", self.notes),
        ):
            form.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", "").rstrip(":"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if indicator is not None:
            self._fill(indicator)
        self.resize(560, self.sizeHint().height())
        saves_on_quit(self)  # quitting with input typed presses OK

    def _period_box(self, periods: Sequence[str]) -> QComboBox:
        box = QComboBox(self)
        box.setEditable(True)
        box.addItem("")
        box.addItems(list(periods))
        box.setToolTip("Leave empty when the indicator is reported in every period")
        return box

    def _fill(self, item: Indicator) -> None:
        self.code.setText(item.code)
        self.name.setText(item.name)
        self.theme.setCurrentIndex(max(self.theme.findData(item.theme_id), 0))
        self.polarity.setCurrentIndex(self.polarity.findData(item.polarity))
        self.unit.setCurrentText(item.unit)
        self.decimals.setValue(item.decimals)
        self.tolerance.setValue(item.tolerance)
        self.tolerance_kind.setCurrentIndex(1 if item.tolerance_relative else 0)
        self.source.setText(item.source)
        self.frequency.setCurrentText(item.frequency)
        self.set_comparators(item.comparators)
        self.owner.setText(item.owner)
        self.first_period.setCurrentText(item.first_period or "")
        self.last_period.setCurrentText(item.last_period or "")
        self.notes.setPlainText(item.notes)

    def set_comparators(self, names: Sequence[str]) -> None:
        for row in range(self.comparators.count()):
            entry = self.comparators.item(row)
            state = Qt.CheckState.Checked if entry.text() in names else Qt.CheckState.Unchecked
            entry.setCheckState(state)

    def fields(self) -> IndicatorFields:
        comparators = tuple(
            int(self.comparators.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.comparators.count())
            if self.comparators.item(row).checkState() == Qt.CheckState.Checked
        )
        return IndicatorFields(
            code=self.code.text(),
            name=self.name.text(),
            theme_id=self.theme.currentData(),
            polarity=self.polarity.currentData(),
            unit=self.unit.currentText(),
            decimals=self.decimals.value(),
            tolerance=self.tolerance.value(),
            tolerance_relative=bool(self.tolerance_kind.currentData()),
            source=self.source.text(),
            frequency=self.frequency.currentText(),
            owner=self.owner.text(),
            first_period=self.first_period.currentText() or None,
            last_period=self.last_period.currentText() or None,
            notes=self.notes.toPlainText(),
            comparator_area_ids=comparators,
        )

    def save(self) -> bool:
        """Save through the page's undoable edit; stay open and say why when it is refused."""
        message = self._save(self.fields())
        if message is not None:
            self.error.setText(message)
            self.error.show()
            return False
        self.accept()
        return True
