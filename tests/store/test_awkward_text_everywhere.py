"""Every text field in the schema stores awkward text and gives it back exactly.

Driven by the schema itself, so tables added later are covered without editing this test.
"""

from __future__ import annotations

import sqlite3

AWKWARD = [
    "<b>unclosed",
    "a < b & c",
    '<img src="/etc/passwd"/>',
    '=HYPERLINK("http://x")',
    "+44 24 7683 3333",
    "-minus",
    "@handle",
    "\tTab",
    "'; DROP TABLE meetings; --",
    'O\'Brien "C++" 2024-25 AND OR NOT * NEAR',
    "Emoji 😀👍🏽🇬🇧",
    "مرحبا بالعالم",
    "עברית",
    "nul\x00inside",
    "x" * 10_000,
    "CON",
    "../../etc/passwd",
    "ocplan " * 150_000,  # a megabyte
]


def text_columns(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    found = []
    for (table,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '%_fts%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
    ):
        for _cid, column, kind, _notnull, _default, pk in connection.execute(
            f"PRAGMA table_info([{table}])"
        ):
            if kind.upper() == "TEXT" and not pk:
                found.append((table, column))
    return found


def test_every_text_column_round_trips_awkward_text(demo_ws):
    connection = demo_ws.db.conn
    columns = text_columns(connection)
    assert len(columns) > 60
    stored = 0
    with demo_ws.atomic() as db:  # one transaction with savepoints inside: one sync to disk
        for table, column in columns:
            row = connection.execute(f"SELECT rowid, [{column}] FROM [{table}] LIMIT 1").fetchone()
            if row is None:
                continue
            for text in AWKWARD:
                try:
                    with demo_ws.atomic():
                        db.execute(
                            f"UPDATE [{table}] SET [{column}] = ? WHERE rowid = ?", (text, row[0])
                        )
                except sqlite3.IntegrityError:
                    break  # a column with a CHECK (a status, a date) refuses free text: right
                back = connection.execute(
                    f"SELECT [{column}] FROM [{table}] WHERE rowid = ?", (row[0],)
                ).fetchone()[0]
                assert back == text, (table, column, text[:30])
                stored += 1
            # Put the original back, so a row does not carry a megabyte in every column at once.
            db.execute(f"UPDATE [{table}] SET [{column}] = ? WHERE rowid = ?", (row[1], row[0]))
    assert stored > 500
    assert demo_ws.scalar("PRAGMA integrity_check") == "ok"
