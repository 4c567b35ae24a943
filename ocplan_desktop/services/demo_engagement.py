"""The demo's engagement exercises and their responses, generated deterministically.

The shape follows what the Scrutiny committee noted: online survey responses bunched in a few wards,
much of the face-to-face engagement (events, libraries, Family Hubs) not collecting a ward at all,
fewer community groups than residents, no WhatsApp yet, and climate comments passed on to the Climate
Change Strategy consultation.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ocplan_desktop.domain.engagement import NOT_COLLECTED

# Approximate ward populations (thousands of residents), used for rates per 1,000 residents.
WARD_POPULATIONS = {
    "Bablake": 19_800,
    "Binley and Willenhall": 19_300,
    "Cheylesmore": 18_400,
    "Earlsdon": 17_900,
    "Foleshill": 24_100,
    "Henley": 21_600,
    "Holbrook": 19_000,
    "Longford": 20_900,
    "Lower Stoke": 21_800,
    "Radford": 20_200,
    "St Michael's": 24_800,
    "Sherbourne": 17_600,
    "Upper Stoke": 20_700,
    "Wainbody": 16_900,
    "Westwood": 18_700,
    "Whoberley": 18_100,
    "Woodlands": 18_300,
    "Wyken": 18_600,
}

CLIMATE_CONSULTATION = "Climate Change Strategy consultation"


@dataclass(frozen=True)
class DemoExercise:
    title: str
    purpose: str
    opens_on: str
    closes_on: str
    target_groups: str
    public_link: str
    channels: tuple[str, ...]
    responses: int


PLAN_EXERCISE = DemoExercise(
    title="One Coventry Plan engagement 2022",
    purpose="Ask residents, partners and the Council's workforce how the draft Plan's priorities could be "
    "delivered in a way that builds on what the city has achieved.",
    opens_on="2022-02-01",
    closes_on="2022-09-30",
    target_groups="Residents; partner organisations; council workforce; community groups; businesses",
    public_link="https://letstalk.coventry.gov.uk/one-coventry-plan",
    channels=("Online survey", "Library", "Family Hub", "Event", "Email or letter", "Social media"),
    responses=640,
)

CLIMATE_EXERCISE = DemoExercise(
    title="Climate Change Strategy consultation 2023",
    purpose="Gather views on the draft Climate Change Strategy and its action plan.",
    opens_on="2023-01-09",
    closes_on="2023-03-31",
    target_groups="Residents; businesses; community groups",
    public_link="https://chat.whatsapp.com/ocplan-demo-climate",
    channels=("Online survey", "Event", "WhatsApp", "Library"),
    responses=180,
)

# (channel, weight, share of responses with no ward collected)
CHANNEL_MIX = {
    PLAN_EXERCISE.title: (
        ("Online survey", 46, 0.03),
        ("Library", 14, 0.55),
        ("Family Hub", 12, 0.6),
        ("Event", 14, 0.8),
        ("Email or letter", 6, 0.2),
        ("Social media", 8, 0.9),
    ),
    CLIMATE_EXERCISE.title: (
        ("Online survey", 50, 0.05),
        ("Event", 20, 0.7),
        ("WhatsApp", 22, 0.5),
        ("Library", 8, 0.5),
    ),
}

# Online responses bunched in the south and west of the city; two wards heard from by no channel.
ONLINE_WARD_WEIGHTS = {
    "Earlsdon": 14,
    "Wainbody": 11,
    "Cheylesmore": 9,
    "Westwood": 8,
    "Whoberley": 7,
    "Bablake": 5,
    "Sherbourne": 4,
    "Woodlands": 4,
    "Radford": 3,
    "Holbrook": 2,
    "Upper Stoke": 2,
    "Lower Stoke": 2,
    "Wyken": 2,
    "Binley and Willenhall": 1,
    "Henley": 1,
    "St Michael's": 1,
}
SILENT_WARDS = ("Foleshill", "Longford")

RESPONDENT_MIX = (
    ("Resident", 78),
    ("Council workforce", 9),
    ("Partner organisation", 6),
    ("Community group", 4),
    ("Business", 3),
)

# Theme → phrases residents used; a response takes one to three themes.
THEME_PHRASES = {
    "Jobs and skills": (
        "more apprenticeships for young people",
        "help for people retraining after redundancy",
    ),
    "Housing": ("affordable homes for families", "repairs in private rented homes"),
    "Transport and roads": (
        "more reliable buses in the evening",
        "safer cycle routes to the city centre",
    ),
    "Climate and environment": (
        "more trees on our streets",
        "solar panels on council buildings",
        "better recycling collections",
    ),
    "Health and wellbeing": ("shorter waits to see a GP", "more support for mental health"),
    "Children and young people": ("youth clubs in every ward", "more help for children with SEND"),
    "Community safety": ("better street lighting", "police on the beat in the evenings"),
    "Council services": ("bins collected on time", "being able to reach the council by phone"),
    "Cost of living": ("help with energy bills", "warm spaces over the winter"),
    "City centre and culture": (
        "keeping the energy of the City of Culture year",
        "more events in the parks",
    ),
    "Communication and engagement": (
        "hearing back after we give our views",
        "notices in more languages",
    ),
}
OPENINGS = (
    "I would like to see",
    "Please focus on",
    "The plan should include",
    "We need",
    "My priority is",
    "It matters to our family to have",
)


@dataclass(frozen=True)
class DemoResponse:
    received_on: str
    channel: str
    ward: str  # a ward name or NOT_COLLECTED
    respondent_type: str
    text: str
    themes: tuple[str, ...]
    passed_on_to: str
    passed_on_date: str | None


def _weighted(
    rng: random.Random, pairs: tuple[tuple[str, int], ...] | list[tuple[str, int]]
) -> str:
    names = [name for name, _weight in pairs]
    weights = [weight for _name, weight in pairs]
    return rng.choices(names, weights=weights, k=1)[0]


def responses(exercise: DemoExercise) -> list[DemoResponse]:
    rng = random.Random(f"ocplan-demo-feedback-{exercise.title}")
    opens = dt.date.fromisoformat(exercise.opens_on)
    days = (dt.date.fromisoformat(exercise.closes_on) - opens).days
    channel_mix = CHANNEL_MIX[exercise.title]
    other_wards = [(name, 3) for name in WARD_POPULATIONS if name not in SILENT_WARDS]
    result = []
    for _index in range(exercise.responses):
        channel, _weight, no_ward_share = rng.choices(
            channel_mix, weights=[weight for _c, weight, _s in channel_mix], k=1
        )[0]
        if rng.random() < no_ward_share:
            ward = NOT_COLLECTED
        elif channel == "Online survey":
            ward = _weighted(rng, list(ONLINE_WARD_WEIGHTS.items()))
        else:
            ward = _weighted(rng, other_wards)
        respondent = _weighted(rng, RESPONDENT_MIX)
        themes = tuple(sorted(rng.sample(sorted(THEME_PHRASES), k=rng.choice((1, 1, 2, 2, 3)))))
        phrases = [rng.choice(THEME_PHRASES[theme]) for theme in themes]
        text = f"{rng.choice(OPENINGS)} {' and '.join(phrases)}."
        received = opens + dt.timedelta(days=rng.randrange(days + 1))
        passed_on_to, passed_on_date = "", None
        if "Climate and environment" in themes and exercise is PLAN_EXERCISE:
            passed_on_to = CLIMATE_CONSULTATION
            passed_on_date = max(received, dt.date(2022, 10, 14)).isoformat()
        result.append(
            DemoResponse(
                received.isoformat(),
                channel,
                ward,
                respondent,
                text,
                themes,
                passed_on_to,
                passed_on_date,
            )
        )
    return result
