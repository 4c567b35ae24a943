"""The demo's committees, people, meetings, minutes, report and tracked recommendations.

Facts (names, dates, bodies, the shape of the resolutions, the approvals table) come from the two seed
documents; the wording is the project's own.
"""

from __future__ import annotations

from ocplan_desktop.domain.minutes import resolution
from ocplan_desktop.domain.reports import (
    Approval,
    Report,
    ReportAuthor,
    ReportRecommendation,
    ReportSection,
)

SCC = "Scrutiny Co-ordination Committee"
CABINET = "Cabinet"
COUNCIL = "Council"

COMMITTEES = (
    # name, short name, kind
    (SCC, "SCC", "scrutiny"),
    (CABINET, "CAB", "executive"),
    (COUNCIL, "CNL", "council"),
)

STANDING_ITEMS = (
    "Apologies and substitutions",
    "Declarations of interest",
    "Minutes of the last meeting",
    "Matters arising",
)

# name, kind, honorific, job title, service area, portfolio
PEOPLE = (
    (
        "G Duggins",
        "member",
        "Councillor",
        "Leader of the Council",
        "",
        "Cabinet Member for Policy and Leadership",
    ),
    (
        "A Ahmed",
        "member",
        "Councillor",
        "Deputy Leader",
        "",
        "Cabinet Member for Housing and Communities",
    ),
    (
        "B Fairweather",
        "member",
        "Councillor",
        "",
        "",
        "Cabinet Member for Strategic Finance and Resources",
    ),
    ("K Lindqvist", "member", "Councillor", "", "", "Cabinet Member for Public Health and Sport"),
    ("H Carter", "member", "Councillor", "Chair of Scrutiny Co-ordination Committee", "", ""),
    ("P Ellis", "member", "Councillor", "", "", ""),
    ("J Grant", "member", "Councillor", "", "", ""),
    ("M Hussain", "member", "Councillor", "", "", ""),
    ("R Kaur", "member", "Councillor", "", "", ""),
    ("S O'Brien", "member", "Councillor", "", "", ""),
    ("D Walsh", "member", "Councillor", "", "", ""),
    ("Kirston Nelson", "officer", "", "Chief Partnerships Officer", "Partnerships", ""),
    (
        "Allison Duggal",
        "officer",
        "",
        "Director of Public Health and Wellbeing",
        "Public Health and Wellbeing",
        "",
    ),
    (
        "Valerie De Souza",
        "officer",
        "",
        "Consultant in Public Health",
        "Public Health and Wellbeing",
        "",
    ),
    ("Suzanne Bennett", "officer", "", "Governance Services Officer", "Law and Governance", ""),
    ("Phil Helm", "officer", "", "Head of Finance", "Finance", ""),
    ("Julie Newman", "officer", "", "Chief Legal Officer", "Law and Governance", ""),
    ("Tom Adeyemi", "officer", "", "Head of Insight", "Insight & Migration", ""),
    ("Grace Whitfield", "officer", "", "Communications Manager", "Communications", ""),
)

MEMBERSHIP = {
    SCC: [
        ("H Carter", "chair"),
        ("P Ellis", "vice-chair"),
        ("J Grant", "member"),
        ("M Hussain", "member"),
        ("R Kaur", "member"),
        ("S O'Brien", "member"),
        ("D Walsh", "member"),
    ],
    CABINET: [
        ("G Duggins", "chair"),
        ("A Ahmed", "member"),
        ("B Fairweather", "member"),
        ("K Lindqvist", "member"),
    ],
    COUNCIL: [(name, "member") for name, kind, *_rest in PEOPLE if kind == "member"],
}

VENUE = "Diamond Rooms 1 and 2, Council House"

# committee, date, time, status, [(agenda title, minute sequence or None, report key or None)]
PLAN_ITEM = "One Coventry Plan 2022-2030"
REPORT_ITEM = "One Coventry Plan Annual Performance Report 2022-23"

MEETINGS = (
    (
        SCC,
        "2023-02-01",
        "10:00",
        "held",
        52,
        [PLAN_ITEM, "Scrutiny Co-ordination Committee Work Programme 2022-23"],
    ),
    (
        CABINET,
        "2023-02-14",
        "14:00",
        "held",
        98,
        [PLAN_ITEM + ": recommendations from Scrutiny Co-ordination Committee"],
    ),
    (COUNCIL, "2023-02-21", "14:00", "held", 121, [PLAN_ITEM]),
    (
        SCC,
        "2023-06-21",
        "10:00",
        "held",
        1,
        ["Scrutiny Co-ordination Committee Work Programme 2023-24"],
    ),
    (
        SCC,
        "2023-12-20",
        "10:00",
        "held",
        39,
        [REPORT_ITEM, "One Coventry Plan: progress on the recommendations to Cabinet"],
    ),
    (CABINET, "2024-01-09", "14:00", "held", 71, [REPORT_ITEM]),
    (
        SCC,
        "2024-02-07",
        "10:00",
        "scheduled",
        47,
        ["Scrutiny Co-ordination Committee Work Programme 2024-25"],
    ),
)

ATTENDANCE_APOLOGIES = {("2023-02-01", "D Walsh"), ("2023-12-20", "R Kaur")}

PLAN_MINUTES_HEADING = PLAN_ITEM
PLAN_MINUTES_REPORT_OF = "Report of the Interim Chief Executive (Chief Partnerships Officer)"

PLAN_MINUTES_PARAGRAPHS = (
    "The Committee received a Briefing Note on the Council Plan. The One Coventry Plan was first agreed "
    "in 2014 to run for ten years, to 2024, and had last been refreshed in 2016.",
    "Work to refresh the Plan started in 2021 so that it reflected the emerging priorities of the Council "
    "and the city. Between February and September 2022 the Council engaged widely with its workforce, its "
    "partners and the public on how the priorities in the draft Plan could be delivered, building on what "
    "had been achieved and recognising the challenges the city faces.",
    "The refreshed One Coventry Plan 2022-2030 sets the strategic direction of the Council and the One "
    "Coventry vision of working together to improve the city and the lives of those who live, work and "
    "study in it. The report asked for the refreshed priorities to be adopted, described how the "
    "engagement was carried out, summarised what it found, and showed how local people's views had shaped "
    "the Plan.",
    "The Leader of the Council introduced the item, stressing that the Council and its partners must hold "
    "themselves to account for delivering the Plan. A performance management framework was being "
    "developed to support shared accountability across the One Coventry partnership.",
    "Members asked questions, sought assurances and commented on a number of matters, including:",
)

PLAN_MINUTES_BULLETS = (
    "How partners would be held to account: the One Coventry partnership rests on two principles, putting "
    "people at the heart of everything and recognising that responsibility is shared",
    "The Committee welcomed the improved engagement process and the greater number of people involved",
    "Online survey responses were not spread evenly across the wards; other engagement across the city "
    "did not collect ward information so as not to interrupt the conversation",
    "Services would be reviewed to make sure they reflect the Plan's three main priorities, including a "
    "revised approach to media and communications support",
    "A strategy would set out how every service area can contribute to the Plan day to day, with tool kits "
    "to help front-line staff and residents talk about it",
    "Fewer community groups had responded, reflecting a wider decline in community groups since the "
    "pandemic; the three community prototypes offered learning",
    "The long-term aim was to reduce demand for statutory services, which would take time",
    "Comments about climate change would be passed to the Climate Change Strategy consultation",
    "Not everyone uses social media, so the engagement had a presence in every library and Family Hub; "
    "WhatsApp might be used for engagement in future",
    "The stakeholder list in the Equality Impact Assessment was not exhaustive but had included housing "
    "providers",
)

PLAN_RECOMMENDATIONS = (
    "Welcome the increased engagement on the One Coventry Plan and the better response rates it produced",
    "Acknowledge that the engagement collected limited information on responses by ward, and welcome "
    "officers' commitment to build on this in future engagement",
    "Welcome the planned review of the Council's media and communication methods to support community "
    "engagement and the delivery of the One Coventry Plan",
    "Suggest that officers explore including QR codes in future to link to a WhatsApp group and so "
    "increase engagement",
    "Welcome the shared responsibility of the Council and its partners for delivering the One Coventry Plan",
    "Welcome the Council's ability to challenge partners and hold them to account through the One "
    "Coventry Partnership",
    "Agree that Scrutiny receives regular updates on progress in delivering the One Coventry Plan",
)

PLAN_RESOLUTIONS = (
    resolution("That the engagement feedback received be noted."),
    resolution(
        "That the following comments and recommendations be submitted to Cabinet for consideration. "
        "That Scrutiny Co-ordination Committee:",
        *(resolution(text) for text in PLAN_RECOMMENDATIONS),
    ),
    resolution("That the recommendations to Cabinet be supported."),
)

# Cabinet's responses at its meeting of 14 February 2023: (response, response text, status, due date,
# lead officer, progress updates [(date, text)]).
CABINET_RESPONSES: tuple[tuple[str, str, str, str | None, str, list[tuple[str, str]]], ...] = (
    (
        "accepted",
        "Cabinet welcomed the Committee's support for the engagement approach.",
        "completed",
        None,
        "Kirston Nelson",
        [("2023-03-01", "Engagement approach adopted as the model for future plan refreshes.")],
    ),
    (
        "accepted",
        "Ward information will be collected in all future surveys and at events where possible.",
        "in_progress",
        "2024-03-31",
        "Tom Adeyemi",
        [
            ("2023-07-12", "Ward question added to the corporate survey template."),
            (
                "2023-11-30",
                "Events toolkit updated; libraries and Family Hubs to record postcodes from January.",
            ),
        ],
    ),
    (
        "accepted",
        "The review of media and communications will report to Cabinet in the autumn.",
        "in_progress",
        "2023-10-31",
        "Grace Whitfield",
        [("2023-09-14", "Review under way; residents' panel consulted on preferred channels.")],
    ),
    (
        "partially_accepted",
        "QR codes will be trialled on printed material; a WhatsApp channel will be considered once "
        "moderation and data protection questions are settled.",
        "open",
        "2024-06-30",
        "Grace Whitfield",
        [],
    ),
    ("noted", "Cabinet noted the Committee's comments.", "closed", None, "Kirston Nelson", []),
    (
        "accepted",
        "The One Coventry Partnership board will publish its own progress measures.",
        "in_progress",
        "2024-04-30",
        "Kirston Nelson",
        [
            (
                "2023-12-20",
                "Partnership measures drafted and reported to the Committee with the annual report.",
            )
        ],
    ),
    (
        "accepted",
        "The annual performance report and a mid-year update will come to Scrutiny.",
        "completed",
        None,
        "Valerie De Souza",
        [("2023-12-20", "Annual performance report 2022-23 considered by the Committee.")],
    ),
)
CABINET_RESPONSE_DATE = "2023-02-14"

REPORT_MINUTES_PARAGRAPHS = (
    "The Committee considered the annual performance report for 2022-23, which sets out progress on the "
    "One Coventry Plan priorities using the plan's indicators, the actions taken and comparisons with "
    "other places.",
    # A figure typed by the officer, as minutes record it: `ocplan check-figures` defends it.
    "Members noted that 74% (42/57) of directional indicators had improved or stayed the same, "
    "against 69% (40/58) in 2021-22, and that 15 indicators got worse.",
)

# §2.1 of the annual report, as the seed report words it, with every figure a live field: the printed
# report and the pack's performance section are worked out from the same data at the same moment.
_P = "2022-23"
SUMMARY_PARAGRAPH = (
    f"The One Coventry Plan is currently measured using {{{{figure:count.total:{_P}}}}} indicators, "
    f"of which {{{{figure:count.improved:{_P}}}}} indicators improved; "
    f"{{{{figure:count.same:{_P}}}}} stayed the same; {{{{figure:count.worse:{_P}}}}} indicators "
    f"got worse; we can't say for {{{{figure:count.cannot_say:{_P}}}}}; and progress is not "
    f"available for the remaining {{{{figure:count.not_available:{_P}}}}}. This means, "
    f"{{{{figure:headline:{_P}}}}} of directional indicators (excluding cannot say or not "
    "available) improved or stayed the same. This compares to the performance seen in previous "
    f"years: {{{{figure:comparison:{_P}}}}}."
)
REPORT_MINUTES_RESOLUTIONS = (
    resolution("That the Council's performance as set out in the report be noted."),
    resolution(
        "That the following comments be submitted to Cabinet. That Scrutiny Co-ordination Committee:",
        resolution(
            "Request that the performance report include ward-level data where it is available"
        ),
        resolution(
            "Suggest that future reports show the indicators that moved furthest in either direction"
        ),
    ),
)


def annual_report() -> Report:
    """The One Coventry Plan Annual Performance Report 2022-23 in the council's template.

    Paragraph 2.1 holds live figures (`SUMMARY_PARAGRAPH`), worked out when the report is printed.
    """
    return Report(
        title=REPORT_ITEM,
        kind="public report",
        report_of="Chief Partnerships Officer",
        cabinet_member="Cabinet Member for Policy and Leadership – Councillor G Duggins",
        director="Chief Partnerships Officer",
        wards_all=True,
        key_decision=False,
        executive_summary=(
            "The One Coventry approach shapes how the Council works with its partners to improve the city "
            "and people's lives. It brings together the Council's vision and priorities, new ways of "
            "working and the core activity that delivers the Plan's objectives, strategies and approaches, "
            "and it puts the needs of communities at the heart of improving residents' health and "
            "wellbeing.\n\n"
            "This annual performance report shows the progress made on the One Coventry Plan priorities in "
            "2022-2023. For each objective it sets out the trends, the actions taken and the performance "
            "measures, and compares progress with earlier years and with other places, against a backdrop "
            "of recovery from the Covid-19 pandemic.\n\n"
            "The One Coventry Plan (2016-24) was refreshed during 2022 to align the Council's services and "
            "partnerships more closely with the themes and priorities emerging in the city and the region."
        ),
        recommendations=(
            ReportRecommendation(
                SCC, "Consider the Council's performance as set out in the performance report."
            ),
            ReportRecommendation(
                SCC, "Identify any comments or issues they wish to raise with Cabinet."
            ),
            ReportRecommendation(SCC, "Identify any areas for further scrutiny."),
            ReportRecommendation(
                SCC,
                "Note the intention to refresh the content and frequency of the "
                "performance reports available in future.",
            ),
            ReportRecommendation(
                CABINET,
                "Consider any comments or issues raised by Scrutiny Co-ordination Committee.",
            ),
            ReportRecommendation(CABINET, "Approve the performance report."),
            ReportRecommendation(
                CABINET,
                "Consider the Council's performance this year and identify areas "
                "they wish to look at in more detail.",
            ),
            ReportRecommendation(
                CABINET,
                "Note the intention to refresh the content and frequency of the "
                "performance reports available in future.",
            ),
        ),
        appendices=("Appendix I – One Coventry Plan Annual Performance Report 2022-23",),
        background_papers="None",
        scrutiny_considered="Yes – Scrutiny Co-ordination Committee, 20 December 2023",
        other_bodies="No",
        goes_to_council="No",
        sections=(
            ReportSection(
                "Background",
                (
                    "The One Coventry Plan holds the Council's vision and priorities, its new ways of working and "
                    "the core activity that delivers the Plan's objectives, strategies and approaches. Last "
                    "refreshed in 2022, it covers 2022 to 2030. It keeps the Council's long-standing principles "
                    "(globally connected, locally committed, working together to deliver priorities with fewer "
                    "resources) and sets out new ways of working to meet rising demand with less funding in "
                    "real terms.",
                    "The annual performance report shows progress towards the One Coventry Plan: for each "
                    "objective, the trends, the actions taken and the performance measures, compared with "
                    "earlier years and with other places.",
                    "Agreed indicators show progress on the priorities, supported by a wider basket of measures, "
                    "including equality and perception measures, that explain the story behind the headlines. "
                    "Indicators are drawn from key strategies and aligned to directorate priorities and to the "
                    "equality and health inequalities objectives.",
                    "Infographics, open data, maps and a publication schedule are available at "
                    "www.coventry.gov.uk/infoandstats/.",
                    "The Council's priorities are delivered through strategies aligned to the One Coventry Plan, "
                    "as the performance management framework sets out; directorate leadership teams and the "
                    "Corporate Leadership Team have checked that the key strategies are aligned to the Plan.",
                ),
            ),
            ReportSection(
                "Context",
                (
                    SUMMARY_PARAGRAPH,
                    "Many of the Council's key priorities have an equality dimension or address an inequality "
                    "arising from economic or social circumstances.",
                ),
            ),
            ReportSection(
                "Results of consultation undertaken",
                ("No consultation has been carried out on this report.",),
            ),
            ReportSection(
                "Timetable for implementing this decision",
                ("No decision timetable is linked to this performance report.",),
            ),
        ),
        implications={
            "implications_financial": (
                "The report has no direct financial implications, although how the Council governs and "
                "delivers its objectives affects its overall financial position and the external Value for "
                "Money assessment."
            ),
            "implications_legal": (
                "The local government transparency code sets out the minimum data councils should publish, "
                "how often and how. Councils are not required to publish a performance report, or "
                "performance on any indicator. Coventry City Council does so because it is committed to "
                "sharing information that helps it work with neighbours and partners towards the One "
                "Coventry Plan, and sees this as good practice."
            ),
            "implications_priorities": (
                "The report shows progress towards the One Coventry Plan, the Council's vision and "
                "priorities. The performance management framework sets out how the Council organises its "
                "resources to achieve them. Further tools are being developed for in-year monitoring and "
                "will complement future reports."
            ),
            "implications_risk": (
                "Measuring and reviewing progress on the Plan's priorities helps the Council manage risk: the "
                "report shows where progress is good, where it is not as expected, and where corrective "
                "action is needed."
            ),
            "implications_organisation": (
                "The One Coventry Plan affects the whole organisation; effective performance management at "
                "every level helps make sure the priorities are delivered."
            ),
            "implications_equalities": (
                "Performance management and reporting must have due regard to the public sector equality "
                "duty under section 149 of the Equality Act 2010. Many of the Plan's priorities are also "
                "equality objectives, and progress on a specific set of equality objectives is reported each "
                "year to the Cabinet Member (Policing & Equalities), which helps meet the Equality Act 2010 "
                "(Specific Duties) Regulations 2011."
            ),
            "implications_climate": (
                "The Council is committed to tackling climate change. The report includes environmental "
                "measures such as air quality, energy use and the carbon dioxide emissions from the "
                "Council's own operations."
            ),
            "implications_partners": (
                "The report tracks the Council's priorities but includes actions and measures whose delivery "
                "depends on partners."
            ),
        },
        authors=(
            ReportAuthor("Kirston Nelson", "Chief Partnerships Officer"),
            ReportAuthor("Allison Duggal", "Director of Public Health and Wellbeing"),
            ReportAuthor("Valerie De Souza", "Consultant in Public Health"),
        ),
        author_service="Public Health and Wellbeing, Insight & Migration",
        author_contact="insight@coventry.gov.uk",
        web_link="www.coventry.gov.uk/performance/",
        published_link="www.coventry.gov.uk/meetings",
        approvals=(
            Approval(
                "contributor",
                "Suzanne Bennett",
                "",
                "Governance Services Officer",
                "Law and Governance",
                "2023-12-07",
                "2023-12-07",
            ),
            Approval(
                "approver",
                "Phil Helm",
                "Finance",
                "Head of Finance",
                "Finance",
                "2023-12-07",
                "2023-12-08",
            ),
            Approval(
                "approver",
                "Julie Newman",
                "Legal",
                "Chief Legal Officer",
                "Law and Governance",
                "2023-12-07",
                "2023-12-07",
            ),
            Approval(
                "approver",
                "Kirston Nelson",
                "Director",
                "Chief Partnerships Officer",
                "-",
                "2023-12-07",
                "2023-12-07",
            ),
            Approval(
                "approver",
                "Councillor G Duggins",
                "Members",
                "Cabinet Member for Policy and Leadership",
                "-",
                "2023-12-06",
                "2023-12-06",
            ),
        ),
    )
