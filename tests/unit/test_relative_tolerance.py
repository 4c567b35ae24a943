"""Tolerances written "10%" are relative: within 10% of the previous value. Stored, shown, exported
and re-imported as written; the direction-of-travel rule honours them; the demo's published
figures are unchanged."""

from __future__ import annotations

import pytest

from ocplan_desktop.domain.performance import (
    IndicatorSeries,
    Polarity,
    Status,
    direction_of_travel,
    indicator_status,
)
from ocplan_desktop.importers.indicator_exports import export_catalogue
from ocplan_desktop.importers.indicators import import_indicators, preview_import
from ocplan_desktop.importers.tabular import read_table
from ocplan_desktop.services import performance
from ocplan_desktop.store import indicators as store

H, L = Polarity.HIGHER, Polarity.LOWER


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "tolerance", "relative", "expected"),
    [
        (11, 20, H, 10, False, Status.SAME),  # absolute 10: a fall of 9 is within it
        (11, 20, H, 10, True, Status.WORSE),  # 10% of 20 is 2: a fall of 9 is not
        (19, 20, H, 10, True, Status.SAME),
        (22, 20, H, 10, True, Status.SAME),  # exactly 10% of the previous value
        (22.1, 20, H, 10, True, Status.IMPROVED),
        (18, 20, L, 5, True, Status.IMPROVED),
        (-19, -20, H, 10, True, Status.SAME),  # a share of the size of a negative value
        (0.5, 0, H, 10, True, Status.IMPROVED),  # 10% of nothing is nothing
    ],
)
def test_relative_tolerance_in_the_rule(current, previous, polarity, tolerance, relative, expected):
    assert direction_of_travel(current, previous, polarity, tolerance, relative) is expected


def test_the_explanation_says_which_tolerance():
    series = IndicatorSeries(
        1, "EP01", "x", H, 10, {"2021-22": 20, "2022-23": 19}, tolerance_relative=True
    )
    status = indicator_status(series, "2022-23")
    assert status.status is Status.SAME
    assert status.explanation == (
        "19 in 2022-23 against 20 in 2021-22: a change of 1 is within the tolerance of 10% of "
        "the previous value (2)."
    )


CATALOGUE = (
    "Code,Name,Polarity,Unit,Tolerance,2021-22,2022-23\n"
    "RT01,Relative one,higher,count,10%,20,11\n"
    "RT02,Absolute one,higher,count,10,20,11\n"
)


def test_imported_shown_and_exported_as_written_and_reimport_is_a_no_op(ws, tmp_path):
    path = tmp_path / "tolerances.csv"
    path.write_text(CATALOGUE, encoding="utf-8")
    import_indicators(ws, path)
    items = {item.code: item for item in store.list_indicators(ws)}
    assert (items["RT01"].tolerance, items["RT01"].tolerance_relative) == (10.0, True)
    assert items["RT01"].tolerance_text == "10%" and items["RT02"].tolerance_text == "10"
    report = performance.performance_summary(ws, "2022-23").report
    statuses = {row.code: row.status for row in report.statuses}
    assert statuses["RT01"] is Status.WORSE and statuses["RT02"] is Status.SAME
    out = tmp_path / "catalogue.csv"
    export_catalogue(ws, out)
    exported = {row["Code"]: row["Tolerance"] for row in read_table(out).rows}
    assert exported["RT01"] == "10%" and exported["RT02"] == "10"
    plan = preview_import(ws, out)
    assert plan.ok and not plan.indicator_changes and not plan.new_indicators


def test_changing_a_tolerance_to_relative_is_shown_in_the_preview(ws, tmp_path):
    path = tmp_path / "first.csv"
    path.write_text(CATALOGUE, encoding="utf-8")
    import_indicators(ws, path)
    again = tmp_path / "second.csv"
    again.write_text("Code,Tolerance\nRT02,10%\n", encoding="utf-8")
    plan = preview_import(ws, again)
    assert [line.detail for line in plan.lines] == ["tolerance 10 → 10%"]
