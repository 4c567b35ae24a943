"""Reports with every field of the council's template, and their child tables."""

from __future__ import annotations

from typing import Any

from ocplan_desktop.domain.reports import (
    IMPLICATIONS,
    Approval,
    Report,
    ReportAuthor,
    ReportRecommendation,
    ReportSection,
    ReportSummary,
)
from ocplan_desktop.store import records
from ocplan_desktop.store.workspace import Workspace, now_text

_SCALAR_FIELDS = (
    "title",
    "kind",
    "report_of",
    "cabinet_member",
    "director",
    "key_decision_reason",
    "executive_summary",
    "background_papers",
    "scrutiny_considered",
    "other_bodies",
    "goes_to_council",
    "author_service",
    "author_contact",
    "web_link",
    "decision_body",
    "published_link",
)


def _report_row(report: Report) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(report, name) for name in _SCALAR_FIELDS}
    row["wards_all"] = int(report.wards_all)
    row["key_decision"] = int(report.key_decision)
    for column, _heading in IMPLICATIONS:
        row[column] = report.implications.get(column, "")
    return row


def add_report(ws: Workspace, report: Report) -> int:
    """Insert a whole report with its recommendations, sections, authors and approvals."""
    with ws.atomic():
        stamp = now_text()
        report_id = records.insert(
            ws, "reports", {**_report_row(report), "created_at": stamp, "updated_at": stamp}
        )
        _write_children(ws, report_id, report)
    return report_id


def _write_children(ws: Workspace, report_id: int, report: Report) -> None:
    ward_ids = {row["name"]: row["id"] for row in ws.query("SELECT id, name FROM wards")}
    for name in report.wards:
        if name in ward_ids:
            ws.db.table("report_wards").insert({"report_id": report_id, "ward_id": ward_ids[name]})
    bodies: list[str] = []
    counters: dict[str, int] = {}
    for item in report.recommendations:
        if item.body not in bodies:
            bodies.append(item.body)
        position = counters.get(item.body, 0)
        counters[item.body] = position + 1
        records.insert(
            ws,
            "report_recommendations",
            {
                "report_id": report_id,
                "body": item.body,
                "body_position": bodies.index(item.body),
                "position": position,
                "text": item.text,
            },
        )
    for position, title in enumerate(report.appendices):
        records.insert(
            ws,
            "report_appendices",
            {
                "report_id": report_id,
                "position": position,
                "title": title,
                "file_path": (report.appendix_files[position : position + 1] or ("",))[0],
            },
        )
    for position, section in enumerate(report.sections):
        section_id = records.insert(
            ws,
            "report_sections",
            {"report_id": report_id, "position": position, "heading": section.heading},
        )
        for number, text in enumerate(section.paragraphs):
            records.insert(
                ws,
                "report_paragraphs",
                {"section_id": section_id, "position": number, "text": text},
            )
    for position, author in enumerate(report.authors):
        records.insert(
            ws,
            "report_authors",
            {
                "report_id": report_id,
                "position": position,
                "name": author.name,
                "job_title": author.job_title,
            },
        )
    for position, approval in enumerate(report.approvals):
        records.insert(
            ws,
            "report_approvals",
            {
                "report_id": report_id,
                "position": position,
                "grouping": approval.grouping,
                "role": approval.role,
                "name": approval.name,
                "job_title": approval.job_title,
                "service_area": approval.service_area,
                "date_sent": approval.date_sent,
                "date_received": approval.date_received,
            },
        )


def load_report(ws: Workspace, report_id: int) -> Report:
    row = records.get(ws, "reports", report_id)
    wards = tuple(
        item["name"]
        for item in ws.query(
            "SELECT wards.name FROM report_wards JOIN wards ON wards.id = report_wards.ward_id "
            "WHERE report_wards.report_id = ? ORDER BY wards.position",
            (report_id,),
        )
    )
    recommendations = tuple(
        ReportRecommendation(item["body"], item["text"])
        for item in ws.query(
            "SELECT body, text FROM report_recommendations WHERE report_id = ? "
            "ORDER BY body_position, position",
            (report_id,),
        )
    )
    appendix_rows = ws.query(
        "SELECT title, file_path FROM report_appendices WHERE report_id = ? ORDER BY position",
        (report_id,),
    )
    appendices = tuple(item["title"] for item in appendix_rows)
    appendix_files = tuple(item["file_path"] for item in appendix_rows)
    sections = []
    for section in ws.query(
        "SELECT id, heading FROM report_sections WHERE report_id = ? ORDER BY position",
        (report_id,),
    ):
        paragraphs = tuple(
            item["text"]
            for item in ws.query(
                "SELECT text FROM report_paragraphs WHERE section_id = ? ORDER BY position",
                (section["id"],),
            )
        )
        sections.append(ReportSection(section["heading"], paragraphs))
    authors = tuple(
        ReportAuthor(item["name"], item["job_title"])
        for item in ws.query(
            "SELECT name, job_title FROM report_authors WHERE report_id = ? ORDER BY position",
            (report_id,),
        )
    )
    approvals = tuple(
        Approval(
            grouping=item["grouping"],
            name=item["name"],
            role=item["role"],
            job_title=item["job_title"],
            service_area=item["service_area"],
            date_sent=item["date_sent"],
            date_received=item["date_received"],
        )
        for item in ws.query(
            "SELECT * FROM report_approvals WHERE report_id = ? ORDER BY position", (report_id,)
        )
    )
    return Report(
        id=report_id,
        **{name: row[name] for name in _SCALAR_FIELDS},
        wards_all=bool(row["wards_all"]),
        wards=wards,
        key_decision=bool(row["key_decision"]),
        recommendations=recommendations,
        appendices=appendices,
        appendix_files=appendix_files,
        sections=tuple(sections),
        implications={column: row[column] for column, _heading in IMPLICATIONS},
        authors=authors,
        approvals=approvals,
    )


def list_reports(ws: Workspace) -> list[ReportSummary]:
    rows = ws.query(
        "SELECT reports.id, reports.title, reports.kind, reports.cabinet_member, reports.director, "
        "(SELECT group_concat(name, ' → ') FROM ("
        "   SELECT committees.name AS name FROM agenda_items "
        "   JOIN meetings ON meetings.id = agenda_items.meeting_id "
        "   JOIN committees ON committees.id = meetings.committee_id "
        "   WHERE agenda_items.report_id = reports.id ORDER BY meetings.date)) AS route "
        "FROM reports ORDER BY reports.title"
    )
    return [ReportSummary(**{**row, "route": row["route"] or ""}) for row in rows]


def report_titles(ws: Workspace) -> dict[int, str]:
    """Every report's title by id, in title order: what choosing a report needs (no routes)."""
    rows = ws.query("SELECT id, title FROM reports ORDER BY title")
    return {row["id"]: row["title"] for row in rows}


def report_fields() -> tuple[str, ...]:
    """The report columns an editor can set one at a time."""
    return (
        *_SCALAR_FIELDS,
        "wards_all",
        "key_decision",
        *(column for column, _heading in IMPLICATIONS),
    )


def report_row(ws: Workspace, report_id: int) -> dict[str, Any]:
    return records.get(ws, "reports", report_id)


def ward_ids(ws: Workspace, report_id: int) -> tuple[int, ...]:
    return tuple(
        row["ward_id"]
        for row in ws.query(
            "SELECT report_wards.ward_id FROM report_wards JOIN wards ON wards.id = report_wards.ward_id"
            " WHERE report_wards.report_id = ? ORDER BY wards.position, wards.name",
            (report_id,),
        )
    )


def set_ward_ids(ws: Workspace, report_id: int, ids: tuple[int, ...]) -> None:
    """Replace the wards a report affects (when not all), audited as one change."""
    with ws.atomic() as db:
        before = ward_ids(ws, report_id)
        db.execute("DELETE FROM report_wards WHERE report_id = ?", (report_id,))
        for ward_id in ids:
            db.execute(
                "INSERT INTO report_wards (report_id, ward_id) VALUES (?, ?)", (report_id, ward_id)
            )
        records.audit(
            ws,
            "update",
            "report_wards",
            report_id,
            {"ward_ids": list(before)},
            {"ward_ids": list(ids)},
        )


def body_positions(ws: Workspace, report_id: int) -> dict[str, int]:
    """Each body a report makes recommendations to, and where it comes in the list of bodies."""
    return {
        row["body"]: row["body_position"]
        for row in ws.query(
            "SELECT body, min(body_position) AS body_position FROM report_recommendations"
            " WHERE report_id = ? GROUP BY body",
            (report_id,),
        )
    }


def recommendation_rows(ws: Workspace, report_id: int) -> list[dict[str, Any]]:
    return ws.query(
        "SELECT * FROM report_recommendations WHERE report_id = ? ORDER BY body_position, position, id",
        (report_id,),
    )


def section_ids(ws: Workspace, report_id: int) -> list[int]:
    return [
        row["id"]
        for row in ws.query(
            "SELECT id FROM report_sections WHERE report_id = ? ORDER BY position, id", (report_id,)
        )
    ]


def route_rows(ws: Workspace, report_id: int) -> list[dict[str, Any]]:
    """Every agenda item the report is on, in date order, with the meeting and its minutes."""
    return ws.query(
        "SELECT meetings.id AS meeting_id, agenda_items.id AS agenda_item_id,"
        " committees.name AS committee, meetings.date, agenda_items.outcome,"
        " agenda_items.minute_number, meetings.status AS meeting_status, meetings.minutes_status,"
        " EXISTS (SELECT 1 FROM minutes WHERE minutes.agenda_item_id = agenda_items.id) AS has_minutes"
        " FROM agenda_items JOIN meetings ON meetings.id = agenda_items.meeting_id"
        " JOIN committees ON committees.id = meetings.committee_id"
        " WHERE agenda_items.report_id = ? ORDER BY meetings.date, meetings.id",
        (report_id,),
    )
