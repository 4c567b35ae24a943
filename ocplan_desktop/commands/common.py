"""What the command modules share: opening the workspace named by --db, printing JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ocplan_desktop.store.workspace import Workspace, open_workspace


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, metavar="PATH", type=Path, help="the workspace file")


def open_db(args: argparse.Namespace, *, read_only: bool = False) -> Workspace:
    return open_workspace(args.db, read_only=read_only)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
