"""Indicators in from CSV or XLSX: the catalogue, values in long or wide form, or all of them at once.

An import is planned before anything is written: the plan lists what will be added, changed and
refused, with row numbers and reasons, and the window and `ocplan import indicators` show it as the
preview. The import is all or nothing: one refused row and nothing is written. The plan is made again
inside the write transaction, so what is written is what the workspace holds at that moment, and
if that differs from the preview the officer saw, the import is refused rather than surprising them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.importers.indicator_plan import Planner
from ocplan_desktop.importers.indicator_preview import ImportPlan
from ocplan_desktop.importers.indicator_rows import layout_of, parse_rows
from ocplan_desktop.importers.repeats import earlier_text, refuse_repeat
from ocplan_desktop.importers.tabular import Table, read_table
from ocplan_desktop.services.backups import make_backup
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store import indicators as store
from ocplan_desktop.store import records, reference
from ocplan_desktop.store.workspace import Workspace


def plan_table(ws: Workspace, table: Table, blank_clears: bool = False) -> ImportPlan:
    """The plan for a file already read: reads the workspace, writes nothing."""
    layout = layout_of(table)
    rows = parse_rows(table, layout, blank_clears)
    plan = Planner(ws, layout, blank_clears).plan(table, rows)
    return replace(
        plan, earlier_import=earlier_text(ws, table, CATALOGUE, WHERE), blank_clears=blank_clears
    )


def preview_import(
    ws: Workspace, path: Path | str, progress: Progress = NO_PROGRESS, *, blank_clears: bool = False
) -> ImportPlan:
    """Read the file and plan the import; nothing is written (the window's preview, `--dry-run`)."""
    progress.step(0, 2, f"Reading {Path(path).name}")
    table = read_table(path)
    progress.step(1, 2, f"Checking {len(table.rows):,} rows")
    plan = plan_table(ws, table, blank_clears)
    progress.step(2, 2, "Checked")
    return plan


CATALOGUE = "indicators"  # where an indicators file goes, for telling the same file twice
WHERE = "the indicator catalogue"


def import_indicators(
    ws: Workspace,
    path: Path | str,
    progress: Progress = NO_PROGRESS,
    *,
    expected: ImportPlan | None = None,
    again: bool = False,
    blank_clears: bool = False,
) -> ImportPlan:
    """Import the file, all or nothing; returns the plan that was written.

    Refused when any row is refused, or when `expected` (the preview the officer saw) no longer
    matches what the import would do, or when the same file was imported before (unless
    `again`). Not an undo step: the rows carry an import batch.
    """
    progress.step(0, 1, f"Reading {Path(path).name}")
    table = read_table(path)
    refuse_repeat(ws, table, CATALOGUE, WHERE, again=again)
    make_backup(ws, "before indicator import")
    with ws.bulk_write():
        plan = plan_table(ws, table, blank_clears)
        if not plan.ok:
            raise ValidationError(plan.refusal())
        if expected is not None and (plan.lines, plan.unchanged) != (
            expected.lines,
            expected.unchanged,
        ):
            raise ValidationError(
                f"{plan.file} or the workspace changed since the preview: nothing was imported. "
                "Preview the file again."
            )
        if plan.writes_anything:
            _write(ws, plan, progress, table.content_hash)
    return plan


# The values' columns in the order the importer's tuples give them.
VALUE_COLUMNS = (
    "indicator_id",
    "period",
    "area_id",
    "value",
    "provisional",
    "note",
    "import_batch_id",
)


def _write(ws: Workspace, plan: ImportPlan, progress: Progress, content_hash: str = "") -> None:
    total = 5
    progress.step(1, total, "Adding themes and areas")
    batch = records.add_import_batch(
        ws, "indicators", plan.file, plan.row_count, content_hash=content_hash, target=CATALOGUE
    )
    for name in plan.new_themes:
        reference.add_theme(ws, name)
    for name in plan.new_areas:
        reference.add_area(ws, name)
    reference.ensure_periods(ws, plan.new_periods)
    themes = {theme.name.casefold(): theme.id for theme in reference.list_themes(ws)}
    areas = {area.name.casefold(): area.id for area in reference.list_areas(ws)}
    own = reference.own_area(ws).id

    def area_id(name: str) -> int:
        return own if not name else areas[name.casefold()]

    progress.step(2, total, "Adding indicators")
    ids = {item.code.casefold(): item.id for item in store.list_indicators(ws)}
    for new in plan.new_indicators:
        record = {
            **new.record,
            "theme_id": themes[new.theme.casefold()] if new.theme else None,
            "import_batch_id": batch,
        }
        comparators = [area_id(name) for name in new.comparators]
        ids[new.code.casefold()] = store.add_indicator(ws, record, comparators)
    progress.step(3, total, "Changing indicators")
    for change in plan.indicator_changes:
        fields = dict(change.fields)
        if change.theme is not None:
            fields["theme_id"] = themes[change.theme.casefold()]
        if fields:
            store.update_indicator(ws, change.indicator_id, fields)
        if change.comparators is not None:
            store.replace_comparators(
                ws, change.indicator_id, [area_id(name) for name in change.comparators]
            )
    progress.step(4, total, f"Adding {len(plan.new_values):,} values")
    store.add_value_rows(
        ws,
        VALUE_COLUMNS,
        [
            (
                ids[value.code.casefold()],
                value.period,
                area_id(value.area),
                value.value,
                int(value.provisional),
                value.note,
                batch,
            )
            for value in plan.new_values
        ],
        summary=f"imported from {plan.file}",
    )
    progress.step(5, total, f"Changing {len(plan.value_changes):,} values")
    store.update_values(ws, plan.value_changes)
