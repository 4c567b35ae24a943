"""Stored values of a recommendation as an officer reads them: names for ids, dates the council's way.

The detail pane's history and the update report both describe changes with these words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ocplan_desktop.domain.audit import AuditEntry
from ocplan_desktop.domain.dates import format_date
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.recommendations import FIELD_LABELS
from ocplan_desktop.domain.tracker_report import FieldChange, HistoryEntry
from ocplan_desktop.store import committees as committee_store
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store.workspace import Workspace

_DATES = frozenset({"from_date", "response_date", "due_date"})
_LABELLED = frozenset({"response", "status", "category"})
_HIDDEN = frozenset({"resolution_id", "from_committee_id", "from_meeting_id"})


@dataclass(frozen=True)
class Names:
    """Names of the committees, people and meetings a recommendation's ids point at."""

    committees: dict[int, str]
    people: dict[int, str]
    meetings: dict[int, str]

    def describe(self, field: str, value: Any) -> str:
        """One stored value as text; empty for no value."""
        if value is None or value == "":
            return ""
        if field in _DATES:
            try:
                return format_date(str(value))
            except ValidationError:
                return str(value)
        if field in _LABELLED:
            return str(value).replace("_", " ").capitalize()
        if field in ("to_committee_id", "from_committee_id"):
            return self.committees.get(int(value), f"committee {value}")
        if field in ("lead_officer_id", "cabinet_member_id"):
            return self.people.get(int(value), f"person {value}")
        if field in ("response_meeting_id", "from_meeting_id"):
            return self.meetings.get(int(value), f"meeting {value}")
        return str(value)

    def changes(self, fields: dict[str, tuple[Any, Any]]) -> tuple[FieldChange, ...]:
        """Field changes in the order the tracker shows fields; ids and bookkeeping left out."""
        order = list(FIELD_LABELS)
        shown = sorted(
            (name for name in fields if name in FIELD_LABELS and name not in _HIDDEN),
            key=order.index,
        )
        return tuple(
            FieldChange(
                FIELD_LABELS[name],
                self.describe(name, fields[name][0]),
                self.describe(name, fields[name][1]),
            )
            for name in shown
        )

    def history_entry(self, entry: AuditEntry) -> HistoryEntry:
        fields = entry.changed_fields()
        if entry.action == "insert":
            # What it was created with is the record itself; only say that it was added.
            fields = {}
        return HistoryEntry(entry.at, entry.user, entry.action, self.changes(fields))


def load_names(ws: Workspace) -> Names:
    return Names(
        committees={item.id: item.name for item in committee_store.list_committees(ws)},
        people={item.id: item.display_name for item in committee_store.list_people(ws)},
        meetings={item.id: item.title for item in meeting_store.list_meetings(ws)},
    )
