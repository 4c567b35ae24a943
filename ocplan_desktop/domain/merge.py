"""Three-way merging of a record and of an ordered list, against the copy as last synced.

Pure functions over plain values (a record is a dict of field → JSON value, `None` when the record
does not exist or was deleted), so the rules are tested with Hypothesis and the same code runs
wherever a merge is made: in the server's transaction when a push is applied, and on a laptop when a
pull meets an edit made while the sync was running.

- Different fields changed on the two sides merge.
- The same field changed to two different values, or an edit against a deletion, is a conflict: the
  value that is already in the team's copy ("theirs") stands, and "mine" is kept in the conflict.
- An ordered list (agenda items of a meeting, resolutions of minutes) is one value: who is in it is
  decided by the records themselves; its order is taken from the side that changed it, and both
  sides reordering differently is a conflict.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Record = Mapping[str, Any]
# The field a conflict names when the whole record is at stake (an edit against a deletion).
WHOLE_RECORD = "(record)"
# The field a conflict names when the order of a list is at stake.
ORDER = "(order)"


@dataclass(frozen=True)
class FieldConflict:
    field: str
    mine: Any
    theirs: Any


@dataclass(frozen=True)
class RecordMerge:
    """What the merged record is (`None`: deleted or absent) and what could not be merged."""

    result: dict[str, Any] | None
    conflicts: tuple[FieldConflict, ...] = ()

    def changes(self, theirs: Record | None) -> bool:
        """Whether the result differs from `theirs` (what the team's copy held before)."""
        if self.result is None or theirs is None:
            return (self.result is None) != (theirs is None)
        return any(theirs.get(name) != value for name, value in self.result.items())


def changed_fields(base: Record | None, mine: Record | None) -> dict[str, Any]:
    """The fields `mine` changed against `base` (a field `mine` does not have is unchanged)."""
    if mine is None:
        return {}
    if base is None:
        return dict(mine)
    return {name: value for name, value in mine.items() if base.get(name) != value}


def merge_record(base: Record | None, mine: Record | None, theirs: Record | None) -> RecordMerge:
    """Merge my version of a record into theirs, field by field, against the common base.

    `base` is the record as this laptop last synced it (None: it had not seen the record, or saw
    it deleted); `mine` is it now on this laptop; `theirs` is it in the team's copy. A field
    missing from `mine` (a column a newer version of the app added) counts as unchanged.
    """
    if mine is None:
        if base is None or theirs is None:
            return RecordMerge(None if theirs is None else dict(theirs))
        if _same(base, theirs):
            return RecordMerge(None)
        # I deleted it, someone changed it meanwhile: their edit stands.
        return RecordMerge(dict(theirs), (FieldConflict(WHOLE_RECORD, None, dict(theirs)),))
    if theirs is None:
        if base is None:
            return RecordMerge(dict(mine))  # new here (or brought back where it was deleted)
        if not changed_fields(base, mine):
            return RecordMerge(None)
        # I changed it, someone deleted it meanwhile: the deletion stands.
        return RecordMerge(None, (FieldConflict(WHOLE_RECORD, dict(mine), None),))
    result = dict(theirs)
    conflicts = []
    for name, value in changed_fields(base, mine).items():
        current = theirs.get(name)
        if current == value:
            continue
        if base is not None and name in base and base[name] != current and name in theirs:
            conflicts.append(FieldConflict(name, value, current))
        elif base is None and name in theirs:
            # Made on both sides (the same natural key): what differs is for the officer.
            conflicts.append(FieldConflict(name, value, current))
        else:
            result[name] = value
    return RecordMerge(result, tuple(conflicts))


def _same(left: Record, right: Record) -> bool:
    names = set(left) & set(right)
    return all(left[name] == right[name] for name in names)


# ordered lists ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderMerge:
    result: tuple[str, ...]
    conflict: bool = False
    mine: tuple[str, ...] = field(default=())


def _relative(order: Sequence[str], members: set[str]) -> list[str]:
    return [item for item in order if item in members]


def _place_new(skeleton: list[str], source: Sequence[str], new: Iterable[str]) -> list[str]:
    """Insert each of `new` after its nearest predecessor in `source` that is already placed, and
    after what the other side added right there (so additions on both sides keep the team's
    first)."""
    result = list(skeleton)
    wanted = set(new)
    known = set(source)
    for index, item in enumerate(source):
        if item not in wanted or item in result:
            continue
        at = 0
        for previous in reversed(source[:index]):
            if previous in result:
                at = result.index(previous) + 1
                break
        while at < len(result) and result[at] not in known:
            at += 1
        result.insert(at, item)
    return result


def merge_order(
    base: Sequence[str] | None, mine: Sequence[str], theirs: Sequence[str] | None
) -> OrderMerge:
    """Merge two orders of one list against the base order.

    Items are ids; membership is not decided here (see `reconcile_order`). The order of the items
    both sides hold is taken from whichever side changed it; if both changed it differently, the
    team's order stands and mine is kept for a conflict. Items only one side has are placed after
    their nearest predecessor on that side.
    """
    if theirs is None:
        return OrderMerge(tuple(dict.fromkeys(mine)))
    mine, theirs = list(dict.fromkeys(mine)), list(dict.fromkeys(theirs))
    shared = set(mine) & set(theirs)
    added = [item for item in mine if item not in shared]
    if base is None:
        # Both sides made the list: the team's order stands; a different order is a conflict.
        differs = _relative(mine, shared) != _relative(theirs, shared)
        result = _place_new(list(theirs), mine, added)
        return OrderMerge(tuple(result), differs, tuple(mine) if differs else ())
    base_list = list(dict.fromkeys(base))
    common = set(base_list) & shared
    base_order = _relative(base_list, common)
    mine_moved = _relative(mine, common) != base_order
    theirs_moved = _relative(theirs, common) != base_order
    if mine_moved and not theirs_moved:
        skeleton = _relative(mine, shared)
        result = _place_new(skeleton, theirs, [item for item in theirs if item not in shared])
        result = _place_new(result, mine, added)
        return OrderMerge(tuple(result))
    result = _place_new(list(theirs), mine, added)
    conflict = mine_moved and _relative(mine, shared) != _relative(theirs, shared)
    return OrderMerge(tuple(result), conflict, tuple(mine) if conflict else ())


def reconcile_order(order: Sequence[str], members: Iterable[str]) -> tuple[str, ...]:
    """The list holding exactly `members`: those in `order` keep its order; the rest follow, in
    the order given (callers pass them sorted so every laptop gets the same)."""
    present = set(members)
    listed = [item for item in dict.fromkeys(order) if item in present]
    seen = set(listed)
    return tuple(listed + [item for item in members if item not in seen])
