"""What goes wrong: the server down or stopped halfway, a wrong or missing password, a server of
another schema version, a workspace that belongs elsewhere. Each is one line, and the workspace is
left exactly as it was; the next sync picks up with nothing lost or doubled."""

from __future__ import annotations

import hashlib

import psycopg
import pytest

from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.services import sync
from ocplan_desktop.store import records
from ocplan_desktop.store.sync.connection import (
    PasswordNeeded,
    ServerError,
    ServerUnreachable,
    WrongPassword,
)
from ocplan_desktop.store.sync.server import SchemaMismatch
from tests.sync.cluster import free_port
from tests.sync.views import differences, dump, same_record


def fingerprint(ws) -> str:
    """Everything in the workspace file, as SQL text."""
    return hashlib.sha256("\n".join(ws.db.conn.iterdump()).encode()).hexdigest()


def one_line(error: BaseException) -> str:
    text = str(error)
    assert "\n" not in text and "Traceback" not in text
    return text


def edit_both(alice, bob):
    meeting = int(alice.scalar("SELECT id FROM meetings ORDER BY date DESC LIMIT 1"))
    records.update(alice, "meetings", meeting, {"venue": "Council Chamber"})
    records.update(bob, "meetings", same_record(alice, bob, "meetings", meeting), {"notes": "B"})
    return meeting


def test_server_down_is_one_line_and_changes_nothing(pair):
    team, alice, bob = pair
    edit_both(alice, bob)
    before = fingerprint(alice)
    with pytest.raises(ServerUnreachable) as caught:
        sync.sync_workspace(alice, f"postgresql://alice@127.0.0.1:{free_port()}/{team.database}")
    assert "cannot reach the team server" in one_line(caught.value)
    assert fingerprint(alice) == before


def test_a_wrong_password_is_one_line_and_changes_nothing(pair, monkeypatch):
    team, alice, bob = pair
    edit_both(alice, bob)
    before = fingerprint(alice)
    monkeypatch.setenv("PGPASSWORD", "not-alices-password")
    with pytest.raises(WrongPassword) as caught:
        sync.sync_workspace(alice)
    assert "refused the password for alice" in one_line(caught.value)
    assert fingerprint(alice) == before
    monkeypatch.delenv("PGPASSWORD")
    assert sync.sync_workspace(alice).sent == 1


def test_no_password_anywhere_asks_and_can_keep_it_in_the_keyring(pair, monkeypatch, tmp_path):
    import keyring
    from keyring.backend import KeyringBackend

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        saved: dict[tuple[str, str], str] = {}

        def get_password(self, service, username):
            return self.saved.get((service, username))

        def set_password(self, service, username, password):
            self.saved[(service, username)] = password

        def delete_password(self, service, username):
            self.saved.pop((service, username), None)

    team, alice, bob = pair
    password = team.cluster.passwords["alice"]
    empty = tmp_path / "empty-pgpass"
    empty.write_text("")
    empty.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(empty))
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        with pytest.raises(PasswordNeeded) as caught:
            sync.sync_workspace(alice)
        assert "PGPASSWORD" in one_line(caught.value)
        asked = []

        def ask(address, reason):
            asked.append(reason)
            return password, True

        edit_both(alice, bob)
        assert sync.sync_workspace(alice, ask_password=ask).sent == 1
        assert len(asked) == 1 and "needs alice's password" in asked[0]
        # kept in the keyring: the next sync asks nothing
        records.update(alice, "meetings", 1, {"notes": "again"})
        assert sync.sync_workspace(alice, ask_password=lambda *_: pytest.fail("asked")).sent == 1
    finally:
        keyring.set_keyring(previous)
    # the password is nowhere in the workspace
    alice.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert password.encode() not in alice.path.read_bytes()


def test_a_password_in_the_address_is_refused(pair):
    team, alice, _bob = pair
    with pytest.raises(ServerError, match="holds a password"):
        sync.sync_workspace(alice, f"postgresql://alice:secret@127.0.0.1:{team.cluster.port}/x")


def test_a_server_of_another_schema_version_is_refused(pair):
    team, alice, bob = pair
    edit_both(alice, bob)
    before = fingerprint(alice)
    with psycopg.connect(team.admin_url, password=team.cluster.admin_password) as conn:
        conn.execute("UPDATE ocplan.meta SET value = '2' WHERE key = 'schema_version'")
    with pytest.raises(SchemaMismatch) as caught:
        sync.sync_workspace(alice)
    assert "newer schema (version 2" in one_line(caught.value)
    assert fingerprint(alice) == before
    with pytest.raises(ServerError, match="version 2"):
        sync.initialise_server(team.admin_url)


def test_a_workspace_never_syncs_with_a_server_it_does_not_belong_to(pair, team, demo_master):
    _team, alice, _bob = pair
    before = fingerprint(alice)
    with pytest.raises(ServerError, match="another team server"):
        sync.sync_workspace(alice, team.url("alice"))  # an empty server of another team
    assert fingerprint(alice) == before
    stranger = team.laptop(demo_master, "stranger")
    sync.sync_workspace(stranger, team.url("carol"))  # carol uploads it there
    other = _team.laptop(demo_master, "other")  # a workspace that never synced
    before = fingerprint(other)
    with pytest.raises(ServerError, match="not joined"):
        sync.sync_workspace(other, _team.url("bob"))
    assert fingerprint(other) == before


def test_server_init_refuses_a_database_that_holds_something_else(pg):
    pg.create_database("busy")
    with pg.admin_connect("busy") as conn:
        conn.execute("CREATE TABLE payroll (id int)")
    with pytest.raises(ServerError, match="not empty") as caught:
        sync.initialise_server(pg.url("ocplan_admin", "busy"))
    one_line(caught.value)
    with pg.admin_connect("busy") as conn:
        assert conn.execute(
            "SELECT count(*) FROM pg_namespace WHERE nspname = 'ocplan'"
        ).fetchone() == (0,)


@pytest.mark.parametrize("where", ["read", "server_applied"])
def test_the_server_stopped_mid_sync_changes_nothing_and_the_next_sync_carries_on(pair, where):
    team, alice, bob = pair
    meeting = edit_both(alice, bob)
    before = fingerprint(alice)

    def stop(point):
        if point == where:
            team.cluster.stop("immediate")

    try:
        with pytest.raises(ServerUnreachable) as caught:
            sync.sync_workspace(alice, checkpoint=stop)
        one_line(caught.value)
        assert fingerprint(alice) == before
    finally:
        team.cluster.start()
    team.settle(alice, bob)
    assert records.get(alice, "meetings", meeting)["notes"] == "B"
    assert differences(dump(alice), dump(bob)) == []


def test_a_reply_lost_after_the_server_committed_is_applied_once(pair):
    """The network cut between the server's commit and the laptop's: the push is sent again and
    the server applies it once."""
    team, alice, bob = pair
    rec = int(alice.scalar("SELECT id FROM recommendations ORDER BY id LIMIT 1"))
    records.insert(
        alice,
        "recommendation_updates",
        {"recommendation_id": rec, "date": "2024-02-01", "text": "Sent once, arrives twice"},
    )
    before = fingerprint(alice)

    def cut(point):
        if point == "server_committed":
            raise ServerUnreachable("the connection was lost")

    with pytest.raises(ServerUnreachable):
        sync.sync_workspace(alice, checkpoint=cut)
    assert fingerprint(alice) == before
    sync.sync_workspace(alice)
    sync.sync_workspace(bob)
    for ws in (alice, bob):
        assert (
            ws.scalar(
                "SELECT count(*) FROM recommendation_updates WHERE text = 'Sent once, arrives twice'"
            )
            == 1
        )
    with psycopg.connect(team.url("alice")) as conn:
        assert conn.execute(
            "SELECT count(*) FROM ocplan.records WHERE data ->> 'text' = 'Sent once, arrives twice'"
        ).fetchone() == (1,)


def test_the_connection_killed_by_the_server_mid_push_is_one_line(pair):
    team, alice, bob = pair
    edit_both(alice, bob)
    before = fingerprint(alice)

    def kill(point):
        if point == "server_applied":
            with team.cluster.admin_connect(team.database) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE usename = 'alice' AND pid <> pg_backend_pid()"
                )

    with pytest.raises(OcplanError) as caught:
        sync.sync_workspace(alice, checkpoint=kill)
    one_line(caught.value)
    assert fingerprint(alice) == before
    team.settle(alice, bob)
    assert differences(dump(alice), dump(bob)) == []
