"""Backups of a workspace in the user's data folder, made with SQLite's backup API and kept in tiers.

Made once a day on opening, every 30 minutes while changed (the window's timer), before every schema
upgrade, import and bulk change, and on request (`ocplan backup`). Restoring always writes a new file;
the workspace and the backup are left as they are.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ocplan_desktop.domain.backups import DEFAULT_TIERS, Tiers, backups_to_keep
from ocplan_desktop.domain.errors import OcplanError, WorkspaceError
from ocplan_desktop.paths import backups_dir
from ocplan_desktop.store.backup import backup_connection, backup_file, backup_name
from ocplan_desktop.store.backup import backup_folder as store_backup_folder
from ocplan_desktop.store.workspace import Workspace, check_workspace

_NAME = re.compile(r"^(?P<stem>.+)\.(?P<stamp>\d{8}-\d{6}-\d{6})\.(?P<reason>[a-z0-9-]+)\.ocplan$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: dt.datetime
    reason: str
    size: int


def backup_folder(workspace: Path, root: Path | None = None) -> Path:
    return store_backup_folder(workspace, root or backups_dir())


def _reason(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "manual"


def make_backup(
    ws: Workspace,
    reason: str = "manual",
    *,
    root: Path | None = None,
    now: dt.datetime | None = None,
    workspace_path: Path | None = None,
) -> Path:
    """A consistent copy of the open workspace; older backups beyond the tiers are removed.

    Backups are filed under the workspace's own path (`workspace_path`, else the original of a
    network copy, else the file open).
    """
    owner = workspace_path or ws.origin or ws.path
    name = backup_name(owner, _reason(reason), now)
    target = backup_connection(ws.db.conn, backup_folder(owner, root) / name)
    prune(owner, root=root)
    return target


def list_backups(workspace: Path, *, root: Path | None = None) -> list[BackupInfo]:
    """Backups of a workspace, newest first."""
    found = []
    for path in backup_folder(workspace, root).glob("*.ocplan"):
        match = _NAME.match(path.name)
        if not match:
            continue
        made = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S-%f")
        found.append(BackupInfo(path, made, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda item: item.made_at, reverse=True)


def prune(workspace: Path, *, root: Path | None = None, tiers: Tiers = DEFAULT_TIERS) -> list[Path]:
    backups = list_backups(workspace, root=root)
    keep = backups_to_keep([item.made_at for item in backups], tiers)
    removed = []
    for item in backups:
        if item.made_at not in keep:
            item.path.unlink(missing_ok=True)
            removed.append(item.path)
    return removed


def needs_daily_backup(
    workspace: Path, *, root: Path | None = None, today: dt.date | None = None
) -> bool:
    today = today or dt.date.today()
    return not any(item.made_at.date() == today for item in list_backups(workspace, root=root))


def newest_good_backup(workspace: Path, *, root: Path | None = None) -> BackupInfo | None:
    """The newest backup that passes the checks a workspace must pass to open."""
    for item in list_backups(workspace, root=root):
        try:
            check_workspace(item.path)
        except OcplanError:
            continue
        return item
    return None


def restore_backup(backup: Path, target: Path) -> Path:
    """Copy a backup into a new workspace file at `target` (never over an existing file)."""
    if target.exists():
        raise WorkspaceError(f"{target} already exists: restore into a new file")
    check_workspace(backup)
    return backup_file(backup, target)


def recover_into(damaged: Path, target: Path) -> Path:
    """Copy a workspace left with an unfinished change (a hot journal) to `target` and let SQLite roll
    the change back there; the original file and its journal are left exactly as they were."""
    import shutil

    from ocplan_desktop.store.workspace import open_workspace

    if target.exists():
        raise WorkspaceError(f"{target} already exists: recover into a new file")
    journal = damaged.with_name(damaged.name + "-journal")
    shutil.copyfile(damaged, target)
    if journal.exists():
        shutil.copyfile(journal, target.with_name(target.name + "-journal"))
    try:
        import sqlite3

        from ocplan_desktop.store.checks import roll_back_hot_journal

        roll_back_hot_journal(target)
        with open_workspace(target):
            pass
    except (OcplanError, sqlite3.Error) as error:
        target.unlink(missing_ok=True)
        target.with_name(target.name + "-journal").unlink(missing_ok=True)
        raise WorkspaceError(f"{damaged} could not be recovered: {error}") from None
    return target
