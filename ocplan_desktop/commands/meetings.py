"""`ocplan import minutes FILE --db PATH [--meeting ID] [--dry-run] [--json]`.

Prints what was recognised in a minutes text (the heading, narrative, bullets and the resolution
tree with each label as written) and, without --dry-run, imports it into the meeting: into the
agenda item whose title matches the heading, or a new item at the end.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ocplan_desktop.commands.common import add_db, open_db, print_json
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.importers.minutes_text import ParsedMinutes, ParsedResolution, read_minutes_file
from ocplan_desktop.services import meetings
from ocplan_desktop.services.minutes_approval import import_into_meeting

WIDTH = 100


def register(commands: argparse._SubParsersAction[Any], groups: dict[str, Any]) -> None:
    parser = groups["import"].add_parser(
        "minutes", help="recognise one agenda item's minutes text and import it into a meeting"
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="a .txt file of minutes")
    add_db(parser)
    parser.add_argument("--meeting", type=int, metavar="ID", help="the meeting to import into")
    parser.add_argument(
        "--dry-run", action="store_true", help="show what was recognised; change nothing"
    )
    parser.add_argument("--json", action="store_true", help="print what was recognised as JSON")
    parser.set_defaults(handler=_import_minutes)


def _short(text: str, width: int = WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _resolution_lines(items: tuple[ParsedResolution, ...], depth: int = 0) -> list[str]:
    lines = []
    for item in items:
        label = f"{item.label} " if item.label else ""
        lines.append("  " + "    " * depth + _short(f"{label}{item.text}", WIDTH - 4 * depth))
        lines += _resolution_lines(item.children, depth + 1)
    return lines


def describe(parsed: ParsedMinutes) -> list[str]:
    """What was recognised, for a person to check."""
    under = sum(item.count() - 1 for item in parsed.resolutions)
    lines = [f"Heading: {parsed.heading or '(none)'}"]
    if parsed.minute_number:
        lines.append(f"Minute number: {parsed.minute_number}")
    if parsed.report_of:
        lines.append(f"Report of: {parsed.report_of}")
    lines.append(f"Paragraphs: {len(parsed.paragraphs)}")
    lines += [f"  {_short(text)}" for text in parsed.paragraphs]
    lines.append(f"Bullets: {len(parsed.bullets)}")
    lines += [f"  • {_short(text)}" for text in parsed.bullets]
    lines.append(f"Resolutions: {len(parsed.resolutions)} ({under} under them)")
    lines += _resolution_lines(parsed.resolutions)
    if parsed.uncertain:
        lines.append(
            f"Unsure of {len(parsed.uncertain)} line{'s' if len(parsed.uncertain) > 1 else ''}:"
        )
        for item in parsed.uncertain:
            lines.append(f"  line {item.line}: {item.reason}")
            lines.append(f"    “{_short(' '.join(item.text.split()), WIDTH - 6)}”")
    if parsed.notes:
        lines.append("Notes:")
        lines += [f"  {note}" for note in parsed.notes]
    return lines


def _import_minutes(args: argparse.Namespace) -> int:
    parsed = read_minutes_file(args.file)
    if not args.dry_run and args.meeting is None:
        raise ValidationError(
            "say which meeting to import into with --meeting ID (ocplan list meetings --db PATH "
            "shows them), or use --dry-run to only check the text"
        )
    report = sys.stderr if args.json else sys.stdout
    with open_db(args, read_only=args.dry_run) as ws:
        title = ""
        if args.meeting is not None:
            meetings.details(ws, args.meeting)  # a meeting that does not exist is an error
            title = meetings.describe(ws, args.meeting)
        if args.json:
            print_json(parsed.as_json())
        else:
            print("\n".join(describe(parsed)))
        if args.dry_run:
            print(f"Dry run: nothing was imported{f' into {title}' if title else ''}.", file=report)
            return 0
        result = import_into_meeting(ws, args.meeting, parsed.to_minutes(0), parsed.minute_number)
    where = "a new item" if result.created_item else "item"
    number = f" (minute {result.minute_number})" if result.minute_number else ""
    tracked = f"; {plural(result.tracked, 'recommendation')} tracked" if result.tracked else ""
    print(f"Imported into {where} “{result.item_title}”{number} of {title}{tracked}.", file=report)
    if parsed.minute_number and result.minute_number != parsed.minute_number:
        print(
            f"The text's minute number {parsed.minute_number} was not used: the item is "
            f"numbered {result.minute_number}.",
            file=report,
        )
    return 0
