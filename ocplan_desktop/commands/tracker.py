"""`ocplan import tracker FILE --db PATH [--dry-run]` and `ocplan export tracker-data --db PATH --out FILE`.

The same checks and messages as the window: an import with any refused row writes nothing and lists
every refused row on stderr; `--dry-run` prints the preview and writes nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ocplan_desktop.commands.common import add_db, open_db
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.importers.tracker import TrackerImport, apply_import, plan_import
from ocplan_desktop.importers.tracker_export import export_tracker


def register(commands: argparse._SubParsersAction[Any], groups: dict[str, Any]) -> None:
    parser = groups["import"].add_parser(
        "tracker", help="recommendations from a CSV or XLSX file (updates by reference)"
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    add_db(parser)
    parser.add_argument(
        "--dry-run", action="store_true", help="check the file and show what would change"
    )
    parser.add_argument(
        "--blank-clears",
        action="store_true",
        help="a blank cell clears the stored value (otherwise it leaves it as it is)",
    )
    parser.set_defaults(handler=_import)

    parser = groups["export"].add_parser(
        "tracker-data", help="the recommendation tracker as a CSV or XLSX file"
    )
    add_db(parser)
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.csv|FILE.xlsx")
    parser.set_defaults(handler=_export)


def preview_lines(plan: TrackerImport) -> list[str]:
    """The preview as text lines: one per row that changes or is refused."""
    lines = [plan.summary, *(f"note: {note}" for note in plan.table.notes)]
    for row in plan.creates:
        lines.append(f"create row {row.row}: {row.reference}")
    for row in plan.updates:
        lines.append(f"update row {row.row}: {row.reference} ({'; '.join(row.details)})")
    if plan.new_people:
        names = ", ".join(name for name, _kind in plan.new_people)
        lines.append(f"new people: {names}")
    if plan.ignored_columns:
        lines.append(f"ignored columns: {', '.join(plan.ignored_columns)}")
    return lines


def _import(args: argparse.Namespace) -> int:
    today = dt.date.today()
    with open_db(args, read_only=args.dry_run) as ws:
        plan = plan_import(ws, args.file, today=today, blank_clears=args.blank_clears)
        for line in preview_lines(plan):
            print(line)
        for refusal in plan.refusals:
            print(f"refused {refusal.message}", file=sys.stderr)
        if plan.refusals:
            rows = len(plan.refused_rows)
            raise ValidationError(
                f"{plan.file_name}: nothing was imported: {rows} row{'s' if rows != 1 else ''} "
                "refused; fix them and import the whole file again"
            )
        if args.dry_run:
            print("dry run: nothing was written")
            return 0
        if not plan.can_apply:
            print("nothing to import: every row is as the workspace has it")
            return 0
        result = apply_import(ws, plan, today=today)
    print(result.summary)
    return 0


def _export(args: argparse.Namespace) -> int:
    with open_db(args, read_only=True) as ws:
        result = export_tracker(ws, args.out, today=dt.date.today())
    print(f"{result.path}: {plural(result.count, 'recommendation')}")
    return 0
