"""What every page of the main window shares: the session, and refreshing when its records change."""

from __future__ import annotations

from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import QWidget

from ocplan_desktop.services.change import Change
from ocplan_desktop.store.workspace import Workspace
from ocplan_desktop.ui.session import Session


class Page(QWidget):
    """A page refreshes when a Change touches one of its `kinds`, and only while it is shown;
    a hidden page is marked stale and refreshes when it is next shown. Opening a workspace refreshes
    the page shown once (through `workspace_changed`).

    Edits go through `self.session.run(text, edit)` so they can be undone. Actions returned by
    `page_actions()` appear in a menu named after the page while the page is shown.
    """

    title = ""
    kinds: frozenset[str] = frozenset()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._stale = True
        self.setAccessibleName(self.title)
        session.changed.connect(self.on_change)
        session.workspace_changed.connect(self._on_session_workspace_changed)

    @property
    def ws(self) -> Workspace | None:
        return self.session.ws

    def page_actions(self) -> list[QAction]:
        """Actions for the page's own menu (with their shortcuts); none by default."""
        return []

    def on_change(self, change: Change) -> None:
        if change.touches(*self.kinds):
            self._stale = True
            if self.isVisible():
                self.refresh_now()

    def refresh_now(self) -> None:
        """Refresh at once; the widgets that need the same records read them once between them."""
        self._stale = False
        if self.ws is not None:
            with self.ws.shared_reads():
                self.refresh()

    def refresh(self) -> None:
        """Reload what the page shows from the workspace."""

    def main_row_count(self) -> int:
        """Rows in the page's main table (the smoke run and tests check that views show records)."""
        return 0

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh_now()

    def _on_session_workspace_changed(self, _ws: Workspace | None) -> None:
        # Another workspace is everything changed: the page shown refreshes now, once (the window
        # broadcasts no Change for it), the others when they are next shown.
        self._stale = True
        if self.isVisible():
            self.refresh_now()
