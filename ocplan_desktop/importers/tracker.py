"""Importing the tracker from a CSV or XLSX file.

Columns are matched by name (the export's names, in any case or spacing). Every row is checked and the
result is a preview (`TrackerImport`): what will be created, updated, left as it is and refused, with
spreadsheet row numbers and reasons. Nothing is written until `apply_import`, which refuses a plan with
any refused row, checks the plan again inside its transaction, and writes all of it or nothing. A row
whose reference is already tracked updates that recommendation, so re-importing an edited export
creates no duplicates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.recommendations import FIELD_LABELS, RecommendationStatus
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.importers.tabular import Table, read_table, unneutralise
from ocplan_desktop.importers.tracker_export import COLUMNS, DERIVED
from ocplan_desktop.importers.tracker_rows import RowPlan, check_row, load_lookups
from ocplan_desktop.services.backups import make_backup
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.services.tracker_names import Names, load_names
from ocplan_desktop.store import committees as committee_store
from ocplan_desktop.store import recommendations as store
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace

__all__ = ["apply_import", "check_table", "plan_import", "unneutralise"]  # the reader takes the
# export's formula apostrophe off (`unneutralise`, kept importable from here)

IMPORTABLE = tuple(name for name in COLUMNS if name not in DERIVED)
# Headings trackers use for the same columns ("Ref", "Due", "Update"); matched regardless of
# case, spaces and underscores.
ALIASES = {
    "reference": ("ref", "ref no", "reference number", "recommendation ref", "rec ref"),
    "text": ("recommendation",),
    "to_body": ("to",),
    "from_body": ("from",),
    "due_date": ("due", "deadline", "target date"),
    "lead_officer": ("responsible officer", "officer"),
    "cabinet_member": ("portfolio holder",),
    "latest_update": ("update", "progress update", "latest progress"),
}
CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


@dataclass(frozen=True)
class Refusal:
    """A row that cannot be imported, and why; `message` reads `row 7, status: …`."""

    row: int
    reference: str
    field: str
    reason: str

    @property
    def message(self) -> str:
        return f"row {self.row}, {self.field}: {self.reason}"


@dataclass(frozen=True)
class PlannedRow:
    """What importing one row will do. `values` are the stored columns it writes (all of them for a
    new recommendation, the changed ones for an update); `people` names people to add first."""

    row: int
    reference: str
    action: str
    record_id: int | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    people: Mapping[str, str] = field(default_factory=dict)
    progress_update: tuple[str, str] | None = None
    changes: tuple[str, ...] = ()
    details: tuple[str, ...] = ()  # `Status: In progress → Completed`, for the preview


@dataclass(frozen=True)
class TrackerImport:
    """The preview of an import: nothing has been written."""

    table: Table
    rows: tuple[PlannedRow, ...]
    refusals: tuple[Refusal, ...]
    ignored_columns: tuple[str, ...]
    new_people: tuple[tuple[str, str], ...]  # (name, kind)
    blank_clears: bool = False

    @property
    def file_name(self) -> str:
        return self.table.name

    def _with(self, action: str) -> tuple[PlannedRow, ...]:
        return tuple(row for row in self.rows if row.action == action)

    @property
    def creates(self) -> tuple[PlannedRow, ...]:
        return self._with(CREATE)

    @property
    def updates(self) -> tuple[PlannedRow, ...]:
        return self._with(UPDATE)

    @property
    def unchanged(self) -> tuple[PlannedRow, ...]:
        return self._with(UNCHANGED)

    @property
    def refused_rows(self) -> tuple[int, ...]:
        return tuple(sorted({refusal.row for refusal in self.refusals}))

    @property
    def can_apply(self) -> bool:
        return not self.refusals and bool(self.creates or self.updates)

    @property
    def summary(self) -> str:
        refused = len(self.refused_rows)
        return (
            f"{self.file_name}: {len(self.creates)} to create, {len(self.updates)} to update, "
            f"{len(self.unchanged)} unchanged, {refused} row{'s' if refused != 1 else ''} refused"
        )

    def signature(self) -> tuple[Any, ...]:
        """What the plan would write, to tell whether the workspace changed since the preview."""
        return tuple(
            (
                row.row,
                row.action,
                row.record_id,
                tuple(sorted((k, repr(v)) for k, v in row.values.items())),
                tuple(sorted(row.people.items())),
                row.progress_update,
            )
            for row in self.rows
        ) + (self.new_people, self.refusals)


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    created: int
    updated: int
    unchanged: int
    updates_added: int
    people_added: int
    batch_id: int
    backup: Path | None = None

    @property
    def summary(self) -> str:
        return (
            f"{self.file_name}: created {self.created}, updated {self.updated}, "
            f"left {self.unchanged} unchanged"
            + (f", added {self.people_added} people" if self.people_added else "")
        )


def plan_import(
    ws: Workspace,
    path: Path | str,
    *,
    today: dt.date,
    progress: Progress = NO_PROGRESS,
    blank_clears: bool = False,
) -> TrackerImport:
    """Read and check a tracker file against the workspace; writes nothing. A blank cell leaves a
    stored value as it is unless `blank_clears`."""
    progress.step(0, 0, f"Reading {Path(path).name}…")
    return check_table(
        ws, read_table(path), today=today, progress=progress, blank_clears=blank_clears
    )


def _columns(table: Table) -> dict[str, str]:
    """Our column name → the header as written in the file."""
    found = {}
    for name in IMPORTABLE:
        header = table.column(name)
        for alias in ALIASES.get(name, ()):
            header = header or table.column(alias)
        if header is not None:
            found[name] = header
    if "reference" not in found:
        raise ValidationError(
            f"{table.name}: there is no 'reference' column. The first row must name the columns, "
            f"for example: {', '.join(IMPORTABLE)}"
        )
    if len(found) == 1:
        raise ValidationError(
            f"{table.name}: besides 'reference' there is no column to import "
            f"(the columns are {', '.join(IMPORTABLE)})"
        )
    return found


def check_table(
    ws: Workspace,
    table: Table,
    *,
    today: dt.date,
    progress: Progress = NO_PROGRESS,
    blank_clears: bool = False,
) -> TrackerImport:
    """Check every row of a table that has been read; the preview of importing it."""
    columns = _columns(table)
    used = set(columns.values())
    lookups = load_lookups(ws)
    names = load_names(ws)
    stored = lookups.by_id
    planned: list[PlannedRow] = []
    refusals: list[Refusal] = []
    seen: dict[str, int] = {}
    new_people: dict[str, str] = {}
    total = len(table.rows)
    for index, cells in enumerate(table.rows):
        if index % 50 == 0:
            progress.step(index, total, f"Checking row {table.row_number(index)} of {total + 1}…")
        number = table.row_number(index)
        values = {name: cells.get(header, "") for name, header in columns.items()}
        result = check_row(values, lookups, today, blank_clears=blank_clears)
        reference = values.get("reference", "")
        key = " ".join(reference.split()).casefold()
        if key and key in seen:
            result.errors.append(("reference", f"'{reference}' is also on row {seen[key]}"))
        elif key:
            seen[key] = number
        if result.errors:
            refusals.extend(Refusal(number, reference, f, reason) for f, reason in result.errors)
            continue
        planned.append(_planned(number, reference, result, stored, names))
        for column, name in result.people.items():
            new_people.setdefault(name, "member" if column == "cabinet_member_id" else "officer")
    progress.step(total, total, "Checked")
    return TrackerImport(
        table=table,
        rows=tuple(planned),
        refusals=tuple(refusals),
        ignored_columns=tuple(header for header in table.headers if header not in used),
        new_people=tuple(sorted(new_people.items())),
        blank_clears=blank_clears,
    )


def _planned(
    number: int,
    reference: str,
    result: RowPlan,
    stored: Mapping[int, Mapping[str, Any]],
    names: Names,
) -> PlannedRow:
    if result.record_id is None:
        action = CREATE
    elif result.values or result.people or result.progress_update:
        action = UPDATE
    else:
        action = UNCHANGED
    labels = [FIELD_LABELS.get(name, name) for name in (*result.values, *result.people)]
    details: list[str] = []
    if action == UPDATE:
        before = stored[int(result.record_id or 0)]
        fields = {name: (before.get(name), value) for name, value in result.values.items()}
        details = [change.sentence for change in names.changes(fields)]
        details += [
            f"{FIELD_LABELS[column]}: {names.describe(column, before.get(column)) or '—'} → "
            f"{name} (new person)"
            for column, name in result.people.items()
        ]
        if result.progress_update:
            labels.append("New progress update")
            details.append(f"New progress update dated {result.progress_update[0]}")
    return PlannedRow(
        row=number,
        reference=reference,
        action=action,
        record_id=result.record_id,
        values=result.values,
        people=result.people,
        progress_update=result.progress_update,
        changes=tuple(dict.fromkeys(labels)) if action == UPDATE else (),
        details=tuple(details),
    )


def apply_import(
    ws: Workspace,
    plan: TrackerImport,
    *,
    today: dt.date,
    progress: Progress = NO_PROGRESS,
    backup: bool = True,
) -> ImportResult:
    """Write an accepted preview, all of it or nothing. Refuses a plan with refused rows, and one
    the workspace has moved away from since the preview (check again, then import)."""
    if plan.refusals:
        raise ValidationError(
            f"{plan.file_name}: nothing was imported: {plural(len(plan.refused_rows), 'row')} "
            f"{'was' if len(plan.refused_rows) == 1 else 'were'} refused "
            f"(rows {', '.join(str(row) for row in plan.refused_rows[:10])}"
            f"{', …' if len(plan.refused_rows) > 10 else ''})"
        )
    backup_path = make_backup(ws, "before tracker import") if backup else None
    with ws.bulk_write():
        fresh = check_table(ws, plan.table, today=today, blank_clears=plan.blank_clears)
        if fresh.signature() != plan.signature():
            raise ValidationError(
                f"{plan.file_name}: the workspace changed since the preview; nothing was imported. "
                "Preview the import again."
            )
        batch = records.add_import_batch(
            ws, "recommendations", plan.file_name, len(plan.creates) + len(plan.updates)
        )
        people = {name: _add_person(ws, name, kind) for name, kind in plan.new_people}
        added_updates = 0
        total = len(plan.rows)
        for index, row in enumerate(plan.rows):
            if index % 25 == 0:
                progress.step(index, total, f"Importing {row.reference}…")
            added_updates += _write(ws, row, people, batch, plan.file_name, today)
        progress.step(total, total, "Imported")
    return ImportResult(
        file_name=plan.file_name,
        created=len(plan.creates),
        updated=len(plan.updates),
        unchanged=len(plan.unchanged),
        updates_added=added_updates,
        people_added=len(people),
        batch_id=batch,
        backup=backup_path,
    )


def _add_person(ws: Workspace, name: str, kind: str) -> int:
    honorific = ""
    if kind == "member" and name.casefold().startswith("councillor "):
        honorific, name = "Councillor", name[len("councillor ") :].strip()
    return committee_store.add_person(ws, name, kind=kind, honorific=honorific)


def _write(
    ws: Workspace,
    row: PlannedRow,
    people: dict[str, int],
    batch: int,
    source: str,
    today: dt.date,
) -> int:
    """Write one planned row; returns how many progress-log lines it added."""
    if row.action == UNCHANGED:
        return 0
    values = {**row.values, **{column: people[name] for column, name in row.people.items()}}
    added = 0
    if row.action == CREATE:
        record_id = store.add_recommendation(ws, {**values, "import_batch_id": batch})
    else:
        assert row.record_id is not None
        record_id = row.record_id
        before = store.update_recommendation(ws, record_id, values) if values else None
        if before is not None and "status" in values and values["status"] != before["status"]:
            old = RecommendationStatus(before["status"]).text.lower()
            new = RecommendationStatus(values["status"]).text.lower()
            store.add_update(
                ws,
                record_id,
                today.isoformat(),
                f"Status changed from {old} to {new} (imported from {source}).",
                ws.user,
                values["status"],
            )
            added += 1
    if row.progress_update is not None:
        date, text = row.progress_update
        store.add_update(ws, record_id, date, text, ws.user)
        added += 1
    return added
