"""The only place SQL and sqlite-utils appear."""

from __future__ import annotations

import sys


def _import_sqlite_utils_lazily() -> None:
    """Import sqlite-utils without the pandas and numpy it imports eagerly when they are installed.

    They cost about half a second at start-up and the store never hands sqlite-utils their types
    (importers convert values to plain Python first); pandas is imported when an import or export
    first needs it.
    """
    if "sqlite_utils" in sys.modules:
        return
    blocked = [name for name in ("pandas", "numpy") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` raise ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name) is None:
                del sys.modules[name]


_import_sqlite_utils_lazily()
