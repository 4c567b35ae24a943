"""Reports: every field of the council's template editable, undoable, and routed to meetings."""

from __future__ import annotations

import pytest

from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.reports import IMPLICATIONS
from ocplan_desktop.services import meetings, reports
from ocplan_desktop.store import reference
from tests.services.factories import make_committee, make_meeting, only_id


@pytest.fixture
def report(ws):
    return only_id(reports.create_report(ws, "One Coventry Plan Annual Performance Report 2022-23"))


def test_every_template_field_can_be_set_and_undone(ws, report):
    values = {
        "cabinet_member": "Cabinet Member for Policy and Leadership – Councillor G Duggins",
        "director": "Chief Partnerships Officer",
        "executive_summary": "Our One Coventry approach…\n\nThis annual performance report…",
        "background_papers": "None",
        "scrutiny_considered": "Yes – Scrutiny Co-ordination Committee 20 December 2023",
        "other_bodies": "No",
        "goes_to_council": "No",
        "author_service": "Public Health and Wellbeing, Insight & Migration",
        "author_contact": "insight@coventry.gov.uk",
        **{column: f"{heading} <text> & more" for column, heading in IMPLICATIONS},
    }
    for field, value in values.items():
        reports.set_field(ws, report, field, value)
    change = reports.set_field(ws, report, "key_decision", True)
    fields = reports.draft(ws, report).fields
    assert {name: fields[name] for name in values} == values
    assert fields["key_decision"] == 1
    change.undo(ws)
    assert reports.draft(ws, report).fields["key_decision"] == 0
    with pytest.raises(ValidationError, match="title: cannot be empty"):
        reports.set_field(ws, report, "title", "  ")
    with pytest.raises(ValidationError):
        reports.set_field(ws, report, "id", 5)


def test_wards_affected_all_or_a_list(ws, report):
    wards = {ward.name: ward.id for ward in reference.list_wards(ws)}
    reports.set_field(ws, report, "wards_all", False)
    change = reports.set_wards(ws, report, [wards["Foleshill"], wards["Earlsdon"]])
    loaded = reports.load(ws, report)
    assert not loaded.wards_all and set(loaded.wards) == {"Foleshill", "Earlsdon"}
    change.undo(ws)
    assert reports.load(ws, report).wards == ()


def test_recommendations_are_numbered_per_body(ws, report):
    for body, text in [
        ("Scrutiny Co-ordination Committee", "Consider the Council's performance"),
        ("Cabinet", "Approve the performance report"),
        ("Scrutiny Co-ordination Committee", "Identify any comments for Cabinet"),
        ("Cabinet", "Consider any comments from Scrutiny"),
    ]:
        reports.add_part(ws, report, "recommendations", {"body": body, "text": text})
    grouped = reports.load(ws, report).recommendations_by_body()
    assert [(body, len(items)) for body, items in grouped] == [
        ("Scrutiny Co-ordination Committee", 2),
        ("Cabinet", 2),
    ]
    rows = reports.draft(ws, report).parts["recommendations"]
    second_cabinet = rows[3]
    reports.move_part(ws, "recommendations", second_cabinet["id"], -1)
    assert reports.load(ws, report).recommendations_by_body()[1][1][0] == (
        "Consider any comments from Scrutiny"
    )


def test_sections_with_numbered_paragraphs(ws, report):
    background = only_id(reports.add_part(ws, report, "sections", {"heading": "Background"}))
    context = only_id(reports.add_part(ws, report, "sections", {"heading": "Context"}))
    reports.add_paragraph(ws, background, "The One Coventry Plan includes the Council's vision.")
    reports.add_paragraph(ws, background, "The annual performance report sets out progress.")
    reports.add_paragraph(ws, context, "73 indicators; 74% (42/57) improved or stayed the same.")
    moved = reports.move_part(ws, "sections", context, -1)
    sections = reports.load(ws, report).sections
    assert [(s.heading, len(s.paragraphs)) for s in sections] == [("Context", 1), ("Background", 2)]
    moved.undo(ws)
    deleted = reports.delete_part(ws, "sections", background)
    assert [s.heading for s in reports.load(ws, report).sections] == ["Context"]
    deleted.undo(ws)
    assert reports.load(ws, report).sections[0].paragraphs[1].startswith("The annual")


def test_authors_and_the_approvals_table(ws, report):
    reports.add_part(
        ws, report, "authors", {"name": "Kirston Nelson", "job_title": "Chief Partnerships Officer"}
    )
    reports.add_part(
        ws,
        report,
        "approvals",
        {
            "grouping": "approver",
            "role": "Finance",
            "name": "Phil Helm",
            "job_title": "Head of Finance",
            "service_area": "Finance",
            "date_sent": "07/12/23",
            "date_received": "8 December 2023",
        },
    )
    approval = reports.load(ws, report).approvals[0]
    assert (approval.date_sent, approval.date_received) == ("2023-12-07", "2023-12-08")
    with pytest.raises(ValidationError, match="date sent: 'soon' is not a date"):
        reports.add_part(
            ws, report, "approvals", {"grouping": "approver", "name": "X", "date_sent": "soon"}
        )
    with pytest.raises(ValidationError, match="grouping"):
        reports.add_part(ws, report, "approvals", {"grouping": "boss", "name": "X"})
    assert len(reports.load(ws, report).approvals) == 1


def test_a_report_is_routed_to_several_meetings(ws, report):
    scrutiny = make_committee(ws)
    cabinet = make_committee(ws, "Cabinet", short_name="CAB", kind="executive")
    first = make_meeting(ws, scrutiny, date="2023-12-20")
    second = make_meeting(ws, cabinet, date="2024-01-09")
    reports.add_to_meeting(ws, report, second)
    step = reports.add_to_meeting(ws, report, first)
    item = meetings.agenda(ws, first)[-1]
    meetings.set_item_outcome(ws, item.id, "Considered; comments submitted to Cabinet")
    route = reports.route(ws, report)
    assert [(s.committee, s.date, s.outcome) for s in route] == [
        (
            "Scrutiny Co-ordination Committee",
            "2023-12-20",
            "Considered; comments submitted to Cabinet",
        ),
        ("Cabinet", "2024-01-09", ""),
    ]
    with pytest.raises(ValidationError, match="already on that meeting"):
        reports.add_to_meeting(ws, report, first)
    with pytest.raises(ValidationError, match="on the agenda of"):
        reports.delete_report(ws, report)
    step.undo(ws)
    assert len(reports.route(ws, report)) == 1


def test_the_demo_report_holds_the_whole_seed_template(demo_ws):
    report_id = next(
        r.id for r in meetings.list_reports(demo_ws) if r.title.startswith("One Coventry Plan")
    )
    draft = reports.draft(demo_ws, report_id)
    assert len(draft.parts["recommendations"]) == 8 and len(draft.parts["approvals"]) == 5
    assert [len(rows) for rows in draft.paragraphs.values()] == [5, 2, 1, 1]
    assert [(s.committee, s.date) for s in draft.route] == [
        ("Scrutiny Co-ordination Committee", "2023-12-20"),
        ("Cabinet", "2024-01-09"),
    ]
