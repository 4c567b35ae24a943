"""The import previews' choice of what a blank cell means (`--blank-clears` on the command line).

A blank cell in an update leaves the stored value as it is, unless the officer asks for blanks to
clear it. The choice changes the preview, so ticking it checks the file again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

BLANK_CLEARS_TEXT = "Blank cells &clear what is stored (otherwise a blank cell leaves it as it is)"


def blank_clears_box(parent: QWidget, checked: bool) -> QCheckBox:
    box = QCheckBox(BLANK_CLEARS_TEXT, parent)
    box.setAccessibleName("Blank cells clear what is stored")
    box.setToolTip(
        "Ticked, an empty note, date or officer in the file empties the one in the workspace; "
        "the file is checked again to show what that changes."
    )
    box.setChecked(checked)
    return box
