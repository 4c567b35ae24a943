"""A writer for the crash tests: real store operations in a loop, each acknowledged after commit.

Run as `python -m tests.reliability.crash_writer PATH`. Each transaction adds a meeting with three
agenda items and minutes for the first (two paragraphs, a resolution with two lettered items), then
prints the meeting's id: a printed id is a change the user was told was saved.
"""

from __future__ import annotations

import sys

from ocplan_desktop.domain.minutes import Minutes, resolution
from ocplan_desktop.store import meetings, minutes
from ocplan_desktop.store.workspace import open_workspace

ITEMS_PER_MEETING = 3


def main(path: str) -> None:
    ws = open_workspace(path)
    committee_id = int(ws.scalar("SELECT min(id) FROM committees"))
    print("ready", flush=True)
    day = 0
    while True:
        day += 1
        with ws.atomic():
            meeting_id = meetings.add_meeting(ws, committee_id, f"2030-01-{day % 28 + 1:02d}")
            item_ids = [
                meetings.add_agenda_item(ws, meeting_id, f"Item {number} of meeting {meeting_id}")
                for number in range(ITEMS_PER_MEETING)
            ]
            minutes.add_minutes(
                ws,
                Minutes(
                    item_ids[0],
                    f"Minutes of {meeting_id}",
                    paragraphs=("One.", "Two." * 200),
                    resolutions=(resolution("Noted", resolution("a"), resolution("b")),),
                ),
            )
        print(meeting_id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
