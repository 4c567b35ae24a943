"""Knowing what changed since the last sync, whatever wrote it.

Every shared table carries a `uuid` column (filled by a trigger when a row is inserted without one)
and three triggers that note each insert, update and delete in `sync_pending`, in the same
transaction as the write. So a change is noted however it was made: through `records`, by a bulk
insert, by an ordered move, by a foreign key's ON DELETE CASCADE or SET NULL, or by another program.
Each note carries a number from one local counter, so a sync that read a record can tell whether it
was changed again while the sync ran.

Nothing is noted until the workspace is first synced (`tracking`), nor while a sync writes what it
pulled (`applying`). `db/NNNN_sync.sql` holds this SQL for the tables of its time;
`ensure_tracking` adds it for a table added to the registry later.
"""

from __future__ import annotations

from collections.abc import Callable

from ocplan_desktop.store.sync.registry import SHARED
from ocplan_desktop.store.workspace import Workspace

# A version 4 (random) UUID made by SQLite itself, so any program inserting a row gives it one.
UUID_SQL = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
)

STATE_SQL = """\
-- Team sync: the server this workspace syncs with, how far it has got, and what waits to be sent.
CREATE TABLE sync_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    server_id       TEXT,
    server_url      TEXT NOT NULL DEFAULT '',
    client_id       TEXT,
    officer         TEXT NOT NULL DEFAULT '',
    last_seq        INTEGER NOT NULL DEFAULT 0,
    last_synced_at  TEXT,
    change_no       INTEGER NOT NULL DEFAULT 0,
    tracking        INTEGER NOT NULL DEFAULT 0 CHECK (tracking IN (0, 1)),
    applying        INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1))
);
-- client_id names this workspace's pushes (made here, so an upload cut short can be resumed).
INSERT INTO sync_state (id, client_id) VALUES (1, @UUID@);

-- A record changed here since the last sync, with the counter's value at its latest change.
CREATE TABLE sync_pending (
    table_name  TEXT NOT NULL,
    uuid        TEXT NOT NULL,
    change_no   INTEGER NOT NULL,
    PRIMARY KEY (table_name, uuid)
);

-- Each record as last synced (the base of the three-way merge), as sent over the wire (JSON).
CREATE TABLE sync_base (
    table_name  TEXT NOT NULL,
    uuid        TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    data        TEXT NOT NULL,
    PRIMARY KEY (table_name, uuid)
);

-- What two officers changed differently: both values, until the officer settles it.
CREATE TABLE sync_conflicts (
    id           INTEGER PRIMARY KEY,
    table_name   TEXT NOT NULL,
    uuid         TEXT NOT NULL,
    record       TEXT NOT NULL DEFAULT '',
    field        TEXT NOT NULL,
    mine         TEXT,
    theirs       TEXT,
    who          TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL DEFAULT '',
    message      TEXT NOT NULL DEFAULT '',
    found_at     TEXT NOT NULL,
    resolved_at  TEXT,
    kept         TEXT CHECK (kept IS NULL OR kept IN ('mine', 'theirs'))
);
CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at);
"""


# The search index's update triggers on reports fired on any column; the UUID a new row is given
# (an update) would then index the row twice. They now fire when an indexed column changes.
_REPORT_TEXT = (
    "title, report_of, cabinet_member, director, key_decision_reason, executive_summary, "
    "background_papers, scrutiny_considered, other_bodies, goes_to_council, implications_financial, "
    "implications_legal, implications_priorities, implications_risk, implications_organisation, "
    "implications_equalities, implications_climate, implications_partners, author_service, "
    "author_contact"
)
SEARCH_COLUMNS = {
    "reports": _REPORT_TEXT,
    "report_recommendations": "body, text, report_id",
    "report_sections": "heading, report_id",
    "report_paragraphs": "text, section_id",
    "report_appendices": "label, title, report_id",
}


def search_trigger_sql(read_trigger: Callable[[str], str]) -> list[str]:
    """Recreate the report search triggers to fire only when an indexed column changes.

    `read_trigger(name)` gives a trigger's current SQL; only its `AFTER UPDATE ON` head changes.
    """
    statements = []
    for table, columns in SEARCH_COLUMNS.items():
        name = f"search_{table}_update"
        old = read_trigger(name)
        head = f"AFTER UPDATE ON {table} BEGIN"
        if head not in old:
            continue
        statements.append(f"DROP TRIGGER {name};")
        statements.append(old.replace(head, f"AFTER UPDATE OF {columns} ON {table} BEGIN") + ";")
    return statements


# Whether changes are noted now: the workspace syncs, and the sync is not writing what it pulled.
# In each trigger's WHEN, so a workspace that does not sync pays one lookup per row and no more.
_NOTING = "(SELECT tracking = 1 AND applying = 0 FROM sync_state)"


def _note(table: str, row: str, condition: str = "") -> str:
    """SQL noting `row` (`new` or `old`) of `table` as changed, with the counter's next number."""
    where = f" WHERE {condition}" if condition else ""
    also = f" AND {condition}" if condition else ""
    return (
        f"    UPDATE sync_state SET change_no = change_no + 1{where};\n"
        "    INSERT INTO sync_pending (table_name, uuid, change_no)\n"
        f"        SELECT '{table}', {row}.uuid, change_no FROM sync_state WHERE id = 1{also}\n"
        "        ON CONFLICT (table_name, uuid) DO UPDATE SET change_no = excluded.change_no;\n"
    )


def trigger_sql(table: str) -> list[str]:
    """The four triggers of one shared table."""
    return [
        f"CREATE TRIGGER sync_{table}_uuid AFTER INSERT ON [{table}] WHEN new.uuid IS NULL BEGIN\n"
        f"    UPDATE [{table}] SET uuid = {UUID_SQL} WHERE rowid = new.rowid;\nEND;",
        f"CREATE TRIGGER sync_{table}_insert AFTER INSERT ON [{table}] "
        f"WHEN new.uuid IS NOT NULL AND {_NOTING} BEGIN\n{_note(table, 'new')}END;",
        f"CREATE TRIGGER sync_{table}_update AFTER UPDATE ON [{table}] "
        f"WHEN new.uuid IS NOT NULL AND {_NOTING} BEGIN\n{_note(table, 'new')}"
        f"{_note(table, 'old', 'old.uuid IS NOT NULL AND old.uuid <> new.uuid')}END;",
        f"CREATE TRIGGER sync_{table}_delete AFTER DELETE ON [{table}] "
        f"WHEN old.uuid IS NOT NULL AND {_NOTING} BEGIN\n{_note(table, 'old')}END;",
    ]


def identity_sql(table: str) -> list[str]:
    """Give an existing table its `uuid` column, a UUID for every row, and its triggers."""
    return [
        f"ALTER TABLE [{table}] ADD COLUMN uuid TEXT;",
        f"UPDATE [{table}] SET uuid = {UUID_SQL};",
        f"CREATE UNIQUE INDEX [{table}_uuid] ON [{table}] (uuid);",
        *trigger_sql(table),
    ]


def migration_sql() -> str:
    """The text of the schema step that brought team sync (a maintainer's tool: the released
    file is kept as it was; the search triggers are read from the steps before it)."""
    import sqlite3

    from ocplan_desktop.store.migrations import schema_steps, split_statements

    connection = sqlite3.connect(":memory:")
    for step in schema_steps():
        if step.name.endswith("_sync"):
            break
        for statement in split_statements(step.path.read_text(encoding="utf-8")):
            connection.execute(statement)

    def read_trigger(name: str) -> str:
        row = connection.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
        ).fetchone()
        return str(row[0]) if row else ""

    parts = [
        "-- ocplan workspace schema: team sync (offline copies synced through PostgreSQL).",
        "-- Generated by `python -m ocplan_desktop.store.sync.tracking` from the registry of its time.",
        "",
        STATE_SQL.replace("@UUID@", UUID_SQL),
        "-- The report search triggers fire when an indexed column changes (not when a row gets its UUID).",
        *search_trigger_sql(read_trigger),
        "",
        "-- Every shared record gets a UUID; changes to it are noted for the next sync.",
    ]
    for table in SHARED:
        parts.append(f"\n-- {table.name}")
        parts.extend(identity_sql(table.name))
    parts.append(
        "\n-- Each parent's ordered rows are read together (a sync applies a list's order)."
    )
    for table in SHARED:
        if table.ordered_by is None:
            continue
        wanted = [*table.ordered_by, "position"]
        indexed = [
            [row[2] for row in connection.execute(f"PRAGMA index_info([{index[1]}])")]
            for index in connection.execute(f"PRAGMA index_list([{table.name}])")
        ]
        if wanted not in indexed:
            columns = ", ".join(wanted)
            parts.append(f"CREATE INDEX [{table.name}_order] ON [{table.name}] ({columns});")
    return "\n".join(parts) + "\n"


def untracked(ws: Workspace) -> list[str]:
    """Shared tables present in the workspace without their UUID column or triggers."""
    triggers = {
        row["name"] for row in ws.query("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    tables = {
        row["name"] for row in ws.query("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    missing = []
    for table in SHARED:
        if table.name not in tables:
            continue
        names = {f"sync_{table.name}_{kind}" for kind in ("uuid", "insert", "update", "delete")}
        columns = {row["name"] for row in ws.query(f"PRAGMA table_info([{table.name}])")}
        if "uuid" not in columns or not names <= triggers:
            missing.append(table.name)
    return missing


def ensure_tracking(ws: Workspace) -> list[str]:
    """Track tables added to the registry after the workspace's schema: their rows get UUIDs and
    triggers, and, in a workspace that syncs, are all waiting to be sent. Returns their names."""
    missing = untracked(ws)
    if not missing:
        return []
    with ws.atomic() as db:
        for name in missing:
            columns = {row["name"] for row in ws.query(f"PRAGMA table_info([{name}])")}
            statements = identity_sql(name) if "uuid" not in columns else trigger_sql(name)
            for kind in ("uuid", "insert", "update", "delete"):
                db.execute(f"DROP TRIGGER IF EXISTS sync_{name}_{kind}")
            for statement in statements:
                db.execute(statement)
            db.execute(
                "INSERT OR IGNORE INTO sync_pending (table_name, uuid, change_no) "
                f"SELECT ?, uuid, (SELECT change_no FROM sync_state) FROM [{name}] "
                "WHERE (SELECT tracking FROM sync_state) = 1",
                (name,),
            )
    return missing


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    print(migration_sql(), end="")
