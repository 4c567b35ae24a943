"""Analysis of an exercise's responses (by ward, per 1,000 residents, by channel, respondent type and
theme) and two exercises side by side. The charts are `ChartData` built by the services; this module
only lays them out and draws them."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.engagement import NOT_COLLECTED, Exercise
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.services.engagement_analysis import (
    DIMENSIONS,
    FeedbackSummary,
    comparison_chart,
    dimension_chart,
    feedback_summary,
    ward_chart,
    ward_rate_chart,
)
from ocplan_desktop.store.workspace import Workspace
from ocplan_desktop.ui.widgets.chart_view import ChartView


class AnalysisPanel(QWidget):
    """The current exercise's charts; built when first shown (pyqtgraph loads then)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setObjectName("analysisSummary")
        self.rate_note = QLabel(
            "Enter ward populations (Engagement ▸ Reference lists…) to see responses per 1,000 "
            "residents.",
            self,
        )
        self.rate_note.setWordWrap(True)
        self.charts: dict[str, ChartView] = {}
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(16)
        self._grid.setVerticalSpacing(16)
        inner = QWidget(self)
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(self.summary_label)
        inner_layout.addLayout(self._grid)
        inner_layout.addWidget(self.rate_note)
        inner_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.summary: FeedbackSummary | None = None

    def _chart(self, key: str, name: str, row: int, column: int, height: int) -> ChartView:
        if key not in self.charts:
            view = ChartView(name, self)
            view.setMinimumHeight(height)
            self._grid.addWidget(view, row, column)
            self.charts[key] = view
        return self.charts[key]

    def show_exercise(self, ws: Workspace, exercise_id: int) -> None:
        summary = feedback_summary(ws, exercise_id)
        self.summary = summary
        self._chart("ward", "Responses by ward", 0, 0, 520).show_chart(ward_chart(summary))
        rate = ward_rate_chart(summary)
        rate_view = self._chart("rate", "Responses per 1,000 residents", 0, 1, 520)
        rate_view.setVisible(rate is not None)
        self.rate_note.setVisible(rate is None)
        if rate is not None:
            rate_view.show_chart(rate)
        for key, row, column in (("channel", 1, 0), ("respondent_type", 1, 1), ("theme", 2, 0)):
            view = self._chart(key, f"Responses by {DIMENSIONS[key].lower()}", row, column, 340)
            view.show_chart(dimension_chart(summary, key))
        self.summary_label.setText(_summary_text(summary))


def _summary_text(summary: FeedbackSummary) -> str:
    total = summary.total
    missing = summary.by_ward[NOT_COLLECTED]
    share = f" ({round(100 * missing / total)}%)" if total else ""
    parts = [f"<b>{plural(total, 'response')}</b>; ward not collected for {missing:,}{share}."]
    silent = summary.silent_wards
    if silent:
        parts.append(
            f"<b>No responses from {len(silent)} ward{'s' if len(silent) != 1 else ''}:</b> "
            + escape(", ".join(silent))
            + " (flagged in the charts)."
        )
    else:
        parts.append("Every ward was heard from.")
    if summary.boundary_note:
        parts.append(f"<br><b>Ward boundaries changed:</b> {escape(summary.boundary_note)}")
    return " ".join(parts)


class ComparePanel(QWidget):
    """Two exercises side by side, on one dimension, as counts or as shares of their responses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QComboBox(self)
        self.first.setAccessibleName("First exercise")
        self.second = QComboBox(self)
        self.second.setAccessibleName("Second exercise")
        self.dimension = QComboBox(self)
        self.dimension.setAccessibleName("Compare by")
        for key, label in DIMENSIONS.items():
            self.dimension.addItem(label, key)
        self.share = QCheckBox("As a share of each exercise's responses", self)
        self.share.setChecked(True)
        self.chart: ChartView | None = None
        self._ws: Workspace | None = None
        controls = QHBoxLayout()
        for label, widget in (
            ("Compare", self.first),
            ("with", self.second),
            ("by", self.dimension),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            controls.addWidget(caption)
            controls.addWidget(widget, 1 if widget is not self.dimension else 0)
        controls.addWidget(self.share)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(controls)
        self._layout.addWidget(self.note)
        for combo in (self.first, self.second, self.dimension):
            combo.currentIndexChanged.connect(self._on_controls_changed)
        self.share.toggled.connect(self._on_controls_changed)

    def set_exercises(
        self, ws: Workspace, exercises: list[Exercise], current_id: int | None
    ) -> None:
        self._ws = ws
        previous = (self.first.currentData(), self.second.currentData())
        with QSignalBlocker(self.first), QSignalBlocker(self.second):
            for combo in (self.first, self.second):
                combo.clear()
                for exercise in exercises:
                    combo.addItem(exercise.title, exercise.id)
            ids = [exercise.id for exercise in exercises]
            first = (
                current_id if current_id in ids else (previous[0] if previous[0] in ids else None)
            )
            if first is not None:
                self.first.setCurrentIndex(ids.index(first))
            others = [item for item in ids if item != self.first.currentData()]
            second = previous[1] if previous[1] in others else (others[0] if others else None)
            if second is not None:
                self.second.setCurrentIndex(ids.index(second))
        self.redraw()

    def redraw(self) -> None:
        first, second = self.first.currentData(), self.second.currentData()
        if self._ws is None or first is None or second is None:
            self.note.setText("Add a second exercise to compare two side by side.")
            return
        if self.chart is None:
            self.chart = ChartView("Two exercises side by side", self)
            self.chart.setMinimumHeight(480)
            self._layout.addWidget(self.chart, 1)
        data = comparison_chart(
            self._ws, first, second, self.dimension.currentData(), share=self.share.isChecked()
        )
        self.chart.show_chart(data)
        self.note.setText(
            "Shares let exercises of different sizes be compared; “not collected” is always shown."
            if self.share.isChecked()
            else "Counts of responses; “not collected” is always shown."
        )

    def _on_controls_changed(self, *_args: object) -> None:
        self.redraw()
