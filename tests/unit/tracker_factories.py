"""Small factories for tracker tests: committees, meetings and minutes with recommendations."""

from __future__ import annotations

from ocplan_desktop.domain.minutes import Minutes, resolution
from ocplan_desktop.services.recommendations import track_from_minutes
from ocplan_desktop.store import committees, meetings
from ocplan_desktop.store import minutes as minutes_store

SEVEN = (
    "Welcome the increased engagement on the One Coventry Plan",
    "Acknowledge the limited ward data and welcome officers' commitment to build on it",
    "Welcome the planned review of media and communication methods",
    "Suggest that officers explore QR codes linking to a WhatsApp group",
    "Welcome the shared responsibility for delivering the Plan",
    "Welcome the ability to hold partners to account",
    "Agree that Scrutiny receives regular updates on progress",
)


def make_bodies(ws) -> dict[str, int]:
    return {
        "SCC": committees.add_committee(ws, "Scrutiny Co-ordination Committee", "SCC", "scrutiny"),
        "CAB": committees.add_committee(ws, "Cabinet", "CAB", "executive"),
    }


def make_meeting(ws, committee_id: int, date: str, *titles: str) -> int:
    meeting_id = meetings.add_meeting(ws, committee_id, date, status="held")
    for title in titles or ("Business",):
        meetings.add_agenda_item(ws, meeting_id, title)
    return meeting_id


def make_minutes(ws, meeting_id: int, to_committee_id: int, texts=SEVEN) -> int:
    """Minutes whose resolution 2) sends lettered recommendations to another body."""
    item = meetings.agenda(ws, meeting_id)[0]
    return minutes_store.add_minutes(
        ws,
        Minutes(
            agenda_item_id=item.id,
            heading=item.title,
            resolutions=(
                resolution("That the engagement feedback received be noted."),
                resolution(
                    "That the following recommendations be submitted to Cabinet:",
                    *(resolution(text) for text in texts),
                ),
            ),
        ),
        to_committees={1: to_committee_id},
    )


def make_tracker(ws, texts=SEVEN) -> dict[str, int]:
    """Scrutiny on 1 February 2023 sends recommendations to Cabinet (14 February 2023), with a
    later Scrutiny on 21 June 2023 whose matters arising can carry a response."""
    bodies = make_bodies(ws)
    scrutiny = make_meeting(ws, bodies["SCC"], "2023-02-01", "One Coventry Plan 2022-2030")
    cabinet = make_meeting(ws, bodies["CAB"], "2023-02-14", "Recommendations from Scrutiny")
    later = make_meeting(ws, bodies["SCC"], "2023-06-21", "Matters arising", "Work programme")
    minutes_id = make_minutes(ws, scrutiny, bodies["CAB"], texts)
    ids = track_from_minutes(ws, minutes_id)
    officer = committees.add_person(ws, "Tom Adeyemi", kind="officer")
    member = committees.add_person(ws, "G Duggins", kind="member", honorific="Councillor")
    return {
        **bodies,
        "scrutiny": scrutiny,
        "cabinet": cabinet,
        "later": later,
        "minutes": minutes_id,
        "officer": officer,
        "member": member,
        **{f"rec{index}": rec for index, rec in enumerate(ids)},
        "count": len(ids),
    }
