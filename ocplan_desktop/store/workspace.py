"""One SQLite file is one workspace: opening, creating and checking it.

A file is looked at read-only first (see `files.py`); only a file that is an ocplan workspace of a
schema version this app knows is opened for writing. Before an older file is upgraded a backup is made
with SQLite's backup API.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import os
import sqlite3
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from ocplan_desktop.domain.errors import WorkspaceError
from ocplan_desktop.store import lock, migrations, network, search_index
from ocplan_desktop.store.backup import backup_file, backup_folder, backup_name
from ocplan_desktop.store.failures import busy_error, is_busy, write_problem
from ocplan_desktop.store.files import (
    FileFacts,
    inspect_file,
    read_only_connection,
    read_only_reason,
)

# How long a write waits for another program's write transaction before giving up, and the slices
# it waits in (between them the window says it is waiting).
BUSY_WAIT_SECONDS = 5.0
BUSY_SLICE_MS = 250
BUSY_TIMEOUT_MS = 5000
BULK_CACHE_KIB = 262_144  # the page cache for a large batch: 256 MB at most, given back after it


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def now_text() -> str:
    """UTC time as stored in audit rows and timestamps."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


_SHAREABLE = ("SELECT", "WITH")
SHARED_ROWS_AT_MOST = 10_000


class SharingDatabase(Database):
    """sqlite-utils' `Database`, whose reads can be shared while a view refreshes.

    Inside `Workspace.shared_reads()` a SELECT run again with the same parameters returns the rows it
    returned the first time (as fresh dicts) instead of running again, so the widgets of one view
    that each need the same meeting, agenda or list ask SQLite once. Anything written through this
    connection (counted by `total_changes`) forgets what was shared; inside a transaction nothing
    is shared at all.
    """

    _shared: dict[tuple[str, Any], tuple[tuple[str, ...], list[tuple[Any, ...]]]] | None = None
    _shared_changes = -1

    def query(
        self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None
    ) -> Generator[dict[str, Any], None, None]:
        shared = self._shared
        if (
            shared is None
            or self.conn.in_transaction
            or not sql.lstrip().upper().startswith(_SHAREABLE)
        ):
            return super().query(sql, params)
        changes = self.conn.total_changes
        if changes != self._shared_changes:
            shared.clear()
            self._shared_changes = changes
        try:
            key = (sql, _frozen(params))
            found = shared.get(key)
        except TypeError:  # a parameter that cannot be a key: just run it
            return super().query(sql, params)
        if found is not None:
            keys, values = found
            return (dict(zip(keys, row, strict=True)) for row in values)
        return self._keeping(key, super().query(sql, params), changes)

    def _keeping(
        self, key: tuple[str, Any], rows: Iterator[dict[str, Any]], changes: int
    ) -> Generator[dict[str, Any], None, None]:
        """The rows as they come, kept (as tuples) to be shared once all have been read, unless
        there are more than SHARED_ROWS_AT_MOST: a read that large is not worth holding twice."""
        keys: tuple[str, ...] = ()
        kept: list[tuple[Any, ...]] | None = []
        for row in rows:
            if kept is not None:
                keys = keys or tuple(row)
                kept.append(tuple(row.values()))
                if len(kept) > SHARED_ROWS_AT_MOST:
                    kept = None
            yield row
        if kept is not None and self._shared is not None and self.conn.total_changes == changes:
            self._shared[key] = (keys, kept)

    @property
    def sharing(self) -> bool:
        return self._shared is not None

    @contextlib.contextmanager
    def sharing_reads(self) -> Iterator[None]:
        if self._shared is not None:  # already sharing: the outer block decides when it ends
            yield
            return
        self._shared, self._shared_changes = {}, self.conn.total_changes
        try:
            yield
        finally:
            self._shared = None


def _frozen(params: Sequence[Any] | dict[str, Any] | None) -> Any:
    if params is None:
        return ()
    if isinstance(params, dict):
        return tuple(sorted(params.items()))
    return tuple(params)


class Workspace:
    """An open workspace: the file, its sqlite-utils `Database`, and who is working on it.

    The connection belongs to the thread that opened the workspace; a background task opens its own
    with `reopen()`.
    """

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        *,
        read_only: bool,
        holds_lock: bool = False,
    ) -> None:
        self.path = path
        self.read_only = read_only
        # Why the workspace is read-only when the officer did not ask for it (a read-only folder).
        self.read_only_reason = ""
        self.holds_lock = holds_lock
        # Called (with the seconds waited so far) while a write waits for another program's write
        # transaction to end; the window shows a message meanwhile.
        self.on_busy: Callable[[float], None] | None = None
        # A workspace on a network drive is worked on as a local copy; `origin` is the original.
        self.origin: Path | None = None
        # No sqlite-utils plugins: looking for them reads every installed package's entry points
        # (about 90 ms at start-up), and none may change how a workspace's connection behaves.
        self.db = SharingDatabase(connection, execute_plugins=False)
        self.user = current_user()

    @property
    def name(self) -> str:
        return (self.origin or self.path).stem

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """One transaction (a savepoint when nested): all of it is written, or none.

        The transaction takes the write lock at once (`BEGIN IMMEDIATE`): a transaction that reads
        first and writes later cannot wait for another writer (SQLite returns "database is locked"
        at once, whatever the busy timeout), so the wait happens here, where it can. A full disk,
        a file-size limit or a read-only file is one line (`WorkspaceError`), with all of it
        rolled back.
        """
        if self.read_only:
            why = f" ({self.read_only_reason})" if self.read_only_reason else ""
            raise WorkspaceError(f"{self.path} is open read-only{why}: nothing can be changed")
        connection = self.db.conn
        if connection.in_transaction:
            with self.db.atomic() as db:
                yield db
            return
        self._begin()
        try:
            yield self.db
            connection.execute("COMMIT")
        except BaseException as error:
            if connection.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    connection.execute("ROLLBACK")
            problem = write_problem(error, f"Saving to {self.path.name}")
            if problem is not None:
                raise problem from error
            if is_busy(error):
                raise busy_error(self.path, BUSY_WAIT_SECONDS) from error
            raise

    @contextlib.contextmanager
    def bulk_write(self) -> Iterator[Database]:
        """`atomic`, for a large batch (an import, joining a team): the batch's pages stay in memory.

        With SQLite's defaults (a 2 MB page cache, savepoint journals in temporary files), a batch
        outgrows the cache: its pages spill to the WAL and are written again, and every nested
        savepoint copies them to a temporary file. An import of 100,000 responses spent 2.4 s of
        its 4 s writing there. For the batch's length the cache is `BULK_CACHE_KIB` and, when the
        batch starts the transaction, savepoint journals are kept in memory (SQLite will not change
        that inside one); both are given back after it.
        """
        starts_transaction = not self.db.conn.in_transaction
        if starts_transaction:
            self.db.execute("PRAGMA temp_store = MEMORY")
        try:
            with self.larger_page_cache(), self.atomic() as db:
                yield db
        finally:
            if starts_transaction:
                self.db.execute("PRAGMA temp_store = DEFAULT")

    @contextlib.contextmanager
    def larger_page_cache(self) -> Iterator[None]:
        """A page cache of `BULK_CACHE_KIB` within this block (reading or writing whole tables)."""
        before = int(self.db.execute("PRAGMA cache_size").fetchone()[0])
        self.db.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA cache_size = {before}")

    def _begin(self) -> None:
        """Start a write transaction, waiting up to `BUSY_WAIT_SECONDS` for another writer."""
        connection = self.db.conn
        start = time.monotonic()
        connection.execute(f"PRAGMA busy_timeout = {BUSY_SLICE_MS}")
        try:
            while True:
                try:
                    connection.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as error:
                    waited = time.monotonic() - start
                    if not is_busy(error):
                        problem = write_problem(error, f"Saving to {self.path.name}")
                        if problem is not None:
                            raise problem from error
                        raise
                    if waited >= BUSY_WAIT_SECONDS:
                        raise busy_error(self.path, waited) from None
                    if self.on_busy is not None:
                        self.on_busy(waited)
        finally:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def shared_reads(self) -> contextlib.AbstractContextManager[None]:
        """Within this block, each read runs once: asked again, it gives the same rows (see
        `SharingDatabase`). A view's refresh runs inside one, so its widgets share their reads."""
        return self.db.sharing_reads()

    def query(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> list[dict[str, Any]]:
        return list(self.db.query(sql, params))

    def rows(
        self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()
    ) -> Iterator[dict[str, Any]]:
        """The rows one at a time, for reads too large to hold as dicts all at once."""
        return self.db.query(sql, params)

    def scalar(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        if self.db.sharing and sql.lstrip().upper().startswith(_SHAREABLE):
            rows = list(self.db.query(sql, params))  # read to the end, so it can be shared
            return next(iter(rows[0].values())) if rows else None
        row = self.db.execute(sql, params).fetchone()
        return row[0] if row else None

    def setting(self, key: str, default: str = "") -> str:
        value = self.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else str(value)

    def set_setting(self, key: str, value: str) -> None:
        with self.atomic() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def reopen(self) -> Workspace:
        """Another connection to the same file, for another thread (working as the same user)."""
        other = Workspace(
            self.path, _connect(self.path, read_only=self.read_only), read_only=self.read_only
        )
        other.read_only_reason = self.read_only_reason
        other.user = self.user
        return other

    def write_back(self) -> None:
        """Copy a local working copy back over its network original (nothing to do otherwise)."""
        if self.origin is not None and not self.read_only:
            network.write_back(self.db.conn, self.origin)

    def close(self) -> None:
        origin, self.origin = self.origin, None
        if origin is not None:
            try:
                if not self.read_only:
                    network.write_back(self.db.conn, origin)
            finally:
                lock.release(origin)
        with contextlib.suppress(sqlite3.Error):
            if not self.read_only:
                self.db.execute("PRAGMA busy_timeout = 0")  # never wait at closing for this
                self.db.execute("PRAGMA optimize")
        with contextlib.suppress(sqlite3.Error):
            self.db.conn.close()
        if self.holds_lock:
            self.holds_lock = False
            lock.release(self.path)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        connection = read_only_connection(path)
    else:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return connection


def check_workspace(path: Path, *, quick_check: bool = True) -> FileFacts:
    """Everything that must hold before a file is opened as a workspace; raises `WorkspaceError`."""
    facts = inspect_file(path, quick_check=quick_check)
    latest = migrations.latest_version()
    if not facts.is_ocplan:
        kind = "an empty SQLite database" if facts.table_count == 0 else "an SQLite database"
        raise WorkspaceError(
            f"{path} is {kind}, not an ocplan workspace. The file has not been changed."
        )
    if facts.schema_version > latest:
        raise WorkspaceError(
            f"{path} was saved by a newer version of ocplan (schema version {facts.schema_version}; "
            f"this version reads up to {latest}). Update the app to open it. "
            "The file has not been changed."
        )
    if facts.schema_version < 1:
        raise WorkspaceError(
            f"{path} has no schema version: it is not a finished ocplan workspace."
        )
    return facts


def open_workspace(
    path: Path | str,
    *,
    read_only: bool = False,
    backups_dir: Path | None = None,
    checked: FileFacts | None = None,
) -> Workspace:
    """Open an existing workspace, upgrading an older schema after backing the file up.

    `checked` is what `check_workspace` found for this file moments ago (the window checks the file
    while it builds its first page), so it is not checked twice.
    A workspace on a network drive is opened as a local copy (see `network.py`) that is written back
    when it is closed and whenever `write_back()` is called.
    """
    path = Path(path)
    if not read_only and path.exists() and network.is_network_path(path):
        return _open_network_copy(path, backups_dir)
    facts = checked if checked is not None and checked.path == path else check_workspace(path)
    needs_upgrade = facts.schema_version < migrations.latest_version()
    # A file or folder that cannot be written to is opened read-only, saying why.
    reason = read_only_reason(path) if path.exists() else ""
    if read_only or reason:
        if needs_upgrade:
            raise WorkspaceError(
                f"{path} uses an older schema (version {facts.schema_version}) and must be upgraded, "
                "which needs it opened for editing"
                + (f", but {reason}: copy it somewhere you can write to." if reason else ".")
            )
        workspace = _as_officer(Workspace(path, _connect(path, read_only=True), read_only=True))
        workspace.read_only_reason = reason
        return workspace
    lock.acquire(path)
    try:
        if needs_upgrade:
            from ocplan_desktop.paths import backups_dir as default_backups

            folder = backup_folder(path, backups_dir or default_backups())
            backup_file(
                path, folder / backup_name(path, f"before-schema-{migrations.latest_version()}")
            )
        workspace = Workspace(
            path, _connect(path, read_only=False), read_only=False, holds_lock=True
        )
    except BaseException:
        lock.release(path)
        raise
    try:
        migrations.apply_migrations(workspace.db)
        search_index.finish_deferred(workspace)
    except sqlite3.Error as error:
        workspace.close()
        raise WorkspaceError(
            f"{path} could not be upgraded to schema version {migrations.latest_version()} ({error}). "
            "The upgrade was rolled back and the file is as it was."
        ) from error
    except BaseException:
        workspace.close()
        raise
    return _as_officer(workspace)


def _as_officer(workspace: Workspace) -> Workspace:
    """A workspace that syncs with a team server works as the officer's login there, so the audit
    trail names the same officer on every laptop."""
    try:
        row = workspace.db.execute(
            "SELECT officer FROM sync_state WHERE tracking = 1 AND officer <> ''"
        ).fetchone()
    except sqlite3.Error:  # a schema from before team sync
        return workspace
    if row:
        workspace.user = str(row[0])
    return workspace


def _open_network_copy(remote: Path, backups_dir: Path | None) -> Workspace:
    from ocplan_desktop.paths import local_copies_dir

    check_workspace(remote)
    lock.acquire(remote)
    try:
        local = network.check_out(remote, network.local_copy_path(remote, local_copies_dir()))
        workspace = open_workspace(local, backups_dir=backups_dir)
    except BaseException:
        lock.release(remote)
        raise
    workspace.origin = remote
    return workspace


def create_workspace(
    path: Path | str,
    settings: dict[str, str] | None = None,
    populate: Callable[[Workspace], None] | None = None,
) -> Workspace:
    """A new workspace at `path` with the full schema; refuses to overwrite anything.

    The file is built under a temporary name (schema, settings, then whatever `populate` writes) and
    renamed into place, so a crash leaves no half-made workspace behind.
    """
    path = Path(path)
    if path.exists():
        raise WorkspaceError(f"{path} already exists: choose a new file name")
    if not path.parent.is_dir():
        raise WorkspaceError(f"{path.parent} is not a folder")
    partial = path.with_name(path.name + ".partial")
    for leftover in (partial, Path(f"{partial}-journal")):
        leftover.unlink(missing_ok=True)
    connection = sqlite3.connect(partial, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    workspace = Workspace(partial, connection, read_only=False)
    try:
        migrations.apply_migrations(workspace.db)
        with workspace.atomic() as db:
            values = {"created_at": now_text(), **(settings or {})}
            for key, value in values.items():
                db.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (key, value))
        if populate:
            populate(workspace)
    except BaseException:
        connection.close()
        partial.unlink(missing_ok=True)
        raise
    connection.close()
    os.replace(partial, path)
    return open_workspace(path)
