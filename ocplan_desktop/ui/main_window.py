"""The main window: navigation between the areas, the menus, and the open workspace.

The window owns the session (workspace, undo stack, the Change signal); pages get the session and
decide for themselves what to reload. Each page may add a menu of its own actions, shown while the
page is.

The shell (navigation, menus) is made from Qt alone and can be shown at once; each page, which brings
in the services and the store, is built when it is first shown (the page shown when a workspace is
set, the others on their first visit). Opening a workspace refreshes the page shown once.
Start-up is measured to the shell being shown, and to the first view filled (bench/run.py).
"""

from __future__ import annotations

import importlib
import linecache
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from ocplan_desktop import APP_TITLE
from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.services.change import Change
from ocplan_desktop.ui.edit_actions import REDO_KEYS, UNDO_KEYS, undo_redo_actions
from ocplan_desktop.ui.keyboard import page_menu_title, view_action_text
from ocplan_desktop.ui.session import Session
from ocplan_desktop.ui.window_size import minimum_size

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QMessageBox

    from ocplan_desktop.store.workspace import Workspace
    from ocplan_desktop.ui.pages.page import Page
    from ocplan_desktop.ui.sync_controller import SyncController
    from ocplan_desktop.ui.widgets.search_dialog import SearchDialog
    from ocplan_desktop.ui.workspace_care import WorkspaceCare

WORKSPACE_FILTER = "ocplan workspaces (*.ocplan *.sqlite *.db);;All files (*)"
MAX_RECENT = 8
# (title, module, class): the areas in the order the navigation shows them.
PAGES: tuple[tuple[str, str, str], ...] = (
    ("Meetings & minutes", "ocplan_desktop.ui.pages.meetings_page", "MeetingsPage"),
    ("Recommendations", "ocplan_desktop.ui.pages.recommendations_page", "RecommendationsPage"),
    ("Indicators", "ocplan_desktop.ui.pages.indicators_page", "IndicatorsPage"),
    ("Engagement", "ocplan_desktop.ui.pages.engagement_page", "EngagementPage"),
    ("Print & export", "ocplan_desktop.ui.pages.print_page", "PrintPage"),
)


class MainWindow(QMainWindow):
    workspace_opened = Signal(object)  # the Workspace now open
    sync_controller: SyncController | None = None

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.session = Session(self)
        self.undo_stack = self.session.undo_stack
        self.last_message: QMessageBox | None = None
        self.setObjectName("mainWindow")
        self.setAccessibleName("ocplan main window")
        self.setMinimumSize(*minimum_size())
        self.setAcceptDrops(True)  # a spreadsheet dropped anywhere goes to its import

        self._pages: list[Page | None] = [None] * len(PAGES)
        self._care: WorkspaceCare | None = None
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Areas")
        self.nav.setFixedWidth(210)
        self.stack = QStackedWidget(self)
        for title, _module, _name in PAGES:
            self.nav.addItem(QListWidgetItem(title))
            placeholder = QWidget(self.stack)
            placeholder.setAccessibleName(title)
            self.stack.addWidget(placeholder)

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
        self.session.happened.connect(self.say)
        self._guard_quitting()
        self.nav.setCurrentRow(0)
        self._update_title()

    @property
    def ws(self) -> Workspace | None:
        return self.session.ws

    @property
    def pages(self) -> list[Page]:
        """Every page, each built now if it was not yet (the smoke run, tests, search results)."""
        self.build_pages()
        return [self.page(row) for row in range(len(PAGES))]

    @property
    def care(self) -> WorkspaceCare:
        self.build_pages()
        assert self._care is not None
        return self._care

    def build_pages(self) -> None:
        """Finish the shell once (shortcuts, the workspace's care) and build the page shown; the
        other pages are built when first visited."""
        if self._care is None:
            for action, keys in self._shortcuts:
                action.setShortcuts([QKeySequence(key) for key in keys])
            from ocplan_desktop.ui.workspace_care import WorkspaceCare

            self._care = WorkspaceCare(self)
            self.file_menu.insertActions(
                self.quit_separator, [self._care.backup_action, self._care.restore_action]
            )
            self.tools_menu.addAction(self._care.check_action)
            self.tools_menu.addAction(self._care.audit_action)
            self._build_sync()
        self.page(max(self.nav.currentRow(), 0))

    def page(self, row: int) -> Page:
        """The page at `row`, built on first use: its module imported, the page made in place of
        its placeholder, its menu added. A page made while a workspace is open fills itself when
        it is first shown."""
        built = self._pages[row]
        if built is not None:
            return built
        _title, module, name = PAGES[row]
        page: Page = getattr(importlib.import_module(module), name)(self.session, self)
        placeholder = self.stack.widget(row)
        assert placeholder is not None
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.insertWidget(row, page)
        self.stack.setCurrentIndex(max(self.nav.currentRow(), 0))
        self._pages[row] = page
        self._add_page_menu(row, page)
        # PySide6's import hook reads the source of every module imported after it (to see whether
        # it uses PySide6) into linecache: a page's imports leave megabytes of lines nobody reads.
        linecache.clearcache()
        return page

    def built_pages(self) -> list[Page]:
        """The pages built so far (the others have not been visited)."""
        return [page for page in self._pages if page is not None]

    def _build_sync(self) -> None:
        """Team sync: File ▸ Sync now and Conflicts…, and its word in the status bar."""
        from ocplan_desktop.ui.sync_controller import SyncController

        self.sync_controller = SyncController(self)
        self.file_menu.insertActions(
            self.quit_separator,
            [self.sync_controller.sync_action, self.sync_controller.conflicts_action],
        )
        self.statusBar().addPermanentWidget(self.sync_controller.status)

    # menus -------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        # Shortcuts are set once the window is up (see build_pages): PySide6 makes the Python
        # enums behind setShortcut on first use, 40 ms that start-up does without.
        self._shortcuts: list[tuple[QAction, list[Any]]] = []
        file_menu = self.menuBar().addMenu("&File")
        self.file_menu = file_menu
        self._add_action(
            file_menu, "&New workspace…", QKeySequence.StandardKey.New, self._on_new_triggered
        )
        self._add_action(
            file_menu, "&Open…", QKeySequence.StandardKey.Open, self._on_open_triggered
        )
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("recentMenu")
        file_menu.addSeparator()
        calendar = self._add_action(
            file_menu, "Export &calendar…", None, self._on_export_calendar_triggered
        )
        calendar.setObjectName("exportCalendarAction")
        self.quit_separator = file_menu.addSeparator()  # the care's actions go above this
        # Ctrl+Q on every desktop: Qt's standard Quit key is none at all on Windows.
        quit_action = self._add_action(file_menu, "&Quit", QKeySequence("Ctrl+Q"), self.close)
        quit_action.setObjectName("quitAction")

        edit_menu = self.menuBar().addMenu("&Edit")
        undo, redo = undo_redo_actions(self.session, self)
        self._shortcuts.append((undo, list(UNDO_KEYS)))
        self._shortcuts.append((redo, list(REDO_KEYS)))
        self.undo_action, self.redo_action = undo, redo
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        self.edit_menu = edit_menu
        edit_menu.addSeparator()
        find = self._add_action(
            edit_menu, "&Find…", QKeySequence.StandardKey.Find, self._on_find_triggered
        )
        find.setObjectName("findAction")

        view_menu = self.menuBar().addMenu("&View")
        for row, (title, _module, _name) in enumerate(PAGES):
            action = self._add_action(
                view_menu,
                view_action_text(title),
                QKeySequence(f"Ctrl+{row + 1}"),
                lambda _checked=False, row=row: self.show_page(row),
            )
            action.setObjectName(f"showPage{row}")

        self.page_menus: dict[int, QMenu] = {}
        self.tools_menu = self.menuBar().addMenu("&Tools")
        self.help_menu = self.menuBar().addMenu("&Help")
        self._add_action(self.help_menu, f"&About {APP_TITLE}", None, self._on_about_triggered)
        self._refresh_recent_menu()

    def _add_page_menu(self, row: int, page: Page) -> None:
        """The page's menu, if it has actions, among the page menus in page order before Tools;
        only the current page's is shown."""
        from PySide6.QtCore import Qt  # Qt's namespace costs 20 ms: not before the window shows

        actions = page.page_actions()
        if not actions:
            return
        menu = QMenu(page_menu_title(page.title), self)
        menu.setObjectName(f"pageMenu{row}")
        for action in actions:
            menu.addAction(action)
            # Shortcuts work while the page is shown, without opening the menu.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            page.addAction(action)
        following = [menu for other, menu in sorted(self.page_menus.items()) if other > row]
        before = following[0] if following else self.tools_menu
        self.menuBar().insertMenu(before.menuAction(), menu)
        menu.menuAction().setVisible(row == self.nav.currentRow())
        self.page_menus[row] = menu

    def _add_action(
        self,
        menu: QMenu,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | None,
        slot: Callable[..., object],
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            self._shortcuts.append((action, [shortcut]))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def show_page(self, row: int) -> None:
        self.build_pages()
        self.nav.setCurrentRow(row)
        self.page(row).setFocus()

    def current_page(self) -> Page:
        self.build_pages()
        return self.page(self.stack.currentIndex())

    def _on_nav_current_row_changed(self, row: int) -> None:
        if self._care is not None and row >= 0:
            self.page(row)  # built on its first visit (the shell shows placeholders until then)
        self.stack.setCurrentIndex(row)
        for menu_row, menu in self.page_menus.items():
            menu.menuAction().setVisible(menu_row == row)

    # workspace -----------------------------------------------------------------------------------
    def open_path(self, path: Path | str, *, read_only: bool = False) -> bool:
        """Open another workspace; on any problem, say so and keep the current one.

        A workspace someone else is editing can be opened read-only instead; for a damaged one the
        newest good backup is offered, restored into a new file.
        """
        from ocplan_desktop.domain.dates import format_moment
        from ocplan_desktop.services.backups import newest_good_backup
        from ocplan_desktop.store.lock import WorkspaceLocked
        from ocplan_desktop.store.workspace import open_workspace

        path = Path(path).expanduser()
        try:
            ws = open_workspace(path, read_only=read_only)
        except WorkspaceLocked as error:
            from ocplan_desktop.ui.lock_prompt import ask_about_lock

            ask_about_lock(self, error, self.open_path, self._remember_message)
            return False
        except OcplanError as error:
            good = newest_good_backup(path) if path.is_file() else None
            if good is None:
                self.show_message("Cannot open workspace", str(error))
            else:
                self.ask(
                    "Cannot open workspace",
                    f"{error}\n\nThe newest good backup is from {format_moment(good.made_at, at=True)}. "
                    "Restore it into a new file?",
                    "Restore backup…",
                    lambda: self._restore_backup_of(path, good.path),
                )
            return False
        self.set_workspace(ws)
        return True

    def _restore_backup_of(self, damaged: Path, backup: Path) -> None:
        from ocplan_desktop.services.backups import restore_backup
        from ocplan_desktop.ui.workspace_care import ask_for_new_file

        suggestion = damaged.with_name(f"{damaged.stem} (restored).ocplan")
        target = ask_for_new_file(self, "Restore backup into", suggestion)
        if target is None:
            return
        try:
            restore_backup(backup, target)
        except OcplanError as error:
            self.show_message("Cannot restore", str(error))
            return
        self.open_path(target)

    def ask(
        self, title: str, text: str, accept_text: str, on_accept: Callable[[], object]
    ) -> QMessageBox:
        """A question that does not block the event loop: `on_accept` runs if the user agrees."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, self
        )
        accept = box.addButton(accept_text, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(accept)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAccessibleName(title)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: on_accept() if button is accept else None)
        self.last_message = box
        box.open()
        return box

    def set_workspace(self, ws: Workspace) -> bool:
        """Show `ws`, after saving what is typed into the one open; False (and `ws` closed) when
        an edit of the open one was refused, so the officer can put it right first."""
        self.build_pages()
        if not self.save_pending_edits():
            ws.close()
            return False
        previous = self.session.ws
        self.session.set_workspace(ws)
        if previous is not None:
            previous.close()
        self._remember_recent(ws.origin or ws.path)
        self._update_title()
        if ws.origin is not None:
            self.show_message(
                "Workspace on a network drive",
                f"{ws.origin} is on a network drive, where SQLite cannot keep it safe while it is "
                "open. ocplan works on a copy on this computer and writes it back a few seconds "
                "after each change and when the workspace closes; others can read it meanwhile.",
            )
        # No Change is broadcast: the session's workspace_changed has already refreshed the page
        # shown (once) and marked the others stale.
        self.workspace_opened.emit(ws)
        self.say(f"Opened {ws.origin or ws.path}" + (" read-only" if ws.read_only else ""))
        return True

    def broadcast(self, change: Change) -> None:
        self.session.broadcast(change)

    def _update_title(self) -> None:
        if self.ws is None:
            self.setWindowTitle(APP_TITLE)
            self.status_label.setText("No workspace open")
            return
        suffix = " [read-only]" if self.ws.read_only else ""
        if self.ws.origin is not None:
            suffix += " [network copy]"
        self.setWindowTitle(f"{self.ws.name}{suffix} — {APP_TITLE}")
        self.status_label.setText(
            f"{self.ws.origin or self.ws.path}  ·  schema {self.ws.schema_version}"
        )

    def _on_open_triggered(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from ocplan_desktop.ui.file_dialogs import remember, start_path

        start = start_path(self.ws)
        path, _filter = QFileDialog.getOpenFileName(self, "Open workspace", start, WORKSPACE_FILTER)
        if path:
            remember(path)
            self.open_path(path)

    def _on_new_triggered(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from ocplan_desktop.ui.file_dialogs import remember, start_path

        start = start_path(self.ws)
        path, _filter = QFileDialog.getSaveFileName(self, "New workspace", start, WORKSPACE_FILTER)
        if path:
            remember(path)
            self.create_workspace(path)

    def create_workspace(self, path: Path | str) -> bool:
        from ocplan_desktop.services.workspaces import new_workspace

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

    # saving what is typed, closing and quitting ----------------------------------------------------
    def save_pending_edits(self, *, dialogs: bool = False) -> bool:
        """Save what is typed and not yet saved anywhere in the window (`pending_edits`), dialogs
        included when quitting; False when an edit was refused (its message is shown)."""
        ws = self.session.ws
        if ws is None or ws.read_only:
            return True
        from ocplan_desktop.ui.pending_edits import commit_pending_edits

        refused = commit_pending_edits(
            [self], dialogs=dialogs, refused=lambda: self.session.refusals
        )
        return not refused

    def _guard_quitting(self) -> None:
        """Quitting the app (logging out, a signal) saves what is typed first, the open dialogs'
        input included; a refused edit keeps the app open to say why."""
        from ocplan_desktop.ui.application import guard_quitting

        guard_quitting(self, lambda: self.save_pending_edits(dialogs=True))

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.save_pending_edits():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.sync()
        if self.session.ws is not None:
            ws = self.session.ws
            self.session.set_workspace(None)
            ws.close()
        super().closeEvent(event)

    # files dropped on the window go to their import (ui/file_drop.py) ----------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from ocplan_desktop.ui.file_drop import accept_files

        accept_files(self, event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        from ocplan_desktop.ui.file_drop import accept_files

        accept_files(self, event)

    def dropEvent(self, event: QDropEvent) -> None:
        from ocplan_desktop.ui.file_drop import drop_files

        drop_files(self, event)

    # messages ------------------------------------------------------------------------------------
    def show_message(self, title: str, text: str, icon: QMessageBox.Icon | None = None) -> None:
        """A window-modal message that does not block the event loop (tests read `last_message`)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QMessageBox

        icon = QMessageBox.Icon.Warning if icon is None else icon
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAccessibleName(title)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        box.open()

    def _remember_message(self, box: QMessageBox) -> None:
        self.last_message = box

    def _on_session_refused(self, message: str) -> None:
        if not self.isVisible():
            import logging

            logging.getLogger(__name__).warning("not changed: %s", message)
            return  # no dialog without the window it belongs to
        self.statusBar().clearMessage()
        self.show_message("Not changed", message)

    def _on_export_calendar_triggered(self) -> None:
        from ocplan_desktop.ui.calendar_export import start_calendar_export

        start_calendar_export(self)

    def say(self, text: str) -> None:
        """What just happened, in the status bar for a while."""
        self.statusBar().showMessage(text, 10_000)

    # search ----------------------------------------------------------------------------------------
    search_dialog: SearchDialog | None = None

    def _on_find_triggered(self) -> None:
        """Edit ▸ Find…: one search box over reports, minutes, recommendations and feedback."""
        from ocplan_desktop.ui.widgets.search_dialog import SearchDialog, open_hit

        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.session, self)
            self.search_dialog.hit_opened.connect(lambda hit: open_hit(self, hit))
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.query.setFocus()
        self.search_dialog.query.selectAll()

    about_dialog: QWidget | None = None

    def _on_about_triggered(self) -> None:
        """Help ▸ About: version, workspace and log folder (ui/about_dialog.py)."""
        from ocplan_desktop.ui.about_dialog import AboutDialog

        self.about_dialog = AboutDialog(self.ws, self)
        self.about_dialog.open()
