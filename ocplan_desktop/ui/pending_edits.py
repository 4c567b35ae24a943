"""Text the officer has typed but not yet saved, found and saved before it could be lost.

Every editor in the window saves itself when the officer leaves it, but closing the window, opening
another workspace or quitting the app can come before that: a shortcut (Ctrl+Q) does not move the
focus, and by the time a hidden editor loses it the workspace may be gone. So before any of those,
`commit_pending_edits` saves, in order:

- an item view's open cell or entry editor (a table cell, a new bullet in the minutes): its text is
  committed and the editor closed, as Return would;
- the fields that save themselves (`CommitLineEdit`, `CommitTextEdit`);
- fields saved with a button of their own (`saved_by`: a value's note and "Save note") whose input
  differs from what they were last loaded with: the button is pressed, as the officer would;
- a dialog marked with `saves_on_quit` whose input differs from what it opened with: its OK button
  is pressed, as the officer would (only when quitting: a dialog is window-modal, so the window cannot
  be closed while one is open);

then runs the edits those queue (a tree's entry is saved a moment after its editor closes) until none
are left. What the services refuse is returned, so the window can stay open and say why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ocplan_desktop.ui.widgets.field_edits import CommitLineEdit, CommitTextEdit

_SNAPSHOT = "_ocplan_opened_with"
_SAVES = "_ocplan_saves_on_quit"
_FIELDS = "_ocplan_saves_fields"


def saves_on_quit(dialog: QDialog) -> None:
    """Mark a dialog that edits records: if the app quits while it is open with input the officer
    changed, its OK button is pressed first. Call at the end of the dialog's `__init__`."""
    setattr(dialog, _SAVES, True)
    setattr(dialog, _SNAPSHOT, input_snapshot(dialog))


def saved_by(button: QAbstractButton, *fields: QWidget) -> None:
    """Mark `fields` as saved by pressing `button` (a note and its "Save note"): when the window
    closes, another workspace opens or the app quits with their input changed since `loaded(button)`
    was last called, the button is pressed first. Call `loaded` whenever the fields are filled."""
    setattr(button, _FIELDS, fields)
    loaded(button)


def loaded(button: QAbstractButton) -> None:
    """The fields `button` saves now hold what the workspace holds (just filled, or just saved)."""
    setattr(button, _SNAPSHOT, _values(getattr(button, _FIELDS, ())))


def save_if_changed(button: QAbstractButton) -> bool:
    """Press `button` if the fields it saves were changed since they were loaded; True if pressed.
    (Before the fields are filled with another record's values, so what was typed is kept.)"""
    fields = getattr(button, _FIELDS, None)
    if fields is None or not button.isEnabled():
        return False
    if getattr(button, _SNAPSHOT, None) == _values(fields):
        return False
    loaded(button)  # first: the save refreshes the page, which must not press it again
    button.click()
    return True


def input_snapshot(root: QWidget) -> tuple[object, ...]:
    """What the input widgets under `root` hold, in a comparable form."""
    return _values(root.findChildren(QWidget))


def _values(widgets: Iterable[QWidget]) -> tuple[object, ...]:
    values: list[object] = []
    for widget in widgets:
        if isinstance(widget, QLineEdit):
            values.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            values.append(widget.toPlainText())
        elif isinstance(widget, QTextEdit):
            values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append((widget.currentIndex(), widget.currentText()))
        elif isinstance(widget, QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
    return tuple(values)


def commit_open_editor(view: QAbstractItemView) -> bool:
    """Commit and close the cell editor open in `view`, as Return would; True if there was one."""
    if view.state() != QAbstractItemView.State.EditingState:
        return False
    current = view.currentIndex()
    if not current.isValid():
        return False
    # The cell being edited is in the current row, not always in the current column (a list
    # edits its text column whichever column is current).
    columns = view.model().columnCount(current.parent())
    found = [
        (index, view.indexWidget(index))
        for index in (current.siblingAtColumn(column) for column in range(columns))
    ]
    index, editor = next(((i, e) for i, e in found if e is not None), (current, None))
    if editor is None:
        return False
    delegate = view.itemDelegateForIndex(index)
    if delegate is None:
        return False
    delegate.commitData.emit(editor)
    delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    return True


def _dialogs(root: QWidget) -> list[QDialog]:
    return [d for d in root.findChildren(QDialog) if d.isVisible() and getattr(d, _SAVES, False)]


def _press_ok(dialog: QDialog) -> None:
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            role = box.buttonRole(button)
            if role == QDialogButtonBox.ButtonRole.AcceptRole and button.isEnabled():
                button.click()
                return
    dialog.accept()


def flush_queued_edits(rounds: int = 5) -> None:
    """Run what editors queued for the next turn of the event loop (their edits), without taking
    any input from the officer meanwhile."""
    for _round in range(rounds):
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)


def commit_pending_edits(
    roots: Iterable[QWidget], *, dialogs: bool, refused: Callable[[], list[str]]
) -> list[str]:
    """Save what is typed under `roots` (see the module's text); the messages of refused edits.

    `refused` returns the refusals collected so far (the session's); those that arrive while this
    runs are what is returned.
    """
    before = len(refused())
    roots = list(roots)
    for root in roots:
        if dialogs:
            for dialog in _dialogs(root):
                if getattr(dialog, _SNAPSHOT, None) != input_snapshot(dialog):
                    for view in dialog.findChildren(QAbstractItemView):
                        commit_open_editor(view)
                    _press_ok(dialog)
        for view in root.findChildren(QAbstractItemView):
            commit_open_editor(view)
    flush_queued_edits()
    for root in roots:
        for field in root.findChildren(CommitLineEdit) + root.findChildren(CommitTextEdit):
            field.commit()
        for button in root.findChildren(QAbstractButton):
            save_if_changed(button)
    flush_queued_edits()
    return refused()[before:]
