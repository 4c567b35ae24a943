"""One sync, start to finish: check the server, send what changed here, write what came back.

The workspace is written once, after the server has committed; a sync that stops anywhere before
leaves it as it was, and the next one sends the same changes again (the server applies each once).
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ocplan_desktop.store.sync import bulk, local, resume, server_schema
from ocplan_desktop.store.sync.apply import apply_reply
from ocplan_desktop.store.sync.connection import (
    ServerAddress,
    ServerError,
    connect,
    server_errors,
)
from ocplan_desktop.store.sync.rows import Ids, shapes
from ocplan_desktop.store.sync.server import exchange, server_info
from ocplan_desktop.store.sync.tracking import ensure_tracking
from ocplan_desktop.store.workspace import Workspace, create_workspace

Checkpoint = Callable[[str], None]
Report = Callable[[str], None]


@dataclass(frozen=True)
class Outcome:
    kind: str  # "sync", "upload" or "resumed"
    sent: int = 0
    received: int = 0
    conflicts: tuple[int, ...] = ()
    changed: frozenset[tuple[str, int]] = field(default_factory=frozenset)
    agendas: frozenset[int] = field(default_factory=frozenset)
    problems: tuple[str, ...] = ()


def _never(_name: str) -> None:
    return None


def _no_report(_text: str) -> None:
    return None


def initialise_server(address: ServerAddress, password: str | None) -> str:
    """`ocplan server init`: the team's schema in an empty database."""
    conn = connect(address, password)
    with conn, server_errors(address):
        return server_schema.initialise(conn, str(uuid_module.uuid4()))


def sync(
    ws: Workspace,
    address: ServerAddress,
    password: str | None,
    *,
    checkpoint: Checkpoint | None = None,
    report: Report | None = None,
) -> Outcome:
    """Sync the workspace with the team server (uploading it, the first time, into an empty one)."""
    step = checkpoint or _never
    say = report or _no_report
    ensure_tracking(ws)
    state = local.state(ws)
    say(f"Connecting to {address.label}…")
    conn = connect(address, password)
    with conn, server_errors(address):
        info = server_info(conn, address.label)
        step("connected")
        table_shapes = shapes(ws)
        if not state.joined:
            return _first_sync(ws, conn, address, info, state, table_shapes, step, say)
        if state.server_id != info.server_id:
            where = f" ({state.server_url})" if state.server_url else ""
            raise ServerError(
                f"this workspace syncs with another team server{where}, not {address.label}: "
                "nothing was changed"
            )
        ids = Ids(ws)
        push = local.read_push(ws, table_shapes, ids, str(state.client_id))
        step("read")
        say(f"Sending {push.size:,} changes…" if push.size else "Fetching changes…")
        reply = exchange(conn, push, state.last_seq, step)
    say("Bringing in changes…")
    applied = apply_reply(ws, table_shapes, ids, push, reply, step)
    if state.server_url != address.text or state.officer != address.user:
        with ws.atomic() as db:
            db.execute(
                "UPDATE sync_state SET server_url = ?, officer = ?", (address.text, address.user)
            )
    ws.user = address.user  # what this officer does next is audited under their login
    return Outcome(
        "sync",
        sent=len(push.records) + len(push.orders),
        received=applied.received,
        conflicts=tuple(applied.conflicts),
        changed=frozenset(applied.changed),
        agendas=frozenset(applied.agendas),
        problems=tuple(applied.problems),
    )


def _first_sync(
    ws: Workspace,
    conn: Any,
    address: ServerAddress,
    info: Any,
    state: local.SyncState,
    table_shapes: dict[str, Any],
    step: Checkpoint,
    say: Report,
) -> Outcome:
    uploader = bulk.uploaded_by(conn)
    common = {"server_id": info.server_id, "server_url": address.text, "officer": address.user}
    if uploader == state.client_id and state.server_id == info.server_id:
        say("Taking up the upload that was cut short…")
        copy = bulk.snapshot(conn, say)
        resume.adopt(ws, table_shapes, copy, **common)
        return Outcome("resumed", sent=copy.size)
    if info.records or uploader is not None:
        raise ServerError(
            f"this workspace was not joined to the team server at {address.label}, which holds "
            "the team's own: make a copy of the team's with `ocplan join`; nothing was changed"
        )
    # Noted before the upload starts: if it is cut off after the server commits, this laptop (and
    # not a copy of the file made earlier) is the one that may take it up again.
    with ws.atomic() as db:
        db.execute("UPDATE sync_state SET server_id = ? WHERE tracking = 0", (info.server_id,))
    with ws.larger_page_cache():
        sent = bulk.upload(ws, conn, table_shapes, report=say, checkpoint=step, **common)
    ws.user = address.user
    return Outcome("upload", sent=sent)


def join(
    address: ServerAddress,
    password: str | None,
    path: Path,
    *,
    report: Report | None = None,
) -> tuple[Workspace, int]:
    """A new workspace at `path` holding the team's copy, ready to sync."""
    say = report or _no_report
    if path.exists():
        raise ServerError(f"{path} already exists: choose a new file name")
    conn = connect(address, password)
    with conn, server_errors(address):
        info = server_info(conn, address.label)
        if not info.records:
            raise ServerError(
                f"the team server at {address.label} holds no workspace yet: upload one first "
                "with `ocplan sync --db PATH --server URL`"
            )
        copy = bulk.snapshot(conn, say)
    written = 0

    def populate(ws: Workspace) -> None:
        nonlocal written
        written = bulk.fill(
            ws,
            shapes(ws),
            copy,
            server_id=info.server_id,
            server_url=address.text,
            officer=address.user,
            report=say,
        )

    return create_workspace(path, populate=populate), written
