"""What the tracker tells about one recommendation's history and about progress since a date.

Plain dataclasses with text ready to read (dates the council's way, names not ids), so the window
previews them and the printing code lays them out without touching the workspace.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ocplan_desktop.domain.recommendations import ProgressUpdate, RecommendationRow


@dataclass(frozen=True)
class FieldChange:
    """One field of a recommendation, as it was and as it became (empty text for no value)."""

    field: str
    before: str
    after: str

    @property
    def sentence(self) -> str:
        if not self.before:
            return f"{self.field} set to {self.after}"
        if not self.after:
            return f"{self.field} cleared (was {self.before})"
        return f"{self.field}: {self.before} → {self.after}"


@dataclass(frozen=True)
class HistoryEntry:
    """One change from the audit trail: when (UTC, ISO), who, and what."""

    at: str
    user: str
    action: str  # insert, update, delete
    changes: tuple[FieldChange, ...]

    @property
    def headline(self) -> str:
        return {
            "insert": "Added to the tracker",
            "delete": "Removed from the tracker",
        }.get(self.action, "Changed")


@dataclass(frozen=True)
class RecommendationDetail:
    """Everything the detail pane shows: the record, its progress log and its change history."""

    row: RecommendationRow
    response_meeting: str  # `Cabinet, 14 February 2023`, or empty
    updates: tuple[ProgressUpdate, ...]
    history: tuple[HistoryEntry, ...]


@dataclass(frozen=True)
class ReportEntry:
    """One recommendation in the update report: where it stands, and what changed since the date."""

    reference: str
    text: str
    to_body: str
    response: str  # `Partially accepted`
    response_text: str
    status: str  # `In progress`
    due_date: str  # `31 March 2024`, or empty
    lead_officer: str
    attention: str  # `⚠ Overdue by 5 months`, or empty
    added: bool  # added to the tracker since the date
    removed: bool  # removed from the tracker since the date
    changes: tuple[FieldChange, ...]
    updates: tuple[ProgressUpdate, ...]
    meeting: str = (
        ""  # the meeting that made it: `Scrutiny Co-ordination Committee, 1 February 2023`
    )

    @property
    def changed(self) -> bool:
        return self.added or self.removed or bool(self.changes) or bool(self.updates)


@dataclass(frozen=True)
class UpdateReport:
    """Progress on the tracked recommendations since a date: the data of the update report.

    Entries are the recommendations that changed since the date, and those still open that did not
    (Scrutiny wants to see what is outstanding too); finished ones with no change are left out.
    """

    since: dt.date
    today: dt.date
    entries: tuple[ReportEntry, ...]

    @property
    def changed(self) -> tuple[ReportEntry, ...]:
        return tuple(entry for entry in self.entries if entry.changed)

    @property
    def unchanged(self) -> tuple[ReportEntry, ...]:
        return tuple(entry for entry in self.entries if not entry.changed)

    def by_meeting(self) -> list[tuple[str, list[ReportEntry]]]:
        """Entries grouped by the meeting that made them, in the order the meetings first appear."""
        groups: dict[str, list[ReportEntry]] = {}
        for entry in self.entries:
            groups.setdefault(entry.meeting or "Other recommendations", []).append(entry)
        return list(groups.items())
