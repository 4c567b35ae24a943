from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from ocplan_desktop.app import make_application
from ocplan_desktop.store.workspace import open_workspace
from ocplan_desktop.ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, demo_path: Path, settings: QSettings) -> Iterator[MainWindow]:
    make_application()
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.set_workspace(open_workspace(demo_path, backups_dir=demo_path.parent / "backups"))
    main.show()
    qtbot.waitExposed(main)
    yield main
    # Background jobs a test left running (a cancelled export winding down) finish while the
    # window that listens to them is still there.
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(30_000)
    main.close()
