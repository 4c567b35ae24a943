"""A real PostgreSQL server for the session, a fresh team database per test, and laptops.

The server is started from the Debian packages' binaries in a temporary folder on a free port (as the
`postgres` user when the tests run as root). If the binaries are missing the tests fail, they do
not skip: `.ci/bootstrap test` installs them.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ocplan_desktop.services import sync
from ocplan_desktop.store.workspace import Workspace, open_workspace
from tests.conftest import copy_workspace
from tests.sync.cluster import ADMIN, Cluster

OFFICERS = ("alice", "bob", "carol")
_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def pg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    cluster = Cluster.create()
    try:
        for name in OFFICERS:
            cluster.add_officer(name)
        pgpass = cluster.write_pgpass(tmp_path_factory.mktemp("libpq") / "pgpass")
        saved = os.environ.get("PGPASSFILE")
        os.environ["PGPASSFILE"] = str(pgpass)
        yield cluster
    finally:
        if "saved" in locals():
            if saved is None:
                os.environ.pop("PGPASSFILE", None)
            else:
                os.environ["PGPASSFILE"] = saved
        cluster.destroy()


@dataclass
class Team:
    cluster: Cluster
    database: str
    folder: Path
    laptops: list[Workspace] = field(default_factory=list)

    @property
    def admin_url(self) -> str:
        return self.cluster.url(ADMIN, self.database)

    def url(self, officer: str) -> str:
        return self.cluster.url(officer, self.database)

    def upload(self, source: Path, officer: str = "alice") -> Workspace:
        """Officer's laptop with a copy of `source`, uploaded as the team's first workspace."""
        ws = self.laptop(source, officer)
        report = sync.sync_workspace(ws, self.url(officer))
        assert report.kind == "upload"
        return ws

    def laptop(self, source: Path, name: str) -> Workspace:
        path = copy_workspace(source, self.folder / f"{name}.ocplan")
        ws = open_workspace(path, backups_dir=self.folder / "backups")
        self.laptops.append(ws)
        return ws

    def join(self, officer: str) -> Workspace:
        ws, _count = sync.join_workspace(
            self.url(officer), self.folder / f"{officer}-joined.ocplan"
        )
        self.laptops.append(ws)
        return ws

    def sync(self, ws: Workspace) -> sync.SyncReport:
        return sync.sync_workspace(ws)

    def settle(self, *laptops: Workspace, rounds: int = 3) -> None:
        """Sync every laptop in turn until nothing is left to send anywhere."""
        from ocplan_desktop.store.sync.local import pending_count

        for _ in range(rounds):
            for ws in laptops:
                sync.sync_workspace(ws)
            if not any(pending_count(ws) for ws in laptops):
                for ws in laptops:  # one more pull so each has the last one's changes
                    sync.sync_workspace(ws)
                return
        raise AssertionError("the laptops did not settle")


@pytest.fixture
def team(pg: Cluster, tmp_path: Path) -> Iterator[Team]:
    name = f"team{next(_numbers)}"
    pg.create_database(name)
    sync.initialise_server(pg.url(ADMIN, name))
    made = Team(pg, name, tmp_path)
    yield made
    for ws in made.laptops:
        ws.close()


@pytest.fixture(scope="session")
def pair_template(pg: Cluster, demo_master: Path, tmp_path_factory: pytest.TempPathFactory):
    """Made once: a team database holding the demo (uploaded by Alice) and both laptops' files."""
    folder = tmp_path_factory.mktemp("pair")
    pg.create_database("pair_template")
    sync.initialise_server(pg.url(ADMIN, "pair_template"))
    made = Team(pg, "pair_template", folder)
    made.upload(demo_master, "alice").close()
    made.join("bob").close()
    return folder / "alice.ocplan", folder / "bob-joined.ocplan"


@pytest.fixture
def pair(pg: Cluster, pair_template, tmp_path: Path) -> Iterator[tuple[Team, Workspace, Workspace]]:
    """Alice uploaded the demo; Bob joined it (a copy of the session's template, per test)."""
    name = f"team{next(_numbers)}"
    with pg.admin_connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE pair_template')
    made = Team(pg, name, tmp_path)
    alice = made.laptop(pair_template[0], "alice")
    bob = made.laptop(pair_template[1], "bob")
    for ws, officer in (
        (alice, "alice"),
        (bob, "bob"),
    ):  # the copies sync with this test's database
        with ws.atomic() as db:
            db.execute("UPDATE sync_state SET server_url = ?", (made.url(officer),))
    yield made, alice, bob
    for ws in made.laptops:
        ws.close()
