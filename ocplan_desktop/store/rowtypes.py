"""Rows into domain objects, taking only the fields the object has.

A table can carry columns its domain object does not show (a record's `uuid` for team sync, a column
a later schema step adds): `SELECT *` rows then still build the object.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, TypeVar

T = TypeVar("T")


_NAMES: dict[type, frozenset[str]] = {}


def _names(cls: type) -> frozenset[str]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = frozenset(field.name for field in dataclasses.fields(cls))
    return names


def build(cls: type[T], row: Mapping[str, Any], **extra: Any) -> T:
    """`cls(**row, **extra)` with the columns `cls` does not have left out."""
    names = _names(cls)
    values = {key: value for key, value in row.items() if key in names}
    values.update(extra)
    return cls(**values)
