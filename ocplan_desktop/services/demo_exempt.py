"""The demo's exempt report: a private report on a Cabinet agenda, exempt under paragraph 3 of
Schedule 12A (the financial or business affairs of a particular person, the Council included), with
its minutes. The words are the project's own; the shape is the one councils publish as "Part B"
or "private" reports."""

from __future__ import annotations

import datetime as dt

from ocplan_desktop.domain.meetings import minute_number
from ocplan_desktop.domain.minutes import Minutes, resolution
from ocplan_desktop.domain.reports import Report, ReportAuthor, ReportRecommendation, ReportSection
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store import minutes as minutes_store
from ocplan_desktop.store import records
from ocplan_desktop.store import reports as report_store
from ocplan_desktop.store.workspace import Workspace

TITLE = "Disposal of the former Eastfield Road depot: commercial terms"
PARAGRAPH = 3
REASON = (
    "The report sets out the bids received and the terms negotiated with the preferred bidder. "
    "Publishing them before contracts are exchanged would weaken the Council's position in the "
    "sale, so the public interest in keeping them back outweighs the interest in disclosure."
)

REPORT = Report(
    title=TITLE,
    kind="private report",
    report_of="Director of Property Services",
    cabinet_member="Cabinet Member for Strategic Finance and Resources – Councillor R Brown",
    director="Director of Property Services",
    wards_all=False,
    key_decision=True,
    key_decision_reason="The sale is worth more than £1 million.",
    executive_summary=(
        "Four bids were received for the freehold of the former depot after the site was marketed "
        "for eight weeks last autumn.\n\n"
        "The preferred bidder has offered £2.35 million, subject to planning consent for 84 homes, "
        "of which 25 would be affordable."
    ),
    recommendations=(
        ReportRecommendation(
            "Cabinet",
            "Approve the sale of the freehold to the preferred bidder on the terms set out.",
        ),
        ReportRecommendation(
            "Cabinet",
            "Delegate to the Director of Property Services the authority to agree the final terms "
            "of the contract.",
        ),
    ),
    sections=(
        ReportSection(
            "The bids received",
            (
                "The highest bid was £2.6 million but depended on the Council clearing the site at its "
                "own cost, estimated at £410,000.",
                "The preferred bid of £2.35 million carries no clearance condition and the bidder has "
                "shown proof of funds.",
            ),
        ),
        ReportSection(
            "Terms negotiated",
            (
                "Completion would follow within six weeks of planning consent, with an overage clause "
                "returning half of any uplift above 84 homes to the Council.",
            ),
        ),
    ),
    implications={
        "implications_financial": (
            "The capital receipt will be applied to the capital programme; the site costs the "
            "Council £38,000 a year to keep secure while empty."
        ),
        "implications_legal": (
            "The Council has a duty to obtain the best consideration reasonably obtainable for the "
            "sale, which the independent valuation supports."
        ),
    },
    authors=(ReportAuthor("Sam Okafor", "Head of Estates"),),
    author_service="Property Services",
    author_contact="sam.okafor@coventry.gov.uk",
)

MINUTES_PARAGRAPHS = (
    "The Cabinet considered a private report of the Director of Property Services on the bids "
    "received for the former depot and the terms agreed with the preferred bidder.",
)
RESOLUTIONS = (
    resolution("That the sale of the freehold to the preferred bidder be approved."),
    resolution(
        "That authority to agree the final terms of the contract be delegated to the Director of "
        "Property Services."
    ),
)


def add_exempt_report(ws: Workspace, cabinet_meeting_id: int) -> int:
    """The private report, on the Cabinet meeting's agenda with its minutes; returns its id."""
    report_id = report_store.add_report(ws, REPORT)
    records.update(
        ws, "reports", report_id, {"exempt_paragraph": PARAGRAPH, "exempt_reason": REASON}
    )
    meeting = meeting_store.get_meeting(ws, cabinet_meeting_id)
    items = meeting_store.agenda(ws, cabinet_meeting_id)
    numbers = [item.minute_number for item in items if item.minute_number]
    number = ""
    if numbers:
        last = int(numbers[-1].split("/")[0])
        number = minute_number(last + 1, dt.date.fromisoformat(meeting.date))
    item_id = meeting_store.add_agenda_item(
        ws, cabinet_meeting_id, TITLE, minute_number=number, report_id=report_id, outcome="Approved"
    )
    minutes_store.add_minutes(
        ws,
        Minutes(
            agenda_item_id=item_id,
            heading=TITLE,
            report_of="Private report of the Director of Property Services",
            paragraphs=MINUTES_PARAGRAPHS,
            resolutions=RESOLUTIONS,
        ),
    )
    return report_id
