"""Team sync as a use-case: set up the server, sync a workspace, join from the server.

The password is never taken from the workspace or a command line: libpq's own means come first
(PGPASSWORD, a .pgpass file, a service file); then the system keyring where there is one; then the
officer is asked (`ask_password`), and may keep the answer in the keyring.

After a pull, minute numbers are laid out again for meetings whose agenda changed (numbers follow the
order), and what that changes is sent at once, so every laptop ends with the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ocplan_desktop.domain.errors import LockedError, NotFoundError
from ocplan_desktop.domain.sync import SyncReport, SyncStatus
from ocplan_desktop.services import meetings
from ocplan_desktop.services.change import EVERYTHING, Change
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store.sync import conflicts as conflict_store
from ocplan_desktop.store.sync import engine, local
from ocplan_desktop.store.sync.connection import (
    PasswordNeeded,
    ServerAddress,
    ServerError,
    keyring_password,
    parse_server,
    remember_password,
)
from ocplan_desktop.store.workspace import Workspace

# Ask the officer for the password: (password, keep it in the keyring) or None to give up.
AskPassword = Callable[[ServerAddress, str], tuple[str, bool] | None]
Checkpoint = Callable[[str], None]
T = TypeVar("T")

NO_PASSWORD_HINT = (
    "set PGPASSWORD, add a line to ~/.pgpass or a service file, or run ocplan in a terminal "
    "to be asked"
)


class _Password:
    """Finds the password once and reuses it for the rest of the job (in memory only)."""

    def __init__(self, address: ServerAddress, ask: AskPassword | None) -> None:
        self.address, self.ask = address, ask
        self.value: str | None = None
        self.remember = False

    def run(self, action: Callable[[str | None], T]) -> T:
        try:
            return action(self.value)
        except PasswordNeeded as needed:
            if self.value is not None:
                raise
            first = needed
        stored = keyring_password(self.address)
        if stored is not None:
            self.value = stored
            try:
                return action(stored)
            except ServerError as refused:
                if self.ask is None:
                    raise refused
        if self.ask is None:
            raise PasswordNeeded(f"{first}: {NO_PASSWORD_HINT}")
        answer = self.ask(self.address, str(first))
        if answer is None:
            raise ServerError("no password was given: nothing was changed")
        self.value, self.remember = answer
        result = action(self.value)
        if self.remember:
            remember_password(self.address, self.value)
        return result


def address_of(ws: Workspace | None, server: str | None) -> ServerAddress:
    text = server or (local.state(ws).server_url if ws is not None else "")
    if not text:
        raise ServerError(
            "this workspace does not sync with a team server yet: give the server with --server URL"
        )
    return parse_server(text)


def initialise_server(server: str, *, ask_password: AskPassword | None = None) -> str:
    """`ocplan server init`: the team's schema and group role in an empty database."""
    address = parse_server(server)
    return _Password(address, ask_password).run(
        lambda password: engine.initialise_server(address, password)
    )


def sync_workspace(
    ws: Workspace,
    server: str | None = None,
    *,
    ask_password: AskPassword | None = None,
    progress: Progress = NO_PROGRESS,
    checkpoint: Checkpoint | None = None,
) -> SyncReport:
    """Send what changed here, bring in what others changed, and keep what conflicts."""
    address = address_of(ws, server)
    password = _Password(address, ask_password)

    def report(text: str) -> None:
        progress.step(0, 0, text)

    def once() -> engine.Outcome:
        return password.run(
            lambda value: engine.sync(ws, address, value, checkpoint=checkpoint, report=report)
        )

    first = once()
    numbered = _number_minutes(ws, first.agendas)
    second = once() if first.kind == "resumed" or numbered else None
    outcomes = [first] if second is None else [first, second]
    found = [conflict_store.get_conflict(ws, i) for outcome in outcomes for i in outcome.conflicts]
    changed = set().union(*(outcome.changed for outcome in outcomes))
    return SyncReport(
        kind=first.kind,
        sent=first.sent + (second.sent if second and first.kind == "sync" else 0),
        received=sum(outcome.received for outcome in outcomes),
        conflicts=tuple(found),
        changed_here=len(changed),
        changed_records=frozenset(changed),
        numbered=numbered,
        problems=tuple(problem for outcome in outcomes for problem in outcome.problems),
    )


def _number_minutes(ws: Workspace, meeting_ids: frozenset[int]) -> int:
    """Minute numbers follow the agenda's order again where a pull changed an agenda."""
    count = 0
    for meeting_id in sorted(meeting_ids):
        try:
            meetings.check_unlocked(ws, meeting_id)
        except (LockedError, NotFoundError):
            continue
        if not local.agenda_numbered(ws, meeting_id):
            continue
        with ws.atomic():
            count += len(meetings.number_minutes_changes(ws, meeting_id))
    return count


def join_workspace(
    server: str,
    out: Path,
    *,
    ask_password: AskPassword | None = None,
    progress: Progress = NO_PROGRESS,
) -> tuple[Workspace, int]:
    """A new workspace at `out` holding the team's copy; returns it and how many records came."""
    address = parse_server(server)
    out = Path(out)
    if out.suffix == "":
        out = out.with_suffix(".ocplan")
    return _Password(address, ask_password).run(
        lambda value: engine.join(
            address, value, out, report=lambda text: progress.step(0, 0, text)
        )
    )


def sync_status(ws: Workspace) -> SyncStatus:
    """What the status bar says: when the workspace last synced, what waits, what conflicts."""
    if not local.has_sync_tables(ws):
        return SyncStatus(False, "", None, 0, 0)
    state = local.state(ws)
    pending, conflicts = local.waiting(ws)
    return SyncStatus(state.joined, state.server_url, state.last_synced_at, pending, conflicts)


def approvals_brought_in(ws: Workspace, report: SyncReport) -> bool:
    """Whether the sync changed a meeting whose minutes are now approved: an undo step written
    before the approval could otherwise change the locked minutes on this laptop."""
    changed = (record_id for table, record_id in report.changed_records if table == "meetings")
    return meeting_store.any_minutes_approved(ws, changed)


def pulled_change(report: SyncReport) -> Change:
    """What the window broadcasts after a sync that changed records here."""
    return Change(EVERYTHING if report.changed_here or report.numbered else frozenset(),
                  description="synced with the team server")  # fmt: skip
