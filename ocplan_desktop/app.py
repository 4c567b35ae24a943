"""The composition root: the QApplication, the workspace to open, the main window."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ocplan_desktop import APP_NAME, APP_TITLE, ORGANISATION
from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.paths import default_demo_path, resources_dir

# pyqtgraph would pick PyQt6 if it were also installed.
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ocplan_desktop.ui.main_window import MainWindow  # noqa: E402

if TYPE_CHECKING:
    from ocplan_desktop.store.files import FileFacts


def make_application() -> QApplication:
    """The application, set up once: names, style, style sheet, icon.

    Setting a style sheet again re-polishes every widget that exists, so a second call does nothing.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        from ocplan_desktop.ui.application import OcplanApplication

        app = OcplanApplication(sys.argv[:1])
    if app.property("ocplan_ready"):
        return app
    app.setProperty("ocplan_ready", True)
    from ocplan_desktop.ui.application import use_the_apps_own_formats

    use_the_apps_own_formats()
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setDesktopFileName(APP_NAME)  # the desktop's menu entry and icon (packaging/ocplan.desktop)
    app.setStyle("Fusion")
    style = resources_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    icon = resources_dir() / "icons" / "ocplan.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def demo_workspace_path() -> Path:
    """The demo workspace in the user's data folder, made on first use."""
    path = default_demo_path()
    if not path.exists():
        from ocplan_desktop.services.demo import create_demo

        create_demo(path).close()
    return path


def start_path(db: str | None, *, demo: bool, settings: QSettings) -> tuple[Path, bool]:
    """Which workspace to open, and whether the user named it (a named file that fails is an error;
    a remembered one that fails falls back to the demo)."""
    if db:
        return Path(db).expanduser(), True
    if demo:
        return demo_workspace_path(), True
    last = settings.value("last_workspace")
    if isinstance(last, str) and last and Path(last).exists():
        return Path(last), False
    return demo_workspace_path(), True


def smoke_visit(window: MainWindow, app: QApplication) -> None:
    """Visit every view, check each shows records, and quit: 0 when all did, 1 otherwise."""
    empty = []
    for row, page in enumerate(window.pages):
        window.show_page(row)
        app.processEvents()
        if page.main_row_count() == 0:
            empty.append(page.title)
    if empty:
        print(f"smoke: no records shown in {', '.join(empty)}", file=sys.stderr)
        app.exit(1)
        return
    print(
        f"smoke: ok ({len(window.pages)} views visited, workspace {window.ws.path if window.ws else '-'})"
    )
    window.close()
    app.exit(0)


def run_window(
    db: str | None = None, *, demo: bool = False, smoke: bool = False, keep_log: bool = False
) -> int:
    """Show the window at once, then open the workspace into it on the first turn of the event loop.

    With `keep_log` the log starts on that first turn too (before the workspace opens): the
    logging module costs start-up 20 ms that the window need not wait for.
    """
    app = make_application()
    from ocplan_desktop.ui.application import install_exception_hook, quit_on_signals

    install_exception_hook()
    settings = QSettings()
    path, named = start_path(db, demo=demo, settings=settings)
    window = MainWindow(settings)
    window.show()
    benchmark = bool(os.environ.get("OCPLAN_QUIT_WHEN_SHOWN"))
    if benchmark:
        QTimer.singleShot(0, lambda: print("shown", flush=True))
    QTimer.singleShot(0, lambda: quit_on_signals(app))  # once shown: the signal module costs
    if keep_log:
        from ocplan_desktop.logs import start_logging

        QTimer.singleShot(0, start_logging)
    QTimer.singleShot(
        0, lambda: _open_first(app, window, path, named=named, smoke=smoke, benchmark=benchmark)
    )
    return app.exec()


def _check_in_background(path: Path) -> Callable[[], FileFacts | None]:
    """Start checking a workspace file on another thread; the function returned waits for what the
    check found (None if it failed: opening then checks again and says why).

    SQLite's quick_check lets other Python threads run, so the window builds its first page while
    a large file is checked, instead of after.
    """
    found: list[FileFacts | None] = [None]

    def check() -> None:
        from ocplan_desktop.store import network
        from ocplan_desktop.store.workspace import check_workspace

        if network.is_network_path(path):
            return  # a network copy is checked where it is made
        with contextlib.suppress(Exception):
            found[0] = check_workspace(path)

    thread = threading.Thread(target=check, name="workspace check", daemon=True)
    thread.start()

    def wait() -> FileFacts | None:
        thread.join()
        return found[0]

    return wait


def _open_first(
    app: QApplication, window: MainWindow, path: Path, *, named: bool, smoke: bool, benchmark: bool
) -> None:
    checked = _check_in_background(path)
    window.build_pages()  # the first page, built while the file is checked
    from ocplan_desktop.store.workspace import open_workspace

    try:
        ws = open_workspace(path, checked=checked())
    except OcplanError as error:
        if smoke or benchmark:
            print(f"ocplan: {error}", file=sys.stderr)
            window.close()
            app.exit(1)
            return
        if named:
            window.open_path(path)  # says what is wrong and offers what can be done
            return
        window.set_workspace(open_workspace(demo_workspace_path()))
        window.show_message("Cannot open your last workspace", str(error))
        return
    window.set_workspace(ws)
    if smoke:
        QTimer.singleShot(0, lambda: smoke_visit(window, app))
    elif benchmark:
        app.processEvents()
        window.repaint()  # the first view painted, not only filled (bench/run.py's ready_s)
        print("ready", flush=True)
        window.close()
        app.exit(0)
