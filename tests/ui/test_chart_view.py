from __future__ import annotations

import math

from ocplan_desktop.app import make_application
from ocplan_desktop.domain.charts import ChartData, ChartKind, Series
from ocplan_desktop.ui.widgets.chart_view import ChartView


def test_line_chart_draws_points_and_leaves_gaps(qtbot):
    make_application()
    view = ChartView("History")
    qtbot.addWidget(view)
    data = ChartData(
        "History",
        ChartKind.LINE,
        ("2018-19", "2019-20", "2020-21", "2021-22"),
        (Series("Coventry", (78, 79, None, 69)), Series("England", (70, 71, 72, 73))),
    )
    view.show_chart(data)
    xs, ys = view.items[0].getData()
    assert len(xs) == 4 and math.isnan(ys[2])  # the gap is not a zero
    assert view.drawn_points(0) == 3 and view.drawn_points(1) == 4


def test_bar_charts_draw_one_bar_per_value(qtbot):
    make_application()
    view = ChartView("By ward")
    qtbot.addWidget(view)
    data = ChartData(
        "By ward",
        ChartKind.HBAR,
        ("Bablake", "Earlsdon", "Foleshill"),
        (Series("Responses", (5, 40, 0)),),
        flagged=frozenset({2}),
    )
    view.show_chart(data)
    assert len(view.items) == 1
    assert view.drawn_points() == 3
