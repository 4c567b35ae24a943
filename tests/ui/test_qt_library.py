"""Guards against known defects of the Qt binding the app depends on."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox

from ocplan_desktop.app import make_application


def test_combo_boxes_keep_the_reference_count_of_none(qtbot):
    """PySide6 6.12.0 dropped a reference to None on every addItem and every itemData that returned
    None; a long session (or a large workspace) then aborted with 'deallocating None'."""
    make_application()
    combo = QComboBox()
    qtbot.addWidget(combo)
    before = sys.getrefcount(None)
    for _ in range(300):
        combo.addItem("no report", None)
        combo.addItem("a report", 5)
        combo.itemData(0)
        combo.findData(None)
    assert sys.getrefcount(None) >= before - 50  # a little drift from the interpreter, not 900
