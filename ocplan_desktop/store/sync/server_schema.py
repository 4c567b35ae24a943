"""The team's schema in PostgreSQL, and setting it up in an empty database (`ocplan server init`).

The server holds each shared record as its latest state (JSON, references as UUIDs), numbered from
one sequence; a deletion is kept as a marked row so a laptop that was away learns of it. What must
hold whatever a client does is enforced here: a record's UUID is unique (the primary key), a change
that arrives twice is applied once (its content key is the primary key of `changes`), approved
minutes cannot change except by a new revision (a trigger), and each row records the login that
wrote it (a trigger, not the client, fills `officer`). Officers' logins belong to one group role that
may read and add records but never delete a row or change the schema.
"""

from __future__ import annotations

from typing import Any

from ocplan_desktop.store.sync.connection import ServerError

SCHEMA = "ocplan"
SCHEMA_VERSION = 1
GROUP_ROLE = "ocplan_team"
# pg_advisory_xact_lock key: every push takes it before numbering, so numbers commit in order and a
# pull that has seen number N has seen everything up to N.
PUSH_LOCK = 0x0C9_1A_2024
# When a row was written, as ISO 8601 in UTC (`2024-01-09T14:32:05+00:00`).
AT_TEXT = "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"')"

STATEMENTS = [
    f"CREATE SCHEMA {SCHEMA}",
    f"CREATE TABLE {SCHEMA}.meta (key text PRIMARY KEY, value text NOT NULL)",
    f"CREATE SEQUENCE {SCHEMA}.change_seq",
    f"""CREATE TABLE {SCHEMA}.records (
        uuid     text PRIMARY KEY,
        tbl      text NOT NULL,
        grp      text,
        refs     text[] NOT NULL DEFAULT '{{}}',
        data     jsonb NOT NULL,
        deleted  boolean NOT NULL DEFAULT false,
        seq      bigint NOT NULL DEFAULT nextval('{SCHEMA}.change_seq'),
        officer  text NOT NULL DEFAULT session_user,
        at       timestamptz NOT NULL DEFAULT now()
    )""",
    f"CREATE INDEX records_seq ON {SCHEMA}.records (seq)",
    f"CREATE INDEX records_group ON {SCHEMA}.records (tbl, grp) WHERE grp IS NOT NULL",
    f"""CREATE TABLE {SCHEMA}.orders (
        tbl      text NOT NULL,
        grp      text NOT NULL,
        items    jsonb NOT NULL,
        seq      bigint NOT NULL DEFAULT nextval('{SCHEMA}.change_seq'),
        officer  text NOT NULL DEFAULT session_user,
        at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tbl, grp)
    )""",
    f"CREATE INDEX orders_seq ON {SCHEMA}.orders (seq)",
    f"""CREATE TABLE {SCHEMA}.changes (
        key        text PRIMARY KEY,
        client_id  text NOT NULL,
        change_no  bigint NOT NULL,
        tbl        text NOT NULL,
        uuid       text NOT NULL,
        officer    text NOT NULL DEFAULT session_user,
        at         timestamptz NOT NULL DEFAULT now()
    )""",
    f"""CREATE TABLE {SCHEMA}.conflicts (
        id          bigserial PRIMARY KEY,
        change_key  text NOT NULL REFERENCES {SCHEMA}.changes (key),
        tbl         text NOT NULL,
        uuid        text NOT NULL,
        field       text NOT NULL,
        mine        jsonb,
        theirs      jsonb,
        who         text NOT NULL DEFAULT '',
        theirs_at   text NOT NULL DEFAULT '',
        message     text NOT NULL DEFAULT '',
        officer     text NOT NULL DEFAULT session_user,
        at          timestamptz NOT NULL DEFAULT now()
    )""",
    f"CREATE INDEX conflicts_change ON {SCHEMA}.conflicts (change_key)",
    # who wrote a row is the login, whatever the client sent
    f"""CREATE FUNCTION {SCHEMA}.stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.officer := session_user;
        NEW.at := now();
        RETURN NEW;
    END $$""",
    *[
        f"CREATE TRIGGER {table}_stamp BEFORE INSERT OR UPDATE ON {SCHEMA}.{table} FOR EACH ROW "
        "WHEN (NEW.officer IS DISTINCT FROM session_user OR NEW.at IS DISTINCT FROM now()) "
        f"EXECUTE FUNCTION {SCHEMA}.stamp()"
        for table in ("records", "orders", "changes", "conflicts")
    ],
    # approved minutes ---------------------------------------------------------------------------
    f"""CREATE FUNCTION {SCHEMA}.item_locked(p_item text)
    RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT coalesce((
            SELECT m.data ->> 'minutes_status' = 'approved' AND NOT m.deleted
            FROM {SCHEMA}.records ai
            JOIN {SCHEMA}.records m ON m.uuid = ai.data ->> 'meeting_id'
            WHERE ai.uuid = p_item
        ), false)
    $$""",
    f"""CREATE FUNCTION {SCHEMA}.minutes_locked(p_minutes text)
    RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT {SCHEMA}.item_locked(
            (SELECT data ->> 'agenda_item_id' FROM {SCHEMA}.records WHERE uuid = p_minutes)
        )
    $$""",
    # Minutes whose revision this transaction raised (a correction) may change with it.
    f"""CREATE FUNCTION {SCHEMA}.corrected_now(p_minutes text)
    RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT EXISTS (
            SELECT 1 FROM {SCHEMA}.records
            WHERE uuid = p_minutes AND xmin::text = (pg_current_xact_id()::xid)::text
        )
    $$""",
    f"""CREATE FUNCTION {SCHEMA}.guard_records() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        m text;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'records are never deleted: a deletion is kept as a marked row';
        END IF;
        IF TG_OP = 'UPDATE' AND NEW.deleted = OLD.deleted AND NEW.data = OLD.data THEN
            RETURN NEW;
        END IF;
        IF NEW.tbl = 'meetings' THEN
            IF TG_OP = 'UPDATE' AND NOT OLD.deleted AND OLD.data ->> 'minutes_status' = 'approved'
               AND (NEW.deleted OR NEW.data ->> 'minutes_status' IS DISTINCT FROM 'approved') THEN
                RAISE EXCEPTION 'approved minutes cannot change: the meeting % stays approved',
                    NEW.uuid USING ERRCODE = 'P0001';
            END IF;
            RETURN NEW;
        END IF;
        IF NEW.tbl = 'minute_revisions' THEN
            IF TG_OP = 'UPDATE' AND NOT OLD.deleted THEN
                RAISE EXCEPTION 'approved minutes cannot change: revision % is a record', NEW.uuid
                    USING ERRCODE = 'P0001';
            END IF;
            RETURN NEW;
        END IF;
        IF NEW.tbl NOT IN ('minutes', 'minute_paragraphs', 'minute_bullets', 'resolutions') THEN
            RETURN NEW;
        END IF;
        IF NEW.tbl = 'minutes' THEN
            -- minutes may be added; approved ones change only with a higher revision
            IF TG_OP = 'INSERT' OR NOT {SCHEMA}.item_locked(NEW.data ->> 'agenda_item_id') THEN
                RETURN NEW;
            END IF;
            IF NOT NEW.deleted AND coalesce((NEW.data ->> 'revision')::int, 0) >
               (CASE WHEN OLD.deleted THEN 0 ELSE coalesce((OLD.data ->> 'revision')::int, 0) END)
            THEN
                RETURN NEW;
            END IF;
        ELSE
            m := NEW.data ->> 'minutes_id';
            IF m IS NULL OR {SCHEMA}.corrected_now(m) OR NOT {SCHEMA}.minutes_locked(m) THEN
                RETURN NEW;
            END IF;
        END IF;
        RAISE EXCEPTION 'approved minutes cannot change (% %) except by a new revision',
            NEW.tbl, NEW.uuid USING ERRCODE = 'P0001';
    END $$""",
    f"""CREATE TRIGGER records_guard BEFORE INSERT OR UPDATE ON {SCHEMA}.records FOR EACH ROW
    WHEN (NEW.tbl IN ('meetings', 'minute_revisions', 'minutes', 'minute_paragraphs',
                      'minute_bullets', 'resolutions'))
    EXECUTE FUNCTION {SCHEMA}.guard_records()""",
    f"""CREATE TRIGGER records_kept BEFORE DELETE ON {SCHEMA}.records
    FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.guard_records()""",
    f"""CREATE FUNCTION {SCHEMA}.guard_orders() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        m text;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'orders are never deleted';
        END IF;
        IF NEW.tbl NOT IN ('minute_paragraphs@order', 'minute_bullets@order', 'resolutions@order')
           OR (TG_OP = 'UPDATE' AND NEW.items = OLD.items) THEN
            RETURN NEW;
        END IF;
        m := (NEW.grp::jsonb) ->> 0;
        IF m IS NULL OR NOT {SCHEMA}.minutes_locked(m) OR {SCHEMA}.corrected_now(m) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION 'approved minutes cannot change (order of %) except by a new revision',
            NEW.tbl USING ERRCODE = 'P0001';
    END $$""",
    f"""CREATE TRIGGER orders_guard BEFORE INSERT OR UPDATE ON {SCHEMA}.orders FOR EACH ROW
    WHEN (NEW.tbl IN ('minute_paragraphs@order', 'minute_bullets@order', 'resolutions@order'))
    EXECUTE FUNCTION {SCHEMA}.guard_orders()""",
    f"""CREATE TRIGGER orders_kept BEFORE DELETE ON {SCHEMA}.orders
    FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.guard_orders()""",
]


def _grants(database: str) -> list[str]:
    """Least privilege: read everything; add and change records; never delete, truncate or alter."""
    group = GROUP_ROLE
    return [
        f'GRANT CONNECT ON DATABASE "{database}" TO {group}',
        f"GRANT USAGE ON SCHEMA {SCHEMA} TO {group}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO {group}",
        f"GRANT INSERT, UPDATE ON {SCHEMA}.records, {SCHEMA}.orders TO {group}",
        f"GRANT INSERT ON {SCHEMA}.changes, {SCHEMA}.conflicts, {SCHEMA}.meta TO {group}",
        f"GRANT USAGE ON SEQUENCE {SCHEMA}.change_seq, {SCHEMA}.conflicts_id_seq TO {group}",
        f"REVOKE ALL ON SCHEMA {SCHEMA} FROM PUBLIC",
        f"REVOKE CREATE ON SCHEMA public FROM {group}",
    ]


def _other_tables(conn: Any) -> list[str]:
    rows = conn.execute(
        "SELECT table_schema || '.' || table_name FROM information_schema.tables "
        "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
    ).fetchall()
    return [str(row[0]) for row in rows]


def installed_version(conn: Any) -> int | None:
    """The team schema's version in this database, or None when it has none."""
    present = conn.execute(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND table_name = 'meta'",
        (SCHEMA,),
    ).fetchone()
    if not present:
        return None
    row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def initialise(conn: Any, server_id: str) -> str:
    """Create the team's schema and group role in an empty database; refuse anything else.

    Returns what was done, in one line.
    """
    version = installed_version(conn)
    database = str(conn.execute("SELECT current_database()").fetchone()[0])
    if version is not None:
        if version == SCHEMA_VERSION:
            raise ServerError(
                f"the database {database} already holds the team's schema (version {version}): "
                "nothing to do"
            )
        raise ServerError(
            f"the database {database} holds the team's schema version {version}, and this ocplan "
            f"makes version {SCHEMA_VERSION}: use the ocplan that matches it; nothing was changed"
        )
    others = _other_tables(conn)
    if others:
        shown = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
        raise ServerError(
            f"the database {database} is not empty (it holds {shown}): give the team an empty "
            "database of its own; nothing was changed"
        )
    with conn.transaction():
        for statement in STATEMENTS:
            conn.execute(statement)
        conn.execute(
            f"INSERT INTO {SCHEMA}.meta (key, value) VALUES ('schema_version', %s), "
            "('server_id', %s), ('created_at', now()::text)",
            (str(SCHEMA_VERSION), server_id),
        )
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (GROUP_ROLE,)).fetchone()
        if not exists:
            conn.execute(f"CREATE ROLE {GROUP_ROLE} NOLOGIN")
        for statement in _grants(database):
            conn.execute(statement)
    return (
        f"the team's schema (version {SCHEMA_VERSION}) is ready in {database}; "
        f"give each officer a login in the group {GROUP_ROLE}"
    )
