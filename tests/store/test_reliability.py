"""Backups in tiers, restoring into a new file, one writer at a time, network drives."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys

import pytest

from ocplan_desktop.domain.backups import Tiers, backups_to_keep
from ocplan_desktop.domain.errors import WorkspaceError
from ocplan_desktop.services import backups
from ocplan_desktop.store import lock, network
from ocplan_desktop.store.workspace import open_workspace


def test_tiers_keep_the_newest_then_one_a_day_week_and_month():
    now = dt.datetime(2026, 11, 23, 12, 0)
    every_hour_for_a_year = [now - dt.timedelta(hours=hours) for hours in range(0, 24 * 365)]
    keep = backups_to_keep(every_hour_for_a_year, Tiers(last=10, daily=7, weekly=4, monthly=6))
    assert set(every_hour_for_a_year[:10]) <= keep
    days = {time.date() for time in keep}
    assert {(now - dt.timedelta(days=offset)).date() for offset in range(7)} <= days
    months = {(time.year, time.month) for time in keep}
    assert len(months) == 6
    assert len(keep) <= 10 + 7 + 4 + 6
    assert min(keep) > now - dt.timedelta(days=31 * 6)


def test_backup_list_restore_and_prune(demo_ws, tmp_path):
    root = tmp_path / "backups"
    first = backups.make_backup(demo_ws, "manual", root=root, now=dt.datetime(2026, 11, 20, 9, 0))
    demo_ws.set_setting("marker", "after the first backup")
    second = backups.make_backup(
        demo_ws, "before import", root=root, now=dt.datetime(2026, 11, 21, 9, 0)
    )
    listed = backups.list_backups(demo_ws.path, root=root)
    assert [item.path for item in listed] == [second, first]
    assert listed[0].reason == "before-import" and listed[0].size > 0
    restored = backups.restore_backup(first, tmp_path / "restored.ocplan")
    with open_workspace(restored) as ws:
        assert ws.setting("marker") == ""  # the state at the first backup
        assert ws.scalar("SELECT count(*) FROM indicators") == 73
    with pytest.raises(WorkspaceError, match="already exists"):
        backups.restore_backup(first, restored)
    for day in range(30):
        backups.make_backup(
            demo_ws, "auto", root=root, now=dt.datetime(2026, 10, 1, 9, 0) + dt.timedelta(days=day)
        )
    assert len(backups.list_backups(demo_ws.path, root=root)) <= 27


def test_newest_good_backup_skips_damaged_ones(demo_ws, tmp_path):
    root = tmp_path / "backups"
    good = backups.make_backup(demo_ws, "auto", root=root, now=dt.datetime(2026, 11, 1))
    bad = backups.make_backup(demo_ws, "auto", root=root, now=dt.datetime(2026, 11, 2))
    bad.write_bytes(bad.read_bytes()[:1000])
    assert backups.newest_good_backup(demo_ws.path, root=root).path == good
    assert backups.needs_daily_backup(demo_ws.path, root=root, today=dt.date(2026, 11, 3))
    assert not backups.needs_daily_backup(demo_ws.path, root=root, today=dt.date(2026, 11, 2))


def test_a_second_process_cannot_open_for_editing_but_can_read(demo_path):
    with open_workspace(demo_path):
        info = lock.read_lock(demo_path)
        assert info is not None and info.pid == os.getpid() and info.host == socket.gethostname()
        script = (
            "import sys\n"
            "from ocplan_desktop.store.workspace import open_workspace\n"
            "from ocplan_desktop.store.lock import WorkspaceLocked\n"
            f"path = {str(demo_path)!r}\n"
            "try:\n    open_workspace(path)\nexcept WorkspaceLocked as e:\n    print('locked:', e)\n"
            "with open_workspace(path, read_only=True) as ws:\n"
            "    print('read', ws.scalar('SELECT count(*) FROM indicators'))\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
        )
        assert "locked:" in result.stdout and f"process {os.getpid()}" in result.stdout
        assert "read 73" in result.stdout
    assert lock.read_lock(demo_path) is None  # released on close


def test_a_stale_lock_from_a_dead_process_is_taken_over(demo_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    stale = {
        "host": socket.gethostname(),
        "user": "someone",
        "pid": int(dead.stdout),
        "started": 1.0,
    }
    lock.lock_path(demo_path).write_text(json.dumps(stale))
    with open_workspace(demo_path):
        assert lock.read_lock(demo_path).pid == os.getpid()


def test_a_lock_from_another_host_is_respected(demo_path):
    other = {"host": "another-laptop", "user": "colleague", "pid": 4242, "started": 1.0}
    lock.lock_path(demo_path).write_text(json.dumps(other))
    with pytest.raises(lock.WorkspaceLocked, match="colleague on another-laptop"):
        open_workspace(demo_path)
    with open_workspace(demo_path, read_only=True) as ws:
        assert ws.read_only


def test_lock_is_shared_within_a_process(demo_path):
    first = open_workspace(demo_path)
    second = open_workspace(demo_path)
    first.close()
    assert lock.read_lock(demo_path) is not None
    second.close()
    assert lock.read_lock(demo_path) is None


MOUNTS = """\
/dev/vda1 / ext4 rw 0 0
//fileserver/democratic\\040services /mnt/shared cifs rw 0 0
server:/export /mnt/nfs nfs4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/mnt/shared/Scrutiny/2023.ocplan", "cifs"),
        ("/mnt/nfs/a.ocplan", "nfs4"),
        ("/home/me/a.ocplan", "ext4"),
    ],
)
def test_mount_type_from_proc_mounts(path, kind, tmp_path):
    text = MOUNTS.replace("/mnt/shared", "/mnt/shared")
    assert network.mount_type(__import__("pathlib").Path(path), text) == kind


def test_network_workspace_is_worked_on_locally_and_written_back(demo_path, monkeypatch):
    monkeypatch.setattr(
        network, "is_network_path", lambda path: path.resolve() == demo_path.resolve()
    )
    ws = open_workspace(demo_path)
    assert ws.origin == demo_path and ws.path != demo_path
    assert ws.name == "demo"
    assert lock.read_lock(demo_path) is not None  # the original is locked while it is worked on
    ws.set_setting("marker", "edited over the network")
    ws.close()
    assert lock.read_lock(demo_path) is None
    monkeypatch.undo()
    with open_workspace(demo_path, read_only=True) as original:
        assert original.setting("marker") == "edited over the network"


def test_every_import_takes_a_backup_first(ws, tmp_path):
    from ocplan_desktop.importers.feedback import import_feedback
    from ocplan_desktop.importers.indicators import import_indicators
    from ocplan_desktop.store import engagement

    exercise = engagement.add_exercise(ws, "Budget consultation")
    feedback_file = tmp_path / "feedback.csv"
    feedback_file.write_text("date,ward,text\n2024-01-05,Earlsdon,More buses\n", encoding="utf-8")
    import_feedback(ws, feedback_file, exercise, {"date": "date", "ward": "ward", "text": "text"})
    indicator_file = tmp_path / "indicators.csv"
    indicator_file.write_text(
        "code,name,polarity,2021-22,2022-23\nX1,Test,higher,1,2\n", encoding="utf-8"
    )
    import_indicators(ws, indicator_file)
    reasons = [item.reason for item in backups.list_backups(ws.path)]
    assert sorted(reasons) == ["before-feedback-import", "before-indicator-import"]


def test_a_bulk_change_is_backed_up_first(demo_ws):
    import datetime as dt

    from ocplan_desktop.services.recommendations import update_recommendations
    from ocplan_desktop.store import recommendations

    ids = [row.id for row in recommendations.list_recommendations(demo_ws)]
    update_recommendations(demo_ws, ids[:2], {"status": "closed"}, today=dt.date(2024, 1, 1))
    assert backups.list_backups(demo_ws.path) == []  # two rows: an ordinary edit
    update_recommendations(demo_ws, ids, {"status": "closed"}, today=dt.date(2024, 1, 1))
    assert [item.reason for item in backups.list_backups(demo_ws.path)] == ["before-bulk-change"]
