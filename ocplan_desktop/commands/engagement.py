"""`ocplan exercise add`, `ocplan import feedback`, `ocplan feedback-summary`, and the exports of an
exercise: `ocplan export passed-on` and `ocplan export poster`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ocplan_desktop.commands.common import add_db, open_db, print_json
from ocplan_desktop.domain.engagement import IMPORT_FIELDS, NOT_COLLECTED
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.importers.feedback import import_feedback
from ocplan_desktop.importers.feedback_columns import parse_pairs
from ocplan_desktop.services import engagement
from ocplan_desktop.services.engagement_analysis import feedback_summary


def register(commands: argparse._SubParsersAction[Any], groups: dict[str, Any]) -> None:
    exercise = commands.add_parser("exercise", help="engagement exercises (consultations)")
    actions = exercise.add_subparsers(dest="action", metavar="ACTION", required=True)
    parser = actions.add_parser("add", help="add an exercise; prints its id")
    add_db(parser)
    parser.add_argument("--title", required=True, metavar="TITLE")
    parser.add_argument("--purpose", default="", metavar="TEXT")
    parser.add_argument("--opens", metavar="DATE", help="for example 2022-02-01")
    parser.add_argument("--closes", metavar="DATE")
    parser.add_argument(
        "--link", default="", metavar="URL", help="survey address or WhatsApp group"
    )
    parser.set_defaults(handler=_exercise_add)

    parser = groups["import"].add_parser(
        "feedback", help="responses from a survey export (CSV or XLSX) into an exercise"
    )
    parser.add_argument("file", type=Path, metavar="FILE")
    add_db(parser)
    parser.add_argument("--exercise", required=True, type=int, metavar="ID")
    parser.add_argument(
        "--map",
        action="append",
        metavar="COLUMN=FIELD",
        help=f"which column holds which field ({', '.join(IMPORT_FIELDS)}); remembered per exercise",
    )
    parser.add_argument(
        "--ward-map",
        action="append",
        metavar="VALUE=WARD",
        help=f"a ward value that matches no ward, and the ward it means (or '{NOT_COLLECTED}')",
    )
    parser.add_argument("--dry-run", action="store_true", help="check the file; change nothing")
    parser.add_argument(
        "--again",
        action="store_true",
        help="import a file that was already imported into this exercise",
    )
    parser.set_defaults(handler=_import_feedback)

    parser = commands.add_parser(
        "feedback-summary", help="an exercise's responses by ward, channel, respondent type, theme"
    )
    add_db(parser)
    parser.add_argument("--exercise", required=True, type=int, metavar="ID")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=_feedback_summary)

    parser = groups["export"].add_parser(
        "passed-on", help="responses passed on to other consultations (CSV or XLSX)"
    )
    parser.add_argument("--out", dest="file", required=True, type=Path, metavar="FILE")
    add_db(parser)
    parser.add_argument("--exercise", type=int, metavar="ID", help="one exercise (default: all)")
    parser.set_defaults(handler=_export_passed_on)

    parser = groups["export"].add_parser(
        "poster", help="a printable poster (PDF) with a QR code of the exercise's link"
    )
    parser.add_argument("--out", dest="file", required=True, type=Path, metavar="FILE")
    add_db(parser)
    parser.add_argument("--exercise", required=True, type=int, metavar="ID")
    parser.set_defaults(handler=_export_poster)


def _exercise_add(args: argparse.Namespace) -> int:
    fields = engagement.ExerciseFields(
        args.title, args.purpose, args.opens, args.closes, public_link=args.link
    )
    with open_db(args) as ws:
        change = engagement.add_exercise(ws, fields)
    print(next(iter(change.ids)))
    return 0


def _import_feedback(args: argparse.Namespace) -> int:
    columns = parse_pairs(args.map, "COLUMN=FIELD")
    wards = parse_pairs(args.ward_map, "VALUE=WARD")
    with open_db(args) as ws:
        result = import_feedback(
            ws, args.file, args.exercise, columns, wards, dry_run=args.dry_run, again=args.again
        )
    plan = result.plan
    mapping = ", ".join(f"{header} → {target}" for header, target in plan.columns.items())
    if result.dry_run:
        print(
            f"{plan.file_name}: {plural(len(plan.responses), 'response')} would be imported (dry run: nothing changed)"
        )
    else:
        print(
            f"{plan.file_name}: imported {plural(result.imported, 'response')} (batch {result.batch_id})"
        )
    print(f"columns: {mapping}")
    for note in plan.notes:
        print(f"note: {note}")
    for warning in plan.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if plan.new_themes:
        verb = "would be added" if result.dry_run else "added"
        print(f"new themes {verb}: {', '.join(plan.new_themes)}")
    return 0


def _feedback_summary(args: argparse.Namespace) -> int:
    with open_db(args, read_only=True) as ws:
        summary = feedback_summary(ws, args.exercise)
    if args.json:
        print_json(summary.as_dict())
        return 0
    print(f"{summary.title}: {plural(summary.total, 'response')}")
    if summary.boundary_note:
        print(f"Note: {summary.boundary_note}")
    for title, counts in (
        ("By ward", summary.by_ward),
        ("By channel", summary.by_channel),
        ("By respondent type", summary.by_respondent_type),
        ("By theme", summary.by_theme),
    ):
        print()
        print(f"{title}:")
        for name, count in counts.items():
            print(f"  {name}: {count:,}")
    if summary.silent_wards:
        print()
        print(f"No responses from: {', '.join(summary.silent_wards)}")
    return 0


def _export_passed_on(args: argparse.Namespace) -> int:
    from ocplan_desktop.importers.passed_on import export_passed_on

    with open_db(args, read_only=True) as ws:
        count = export_passed_on(ws, args.file, args.exercise)
    print(f"{args.file}: {plural(count, 'response')} passed on")
    return 0


def _export_poster(args: argparse.Namespace) -> int:
    from ocplan_desktop.reports.poster import write_poster

    with open_db(args, read_only=True) as ws:
        write_poster(ws, args.exercise, args.file)
    print(args.file)
    return 0
