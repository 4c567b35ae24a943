"""Creating, opening and checking workspaces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.reference import (
    CHANNELS,
    COMPARATOR_AREAS,
    COVENTRY_WARDS,
    DEFAULT_SETTINGS,
    FEEDBACK_THEMES,
    PLAN_THEMES,
    RESPONDENT_TYPES,
)
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store import reference
from ocplan_desktop.store.checks import (
    file_problems,
    foreign_key_problems,
    list_tables,
    table_integrity,
)
from ocplan_desktop.store.migrations import latest_version
from ocplan_desktop.store.workspace import (
    Workspace,
    check_workspace,
    create_workspace,
)

DEFAULT_AREA = "Coventry"


def seed_reference_data(ws: Workspace, area: str = DEFAULT_AREA) -> None:
    """Wards, plan themes, areas and engagement lists a new workspace starts with."""
    with ws.atomic():
        reference.add_area(ws, area, is_own=True)
        for name in COMPARATOR_AREAS:
            if name.casefold() != area.casefold():
                reference.add_area(ws, name)
        for name, kind in PLAN_THEMES:
            reference.add_theme(ws, name, kind)
        reference.add_wards(ws, [(name, None) for name in COVENTRY_WARDS])
        reference.add_named(ws, "channels", CHANNELS)
        reference.add_named(ws, "respondent_types", RESPONDENT_TYPES)
        reference.add_named(ws, "feedback_themes", FEEDBACK_THEMES)


def new_workspace(
    path: Path | str, area: str = DEFAULT_AREA, populate: Callable[[Workspace], None] | None = None
) -> Workspace:
    """An empty workspace with the reference data; `area` is the council's own area for indicators."""
    area = " ".join(area.split())
    if not area:
        raise ValidationError("the council's own area needs a name", field="area")
    if len(area) > 200:
        raise ValidationError("an area name is at most 200 characters", field="area")

    def fill(ws: Workspace) -> None:
        seed_reference_data(ws, area)
        if populate:
            populate(ws)

    return create_workspace(path, {**DEFAULT_SETTINGS, "area": area}, fill)


@dataclass(frozen=True)
class CheckResult:
    path: Path
    schema_version: int
    latest_version: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check(path: Path | str, *, full: bool = False) -> CheckResult:
    """Quick (or full) integrity check and schema version, without changing the file."""
    path = Path(path)
    facts = check_workspace(path)
    problems: list[str] = []
    found, broken = file_problems(path, full=full)
    problems.extend(found)
    if broken:
        problems.append(
            f"{plural(broken, 'row')} refer{'s' if broken == 1 else ''} to records that do not exist"
        )
    return CheckResult(path, facts.schema_version, latest_version(), tuple(problems))


def integrity_check(ws: Workspace, progress: Progress = NO_PROGRESS) -> CheckResult:
    """The full integrity check, table by table so it can report progress and be cancelled."""
    problems: list[str] = []
    tables = list_tables(ws)
    for done, table in enumerate(tables, start=1):
        progress.step(done - 1, len(tables) + 1, f"Checking {table}…")
        problems.extend(table_integrity(ws, table))
    progress.step(len(tables), len(tables) + 1, "Checking links between records…")
    broken = foreign_key_problems(ws)
    if broken:
        problems.append(
            f"{plural(broken, 'row')} refer{'s' if broken == 1 else ''} to records that do not exist"
        )
    progress.step(len(tables) + 1, len(tables) + 1, "Done")
    return CheckResult(ws.path, ws.schema_version, latest_version(), tuple(problems))
