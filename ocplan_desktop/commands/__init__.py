"""The command line's jobs, one module per area; each registers its own subcommands."""

from __future__ import annotations

import argparse
from typing import Any

from ocplan_desktop.commands import workspace

# `ocplan import KIND …` and `ocplan export KIND …` are shared by the areas.
GROUPS = ("import", "export")


def register_all(commands: argparse._SubParsersAction[Any]) -> None:
    groups = {
        "import": commands.add_parser("import", help="bring records in from a file").add_subparsers(
            dest="kind", metavar="KIND", required=True
        ),
        "export": commands.add_parser(
            "export", help="write records or documents to a file"
        ).add_subparsers(dest="kind", metavar="KIND", required=True),
    }
    for module in (workspace,):
        module.register(commands, groups)
