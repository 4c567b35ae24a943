"""Coding responses: tagging them with feedback themes, one at a time or in bulk, as one undo step."""

from __future__ import annotations

from collections.abc import Sequence

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.services.change import FEEDBACK, Change
from ocplan_desktop.store import engagement as store
from ocplan_desktop.store import reference
from ocplan_desktop.store.workspace import Workspace


def _pairs(response_ids: Sequence[int], theme_ids: Sequence[int]) -> list[tuple[int, int]]:
    if not response_ids:
        raise ValidationError("select the responses to tag")
    if not theme_ids:
        raise ValidationError("choose a theme")
    return [(response, theme) for response in response_ids for theme in theme_ids]


def tag(ws: Workspace, response_ids: Sequence[int], theme_ids: Sequence[int]) -> Change:
    """Add themes to responses (those already tagged stay as they are); undo removes only the
    tags this edit added."""
    _check_themes(ws, theme_ids)
    added = store.add_theme_links(ws, _pairs(response_ids, theme_ids))
    return _tags_added(added)


def untag(ws: Workspace, response_ids: Sequence[int], theme_ids: Sequence[int]) -> Change:
    """Remove themes from responses; undo puts back only the tags this edit removed."""
    _check_themes(ws, theme_ids)
    removed = store.remove_theme_links(ws, _pairs(response_ids, theme_ids))
    return _tags_removed(removed)


def toggle(ws: Workspace, response_ids: Sequence[int], theme_id: int) -> Change:
    """The keyboard's tag key: when every selected response has the theme, remove it from all;
    otherwise add it to those that lack it. One undo step either way."""
    if not response_ids:
        raise ValidationError("select the responses to tag")
    existing = store.theme_links(ws, response_ids)
    if all((response, theme_id) in existing for response in response_ids):
        return untag(ws, response_ids, [theme_id])
    return tag(ws, response_ids, [theme_id])


def _check_themes(ws: Workspace, theme_ids: Sequence[int]) -> None:
    known = {theme_id for theme_id, _name in _theme_names(ws)}
    unknown = [theme_id for theme_id in theme_ids if theme_id not in known]
    if unknown:
        raise ValidationError(f"there is no theme with id {unknown[0]}", field="theme")


def _theme_names(ws: Workspace) -> list[tuple[int, str]]:
    return reference.names(ws, "feedback_themes")


def _tags_added(pairs: list[tuple[int, int]]) -> Change:
    def undo(ws: Workspace) -> Change:
        return _tags_removed(store.remove_theme_links(ws, pairs))

    return Change.of(FEEDBACK, ids={response for response, _theme in pairs}, undo=undo)


def _tags_removed(pairs: list[tuple[int, int]]) -> Change:
    def undo(ws: Workspace) -> Change:
        return _tags_added(store.add_theme_links(ws, pairs))

    return Change.of(FEEDBACK, ids={response for response, _theme in pairs}, undo=undo)
