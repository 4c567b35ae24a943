"""`ocplan check-figures`: every performance figure typed into report or minutes text, against the
workspace; and the warning the document exports print when a typed figure no longer holds."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ocplan_desktop.commands.common import add_db, open_db, print_json

EXIT_DISAGREES = 1


def register(commands: argparse._SubParsersAction[Any], _groups: dict[str, Any]) -> None:
    parser = commands.add_parser(
        "check-figures",
        help="compare every performance figure typed into reports and minutes with the workspace",
    )
    add_db(parser)
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--report", type=int, metavar="ID", help="only this report")
    scope.add_argument(
        "--meeting", type=int, metavar="ID", help="only this meeting's minutes and reports"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help='print a list of {"where", "typed", "computed", "period", "agrees"}',
    )
    parser.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    from ocplan_desktop.services import figure_check

    with open_db(args, read_only=True) as ws:
        if args.report is not None:
            checks = figure_check.check_report(ws, args.report)
        elif args.meeting is not None:
            checks = figure_check.check_meeting(ws, args.meeting)
        else:
            checks = figure_check.check_workspace(ws)
    wrong = figure_check.disagreements(checks)
    if args.json:
        print_json([item.as_dict() for item in checks])
    else:
        for item in checks:
            mark = "agrees" if item.agrees else "DISAGREES"
            print(f"{mark}: {item.sentence}")
        print(
            f"{len(checks)} typed figure{'s' if len(checks) != 1 else ''}, "
            f"{len(wrong)} disagree{'s' if len(wrong) == 1 else ''}."
            if checks
            else "No typed performance figures found."
        )
    return EXIT_DISAGREES if wrong else 0


@contextmanager
def print_checks() -> Iterator[None]:
    """Around an export: afterwards, each record whose text has characters no bundled font can
    print is named on stderr (they are left out of the document, not printed as boxes)."""
    from ocplan_desktop.reports.fonts import collecting

    with collecting() as found:
        yield
    for message in found.messages():
        print(f"ocplan: warning: {message}", file=sys.stderr)


def warn_disagreements(checks: list[Any]) -> None:
    """An export's warning on stderr: each typed figure that no longer holds, by place."""
    from ocplan_desktop.services.figure_check import disagreements

    for item in disagreements(checks):
        print(f"ocplan: warning: {item.sentence}", file=sys.stderr)
