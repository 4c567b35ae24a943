"""The demo's 73 plan indicators and their values, 2015-16 to 2022-23.

Values are generated, deterministically, so that the computed summaries reproduce the figures the
council published for every year (seed report §2.1). The targets below are the published counts;
where only the percentage and fraction were published, the split between improved and stayed the same
and between can't say and not available is ours. 2020-21 has no values at all (collection paused in
the pandemic), so it has no figure: a gap.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ocplan_desktop.domain.performance import Polarity, Status, direction_of_travel

PERIODS = ("2015-16", "2016-17", "2017-18", "2018-19", "2019-20", "2020-21", "2021-22", "2022-23")
GAP_PERIOD = "2020-21"

# (improved, same, worse, cannot say, not available) per period; 73 in each.
TARGETS: dict[str, tuple[int, int, int, int, int]] = {
    "2016-17": (38, 5, 14, 1, 15),  # 75% (43/57)
    "2017-18": (37, 5, 17, 1, 13),  # 71% (42/59)
    "2018-19": (46, 6, 15, 1, 5),  # 78% (52/67)
    "2019-20": (44, 6, 13, 1, 9),  # 79% (50/63)
    "2021-22": (35, 5, 18, 1, 14),  # 69% (40/58)
    "2022-23": (36, 6, 15, 1, 15),  # 74% (42/57)
}

# The 2022-23 value of this indicator was not published in time; an officer set its status by hand.
OVERRIDDEN_CODE = "EP01"
OVERRIDDEN_PERIOD = "2022-23"
OVERRIDE_BY = "Valerie De Souza"
OVERRIDE_AT = "2023-11-28T10:00:00+00:00"
OVERRIDE_REASON = (
    "The survey estimate for the year was withdrawn by ONS; the council's claimant and payroll data "
    "both show employment rising, so the direction of travel is recorded as improved."
)

H, L, N = Polarity.HIGHER, Polarity.LOWER, Polarity.NONE


@dataclass(frozen=True)
class DemoIndicator:
    code: str
    name: str
    theme: int  # index into PLAN_THEMES
    polarity: Polarity
    unit: str
    decimals: int
    baseline: float
    step: float
    source: str


def _i(
    code: str,
    name: str,
    theme: int,
    polarity: Polarity,
    unit: str,
    decimals: int,
    baseline: float,
    step: float,
    source: str,
) -> DemoIndicator:
    return DemoIndicator(code, name, theme, polarity, unit, decimals, baseline, step, source)


# fmt: off
INDICATORS: tuple[DemoIndicator, ...] = (
    _i("EP01", "Employment rate, residents aged 16-64", 0, H, "%", 1, 68.4, 0.9, "ONS Annual Population Survey"),
    _i("EP02", "Claimant count as a share of residents aged 16-64", 0, L, "%", 1, 3.6, 0.3, "ONS claimant count"),
    _i("EP03", "Median gross weekly pay, full-time workers", 0, H, "£", 0, 512, 11, "ONS ASHE"),
    _i("EP04", "Gross value added per head", 0, H, "£", 0, 23150, 420, "ONS regional accounts"),
    _i("EP05", "Business births per 10,000 adults", 0, H, "rate per 10,000", 1, 61.2, 2.4, "ONS business demography"),
    _i("EP06", "Businesses surviving three years", 0, H, "%", 1, 58.3, 1.1, "ONS business demography"),
    _i("EP07", "Residents qualified to level 4 or above", 0, H, "%", 1, 31.5, 0.8, "ONS Annual Population Survey"),
    _i("EP08", "Residents with no qualifications", 0, L, "%", 1, 9.8, 0.4, "ONS Annual Population Survey"),
    _i("EP09", "Apprenticeship starts", 0, H, "count", 0, 3120, 95, "Department for Education"),
    _i("EP10", "Young people not in education, employment or training", 0, L, "%", 1, 6.1, 0.3, "Department for Education"),
    _i("EP11", "Jobs created or safeguarded with council support", 0, H, "count", 0, 1450, 70, "Council economic development"),
    _i("EP12", "Visitors to the city (millions)", 0, H, "count", 1, 8.4, 0.4, "Visitor economy model"),
    _i("EP13", "City centre footfall (millions)", 0, H, "count", 1, 21.6, 0.9, "Footfall counters"),
    _i("EP14", "Net additional homes", 0, H, "count", 0, 1380, 60, "Housing land monitoring"),
    _i("EP15", "Affordable homes delivered", 0, H, "count", 0, 296, 18, "Housing land monitoring"),
    _i("EP16", "Major planning applications decided in time", 0, H, "%", 1, 86.0, 1.6, "Planning statistics"),
    _i("EP17", "Premises with superfast broadband", 0, H, "%", 1, 93.1, 0.7, "Ofcom Connected Nations"),
    _i("EP18", "Bus passenger journeys (millions)", 0, H, "count", 1, 39.8, 1.2, "Transport authority"),
    _i("EP19", "Working-age residents on out-of-work benefits", 0, L, "%", 1, 11.2, 0.4, "DWP benefit statistics"),
    _i("EP20", "Vacant units in the city centre", 0, L, "%", 1, 14.6, 0.6, "Retail survey"),
    _i("OI01", "Healthy life expectancy at birth, women", 1, H, "years", 1, 60.1, 0.4, "OHID Public Health Outcomes Framework"),
    _i("OI02", "Healthy life expectancy at birth, men", 1, H, "years", 1, 61.3, 0.4, "OHID Public Health Outcomes Framework"),
    _i("OI03", "Gap in life expectancy between most and least deprived areas", 1, L, "years", 1, 10.4, 0.3, "OHID Public Health Outcomes Framework"),
    _i("OI04", "Children in low-income families", 1, L, "%", 1, 22.6, 0.7, "DWP/HMRC"),
    _i("OI05", "Children looked after per 10,000 children", 1, L, "rate per 10,000", 1, 84.0, 2.1, "Children's social care"),
    _i("OI06", "Children with a child protection plan per 10,000 children", 1, L, "rate per 10,000", 1, 52.3, 1.8, "Children's social care"),
    _i("OI07", "Re-referrals to children's social care within 12 months", 1, L, "%", 1, 21.4, 0.8, "Children's social care"),
    _i("OI08", "Pupils in good or outstanding schools", 1, H, "%", 1, 78.2, 1.5, "Ofsted"),
    _i("OI09", "Key stage 2 pupils meeting the expected standard in reading, writing and maths", 1, H, "%", 1, 52.0, 1.3, "Department for Education"),
    _i("OI10", "Average Attainment 8 score", 1, H, "score", 1, 44.1, 0.6, "Department for Education"),
    _i("OI11", "Adults with learning disabilities in paid employment", 1, H, "%", 1, 4.9, 0.3, "Adult social care"),
    _i("OI12", "Older people at home 91 days after leaving hospital into reablement", 1, H, "%", 1, 82.5, 1.2, "Adult social care"),
    _i("OI13", "Permanent admissions to care homes, people aged 65+, per 100,000", 1, L, "rate per 100,000", 0, 612, 21, "Adult social care"),
    _i("OI14", "Days of delayed transfer of care from hospital", 1, L, "days", 0, 9850, 320, "NHS England"),
    _i("OI15", "Adults who smoke", 1, L, "%", 1, 16.8, 0.6, "OHID Public Health Outcomes Framework"),
    _i("OI16", "Adults who are overweight or obese", 1, L, "%", 1, 63.5, 0.7, "Active Lives survey"),
    _i("OI17", "Physically active adults", 1, H, "%", 1, 60.2, 0.9, "Active Lives survey"),
    _i("OI18", "Households prevented from becoming homeless", 1, H, "count", 0, 890, 35, "Housing options"),
    _i("OI19", "Households in temporary accommodation", 1, L, "count", 0, 410, 22, "Housing options"),
    _i("OI20", "People sleeping rough on a single night", 1, L, "count", 0, 19, 2, "Rough sleeping snapshot"),
    _i("OI21", "Domestic abuse incidents reported to the police per 1,000 people", 1, N, "rate per 1,000", 1, 27.4, 0.9, "West Midlands Police"),
    _i("OI22", "Recorded crime per 1,000 people", 1, L, "rate per 1,000", 1, 88.7, 2.2, "West Midlands Police"),
    _i("OI23", "First-time entrants to the youth justice system per 100,000", 1, L, "rate per 100,000", 0, 402, 19, "Youth Justice Board"),
    _i("OI24", "Library visits (thousands)", 1, H, "count", 0, 1310, 40, "Library service"),
    _i("OI25", "Residents who feel they belong to their neighbourhood", 1, H, "%", 1, 61.0, 1.1, "Household survey"),
    _i("CC01", "Household waste reused, recycled or composted", 2, H, "%", 1, 31.2, 0.9, "Waste data flow"),
    _i("CC02", "Residual household waste per household (kg)", 2, L, "count", 0, 604, 14, "Waste data flow"),
    _i("CC03", "Carbon dioxide emissions per resident (tonnes)", 2, L, "count", 1, 4.6, 0.2, "DESNZ local emissions"),
    _i("CC04", "Council's own carbon emissions (tonnes CO2e)", 2, L, "count", 0, 18400, 650, "Council energy team"),
    _i("CC05", "Nitrogen dioxide annual mean at roadside monitors (µg/m³)", 2, L, "count", 1, 38.2, 1.1, "Air quality monitoring"),
    _i("CC06", "Public electric vehicle charge points", 2, H, "count", 0, 55, 40, "Transport team"),
    _i("CC07", "Energy used in council buildings (MWh)", 2, L, "count", 0, 41200, 1100, "Council energy team"),
    _i("CC08", "Fly-tipping incidents", 2, L, "count", 0, 8900, 310, "Environmental services"),
    _i("CC09", "Streets meeting the cleanliness standard", 2, H, "%", 1, 89.5, 1.0, "Street cleanliness survey"),
    _i("CC10", "Trees planted", 2, H, "count", 0, 2400, 260, "Parks service"),
    _i("CC11", "Homes rated EPC band C or above", 2, H, "%", 1, 34.8, 1.4, "Energy performance certificates"),
    _i("CC12", "Journeys to work on foot or by bike", 2, H, "%", 1, 13.9, 0.6, "Travel survey"),
    _i("FS01", "Council tax collected in year", 3, H, "%", 1, 94.6, 0.4, "Revenues service"),
    _i("FS02", "Business rates collected in year", 3, H, "%", 1, 97.1, 0.4, "Revenues service"),
    _i("FS03", "Revenue budget variance at outturn (£m)", 3, L, "£", 1, 3.2, 0.7, "Finance"),
    _i("FS04", "Invoices paid within 30 days", 3, H, "%", 1, 90.3, 1.0, "Finance"),
    _i("FS05", "Working days lost to sickness per employee", 3, L, "days", 1, 10.9, 0.4, "Human resources"),
    _i("FS06", "Income from the commercial property portfolio (£m)", 3, H, "£", 1, 17.5, 0.6, "Property services"),
    _i("FS07", "Capital programme delivered", 3, H, "%", 1, 81.0, 2.0, "Finance"),
    _i("FS08", "Freedom of Information requests answered in time", 3, H, "%", 1, 86.4, 1.5, "Information governance"),
    _i("PL01", "Residents satisfied with their local area as a place to live", 4, H, "%", 1, 73.0, 1.0, "Household survey"),
    _i("PL02", "Residents who feel they can influence decisions in their area", 4, H, "%", 1, 27.5, 1.0, "Household survey"),
    _i("PL03", "Residents who volunteer at least once a month", 4, H, "%", 1, 18.2, 0.8, "Household survey"),
    _i("PL04", "Complaints upheld by the Local Government and Social Care Ombudsman", 4, L, "count", 0, 41, 3, "LGSCO annual review"),
    _i("PL05", "Customer contacts resolved at the first point of contact", 4, H, "%", 1, 74.6, 1.2, "Customer services"),
    _i("PL06", "Transactions completed online", 4, H, "%", 1, 46.0, 2.5, "Customer services"),
    _i("PL07", "External and partnership funding secured (£m)", 4, H, "£", 1, 38.0, 2.4, "Funding and programmes"),
    _i("PL08", "Staff who would recommend the council as a place to work", 4, H, "%", 1, 58.0, 1.4, "Staff survey"),
)
# fmt: on

COMPARATORS = ("England", "West Midlands", "Similar councils")


def tolerance_for(indicator: DemoIndicator) -> float:
    """Changes smaller than this count as stayed the same: a tenth of a point for rates, none for counts."""
    return 0.1 if indicator.decimals else 0.0


def _status_plan() -> dict[str, list[Status]]:
    """For each summary period, a status for each directional-capable indicator (all but no-polarity)."""
    count = sum(1 for item in INDICATORS if item.polarity is not N)
    plan: dict[str, list[Status]] = {}
    for period, (improved, same, worse, _cannot_say, not_available) in TARGETS.items():
        statuses = (
            [Status.IMPROVED] * improved
            + [Status.SAME] * same
            + [Status.WORSE] * worse
            + [Status.NOT_AVAILABLE] * not_available
        )
        assert len(statuses) == count, (period, len(statuses), count)
        random.Random(f"ocplan-demo-{period}").shuffle(statuses)
        plan[period] = statuses
    return plan


def _round(value: float, decimals: int) -> float:
    return round(value, decimals)


def own_values() -> tuple[dict[str, dict[str, float]], dict[str, str]]:
    """{code: {period: value}} for the council's own area, and {code: period} of the override to make
    (its status is improved).

    Each value is the last one moved in the planned direction; a planned "not available" leaves the
    period without a value. The result is checked against the rule before it is returned.
    """
    plan = _status_plan()
    values: dict[str, dict[str, float]] = {}
    overrides: dict[str, str] = {}
    directional_index = 0
    for indicator in INDICATORS:
        series = {PERIODS[0]: _round(indicator.baseline, indicator.decimals)}
        last = series[PERIODS[0]]
        wobble = random.Random(f"ocplan-demo-{indicator.code}")
        for period in PERIODS[1:]:
            if period == GAP_PERIOD:
                continue
            if indicator.polarity is N:
                last = _round(last + indicator.step * wobble.choice((-1, 1)), indicator.decimals)
                series[period] = last
                continue
            target = plan[period][directional_index]
            if indicator.code == OVERRIDDEN_CODE and period == OVERRIDDEN_PERIOD:
                # Published without a value, and counted as improved by the officer's override.
                assert target is Status.IMPROVED, target
                overrides[indicator.code] = period
                target = Status.NOT_AVAILABLE
            if target is Status.NOT_AVAILABLE:
                continue
            if target is Status.SAME:
                series[period] = last
                continue
            good = 1 if indicator.polarity is H else -1
            direction = good if target is Status.IMPROVED else -good
            size = indicator.step * wobble.uniform(0.6, 1.4)
            size = max(size, tolerance_for(indicator) * 2 + 10**-indicator.decimals)
            last = _round(last + direction * size, indicator.decimals)
            computed = direction_of_travel(
                last, series[_latest(series)], indicator.polarity, tolerance_for(indicator)
            )
            assert computed is target, (indicator.code, period, computed, target)
            series[period] = last
        values[indicator.code] = series
        if indicator.polarity is not N:
            directional_index += 1
    return values, overrides


def _latest(series: dict[str, float]) -> str:
    return max(series)  # labels of the same form sort in time order


def comparator_values(own: dict[str, dict[str, float]]) -> dict[tuple[str, str, str], float]:
    """{(code, period, area): value}: comparators near the council's own figure, where published."""
    result: dict[tuple[str, str, str], float] = {}
    for indicator in INDICATORS:
        rng = random.Random(f"ocplan-demo-comparators-{indicator.code}")
        offsets = {area: rng.uniform(-0.12, 0.12) for area in COMPARATORS}
        for period, value in own[indicator.code].items():
            for area in COMPARATORS:
                if area == "Similar councils" and period < "2017-18":
                    continue  # the comparator group was first published in 2017-18
                drift = rng.uniform(-0.02, 0.02)
                result[(indicator.code, period, area)] = _round(
                    value * (1 + offsets[area] + drift), indicator.decimals
                )
    return result
