"""What a service did: which kinds of records it touched, and how to undo it.

The window broadcasts one `Change` after every edit; each view looks at `kinds` and refreshes only if
it shows one of them. Undo callables take the workspace as an argument, so a command holding one holds
no connection.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ocplan_desktop.store.workspace import Workspace

# Kinds of records, as views subscribe to them.
COMMITTEES = "committees"
MEETINGS = "meetings"
AGENDA = "agenda"
REPORTS = "reports"
MINUTES = "minutes"
RECOMMENDATIONS = "recommendations"
INDICATORS = "indicators"
VALUES = "indicator_values"
OVERRIDES = "overrides"
EXERCISES = "exercises"
FEEDBACK = "feedback"
REFERENCE = "reference"
WORKSPACE = "workspace"

EVERYTHING = frozenset(
    {
        COMMITTEES,
        MEETINGS,
        AGENDA,
        REPORTS,
        MINUTES,
        RECOMMENDATIONS,
        INDICATORS,
        VALUES,
        OVERRIDES,
        EXERCISES,
        FEEDBACK,
        REFERENCE,
        WORKSPACE,
    }
)


@dataclass(frozen=True)
class Change:
    kinds: frozenset[str]
    ids: frozenset[int] = frozenset()
    undo: Callable[[Workspace], Change] | None = field(default=None, compare=False)
    description: str = ""

    def touches(self, *kinds: str) -> bool:
        return bool(self.kinds.intersection(kinds))

    @classmethod
    def of(
        cls,
        *kinds: str,
        ids: frozenset[int] | set[int] = frozenset(),
        description: str = "",
        undo: Callable[[Workspace], Change] | None = None,
    ) -> Change:
        return cls(frozenset(kinds), frozenset(ids), undo, description)


def everything(description: str = "workspace opened") -> Change:
    return Change(EVERYTHING, description=description)
