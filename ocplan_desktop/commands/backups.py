"""`ocplan backup` (make one now) and `ocplan backups` (list them, newest first)."""

from __future__ import annotations

import argparse
from typing import Any

from ocplan_desktop.commands.common import add_db, open_db, print_json
from ocplan_desktop.services import backups


def register(commands: argparse._SubParsersAction[Any], groups: dict[str, Any]) -> None:
    parser = commands.add_parser(
        "backup", help="back the workspace up now and print the backup's path"
    )
    add_db(parser)
    parser.set_defaults(handler=_backup)

    parser = commands.add_parser("backups", help="list the workspace's backups, newest first")
    add_db(parser)
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=_backups)


def _backup(args: argparse.Namespace) -> int:
    with open_db(args, read_only=True) as ws:
        print(backups.make_backup(ws, "manual"))
    return 0


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.0f} KB"


def _backups(args: argparse.Namespace) -> int:
    found = backups.list_backups(args.db)
    if args.json:
        print_json(
            [
                {
                    "path": str(item.path),
                    "made_at": item.made_at.isoformat(timespec="seconds"),
                    "reason": item.reason,
                    "size": item.size,
                }
                for item in found
            ]
        )
        return 0
    for item in found:
        print(f"{item.made_at:%Y-%m-%d %H:%M:%S}\t{_size(item.size)}\t{item.reason}\t{item.path}")
    return 0
