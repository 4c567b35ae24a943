"""New record identities (UUID version 4) in bulk, for writes that give rows their UUID up front
rather than leaving it to the table's trigger (an update per row).

`uuid.uuid4()` builds an object per call; an import of 100,000 responses and their theme links wants
250,000 of them. Here they are cut from one read of the system's random source, with the version and
variant bits set as RFC 4122 says, in the same text form.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

_VARIANT = "89ab"


def new_uuids(count: int) -> Iterator[str]:
    """`count` random UUIDs as text (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`)."""
    digits = os.urandom(16 * count).hex()
    for start in range(0, 32 * count, 32):
        h = digits[start : start + 32]
        yield (f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[int(h[16], 16) & 3]}{h[17:20]}-{h[20:32]}")


def new_uuid() -> str:
    return next(new_uuids(1))
