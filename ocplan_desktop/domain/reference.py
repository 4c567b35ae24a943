"""Reference data a new workspace starts with; all of it is editable in the workspace afterwards."""

from __future__ import annotations

from ocplan_desktop.domain.engagement import CHANNELS, RESPONDENT_TYPES

COVENTRY_WARDS: tuple[str, ...] = (
    "Bablake",
    "Binley and Willenhall",
    "Cheylesmore",
    "Earlsdon",
    "Foleshill",
    "Henley",
    "Holbrook",
    "Longford",
    "Lower Stoke",
    "Radford",
    "St Michael's",
    "Sherbourne",
    "Upper Stoke",
    "Wainbody",
    "Westwood",
    "Whoberley",
    "Woodlands",
    "Wyken",
)

# The One Coventry Plan 2022-2030: three priorities and two enablers.
PLAN_THEMES: tuple[tuple[str, str], ...] = (
    ("Increasing the economic prosperity of the city and region", "priority"),
    ("Improving outcomes and tackling inequalities within our communities", "priority"),
    ("Tackling the causes and consequences of climate change", "priority"),
    ("Continued financial sustainability of the Council", "enabler"),
    ("Council's role as a partner, enabler and leader", "enabler"),
)

COMPARATOR_AREAS: tuple[str, ...] = ("England", "West Midlands", "Similar councils")

FEEDBACK_THEMES: tuple[str, ...] = (
    "Jobs and skills",
    "Housing",
    "Transport and roads",
    "Climate and environment",
    "Health and wellbeing",
    "Children and young people",
    "Community safety",
    "Council services",
    "Cost of living",
    "City centre and culture",
    "Communication and engagement",
)

DEFAULT_SETTINGS = {
    "council": "Coventry City Council",
    "plan_name": "The One Coventry Plan",
}

__all__ = [
    "CHANNELS",
    "COMPARATOR_AREAS",
    "COVENTRY_WARDS",
    "DEFAULT_SETTINGS",
    "FEEDBACK_THEMES",
    "PLAN_THEMES",
    "RESPONDENT_TYPES",
]
