"""An exercise's responses held compactly: 100,000 of them fill a page, so what repeats from one to
the next (ward, channel, date, theme set) is held once, and the rows are read one at a time."""

from __future__ import annotations

from collections.abc import Iterator

from ocplan_desktop.services import engagement
from ocplan_desktop.store import engagement as store
from ocplan_desktop.store import reference
from ocplan_desktop.store.workspace import SHARED_ROWS_AT_MOST


def test_repeated_values_are_shared_between_responses(ws):
    exercise_id = next(iter(engagement.add_exercise(ws, engagement.ExerciseFields("Parks")).ids))
    ward = reference.list_wards(ws)[0].id
    theme = reference.names(ws, "feedback_themes")[0][0]
    store.add_feedback_rows(
        ws,
        ("exercise_id", "received_on", "ward_id", "text"),
        [
            (exercise_id, "2024-05-01", ward, f"More benches in the park, please ({n})")
            for n in range(3)
        ],
        {0: [theme], 1: [theme]},
        summary="test",
    )
    assert isinstance(store.feedback_rows(ws, exercise_id), Iterator)  # not a list of dicts
    first, second, third = engagement.responses(ws, exercise_id)
    assert first.ward == second.ward and first.ward is second.ward is third.ward
    assert first.received_on is second.received_on
    assert first.exercise is third.exercise
    assert first.theme_ids == frozenset({theme}) and first.theme_ids is second.theme_ids
    assert third.theme_ids == frozenset()
    assert first.text != second.text
    assert not hasattr(first, "__dict__")  # slots: no dict per response


def test_a_read_too_large_to_hold_twice_is_not_shared(ws):
    sql = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT i FROM n"
    statements: list[str] = []
    ws.db.conn.set_trace_callback(statements.append)
    with ws.shared_reads():
        for _ in range(2):
            assert len(ws.query(sql, (SHARED_ROWS_AT_MOST + 1,))) == SHARED_ROWS_AT_MOST + 1
        for _ in range(2):
            assert len(ws.query(sql, (10,))) == 10
    runs = [s for s in statements if s.startswith("WITH RECURSIVE")]
    assert len([s for s in runs if f"i < {SHARED_ROWS_AT_MOST + 1}" in s]) == 2
    assert len([s for s in runs if "i < 10)" in s]) == 1
