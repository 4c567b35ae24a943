"""`ocplan wards list [--on DATE]` and `ocplan wards change --on DATE [--end WARD]… [--new WARD]…`.

A boundary review changes a council's wards from an election day: some end, new ones begin, and a
ward whose area carries on is left alone. Survey responses are matched against the wards in use on
the day they were received; summaries that span a change say so.
"""

from __future__ import annotations

import argparse
from typing import Any

from ocplan_desktop.commands.common import add_db, open_db
from ocplan_desktop.domain.dates import iso_date
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.wards import ward_key
from ocplan_desktop.services import engagement_lists
from ocplan_desktop.store import reference


def register(commands: argparse._SubParsersAction[Any], groups: dict[str, Any]) -> None:
    wards = commands.add_parser("wards", help="the council's wards, and boundary changes")
    actions = wards.add_subparsers(dest="action", metavar="ACTION", required=True)
    parser = actions.add_parser("list", help="the wards in use on a day (today when not given)")
    add_db(parser)
    parser.add_argument("--on", metavar="DATE", help="for example 2026-05-07")
    parser.add_argument("--all", action="store_true", help="every ward of every date")
    parser.set_defaults(handler=_list)
    parser = actions.add_parser(
        "change", help="a boundary review: wards that end and wards that begin on a day"
    )
    add_db(parser)
    parser.add_argument(
        "--on", required=True, metavar="DATE", help="the first day of the new wards"
    )
    parser.add_argument("--end", action="append", default=[], metavar="WARD")
    parser.add_argument("--new", action="append", default=[], metavar="WARD")
    parser.set_defaults(handler=_change)


def _list(args: argparse.Namespace) -> int:
    day = iso_date(args.on, field="--on") if args.on else None
    with open_db(args, read_only=True) as ws:
        wards = reference.list_wards(ws, on=day, every_date=args.all)
    for ward in wards:
        period = f"  ({ward.period_text})" if ward.period_text else ""
        print(f"{ward.name}{period}")
    return 0


def _change(args: argparse.Namespace) -> int:
    day = iso_date(args.on, field="--on")
    with open_db(args) as ws:
        in_use = {ward_key(ward.name): ward for ward in reference.list_wards(ws, on=day)}
        ending = []
        for name in args.end:
            ward = in_use.get(ward_key(name))
            if ward is None:
                raise ValidationError(f"--end {name}: no ward of that name is in use on {day}")
            ending.append(ward.id)
        engagement_lists.change_boundaries(ws, str(day), ending, [(n, None) for n in args.new])
    print(
        f"From {day}: {len(args.end)} ward{'s' if len(args.end) != 1 else ''} ended, "
        f"{len(args.new)} began."
    )
    return 0
