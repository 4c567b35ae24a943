"""Live figures worked out from the workspace: the value each field in a report's text prints, and
the text as the editor shows it (fields marked) or as the printer sets it (fields replaced).

Every value comes from the same `performance_summary` the performance report prints, so a report's
§2.1 and the pack's performance section cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.figures import (
    KINDS,
    FigureField,
    expand,
    figure_value,
    make_field,
    marked,
)
from ocplan_desktop.domain.performance import Summary
from ocplan_desktop.services.performance import PerformanceSummary, performance_summary
from ocplan_desktop.store.workspace import Workspace


class FigureSource:
    """Values of fields for one workspace, each period worked out once per document."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._results: dict[str, PerformanceSummary | None] = {}
        self.plan = ws.setting("plan_name", "The plan")

    def result(self, period: str) -> PerformanceSummary | None:
        """The period's summary with its history; None for a period the workspace has no values
        for."""
        if period not in self._results:
            try:
                self._results[period] = performance_summary(self.ws, period)
            except ValidationError:
                self._results[period] = None
        return self._results[period]

    def summary(self, period: str) -> tuple[Summary, tuple[Summary, ...]] | None:
        found = self.result(period)
        return None if found is None else (found.summary, found.earlier)

    def value(self, field: FigureField) -> str:
        found = self.result(field.period)
        if found is None:
            return f"[no figures for {field.period}]"
        return figure_value(field, found.summary, found.earlier, self.plan)

    def expand(self, text: str) -> str:
        """The text as printed: every field replaced by its value now."""
        return expand(text, self.value)

    def marked(self, text: str) -> str:
        """The text as the editor shows it: every field's value between ⟦ ⟧."""
        return marked(text, self.value)


def figure_choices() -> list[tuple[str, str]]:
    """(kind, what it prints) for the Insert ▸ Performance figure… dialog."""
    return list(KINDS.items())


def new_field(ws: Workspace, kind: str, period: str) -> tuple[FigureField, str]:
    """A field an officer chose, and the value it prints today (the dialog's preview)."""
    field = make_field(kind, period)
    source = FigureSource(ws)
    if source.result(field.period) is None:
        raise ValidationError(
            f"no indicator values are recorded for {field.period}", field="period"
        )
    return field, source.value(field)


def expander(ws: Workspace) -> Callable[[str], str]:
    """A function that expands the fields in any text of one document (one source, so one
    summary per period however many fields the document holds)."""
    return FigureSource(ws).expand
