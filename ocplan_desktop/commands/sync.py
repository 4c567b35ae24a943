"""Team sync on the command line: `ocplan server init`, `sync`, `join`, `conflicts`, `resolve`.

A password is never an argument: libpq reads PGPASSWORD, ~/.pgpass or a service file; then the
system keyring; then, in a terminal, ocplan asks (and can keep the answer in the keyring).
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from ocplan_desktop.commands.common import add_db, open_db, print_json
from ocplan_desktop.domain.sync import Conflict, SyncReport
from ocplan_desktop.services import sync, sync_conflicts
from ocplan_desktop.services.progress import Progress
from ocplan_desktop.store.sync.connection import ServerAddress


def register(commands: argparse._SubParsersAction[Any], groups: dict[str, Any]) -> None:
    server = commands.add_parser("server", help="set up the team's PostgreSQL server")
    actions = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    parser = actions.add_parser(
        "init", help="create the team's schema and group role in an empty database"
    )
    _add_server(parser, required=True)
    parser.set_defaults(handler=_init)

    parser = commands.add_parser(
        "sync", help="send this workspace's changes to the team server and bring in others'"
    )
    add_db(parser)
    _add_server(parser, required=False)
    parser.add_argument(
        "--json", action="store_true", help='print {"sent", "received", "conflicts"}'
    )
    parser.set_defaults(handler=_sync)

    parser = commands.add_parser("join", help="make a new workspace from the team server's copy")
    _add_server(parser, required=True)
    parser.add_argument("--out", required=True, type=Path, metavar="PATH", help="the new workspace")
    parser.set_defaults(handler=_join)

    parser = commands.add_parser("conflicts", help="what two officers changed differently")
    add_db(parser)
    parser.add_argument("--all", action="store_true", help="settled ones too")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=_conflicts)

    parser = commands.add_parser("resolve", help="settle one conflict: keep mine or theirs")
    add_db(parser)
    parser.add_argument("--conflict", required=True, type=int, metavar="ID")
    parser.add_argument("--keep", required=True, choices=("mine", "theirs"))
    parser.set_defaults(handler=_resolve)


def _add_server(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--server",
        required=required,
        metavar="URL",
        help="postgresql://USER@HOST[:PORT]/DATABASE (or service=NAME); never a password"
        + ("" if required else " (default: the server the workspace syncs with)"),
    )


def ask_in_terminal(address: ServerAddress, reason: str) -> tuple[str, bool] | None:
    """The password, asked for without echo; None when there is no terminal to ask in."""
    if not sys.stdin.isatty():
        return None
    from ocplan_desktop.store.sync.connection import keyring_available

    password = getpass.getpass(f"{reason}.\nPassword for {address.user}: ")
    if not password:
        return None
    remember = False
    if keyring_available():
        answer = input("Keep it in the system keyring? [y/N] ").strip().lower()
        remember = answer in ("y", "yes")
    return password, remember


def _progress() -> Progress:
    if not sys.stderr.isatty():
        return Progress()
    return Progress(lambda _done, _total, text: print(text, file=sys.stderr) if text else None)


def _init(args: argparse.Namespace) -> int:
    print(sync.initialise_server(args.server, ask_password=ask_in_terminal))
    return 0


def _sync(args: argparse.Namespace) -> int:
    with open_db(args) as ws:
        report = sync.sync_workspace(
            ws, args.server, ask_password=ask_in_terminal, progress=_progress()
        )
    if args.json:
        print_json(report.as_json())
        return 0
    _print_report(report)
    return 0


def _print_report(report: SyncReport) -> None:
    print(report.summary())
    if report.numbered:
        print(f"Minute numbers laid out again after agendas changed ({report.numbered:,}).")
    for conflict in report.conflicts:
        print(_conflict_line(conflict))
    for problem in report.problems:
        print(f"Not brought in: {problem}")


def _value(value: Any) -> str:
    if value is None:
        return "(deleted)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:69] + "…"


def _conflict_line(conflict: Conflict) -> str:
    who = f" ({conflict.who}, {conflict.when[:16].replace('T', ' ')})" if conflict.who else ""
    line = (
        f"conflict {conflict.id}: {conflict.record}, {conflict.field}: "
        f"mine {_value(conflict.mine)} / theirs{who} {_value(conflict.theirs)}"
    )
    return f"{line}\n    {conflict.message}" if conflict.message else line


def _join(args: argparse.Namespace) -> int:
    ws, count = sync.join_workspace(
        args.server, args.out, ask_password=ask_in_terminal, progress=_progress()
    )
    path = ws.path
    ws.close()
    print(f"{path}: joined the team server ({count:,} records)")
    return 0


def _conflicts(args: argparse.Namespace) -> int:
    with open_db(args, read_only=True) as ws:
        found = sync_conflicts.conflicts(ws, settled=args.all)
    if args.json:
        print_json([conflict.as_json() for conflict in found])
        return 0
    if not found:
        print("No conflicts to settle.")
    for conflict in found:
        print(_conflict_line(conflict))
    return 0


def _resolve(args: argparse.Namespace) -> int:
    with open_db(args) as ws:
        sync_conflicts.resolve(ws, args.conflict, args.keep)
    print(f"conflict {args.conflict} settled: kept {args.keep}; the next sync sends it")
    return 0
