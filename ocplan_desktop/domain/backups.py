"""Which backups to keep: the newest few, then one a day, a week and a month going back.

Like a grandfather-father-son rota: recent mistakes can be undone from a backup minutes old, older
ones from a backup of the right day, week or month, without the folder growing for ever.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Tiers:
    last: int = 10
    daily: int = 7
    weekly: int = 4
    monthly: int = 6


DEFAULT_TIERS = Tiers()


def backups_to_keep(made: Iterable[dt.datetime], tiers: Tiers = DEFAULT_TIERS) -> set[dt.datetime]:
    """The times (of those given) whose backups are kept; the rest may be deleted.

    Within each tier the newest backup of each day / ISO week / month is kept, for as many of the
    most recent days / weeks / months as the tier allows.
    """
    times = sorted(set(made), reverse=True)
    keep = set(times[: tiers.last])
    for count, bucket in (
        (tiers.daily, lambda t: t.date()),
        (tiers.weekly, lambda t: t.isocalendar()[:2]),
        (tiers.monthly, lambda t: (t.year, t.month)),
    ):
        seen: list[object] = []
        for time in times:
            key = bucket(time)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            keep.add(time)
    return keep
