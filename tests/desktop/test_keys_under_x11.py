"""Undo and Redo keys on a real X11 desktop (Xvfb): there the standard Redo key is Ctrl+Shift+Z,
and naming it twice made Qt drop the key as ambiguous; Ctrl+Y did nothing at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.desktop.x11 import x_server


def test_ctrl_shift_z_and_ctrl_y_redo_on_x11(demo_path: Path, tmp_path: Path):
    with x_server() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        result = subprocess.run(
            [sys.executable, "-m", "tests.desktop.redo_keys_child", str(demo_path),
             str(tmp_path / "settings.ini")],
            env=env, capture_output=True, text=True, timeout=120,
            cwd=Path(__file__).parents[2],
        )  # fmt: skip
    assert result.stdout.split() == ["0", "1", "0", "1", "done"], result.stderr
    assert "Ambiguous" not in result.stderr
