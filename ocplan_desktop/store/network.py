"""Workspaces on network drives: SQLite's WAL does not work on network file systems, so a workspace
there is copied to the user's data folder, worked on locally, and written back atomically (a copy
beside the original, renamed over it) under the workspace's lock."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from ocplan_desktop.store.backup import backup_connection, backup_file
from ocplan_desktop.store.files import read_only_connection

NETWORK_FILE_SYSTEMS = {
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smb2",
    "smb3",
    "smbfs",
    "sshfs",
    "fuse.sshfs",
    "9p",
    "afs",
    "ceph",
    "glusterfs",
    "fuse.glusterfs",
    "davfs",
    "fuse.davfs2",
    "fuse.rclone",
    "fuse.s3fs",
    "ncpfs",
    "lustre",
    "gpfs",
}


def _unescape_mount(field: str) -> str:
    return field.replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")


def mount_type(path: Path, mounts_text: str | None = None) -> str | None:
    """The file system type of the mount holding `path`, from /proc/mounts (Linux)."""
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8")
        except OSError:
            return None
    target = str(path.resolve())
    best, best_type = "", None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point, kind = _unescape_mount(parts[1]), parts[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, best_type = point, kind
    return best_type


def is_network_path(path: Path) -> bool:
    if sys.platform == "win32":
        text = str(path.resolve())
        if text.startswith("\\\\"):
            return True
        import ctypes

        drive = os.path.splitdrive(text)[0] + "\\"
        return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == 4)  # type: ignore[attr-defined]
    return mount_type(path) in NETWORK_FILE_SYSTEMS


def local_copy_path(remote: Path, folder: Path) -> Path:
    digest = hashlib.sha1(str(remote.resolve()).encode("utf-8")).hexdigest()[:10]
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{remote.stem}-{digest}.local.ocplan"


def check_out(remote: Path, local: Path) -> Path:
    """Copy the network workspace to a local file with the backup API (never a file copy)."""
    for leftover in (local, Path(f"{local}-wal"), Path(f"{local}-shm")):
        leftover.unlink(missing_ok=True)
    return backup_file(remote, local)


def write_back(local_connection: object, remote: Path) -> Path:
    """Write the local workspace over the network original, atomically."""
    import sqlite3

    assert isinstance(local_connection, sqlite3.Connection)
    return backup_connection(local_connection, remote)


def same_content(local: Path, remote: Path) -> bool:
    """Whether both files hold the same schema version and audit trail length (a cheap sanity check)."""
    counts = []
    for path in (local, remote):
        connection = read_only_connection(path)
        try:
            counts.append(
                (
                    connection.execute("PRAGMA user_version").fetchone()[0],
                    connection.execute("SELECT count(*) FROM audit_log").fetchone()[0],
                )
            )
        finally:
            connection.close()
    return counts[0] == counts[1]
