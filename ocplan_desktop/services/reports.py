"""Reports in the council's template, edited field by field and list by list, and routed to the
meetings that consider them.

Every field of `002_…txt` has a place: the scalar fields and implications are columns of `reports`;
recommendations per body, appendices, numbered sections with their paragraphs, authors and the
approvals table are ordered lists. Each edit is saved at once and undoable.
"""

from __future__ import annotations

from typing import Any

from ocplan_desktop.domain.dates import iso_date
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.reports import Report, ReportDraft, RouteStep
from ocplan_desktop.services import edits, ordered
from ocplan_desktop.services.change import AGENDA, REPORTS, Change
from ocplan_desktop.services.meetings import add_item
from ocplan_desktop.store import records
from ocplan_desktop.store import reports as store
from ocplan_desktop.store.ordered import ordered_rows
from ocplan_desktop.store.workspace import Workspace, now_text

KINDS = ("public report", "briefing note", "private report")
MAX_LINE = 1_000
MAX_TEXT = 50_000
# part → (table, the columns its order is kept within, {field: (required, longest)})
PARTS: dict[str, tuple[str, tuple[str, ...], dict[str, tuple[bool, int]]]] = {
    "recommendations": (
        "report_recommendations",
        ("report_id", "body"),
        {"body": (True, 200), "text": (True, MAX_TEXT)},
    ),
    "appendices": (
        "report_appendices",
        ("report_id",),
        {"label": (False, 100), "title": (True, MAX_LINE), "file_path": (False, MAX_LINE)},
    ),
    "sections": ("report_sections", ("report_id",), {"heading": (True, MAX_LINE)}),
    "paragraphs": ("report_paragraphs", ("section_id",), {"text": (True, MAX_TEXT)}),
    "authors": (
        "report_authors",
        ("report_id",),
        {"name": (True, 200), "job_title": (False, 200)},
    ),
    "approvals": (
        "report_approvals",
        ("report_id",),
        {
            "grouping": (True, 20),
            "role": (False, 100),
            "name": (True, 200),
            "job_title": (False, 200),
            "service_area": (False, 200),
            "date_sent": (False, 40),
            "date_received": (False, 40),
        },
    ),
}
_DATES = ("date_sent", "date_received")
_FLAGS = ("wards_all", "key_decision")


def load(ws: Workspace, report_id: int) -> Report:
    return store.load_report(ws, report_id)


def route(ws: Workspace, report_id: int) -> list[RouteStep]:
    """The meetings the report goes to, in date order, with what happened at each."""
    return [
        RouteStep(**{**row, "has_minutes": bool(row["has_minutes"])})
        for row in store.route_rows(ws, report_id)
    ]


def draft(ws: Workspace, report_id: int) -> ReportDraft:
    """Everything the report editor shows, with the ids it edits by."""
    row = store.report_row(ws, report_id)
    parts = {
        part: (
            store.recommendation_rows(ws, report_id)
            if part == "recommendations"
            else ordered_rows(ws, table, {"report_id": report_id})
        )
        for part, (table, _group, _fields) in PARTS.items()
        if part != "paragraphs"
    }
    paragraphs = {
        section["id"]: ordered_rows(ws, "report_paragraphs", {"section_id": section["id"]})
        for section in parts["sections"]
    }
    return ReportDraft(
        id=report_id,
        fields={name: row[name] for name in store.report_fields()},
        ward_ids=store.ward_ids(ws, report_id),
        parts=parts,
        paragraphs=paragraphs,
        route=tuple(route(ws, report_id)),
    )


def _text(value: Any, field: str, *, required: bool, limit: int, multiline: bool) -> str:
    text = "" if value is None else str(value)
    cleaned = text.strip() if multiline else " ".join(text.split())
    if required and not cleaned:
        raise ValidationError("cannot be empty", field=field)
    if len(cleaned) > limit:
        raise ValidationError(
            f"{len(cleaned):,} characters is too long (at most {limit:,})", field=field
        )
    return cleaned


def create_report(ws: Workspace, title: str, kind: str = "public report") -> Change:
    if kind not in KINDS:
        raise ValidationError(f"'{kind}' is not a kind of report", field="kind")
    cleaned = _text(title, "title", required=True, limit=MAX_LINE, multiline=False)
    stamp = now_text()
    return edits.inserted(
        ws,
        "reports",
        {"title": cleaned, "kind": kind, "created_at": stamp, "updated_at": stamp},
        REPORTS,
    )


def set_field(ws: Workspace, report_id: int, field: str, value: Any) -> Change:
    """Set one field of the template (title, cabinet member, executive summary, an implication…)."""
    if field not in store.report_fields():
        raise ValidationError(f"reports have no field '{field}'")
    records.get(ws, "reports", report_id)
    if field in _FLAGS:
        stored: Any = int(bool(value))
    elif field == "kind":
        if value not in KINDS:
            raise ValidationError(f"'{value}' is not a kind of report", field="kind")
        stored = value
    else:
        long_text = field == "executive_summary" or field.startswith("implications_")
        stored = _text(
            value,
            field.replace("_", " "),
            required=field == "title",
            limit=MAX_TEXT if long_text else MAX_LINE,
            multiline=long_text,
        )
    return edits.updated(
        ws, "reports", report_id, {field: stored, "updated_at": now_text()}, REPORTS
    )


def _wards_change(ws: Workspace, report_id: int, ward_ids: tuple[int, ...]) -> Change:
    old = store.ward_ids(ws, report_id)
    store.set_ward_ids(ws, report_id, ward_ids)
    return Change.of(REPORTS, ids={report_id}, undo=lambda w: _wards_change(w, report_id, old))


def set_wards(ws: Workspace, report_id: int, ward_ids: list[int]) -> Change:
    """The wards affected when not all of them (`wards_all` says which applies)."""
    records.get(ws, "reports", report_id)
    for ward_id in ward_ids:
        records.get(ws, "wards", ward_id)
    return _wards_change(ws, report_id, tuple(dict.fromkeys(ward_ids)))


def _values(part: str, values: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    _table, _group, fields = PARTS[part]
    unknown = set(values) - set(fields)
    if unknown:
        raise ValidationError(f"{part} have no field {', '.join(sorted(unknown))}")
    cleaned: dict[str, Any] = {}
    for name, (required, limit) in fields.items():
        if name not in values:
            if required and not partial:
                raise ValidationError("cannot be empty", field=name.replace("_", " "))
            continue
        if name in _DATES:
            cleaned[name] = iso_date(values[name], field=name.replace("_", " "))
        else:
            cleaned[name] = _text(
                values[name],
                name.replace("_", " "),
                required=required,
                limit=limit,
                multiline=limit == MAX_TEXT,
            )
    if cleaned.get("grouping", "contributor") not in ("contributor", "approver"):
        raise ValidationError("is contributor or approver", field="grouping")
    return cleaned


def add_part(
    ws: Workspace, report_id: int, part: str, values: dict[str, Any], *, at: int | None = None
) -> Change:
    """Add a row to one of the report's lists (a recommendation to a body, an appendix, a section,
    an author, an approval); a paragraph goes to its section with `add_paragraph`."""
    if part == "paragraphs":
        raise ValueError("use add_paragraph")
    records.get(ws, "reports", report_id)
    table, group_columns, _fields = PARTS[part]
    cleaned = _values(part, values, partial=False)
    group = {
        column: (report_id if column == "report_id" else cleaned[column])
        for column in group_columns
    }
    extra: dict[str, Any] = {}
    if part == "recommendations":
        bodies = store.body_positions(ws, report_id)
        extra["body_position"] = bodies.get(cleaned["body"], max(bodies.values(), default=-1) + 1)
    return ordered.add(ws, table, group, {**cleaned, **extra}, (REPORTS,), at=at)


def add_paragraph(ws: Workspace, section_id: int, text: str, *, at: int | None = None) -> Change:
    records.get(ws, "report_sections", section_id)
    cleaned = _values("paragraphs", {"text": text}, partial=False)
    return ordered.add(
        ws, "report_paragraphs", {"section_id": section_id}, cleaned, (REPORTS,), at=at
    )


def update_part(ws: Workspace, part: str, row_id: int, values: dict[str, Any]) -> Change:
    table, _group, _fields = PARTS[part]
    row = records.get(ws, table, row_id)
    cleaned = _values(part, values, partial=True)
    if part == "recommendations" and "body" in cleaned and cleaned["body"] != row["body"]:
        bodies = store.body_positions(ws, row["report_id"])
        cleaned["body_position"] = bodies.get(cleaned["body"], max(bodies.values(), default=-1) + 1)
        cleaned["position"] = len(
            ordered_rows(ws, table, {"report_id": row["report_id"], "body": cleaned["body"]})
        )
        with ws.atomic():
            moved = edits.updated(ws, table, row_id, cleaned, REPORTS)
            closed = ordered.normalise(
                ws, table, {"report_id": row["report_id"], "body": row["body"]}, REPORTS
            )
        return edits.combined([moved, *closed])
    return edits.updated(ws, table, row_id, cleaned, REPORTS)


def delete_part(ws: Workspace, part: str, row_id: int) -> Change:
    table, group, _fields = PARTS[part]
    return ordered.remove(ws, table, row_id, group, REPORTS)


def move_part(ws: Workspace, part: str, row_id: int, delta: int) -> Change:
    table, group, _fields = PARTS[part]
    return ordered.move_by(ws, table, row_id, group, delta, REPORTS)


def delete_report(ws: Workspace, report_id: int) -> Change:
    """Delete a report that no meeting considers (take it off the agendas first)."""
    steps = route(ws, report_id)
    if steps:
        where = ", ".join(f"{step.committee} {step.date}" for step in steps)
        raise ValidationError(f"the report is on the agenda of {where}: take it off first")
    return edits.deleted(ws, "reports", report_id, REPORTS)


def add_to_meeting(ws: Workspace, report_id: int, meeting_id: int) -> Change:
    """Put the report on a meeting's agenda as a new item: the next step of its route."""
    title = store.report_row(ws, report_id)["title"]
    if any(step.meeting_id == meeting_id for step in route(ws, report_id)):
        raise ValidationError("the report is already on that meeting's agenda")
    change = add_item(ws, meeting_id, title, report_id=report_id)
    return Change(change.kinds | {REPORTS, AGENDA}, change.ids, change.undo)
