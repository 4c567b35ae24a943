"""The main window: navigation between the areas, the menus, and the open workspace.

The window owns the session (workspace, undo stack, the Change signal); pages get the session and
decide for themselves what to reload. Each page may add a menu of its own actions, shown while the
page is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from ocplan_desktop import APP_TITLE, __version__
from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.services.change import Change, everything
from ocplan_desktop.services.workspaces import new_workspace
from ocplan_desktop.store.workspace import Workspace, open_workspace
from ocplan_desktop.ui.pages.engagement_page import EngagementPage
from ocplan_desktop.ui.pages.indicators_page import IndicatorsPage
from ocplan_desktop.ui.pages.meetings_page import MeetingsPage
from ocplan_desktop.ui.pages.page import Page
from ocplan_desktop.ui.pages.print_page import PrintPage
from ocplan_desktop.ui.pages.recommendations_page import RecommendationsPage
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.widgets.search_dialog import SearchDialog, open_hit

WORKSPACE_FILTER = "ocplan workspaces (*.ocplan *.sqlite *.db);;All files (*)"
MAX_RECENT = 8
PAGE_CLASSES: tuple[type[Page], ...] = (
    MeetingsPage,
    RecommendationsPage,
    IndicatorsPage,
    EngagementPage,
    PrintPage,
)


class MainWindow(QMainWindow):
    workspace_opened = Signal(object)  # the Workspace now open

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.session = Session(self)
        self.undo_stack = self.session.undo_stack
        self.last_message: QMessageBox | None = None
        self.setObjectName("mainWindow")
        self.setAccessibleName("ocplan main window")
        self.setMinimumSize(760, 480)

        self.pages: list[Page] = [page_class(self.session, self) for page_class in PAGE_CLASSES]
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Areas")
        self.nav.setFixedWidth(210)
        self.stack = QStackedWidget(self)
        for page in self.pages:
            self.nav.addItem(QListWidgetItem(page.title))
            self.stack.addWidget(page)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.stack.setContentsMargins(12, 8, 12, 8)
        self.setCentralWidget(central)

        self.status_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_label)
        self._build_menus()
        self._restore_geometry()
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)
        self.session.refused.connect(self._on_session_refused)
        self.nav.setCurrentRow(0)
        self._update_title()

    @property
    def ws(self) -> Workspace | None:
        return self.session.ws

    # menus -------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._add_action(
            file_menu, "&New workspace…", QKeySequence.StandardKey.New, self._on_new_triggered
        )
        self._add_action(
            file_menu, "&Open…", QKeySequence.StandardKey.Open, self._on_open_triggered
        )
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("recentMenu")
        file_menu.addSeparator()
        self._add_action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)

        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.edit_menu = edit_menu
        edit_menu.addSeparator()
        find = self._add_action(
            edit_menu, "&Find…", QKeySequence.StandardKey.Find, self._on_find_triggered
        )
        find.setObjectName("findAction")

        view_menu = self.menuBar().addMenu("&View")
        for row, page in enumerate(self.pages):
            action = self._add_action(
                view_menu,
                page.title,
                QKeySequence(f"Ctrl+{row + 1}"),
                lambda _checked=False, row=row: self.show_page(row),
            )
            action.setObjectName(f"showPage{row}")

        # One menu per page that has actions; only the current page's is shown.
        self.page_menus: dict[int, QMenu] = {}
        for row, page in enumerate(self.pages):
            actions = page.page_actions()
            if not actions:
                continue
            menu = QMenu(page.title.split(" ")[0].replace("&", "&&"), self)
            menu.setObjectName(f"pageMenu{row}")
            for action in actions:
                menu.addAction(action)
                # Shortcuts work while the page is shown, without opening the menu.
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                page.addAction(action)
            self.menuBar().addMenu(menu)
            menu.menuAction().setVisible(False)
            self.page_menus[row] = menu

        self.help_menu = self.menuBar().addMenu("&Help")
        self._add_action(self.help_menu, f"&About {APP_TITLE}", None, self._on_about_triggered)
        self._refresh_recent_menu()

    def _add_action(
        self,
        menu: QMenu,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | None,
        slot: Callable[..., object],
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def show_page(self, row: int) -> None:
        self.nav.setCurrentRow(row)
        self.pages[row].setFocus()

    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def _on_nav_current_row_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        for menu_row, menu in self.page_menus.items():
            menu.menuAction().setVisible(menu_row == row)

    # workspace -----------------------------------------------------------------------------------
    def open_path(self, path: Path | str) -> bool:
        """Open another workspace; on any problem, say so and keep the current one."""
        path = Path(path).expanduser()
        try:
            ws = open_workspace(path)
        except OcplanError as error:
            self.show_message("Cannot open workspace", str(error))
            return False
        self.set_workspace(ws)
        return True

    def set_workspace(self, ws: Workspace) -> None:
        previous = self.session.ws
        self.session.set_workspace(ws)
        if previous is not None:
            previous.close()
        self._remember_recent(ws.path)
        self._update_title()
        self.workspace_opened.emit(ws)
        self.broadcast(everything())

    def broadcast(self, change: Change) -> None:
        self.session.broadcast(change)

    def _update_title(self) -> None:
        if self.ws is None:
            self.setWindowTitle(APP_TITLE)
            self.status_label.setText("No workspace open")
            return
        suffix = " [read-only]" if self.ws.read_only else ""
        self.setWindowTitle(f"{self.ws.name}{suffix} — {APP_TITLE}")
        self.status_label.setText(f"{self.ws.path}  ·  schema {self.ws.schema_version}")

    def _on_open_triggered(self) -> None:
        start = str(self.ws.path.parent) if self.ws else str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(self, "Open workspace", start, WORKSPACE_FILTER)
        if path:
            self.open_path(path)

    def _on_new_triggered(self) -> None:
        start = str(self.ws.path.parent) if self.ws else str(Path.home())
        path, _filter = QFileDialog.getSaveFileName(self, "New workspace", start, WORKSPACE_FILTER)
        if path:
            self.create_workspace(path)

    def create_workspace(self, path: Path | str) -> bool:
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(".ocplan")
        try:
            ws = new_workspace(target)
        except OcplanError as error:
            self.show_message("Cannot create workspace", str(error))
            return False
        self.set_workspace(ws)
        return True

    # recent files and geometry ------------------------------------------------------------------
    def recent_paths(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            return [value]
        return [str(item) for item in value] if isinstance(value, list) else []

    def _remember_recent(self, path: Path) -> None:
        text = str(path.resolve())
        recent = [text] + [item for item in self.recent_paths() if item != text]
        self.settings.setValue("recent", recent[:MAX_RECENT])
        self.settings.setValue("last_workspace", text)
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent_paths()
        for number, path in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{number} {path}" if number < 10 else path)
            action.triggered.connect(lambda _checked=False, path=path: self.open_path(path))
        self.recent_menu.setEnabled(bool(paths))

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.sync()
        if self.session.ws is not None:
            ws = self.session.ws
            self.session.set_workspace(None)
            ws.close()
        super().closeEvent(event)

    # messages ------------------------------------------------------------------------------------
    def show_message(
        self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning
    ) -> None:
        """A window-modal message that does not block the event loop (tests read `last_message`)."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAccessibleName(title)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        box.open()

    def _on_session_refused(self, message: str) -> None:
        self.show_message("Not changed", message)

    # search ----------------------------------------------------------------------------------------
    search_dialog: SearchDialog | None = None

    def _on_find_triggered(self) -> None:
        """Edit ▸ Find…: one search box over reports, minutes, recommendations and feedback."""
        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.session, self)
            self.search_dialog.hit_opened.connect(lambda hit: open_hit(self, hit))
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.query.setFocus()
        self.search_dialog.query.selectAll()

    def _on_about_triggered(self) -> None:
        self.show_message(
            f"About {APP_TITLE}",
            f"{APP_TITLE} {__version__}\n\nMeetings, minutes, recommendations, performance indicators and "
            "engagement feedback for council governance officers, kept in one local workspace file.",
            QMessageBox.Icon.Information,
        )
