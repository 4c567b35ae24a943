"""The composition root: the QApplication, the workspace to open, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ocplan_desktop import APP_NAME, APP_TITLE, ORGANISATION
from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.paths import default_demo_path, resources_dir

# pyqtgraph would pick PyQt6 if it were also installed.
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QIcon  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ocplan_desktop.ui.main_window import MainWindow  # noqa: E402


def make_application() -> QApplication:
    """The application, set up once: names, style, style sheet, icon.

    Setting a style sheet again re-polishes every widget that exists, so a second call does nothing.
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    if app.property("ocplan_ready"):
        return app
    app.setProperty("ocplan_ready", True)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
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


def run_window(db: str | None = None, *, demo: bool = False, smoke: bool = False) -> int:
    """Show the window at once, then open the workspace into it on the first turn of the event loop."""
    app = make_application()
    settings = QSettings()
    path, named = start_path(db, demo=demo, settings=settings)
    window = MainWindow(settings)
    window.show()
    benchmark = bool(os.environ.get("OCPLAN_QUIT_WHEN_SHOWN"))
    if benchmark:
        QTimer.singleShot(0, lambda: print("shown", flush=True))
    QTimer.singleShot(
        0, lambda: _open_first(app, window, path, named=named, smoke=smoke, benchmark=benchmark)
    )
    return app.exec()


def _open_first(
    app: QApplication, window: MainWindow, path: Path, *, named: bool, smoke: bool, benchmark: bool
) -> None:
    from ocplan_desktop.store.workspace import open_workspace

    try:
        ws = open_workspace(path)
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
