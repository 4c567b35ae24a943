"""`ocplan import indicators` and `ocplan export indicators|indicator-values`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ocplan_desktop.commands.common import add_db, open_db
from ocplan_desktop.domain.errors import OcplanError
from ocplan_desktop.domain.wording import plural


class ImportRefused(OcplanError):
    """The file has rows that cannot be imported; the preview above says which and why."""


def register(commands: argparse._SubParsersAction[Any], groups: dict[str, Any]) -> None:
    parser = groups["import"].add_parser(
        "indicators",
        help="the indicator catalogue and values from CSV or XLSX (long or wide form), all or nothing",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="a .csv or .xlsx file")
    add_db(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="print the preview and write nothing"
    )
    parser.add_argument(
        "--again", action="store_true", help="import a file that was imported before"
    )
    parser.add_argument(
        "--blank-clears",
        action="store_true",
        help="a blank cell clears the stored value (otherwise it leaves it as it is)",
    )
    parser.set_defaults(handler=_import)

    for kind, help_text, handler in (
        ("indicators", "the indicator catalogue as CSV or XLSX", _export_catalogue),
        ("indicator-values", "every indicator value, in long form, as CSV or XLSX", _export_values),
    ):
        parser = groups["export"].add_parser(kind, help=help_text)
        add_db(parser)
        parser.add_argument(
            "--out", required=True, type=Path, metavar="FILE", help="a .csv or .xlsx file"
        )
        parser.set_defaults(handler=handler)


def _import(args: argparse.Namespace) -> int:
    from ocplan_desktop.importers.indicators import import_indicators, preview_import

    with open_db(args, read_only=args.dry_run) as ws:
        plan = preview_import(ws, args.file, blank_clears=args.blank_clears)
        print(plan.text())
        if not plan.ok:
            raise ImportRefused(plan.refusal())
        if args.dry_run:
            print("Dry run: nothing was written.")
            return 0
        done = import_indicators(
            ws, args.file, expected=plan, again=args.again, blank_clears=args.blank_clears
        )
    print(f"Imported: {done.summary}" if done.writes_anything else "Nothing to import.")
    return 0


def _export_catalogue(args: argparse.Namespace) -> int:
    from ocplan_desktop.importers.indicator_exports import export_catalogue

    with open_db(args, read_only=True) as ws:
        count = export_catalogue(ws, args.out)
    print(f"{args.out} ({plural(count, 'indicator')})")
    return 0


def _export_values(args: argparse.Namespace) -> int:
    from ocplan_desktop.importers.indicator_exports import export_values

    with open_db(args, read_only=True) as ws:
        count = export_values(ws, args.out)
    print(f"{args.out} ({plural(count, 'value')})")
    return 0
