"""How small the main window may be made."""

from __future__ import annotations

# The smallest window in which the Meetings area still works (the meeting list beside the meeting,
# two rows of each minutes list in sight); it fits a 1366×768 laptop screen with its task bar.
MINIMUM_SIZE = (1100, 700)


def minimum_size() -> tuple[int, int]:
    """`MINIMUM_SIZE`, or the screen where it is smaller (a window must fit its screen)."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return MINIMUM_SIZE
    available = screen.availableGeometry()
    return min(MINIMUM_SIZE[0], available.width()), min(MINIMUM_SIZE[1], available.height())
