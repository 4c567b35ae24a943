"""`ocplan new`, `demo`, `check`, `list` and `summary`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ocplan_desktop.commands.common import add_db, open_db, print_json
from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.performance import Summary
from ocplan_desktop.services import listing
from ocplan_desktop.services.demo import create_demo
from ocplan_desktop.services.performance import performance_summary
from ocplan_desktop.services.workspaces import DEFAULT_AREA, check, new_workspace


def register(commands: argparse._SubParsersAction[Any], groups: dict[str, Any]) -> None:
    parser = commands.add_parser("new", help="make an empty workspace with the reference data")
    parser.add_argument("path", type=Path, metavar="PATH")
    parser.add_argument(
        "--area",
        default=DEFAULT_AREA,
        metavar="NAME",
        help=f"the council's own area for indicator values (default {DEFAULT_AREA})",
    )
    parser.set_defaults(handler=_new)

    parser = commands.add_parser("demo", help="write the demo workspace")
    parser.add_argument("path", type=Path, metavar="PATH")
    parser.set_defaults(handler=_demo)

    parser = commands.add_parser("check", help="integrity check and schema version")
    add_db(parser)
    parser.add_argument("--full", action="store_true", help="full integrity check (slower)")
    parser.set_defaults(handler=_check)

    parser = commands.add_parser("list", help="ids and titles of records, for scripts")
    parser.add_argument("what", choices=listing.KINDS)
    add_db(parser)
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=_list)

    parser = commands.add_parser("summary", help="the performance summary for a period")
    add_db(parser)
    parser.add_argument(
        "--period", metavar="PERIOD", help="for example 2022-23 (default: the latest)"
    )
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=_summary)


def _new(args: argparse.Namespace) -> int:
    new_workspace(args.path, args.area).close()
    print(args.path)
    return 0


def _demo(args: argparse.Namespace) -> int:
    create_demo(args.path).close()
    print(args.path)
    return 0


def _check(args: argparse.Namespace) -> int:
    result = check(args.db, full=args.full)
    print(
        f"{result.path}: schema version {result.schema_version} (this app: {result.latest_version})"
    )
    if result.ok:
        print("integrity: ok")
        return 0
    for problem in result.problems:
        print(f"problem: {problem}")
    return 1


def _list(args: argparse.Namespace) -> int:
    with open_db(args, read_only=True) as ws:
        items = listing.list_records(ws, args.what)
    if args.json:
        print_json(items)
    else:
        for item in items:
            print(f"{item['id']}\t{item['title']}")
    return 0


def _summary_lines(summary: Summary) -> str:
    if summary.percent is None:
        return f"{summary.period}: no figure (no indicator had a direction of travel)"
    return (
        f"{summary.period}: {summary.percent}% ({summary.improved_or_same}/{summary.directional})"
    )


def _summary(args: argparse.Namespace) -> int:
    with open_db(args, read_only=True) as ws:
        result = performance_summary(ws, args.period)
    if args.json:
        print_json(result.as_dict())
        return 0
    item = result.summary
    print(f"Period: {item.period}")
    print(f"Indicators: {item.total}")
    print(f"  improved: {item.improved}")
    print(f"  stayed the same: {item.same}")
    print(f"  got worse: {item.worse}")
    print(f"  can't say: {item.cannot_say}")
    print(f"  not available: {item.not_available}")
    if item.overridden:
        print(f"  (of which set by an officer: {item.overridden})")
    print()
    print(result.sentence)
    if result.earlier:
        print()
        print("History:")
        for earlier in reversed(result.earlier):
            print("  " + _summary_lines(earlier))
    return 0


__all__ = ["format_date", "register"]
