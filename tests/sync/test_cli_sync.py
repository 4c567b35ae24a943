"""The commands: `ocplan server init`, `sync`, `join`, `conflicts`, `resolve`, as the README shows."""

from __future__ import annotations

import json

import pytest

from ocplan_desktop.cli import main
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import open_workspace
from tests.conftest import copy_workspace
from tests.sync.cluster import ADMIN


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_commands_from_server_init_to_a_settled_conflict(pg, demo_master, tmp_path, capsys):
    pg.create_database("cli_team")
    admin = pg.url(ADMIN, "cli_team")
    code, out, _err = run(capsys, "server", "init", "--server", admin)
    assert code == 0 and "ready in cli_team" in out and "ocplan_team" in out
    code, _out, err = run(capsys, "server", "init", "--server", admin)
    assert code == 1 and err.count("\n") == 1 and "already holds the team's schema" in err

    alice_db = copy_workspace(demo_master, tmp_path / "alice.ocplan")
    code, out, _err = run(
        capsys, "sync", "--db", str(alice_db), "--server", pg.url("alice", "cli_team"), "--json"
    )
    uploaded = json.loads(out)
    assert (
        code == 0 and set(uploaded) == {"sent", "received", "conflicts"} and uploaded["sent"] > 4000
    )

    bob_db = tmp_path / "bob.ocplan"
    code, out, _err = run(
        capsys, "join", "--server", pg.url("bob", "cli_team"), "--out", str(bob_db)
    )
    assert code == 0 and "joined the team server" in out and bob_db.exists()

    for path, venue in ((alice_db, "Room A"), (bob_db, "Room B")):
        with open_workspace(path) as ws:
            meeting = int(ws.scalar("SELECT id FROM meetings ORDER BY date DESC LIMIT 1"))
            records.update(ws, "meetings", meeting, {"venue": venue})
    assert run(capsys, "sync", "--db", str(alice_db))[0] == 0
    code, out, _err = run(capsys, "sync", "--db", str(bob_db), "--json")  # the server it joined
    synced = json.loads(out)
    assert (synced["sent"], len(synced["conflicts"])) == (1, 1)
    conflict = synced["conflicts"][0]
    assert set(conflict) == {"id", "table", "record", "field", "mine", "theirs", "who", "when"}
    assert (
        conflict["table"],
        conflict["field"],
        conflict["mine"],
        conflict["theirs"],
        conflict["who"],
    ) == (
        "meetings",
        "venue",
        "Room B",
        "Room A",
        "alice",
    )

    code, out, _err = run(capsys, "conflicts", "--db", str(bob_db), "--json")
    assert json.loads(out) == [conflict]
    code, out, _err = run(capsys, "conflicts", "--db", str(bob_db))
    assert f"conflict {conflict['id']}: meeting" in out and "mine Room B" in out

    code, out, _err = run(
        capsys, "resolve", "--db", str(bob_db), "--conflict", str(conflict["id"]), "--keep", "mine"
    )
    assert code == 0 and "kept mine" in out
    assert json.loads(run(capsys, "conflicts", "--db", str(bob_db), "--json")[1]) == []
    code, out, _err = run(capsys, "sync", "--db", str(bob_db))
    assert code == 0 and out.startswith("Synced: sent 1, received 0.")
    run(capsys, "sync", "--db", str(alice_db))
    with open_workspace(alice_db) as ws:
        assert ws.scalar("SELECT venue FROM meetings ORDER BY date DESC LIMIT 1") == "Room B"

    code, _out, err = run(
        capsys, "resolve", "--db", str(bob_db), "--conflict", "999", "--keep", "mine"
    )
    assert code == 1 and "no conflict 999" in err


def test_a_password_is_not_an_option_and_not_allowed_in_the_address(pg, tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["join", "--server", "x", "--out", str(tmp_path / "a"), "--password", "pw"])
    assert exited.value.code == 2
    assert "unrecognized arguments: --password pw" in capsys.readouterr().err
    code, _out, err = run(
        capsys,
        "join",
        "--server",
        f"postgresql://bob:hunter2@127.0.0.1:{pg.port}/x",
        "--out",
        str(tmp_path / "b"),
    )
    assert code == 1 and "holds a password" in err and not (tmp_path / "b.ocplan").exists()


def test_sync_without_a_server_says_how_to_give_one(demo_path, capsys):
    code, _out, err = run(capsys, "sync", "--db", str(demo_path))
    assert code == 1 and "--server URL" in err and err.count("\n") == 1
