"""Bulk record identities: real version-4 UUIDs, every one different."""

from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from ocplan_desktop.store.identity import new_uuid, new_uuids


@given(st.integers(min_value=0, max_value=300))
def test_bulk_uuids_are_version_4_rfc_4122_and_distinct(count):
    made = list(new_uuids(count))
    assert len(made) == count == len(set(made))
    for text in made:
        parsed = uuid.UUID(text)
        assert str(parsed) == text
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122


def test_one_uuid():
    assert uuid.UUID(new_uuid()).version == 4
