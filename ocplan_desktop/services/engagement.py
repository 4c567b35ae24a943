"""Engagement exercises and their responses, as the window and the command line read them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ocplan_desktop.domain.engagement import Exercise
from ocplan_desktop.store import engagement as store
from ocplan_desktop.store.workspace import Workspace


@dataclass(frozen=True)
class Response:
    id: int
    received_on: str | None
    channel: str
    ward: str
    respondent_type: str
    text: str
    themes: str
    passed_on_to: str


def list_exercises(ws: Workspace) -> list[Exercise]:
    return store.list_exercises(ws)


def responses(ws: Workspace, exercise_id: int | None = None) -> list[Response]:
    return [_response(row) for row in store.feedback_rows(ws, exercise_id)]


def _response(row: dict[str, Any]) -> Response:
    return Response(
        id=row["id"],
        received_on=row["received_on"],
        channel=row["channel"],
        ward=row["ward"],
        respondent_type=row["respondent_type"],
        text=row["text"],
        themes=row["themes"] or "",
        passed_on_to=row["passed_on_to"],
    )
