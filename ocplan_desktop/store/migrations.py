"""The schema as numbered SQL files in `db/`, applied in order through sqlite-utils' `Migrations`.

Each file runs in one transaction together with sqlite-utils' record of it and `PRAGMA user_version`
set to its number, so any SQLite tool can tell the schema version. Released files are never edited.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from ocplan_desktop.paths import migrations_dir

MIGRATION_SET = "ocplan"
_FILE_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class SchemaStep:
    number: int
    name: str
    path: Path


def schema_steps(folder: Path | None = None) -> list[SchemaStep]:
    folder = folder or migrations_dir()
    steps = []
    for path in sorted(folder.glob("*.sql")):
        match = _FILE_NAME.match(path.name)
        if not match:
            raise RuntimeError(f"{path.name}: schema files are named like 0002_add_something.sql")
        steps.append(SchemaStep(int(match.group(1)), path.stem, path))
    numbers = [step.number for step in steps]
    if numbers != list(range(1, len(steps) + 1)):
        raise RuntimeError(f"schema files must be numbered 1, 2, 3, … without gaps: {numbers}")
    return steps


def latest_version(folder: Path | None = None) -> int:
    return len(schema_steps(folder))


def split_statements(script: str) -> list[str]:
    """SQL statements one by one (trigger bodies kept whole), so each runs inside our transaction;
    `executescript` would commit first."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current.strip())
            current = ""
    if current.strip() and not all(
        part.strip().startswith("--") or not part.strip() for part in current.splitlines()
    ):
        raise RuntimeError(
            f"incomplete SQL statement at the end of a schema file: {current[:80]!r}"
        )
    return statements


def _step_function(step: SchemaStep) -> Callable[[Database], None]:
    statements = split_statements(step.path.read_text(encoding="utf-8"))

    def apply(db: Database) -> None:
        for statement in statements:
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {int(step.number)}")

    apply.__name__ = step.name
    return apply


def build_migrations(folder: Path | None = None) -> Migrations:
    migrations = Migrations(MIGRATION_SET)
    for step in schema_steps(folder):
        migrations(name=step.name)(_step_function(step))
    return migrations


def pending_steps(db: Database, folder: Path | None = None) -> list[str]:
    return [migration.name for migration in build_migrations(folder).pending(db)]


def apply_migrations(
    db: Database, folder: Path | None = None, *, stop_before: str | None = None
) -> None:
    build_migrations(folder).apply(db, stop_before=stop_before)
