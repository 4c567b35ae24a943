"""The tracker's dashboard: counts by status and response, the average wait for a response, the
oldest awaiting, and the charts of status over time and responses per meeting."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ocplan_desktop.domain.recommendations import RecommendationStatus, Response, duration_text
from ocplan_desktop.services.tracker_dashboard import Dashboard
from ocplan_desktop.ui.format import date_text
from ocplan_desktop.ui.widgets.chart_view import ChartView


class TrackerDashboard(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Tracker dashboard")
        self.values: dict[str, QLabel] = {}
        counts = QFrame(self)
        counts.setObjectName("summaryCounts")
        grid = QGridLayout(counts)
        cells = [("total", "Recommendations")]
        cells += [(status.value, status.text) for status in RecommendationStatus]
        cells += [("overdue", "⚠ Overdue"), ("awaiting", "Awaiting response")]
        cells += [
            ("too_long", "◷ Waiting over 2 months"),
            ("average", "Average wait for a response"),
        ]
        for column, (key, caption) in enumerate(cells):
            value = QLabel("–", counts)
            value.setObjectName("countValue")
            value.setAccessibleName(caption)
            text = QLabel(caption, counts)
            text.setObjectName("countCaption")
            text.setWordWrap(True)
            grid.addWidget(value, 0, column)
            grid.addWidget(text, 1, column)
            self.values[key] = value

        self.responses = QLabel(self)
        self.responses.setAccessibleName("Responses")
        self.responses.setWordWrap(True)
        self.oldest = QLabel(self)
        self.oldest.setAccessibleName("Oldest awaiting a response")
        self.oldest.setWordWrap(True)
        self.oldest.setTextFormat(Qt.TextFormat.RichText)

        self.status_chart = ChartView("Status over time", self)
        self.responses_chart = ChartView("Responses per meeting", self)
        self.status_chart.setMinimumHeight(240)
        self.responses_chart.setMinimumHeight(240)
        charts = QHBoxLayout()
        charts.addWidget(self.status_chart, 3)
        charts.addWidget(self.responses_chart, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(counts)
        layout.addWidget(self.responses)
        layout.addWidget(self.oldest)
        layout.addLayout(charts, 1)

    def show_dashboard(self, board: Dashboard) -> None:
        figures = board.figures
        self.values["total"].setText(f"{figures.total:,}")
        for status, count in figures.by_status:
            self.values[status].setText(f"{count:,}")
        awaiting = dict(figures.by_response)[Response.AWAITING.value]
        self.values["overdue"].setText(f"{figures.overdue:,}")
        self.values["awaiting"].setText(f"{awaiting:,}")
        self.values["too_long"].setText(f"{figures.awaiting_too_long:,}")
        average = figures.average_days_to_response
        self.values["average"].setText("–" if average is None else f"{average:,.0f} days")
        self.values["average"].setToolTip(
            f"From the recommendation to the response, over {figures.answered_with_dates} "
            "answered recommendations with both dates"
        )
        self.responses.setText(
            "Responses: "
            + ", ".join(
                f"{Response(response).text.lower()} {count}"
                for response, count in figures.by_response
            )
        )
        if figures.oldest_awaiting:
            items = "".join(
                f"<li><b>{escape(item.reference)}</b> to {escape(item.to_body)}, made "
                f"{escape(date_text(item.from_date))}: waiting {escape(duration_text(item.days))}"
                f" — {escape(item.text[:140])}{'…' if len(item.text) > 140 else ''}</li>"
                for item in figures.oldest_awaiting
            )
            self.oldest.setText(f"<b>Oldest awaiting a response</b><ul>{items}</ul>")
        else:
            self.oldest.setText(
                "<b>Oldest awaiting a response:</b> none — every recommendation has one."
            )
        self.status_chart.show_chart(board.status_over_time)
        self.responses_chart.show_chart(board.responses_per_meeting)
        _fit(self.status_chart)
        _fit(self.responses_chart)


def _fit(view: ChartView, *, most_labels: int = 8) -> None:
    """No more than `most_labels` category labels, so they never run into each other (the other
    ticks stay, unlabelled); the legend sits under the plot."""
    data = view.data
    if data is None:
        return
    low, high = data.value_range()
    plot = view.plot.getPlotItem()
    plot.setYRange(min(low, 0.0), high * 1.12, padding=0.02)
    plot.setXRange(-0.9, max(len(data.categories), 1) - 0.1, padding=0)
    step = max(1, -(-len(data.categories) // most_labels))
    last = len(data.categories) - 1
    major = [
        (index, label) for index, label in enumerate(data.categories) if (last - index) % step == 0
    ]
    minor = [(index, "") for index in range(len(data.categories)) if (last - index) % step]
    plot.getAxis("bottom").setTicks([major, minor])
