"""The demo workspace: real-looking content from the seed documents' facts, the same every time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ocplan_desktop.domain.meetings import minute_number
from ocplan_desktop.domain.minutes import Minutes
from ocplan_desktop.domain.performance import Status
from ocplan_desktop.services import demo_engagement as engagement
from ocplan_desktop.services import demo_exempt
from ocplan_desktop.services import demo_indicators as indicators
from ocplan_desktop.services import demo_meetings as content
from ocplan_desktop.services.recommendations import track_from_minutes
from ocplan_desktop.services.workspaces import new_workspace
from ocplan_desktop.store import committees as committee_store
from ocplan_desktop.store import engagement as engagement_store
from ocplan_desktop.store import indicators as indicator_store
from ocplan_desktop.store import meetings as meeting_store
from ocplan_desktop.store import minutes as minutes_store
from ocplan_desktop.store import recommendations as recommendation_store
from ocplan_desktop.store import records, reference
from ocplan_desktop.store import reports as report_store
from ocplan_desktop.store.workspace import Workspace


def create_demo(path: Path | str) -> Workspace:
    """Write the demo workspace to a new file at `path` and open it."""
    return new_workspace(path, "Coventry", populate=populate_demo)


def populate_demo(ws: Workspace) -> None:
    with ws.atomic():
        people = _people(ws)
        committees = _committees(ws, people)
        _indicators(ws)
        meetings = _meetings(ws, committees, people)
        _plan_minutes(ws, meetings, committees, people)
        _annual_report(ws, meetings, committees)
        demo_exempt.add_exempt_report(ws, meetings[(content.CABINET, "2024-01-09")])
        _engagement(ws)
        _closing_times(ws)


def _closing_times(ws: Workspace) -> None:
    """Held meetings closed when their minutes say; one not yet held has no closing time."""
    for meeting in meeting_store.list_meetings(ws):
        if meeting.status == "held":
            hour = int((meeting.start_time or "10:00").split(":")[0])
            records.update(ws, "meetings", meeting.id, {"end_time": f"{hour + 2:02d}:05"})


def _people(ws: Workspace) -> dict[str, int]:
    return {
        name: committee_store.add_person(
            ws,
            name,
            kind=kind,
            honorific=honorific,
            job_title=job_title,
            service_area=service,
            portfolio=portfolio,
        )
        for name, kind, honorific, job_title, service, portfolio in content.PEOPLE
    }


def _committees(ws: Workspace, people: dict[str, int]) -> dict[str, int]:
    ids = {}
    for name, short_name, kind in content.COMMITTEES:
        committee_id = committee_store.add_committee(ws, name, short_name, kind)
        ids[name] = committee_id
        for person, role in content.MEMBERSHIP[name]:
            committee_store.add_member(ws, committee_id, people[person], role)
        committee_store.set_standing_items(ws, committee_id, content.STANDING_ITEMS)
    return ids


def _meetings(
    ws: Workspace, committees: dict[str, int], people: dict[str, int]
) -> dict[tuple[str, str], int]:
    """Every demo meeting with its standing items and business, keyed by (committee, date)."""
    ids = {}
    for committee, date, time, status, first_minute, business in content.MEETINGS:
        meeting_id = meeting_store.add_meeting(
            ws, committees[committee], date, start_time=time, venue=content.VENUE, status=status
        )
        ids[(committee, date)] = meeting_id
        day = dt.date.fromisoformat(date)
        titles = [(title, True) for title in content.STANDING_ITEMS] + [
            (title, False) for title in business
        ]
        for offset, (title, standing) in enumerate(titles):
            number = minute_number(first_minute + offset, day) if status == "held" else ""
            meeting_store.add_agenda_item(
                ws, meeting_id, title, is_standing=standing, minute_number=number
            )
        if status == "held":
            for name, _role in content.MEMBERSHIP[committee]:
                state = "apologies" if (date, name) in content.ATTENDANCE_APOLOGIES else "present"
                meeting_store.set_attendance(ws, meeting_id, people[name], state)
    return ids


def _item_id(ws: Workspace, meeting_id: int, title: str) -> int:
    for item in meeting_store.agenda(ws, meeting_id):
        if item.title == title:
            return item.id
    raise LookupError(title)


def _plan_minutes(
    ws: Workspace,
    meetings: dict[tuple[str, str], int],
    committees: dict[str, int],
    people: dict[str, int],
) -> None:
    scrutiny = meetings[(content.SCC, "2023-02-01")]
    item_id = _item_id(ws, scrutiny, content.PLAN_ITEM)
    minutes_id = minutes_store.add_minutes(
        ws,
        Minutes(
            agenda_item_id=item_id,
            heading=content.PLAN_MINUTES_HEADING,
            report_of=content.PLAN_MINUTES_REPORT_OF,
            paragraphs=content.PLAN_MINUTES_PARAGRAPHS,
            bullets=content.PLAN_MINUTES_BULLETS,
            resolutions=content.PLAN_RESOLUTIONS,
        ),
        to_committees={1: committees[content.CABINET]},
    )
    meeting_store.update_meeting(
        ws,
        scrutiny,
        {
            "minutes_status": "approved",
            "minutes_approved_meeting_id": meetings[(content.SCC, "2023-06-21")],
            "minutes_approved_on": "2023-06-21",
        },
    )
    cabinet = meetings[(content.CABINET, content.CABINET_RESPONSE_DATE)]
    for recommendation_id, (response, text, status, due, officer, updates) in zip(
        track_from_minutes(ws, minutes_id), content.CABINET_RESPONSES, strict=True
    ):
        recommendation_store.update_recommendation(
            ws,
            recommendation_id,
            {
                "response": response,
                "response_text": text,
                "response_meeting_id": cabinet,
                "response_date": content.CABINET_RESPONSE_DATE,
                "status": status,
                "due_date": due,
                "lead_officer_id": people[officer],
                "cabinet_member_id": people["G Duggins"],
            },
        )
        for date, update in updates:
            recommendation_store.add_update(ws, recommendation_id, date, update, "Suzanne Bennett")


def _annual_report(
    ws: Workspace, meetings: dict[tuple[str, str], int], committees: dict[str, int]
) -> None:
    report_id = report_store.add_report(ws, content.annual_report())
    steps = (
        ((content.SCC, "2023-12-20"), "Considered; comments submitted to Cabinet"),
        ((content.CABINET, "2024-01-09"), "Approved"),
    )
    for key, outcome in steps:
        item_id = _item_id(ws, meetings[key], content.REPORT_ITEM)
        meeting_store.update_agenda_item(ws, item_id, {"report_id": report_id, "outcome": outcome})
    scrutiny_item = _item_id(ws, meetings[(content.SCC, "2023-12-20")], content.REPORT_ITEM)
    minutes_id = minutes_store.add_minutes(
        ws,
        Minutes(
            agenda_item_id=scrutiny_item,
            heading=content.REPORT_ITEM,
            report_of="Report of the Chief Partnerships Officer",
            paragraphs=content.REPORT_MINUTES_PARAGRAPHS,
            resolutions=content.REPORT_MINUTES_RESOLUTIONS,
        ),
        to_committees={1: committees[content.CABINET]},
    )
    # Comments to Cabinet still awaiting its response: the tracker shows them waiting.
    track_from_minutes(ws, minutes_id)


def _indicators(ws: Workspace) -> None:
    themes = [theme.id for theme in reference.list_themes(ws)]
    areas = {area.name: area.id for area in reference.list_areas(ws)}
    own = reference.own_area(ws).id
    reference.ensure_periods(ws, indicators.PERIODS)
    ids = {}
    for item in indicators.INDICATORS:
        ids[item.code] = indicator_store.add_indicator(
            ws,
            {
                "code": item.code,
                "name": item.name,
                "theme_id": themes[item.theme],
                "polarity": item.polarity.value,
                "unit": item.unit,
                "decimals": item.decimals,
                "tolerance": indicators.tolerance_for(item),
                "source": item.source,
                "frequency": "financial year",
                "owner": "Insight team",
            },
            [areas[name] for name in indicators.COMPARATORS],
        )
    own_values, overrides = indicators.own_values()
    rows = [
        {
            "indicator_id": ids[code],
            "period": period,
            "area_id": own,
            "value": value,
            "provisional": int(period == "2022-23" and code.startswith("OI1")),
            "note": "",
        }
        for code, series in own_values.items()
        for period, value in series.items()
    ]
    rows += [
        {
            "indicator_id": ids[code],
            "period": period,
            "area_id": areas[area],
            "value": value,
            "provisional": 0,
            "note": "",
        }
        for (code, period, area), value in indicators.comparator_values(own_values).items()
    ]
    indicator_store.add_values(ws, rows, summary="demo indicator values")
    for code, period in overrides.items():
        override = indicator_store.set_override(
            ws, ids[code], period, Status.IMPROVED.value, indicators.OVERRIDE_REASON
        )
        # Who set it and when, as the printed report lists it (not whoever builds the demo).
        records.update(
            ws,
            "status_overrides",
            override,
            {"created_by": indicators.OVERRIDE_BY, "created_at": indicators.OVERRIDE_AT},
        )


def _engagement(ws: Workspace) -> None:
    wards = {ward.name: ward.id for ward in reference.list_wards(ws)}
    for name, population in engagement.WARD_POPULATIONS.items():
        reference.set_ward_population(ws, wards[name], population)
    channels = dict((name, id_) for id_, name in reference.names(ws, "channels"))
    types = dict((name, id_) for id_, name in reference.names(ws, "respondent_types"))
    themes = dict((name, id_) for id_, name in reference.names(ws, "feedback_themes"))
    for exercise in (engagement.PLAN_EXERCISE, engagement.CLIMATE_EXERCISE):
        exercise_id = engagement_store.add_exercise(
            ws,
            exercise.title,
            [channels[name] for name in exercise.channels],
            purpose=exercise.purpose,
            opens_on=exercise.opens_on,
            closes_on=exercise.closes_on,
            target_groups=exercise.target_groups,
            public_link=exercise.public_link,
        )
        items = engagement.responses(exercise)
        rows = [
            {
                "exercise_id": exercise_id,
                "received_on": item.received_on,
                "channel_id": channels[item.channel],
                "ward_id": wards.get(item.ward),
                "respondent_type_id": types[item.respondent_type],
                "text": item.text,
                "passed_on_to": item.passed_on_to,
                "passed_on_date": item.passed_on_date,
            }
            for item in items
        ]
        theme_links = {
            index: [themes[name] for name in item.themes] for index, item in enumerate(items)
        }
        engagement_store.add_feedback_batch(
            ws, rows, theme_links, summary=f"demo responses to {exercise.title}"
        )
