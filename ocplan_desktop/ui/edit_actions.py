"""Edit ▸ Undo and Redo: one action each, with shortcuts that do not depend on the desktop.

Qt's standard Redo key is Ctrl+Y on some desktops and Ctrl+Shift+Z on others; adding both the
standard key and Ctrl+Shift+Z gave one action the same key twice on X11, which Qt reports as an
ambiguous shortcut and then ignores. So the keys are named here, once: Ctrl+Z to undo,
Ctrl+Shift+Z and Ctrl+Y to redo. The actions go through the session, which keeps the stack
consistent when an undo or redo is refused.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from ocplan_desktop.ui.session import Session

UNDO_KEYS = ("Ctrl+Z",)
REDO_KEYS = ("Ctrl+Shift+Z", "Ctrl+Y")


def undo_redo_actions(session: Session, parent: QObject) -> tuple[QAction, QAction]:
    """Undo and Redo actions whose text names the step ("Undo Edit heading")."""
    stack = session.undo_stack
    undo = QAction("&Undo", parent)
    undo.setObjectName("undoAction")
    redo = QAction("&Redo", parent)
    redo.setObjectName("redoAction")

    def update() -> None:
        undo.setEnabled(stack.canUndo())
        redo.setEnabled(stack.canRedo())
        undo_text = stack.undoText().replace("&", "&&") if stack.canUndo() else ""
        redo_text = stack.redoText().replace("&", "&&") if stack.canRedo() else ""
        undo.setText(f"&Undo {undo_text}".rstrip())
        redo.setText(f"&Redo {redo_text}".rstrip())

    stack.indexChanged.connect(lambda _index: update())
    stack.cleanChanged.connect(lambda _clean: update())
    stack.canUndoChanged.connect(lambda _can: update())
    stack.canRedoChanged.connect(lambda _can: update())
    undo.triggered.connect(lambda _checked=False: session.undo())
    redo.triggered.connect(lambda _checked=False: session.redo())
    update()
    return undo, redo
