"""`ocplan export briefing-note|minutes|pack|tracker|performance|engagement|calendar …`: the printed
documents without a window, as PDF or Word by the output file's extension (.pdf or .docx), and the
meetings calendar (.ics)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from ocplan_desktop.commands.common import add_db, open_db
from ocplan_desktop.commands.figures import print_checks, warn_disagreements
from ocplan_desktop.domain.dates import parse_date
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.services import figure_check


def _document(
    groups: dict[str, Any], kind: str, help_text: str, *needs: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = groups["export"].add_parser(kind, help=help_text)
    add_db(parser)
    parser.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="FILE",
        help="the file to write: .pdf for PDF, .docx for Word",
    )
    for option in needs:
        parser.add_argument(f"--{option}", required=True, type=int, metavar="ID")
    return parser


def _audience_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--audience",
        choices=("public", "members"),
        default="public",
        help="public (the default: exempt items show their heading and paragraph only) or members "
        "(exempt papers in full, marked NOT FOR PUBLICATION on every page)",
    )


def register(commands: argparse._SubParsersAction[Any], groups: dict[str, Any]) -> None:
    parser = _document(
        groups, "briefing-note", "a report in the council's template, as PDF or Word", "report"
    )
    _audience_option(parser)
    parser.set_defaults(handler=_briefing_note)
    parser = _document(groups, "minutes", "a meeting's minutes, as PDF or Word", "meeting")
    _audience_option(parser)
    parser.set_defaults(handler=_minutes)
    parser = _document(groups, "pack", "the briefing pack for a meeting, as PDF or Word", "meeting")
    _audience_option(parser)
    parser.add_argument(
        "--with-tracker",
        metavar="DATE",
        help="add the recommendation tracker (what changed since DATE) to the pack",
    )
    parser.add_argument(
        "--with-performance",
        metavar="PERIOD",
        help="add the performance report for PERIOD (or 'latest') to the pack",
    )
    parser.set_defaults(handler=_pack)
    parser = _document(
        groups, "tracker", "the recommendation tracker update for Scrutiny, as PDF or Word"
    )
    parser.add_argument(
        "--since", metavar="DATE", help="what changed since this date (default: 3 months ago)"
    )
    parser.set_defaults(handler=_tracker)
    parser = _document(groups, "performance", "the performance report for a period, as PDF or Word")
    parser.add_argument(
        "--period", metavar="PERIOD", help="for example 2022-23 (default: the latest)"
    )
    parser.set_defaults(handler=_performance)
    parser = groups["export"].add_parser(
        "calendar", help="the meetings calendar (one event per meeting), as an iCalendar .ics file"
    )
    add_db(parser)
    parser.add_argument(
        "--committee", type=int, metavar="ID", help="one committee's meetings (default: all)"
    )
    parser.add_argument(
        "--out", required=True, type=Path, metavar="FILE", help="the .ics file to write"
    )
    parser.set_defaults(handler=_calendar)
    _document(
        groups,
        "engagement",
        "an exercise's engagement summary with its charts, as PDF or Word",
        "exercise",
    ).set_defaults(handler=_engagement)


def _check_out(path: Path) -> Path:
    from ocplan_desktop.reports.publish import check_target

    return check_target(path)


def _done(path: Path, pages: int) -> int:
    if path.suffix.lower() == ".docx":
        print(f"{path} (Word document)")
    else:
        print(f"{path} ({plural(pages, 'page')})")
    return 0


def _audience(args: argparse.Namespace) -> Any:
    from ocplan_desktop.domain.exempt import audience

    return audience(args.audience)


def _briefing_note(args: argparse.Namespace) -> int:
    from ocplan_desktop.reports.briefing_note import export_briefing_note

    with open_db(args, read_only=True) as ws, print_checks():
        warn_disagreements(figure_check.check_report(ws, args.report))
        pages = export_briefing_note(
            ws, args.report, _check_out(args.out), audience=_audience(args)
        )
        return _done(args.out, pages)


def _minutes(args: argparse.Namespace) -> int:
    from ocplan_desktop.reports.minutes_pdf import export_minutes

    with open_db(args, read_only=True) as ws, print_checks():
        warn_disagreements(figure_check.check_minutes(ws, args.meeting))
        pages = export_minutes(ws, args.meeting, _check_out(args.out), audience=_audience(args))
        return _done(args.out, pages)


def _pack(args: argparse.Namespace) -> int:
    from ocplan_desktop.reports.pack import (
        PackOptions,
        export_pack,
        performance_section,
        tracker_section,
    )

    sections = []
    if args.with_tracker:
        sections.append(tracker_section(_since(args.with_tracker)))
    if args.with_performance:
        period = None if args.with_performance == "latest" else args.with_performance
        sections.append(performance_section(period))
    options = PackOptions(extra_sections=tuple(sections), audience=_audience(args))
    with open_db(args, read_only=True) as ws, print_checks():
        if args.with_performance and args.with_performance != "latest":
            from ocplan_desktop.services.performance import performance_summary

            performance_summary(
                ws, args.with_performance
            )  # a period with no values is refused here
        warn_disagreements(figure_check.check_pack(ws, args.meeting))
        return _done(args.out, export_pack(ws, args.meeting, _check_out(args.out), options=options))


def _engagement(args: argparse.Namespace) -> int:
    from ocplan_desktop.reports.engagement_pdf import export_engagement

    with open_db(args, read_only=True) as ws, print_checks():
        return _done(args.out, export_engagement(ws, args.exercise, _check_out(args.out)))


def _performance(args: argparse.Namespace) -> int:
    from ocplan_desktop.reports.performance_pdf import export_performance

    with open_db(args, read_only=True) as ws, print_checks():
        return _done(args.out, export_performance(ws, args.period, _check_out(args.out)))


def _since(text: str | None) -> dt.date:
    if not text:
        return dt.date.today() - dt.timedelta(days=91)
    return parse_date(text, field="since")


def _tracker(args: argparse.Namespace) -> int:
    from ocplan_desktop.reports.tracker_pdf import export_tracker

    since = _since(args.since)
    with open_db(args, read_only=True) as ws, print_checks():
        return _done(args.out, export_tracker(ws, since, _check_out(args.out)))


def _calendar(args: argparse.Namespace) -> int:
    from ocplan_desktop.reports.calendar_ics import export_calendar

    if args.out.suffix.lower() != ".ics":
        raise ValidationError(f"{args.out.name}: the calendar file must end in .ics")
    with open_db(args, read_only=True) as ws:
        count = export_calendar(ws, args.out, args.committee)
    print(f"{args.out} ({count} meetings)")
    return 0
