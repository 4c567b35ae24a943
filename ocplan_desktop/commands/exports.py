"""`ocplan export briefing-note|minutes|pack …`: the printed documents without a window."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from ocplan_desktop.commands.common import add_db, open_db
from ocplan_desktop.domain.dates import parse_date
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.wording import plural


def _document(
    groups: dict[str, Any], kind: str, help_text: str, *needs: str
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = groups["export"].add_parser(kind, help=help_text)
    add_db(parser)
    parser.add_argument("--out", required=True, type=Path, metavar="FILE", help="the PDF to write")
    for option in needs:
        parser.add_argument(f"--{option}", required=True, type=int, metavar="ID")
    return parser


def register(commands: argparse._SubParsersAction[Any], groups: dict[str, Any]) -> None:
    _document(
        groups, "briefing-note", "a report in the council's template, as PDF", "report"
    ).set_defaults(handler=_briefing_note)
    _document(groups, "minutes", "a meeting's minutes, as PDF", "meeting").set_defaults(
        handler=_minutes
    )
    parser = _document(groups, "pack", "the briefing pack for a meeting, as PDF", "meeting")
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
    parser = _document(groups, "tracker", "the recommendation tracker update for Scrutiny, as PDF")
    parser.add_argument(
        "--since", metavar="DATE", help="what changed since this date (default: 3 months ago)"
    )
    parser.set_defaults(handler=_tracker)
    parser = _document(groups, "performance", "the performance report for a period, as PDF")
    parser.add_argument(
        "--period", metavar="PERIOD", help="for example 2022-23 (default: the latest)"
    )
    parser.set_defaults(handler=_performance)
    _document(
        groups, "engagement", "an exercise's engagement summary with its charts, as PDF", "exercise"
    ).set_defaults(handler=_engagement)


def _check_out(path: Path) -> Path:
    if path.suffix.lower() != ".pdf":
        raise ValidationError(f"{path.name}: the output file must end in .pdf")
    return path


def _done(path: Path, pages: int) -> int:
    print(f"{path} ({plural(pages, 'page')})")
    return 0


def _briefing_note(args: argparse.Namespace) -> int:
    from ocplan_desktop.reports.briefing_note import export_briefing_note

    with open_db(args, read_only=True) as ws:
        return _done(args.out, export_briefing_note(ws, args.report, _check_out(args.out)))


def _minutes(args: argparse.Namespace) -> int:
    from ocplan_desktop.reports.minutes_pdf import export_minutes

    with open_db(args, read_only=True) as ws:
        return _done(args.out, export_minutes(ws, args.meeting, _check_out(args.out)))


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
    options = PackOptions(extra_sections=tuple(sections))
    with open_db(args, read_only=True) as ws:
        if args.with_performance and args.with_performance != "latest":
            from ocplan_desktop.services.performance import performance_summary

            performance_summary(
                ws, args.with_performance
            )  # a period with no values is refused here
        return _done(args.out, export_pack(ws, args.meeting, _check_out(args.out), options=options))


def _engagement(args: argparse.Namespace) -> int:
    from ocplan_desktop.reports.engagement_pdf import export_engagement

    with open_db(args, read_only=True) as ws:
        return _done(args.out, export_engagement(ws, args.exercise, _check_out(args.out)))


def _performance(args: argparse.Namespace) -> int:
    from ocplan_desktop.reports.performance_pdf import export_performance

    with open_db(args, read_only=True) as ws:
        return _done(args.out, export_performance(ws, args.period, _check_out(args.out)))


def _since(text: str | None) -> dt.date:
    if not text:
        return dt.date.today() - dt.timedelta(days=91)
    return parse_date(text, field="since")


def _tracker(args: argparse.Namespace) -> int:
    from ocplan_desktop.reports.tracker_pdf import export_tracker

    since = _since(args.since)
    with open_db(args, read_only=True) as ws:
        return _done(args.out, export_tracker(ws, since, _check_out(args.out)))
