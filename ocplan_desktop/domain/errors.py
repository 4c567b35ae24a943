"""The errors an officer can cause and be told about in one line.

Everything the user can get wrong (a bad file, a date that is not a date, a missing record) raises a
subclass of `OcplanError`; the window shows its message in a dialog and the command line prints it on
stderr. Anything else is a bug and is allowed to show a traceback.
"""

from __future__ import annotations


class OcplanError(Exception):
    """A problem the user can act on; `str(error)` is the whole message."""


class WorkspaceError(OcplanError):
    """A workspace file cannot be opened or used as it is."""


class ValidationError(OcplanError):
    """Input that breaks a rule; names the field (and row, for imports) where it can."""

    def __init__(self, message: str, *, field: str | None = None, row: int | None = None) -> None:
        self.field = field
        self.row = row
        parts = []
        if row is not None:
            parts.append(f"row {row}")
        if field:
            parts.append(field)
        prefix = ", ".join(parts)
        super().__init__(f"{prefix}: {message}" if prefix else message)
        self.reason = message


class NotFoundError(OcplanError):
    """A record id that is not in the workspace."""


class LockedError(OcplanError):
    """An edit to a record that is locked (approved minutes)."""
