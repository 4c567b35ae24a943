"""Generate a large workspace for the benchmarks: ten years of a big council's business.

    python bench/generate.py OUT.ocplan [--scale 1.0]

At scale 1: 30 committees, 3,600 meetings, 40,000 agenda items, 100,000 minute paragraphs,
500 indicators over 10 periods and 5 areas, 200,000 feedback responses (and the reports,
resolutions and recommendations that go with them). Deterministic; built through the store's bulk
insert, so the audit trail and any search index are maintained as they would be in use.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ocplan_desktop.services.workspaces import new_workspace  # noqa: E402
from ocplan_desktop.store import records, reference  # noqa: E402
from ocplan_desktop.store.workspace import Workspace  # noqa: E402

WORDS = (
    "council plan budget housing transport climate ward residents partners scrutiny cabinet report "
    "performance engagement library family hub school health care safety waste recycling city centre "
    "jobs skills apprenticeships bus cycle air quality energy homes repairs rent support children "
    "adults older people carers volunteers events culture parks trees flooding roads lighting "
    "complaints services online customer finance capital revenue savings risk equality consultation"
).split()


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def chunks(
    rows: Iterator[dict[str, object]], size: int = 20_000
) -> Iterator[list[dict[str, object]]]:
    batch: list[dict[str, object]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def spread(items: int, groups: int) -> Iterator[tuple[int, int, int]]:
    """(index, group, position in group) for `items` shared as evenly as possible over `groups`."""
    position, previous = 0, -1
    for index in range(items):
        group = index * groups // items
        position = position + 1 if group == previous else 0
        previous = group
        yield index, group, position


def bulk(ws: Workspace, table: str, rows: Iterator[dict[str, object]]) -> int:
    total = 0
    for batch in chunks(rows):
        total += records.insert_many(ws, table, batch, summary=f"benchmark data for {table}")
    return total


def generate(path: Path, scale: float = 1.0) -> dict[str, int]:
    rng = random.Random(20231220)
    n = {
        "committees": max(3, int(30 * scale)),
        "meetings": max(10, int(3_600 * scale)),
        "items": max(40, int(40_000 * scale)),
        "paragraphs": max(100, int(100_000 * scale)),
        "indicators": max(10, int(500 * scale)),
        "feedback": max(100, int(200_000 * scale)),
    }
    ws = new_workspace(path)
    counts: dict[str, int] = {}
    with ws.atomic():
        areas = [area.id for area in reference.list_areas(ws)]
        while len(areas) < 5:
            areas.append(reference.add_area(ws, f"Comparator {len(areas)}"))
        themes = [theme.id for theme in reference.list_themes(ws)]
        wards = [ward.id for ward in reference.list_wards(ws)] + [None]
        channels = [row[0] for row in reference.names(ws, "channels")]
        types = [row[0] for row in reference.names(ws, "respondent_types")]

        counts["committees"] = bulk(
            ws,
            "committees",
            (
                {
                    "id": index + 1,
                    "name": f"Committee {index + 1:02d}",
                    "short_name": f"C{index + 1:02d}",
                    "kind": "scrutiny" if index % 3 == 0 else "committee",
                }
                for index in range(n["committees"])
            ),
        )
        start = dt.date(2015, 5, 1)
        counts["meetings"] = bulk(
            ws,
            "meetings",
            (
                {
                    "id": index + 1,
                    "committee_id": index % n["committees"] + 1,
                    "date": (start + dt.timedelta(days=index * 3650 // n["meetings"])).isoformat(),
                    "start_time": "10:00",
                    "venue": "Council House",
                    "status": "held",
                }
                for index in range(n["meetings"])
            ),
        )
        reports = n["items"] // 20
        counts["reports"] = bulk(
            ws,
            "reports",
            (
                {
                    "id": index + 1,
                    "title": f"Report {index + 1}: {sentence(rng, 6)}",
                    "executive_summary": " ".join(sentence(rng, 25) for _ in range(3)),
                }
                for index in range(reports)
            ),
        )
        counts["agenda_items"] = bulk(
            ws,
            "agenda_items",
            (
                {
                    "id": index + 1,
                    "meeting_id": meeting + 1,
                    "position": position,
                    "title": sentence(rng, 7)[:-1],
                    "report_id": (index // 20) + 1
                    if index % 20 == 5 and index // 20 < reports
                    else None,
                }
                for index, meeting, position in spread(n["items"], n["meetings"])
            ),
        )
        minutes = n["items"] // 2
        counts["minutes"] = bulk(
            ws,
            "minutes",
            (
                {"id": index + 1, "agenda_item_id": index * 2 + 1, "heading": sentence(rng, 5)[:-1]}
                for index in range(minutes)
            ),
        )
        counts["minute_paragraphs"] = bulk(
            ws,
            "minute_paragraphs",
            (
                {
                    "minutes_id": index % minutes + 1,
                    "position": index // minutes,
                    "text": " ".join(sentence(rng, 18) for _ in range(2)),
                }
                for index in range(n["paragraphs"])
            ),
        )
        counts["resolutions"] = bulk(
            ws,
            "resolutions",
            (
                {
                    "id": index + 1,
                    "minutes_id": index // 2 + 1,
                    "parent_id": None,
                    "position": index % 2,
                    "text": "That " + sentence(rng, 12).lower(),
                }
                for index in range(minutes * 2)
            ),
        )
        counts["recommendations"] = bulk(
            ws,
            "recommendations",
            (
                {
                    "reference": f"C{index % n['committees'] + 1:02d} {index:06d} / 2(a)",
                    "text": sentence(rng, 16),
                    "from_committee_id": index % n["committees"] + 1,
                    "to_committee_id": (index + 1) % n["committees"] + 1,
                    "response": rng.choice(["awaiting", "accepted", "noted"]),
                    "status": rng.choice(["open", "in_progress", "completed"]),
                    "due_date": (start + dt.timedelta(days=rng.randrange(3650))).isoformat(),
                }
                for index in range(max(50, n["items"] // 8))
            ),
        )
        periods = [f"{year}-{(year + 1) % 100:02d}" for year in range(2013, 2023)]
        reference.ensure_periods(ws, periods)
        counts["indicators"] = bulk(
            ws,
            "indicators",
            (
                {
                    "id": index + 1,
                    "code": f"B{index + 1:04d}",
                    "name": sentence(rng, 6)[:-1],
                    "theme_id": themes[index % len(themes)],
                    "polarity": ["higher", "lower", "none"][index % 3],
                    "unit": "%",
                    "decimals": 1,
                    "tolerance": 0.1,
                }
                for index in range(n["indicators"])
            ),
        )
        counts["indicator_values"] = bulk(
            ws,
            "indicator_values",
            (
                {
                    "indicator_id": indicator + 1,
                    "period": period,
                    "area_id": area,
                    "value": round(rng.uniform(10, 90), 1),
                }
                for indicator in range(n["indicators"])
                for period in periods
                for area in areas
            ),
        )
        exercises = 40
        for index in range(exercises):
            records.insert(ws, "exercises", {"id": index + 1, "title": f"Consultation {index + 1}"})
        counts["feedback"] = bulk(
            ws,
            "feedback",
            (
                {
                    # Half the responses belong to one big exercise: the largest table shown.
                    "exercise_id": 1 if index % 2 else index % exercises + 1,
                    "received_on": (start + dt.timedelta(days=rng.randrange(3650))).isoformat(),
                    "channel_id": rng.choice(channels),
                    "ward_id": rng.choice(wards),
                    "respondent_type_id": rng.choice(types),
                    "text": sentence(rng, rng.randint(8, 40)),
                }
                for index in range(n["feedback"])
            ),
        )
        counts["pack_reports"] = add_pack_meeting(ws, rng)
    ws.close()
    return counts


PACK_ITEMS = 39


def add_pack_meeting(ws: Workspace, rng: random.Random) -> int:
    """A meeting whose briefing pack runs to about 200 pages: 39 items, each with a full report."""
    from ocplan_desktop.domain.reports import (
        Approval,
        Report,
        ReportAuthor,
        ReportRecommendation,
        ReportSection,
    )
    from ocplan_desktop.store import meetings, reports

    meeting_id = meetings.add_meeting(
        ws, 1, "2025-03-12", start_time="10:00", venue="Council House"
    )
    for number in range(PACK_ITEMS):
        report = Report(
            title=f"Benchmark report {number + 1}: {sentence(rng, 6)[:-1]}",
            cabinet_member="Cabinet Member for Policy and Leadership",
            director="Chief Partnerships Officer",
            executive_summary=" ".join(sentence(rng, 30) for _ in range(4)),
            recommendations=tuple(
                ReportRecommendation(body, sentence(rng, 14))
                for body in ("Scrutiny Co-ordination Committee", "Cabinet")
                for _ in range(3)
            ),
            sections=tuple(
                ReportSection(sentence(rng, 3)[:-1], tuple(sentence(rng, 45) for _ in range(5)))
                for _ in range(4)
            ),
            implications={"implications_financial": sentence(rng, 40)},
            authors=(ReportAuthor("Kirston Nelson", "Chief Partnerships Officer"),),
            approvals=(
                Approval(
                    "approver",
                    "Phil Helm",
                    "Finance",
                    "Head of Finance",
                    "Finance",
                    "2025-02-01",
                    "2025-02-03",
                ),
            ),
        )
        report_id = reports.add_report(ws, report)
        meetings.add_agenda_item(ws, meeting_id, report.title, report_id=report_id)
    return PACK_ITEMS


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="fraction of the full size (default 1)"
    )
    args = parser.parse_args()
    if args.out.exists():
        parser.error(f"{args.out} already exists")
    started = time.perf_counter()
    counts = generate(args.out, args.scale)
    for table, count in counts.items():
        print(f"{table:>20}: {count:,}")
    size = args.out.stat().st_size / 1_048_576
    print(f"wrote {args.out} ({size:,.0f} MB) in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
