"""The command line's jobs, one module per area; every module here with a `register` function adds
its own subcommands (and its kinds under `ocplan import` / `ocplan export`)."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
from typing import Any


def register_all(commands: argparse._SubParsersAction[Any]) -> None:
    groups = {
        "import": commands.add_parser("import", help="bring records in from a file").add_subparsers(
            dest="kind", metavar="KIND", required=True
        ),
        "export": commands.add_parser(
            "export", help="write records or documents to a file"
        ).add_subparsers(dest="kind", metavar="KIND", required=True),
    }
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda item: item.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(commands, groups)
