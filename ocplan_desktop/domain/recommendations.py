"""Recommendations sent from one body to another, and what happened to them.

Whether a recommendation is overdue, or has waited too long for a response, is worked out from its
dates and the day it is asked on (`today`), never typed, so tests pass a fixed day and the window
passes the real one.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from ocplan_desktop.domain.dates import format_date, iso_date
from ocplan_desktop.domain.errors import ValidationError


def _key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text).casefold()


# The words councils' trackers use for the same response or status ("Agreed", "Complete",
# "Ongoing"), read as the app's own; anything else is refused, naming the words it knows.
_RESPONSE_WORDS = {
    "agreed": "accepted",
    "partiallyagreed": "partially_accepted",
    "acceptedinpart": "partially_accepted",
    "agreedinpart": "partially_accepted",
    "rejected": "not_accepted",
    "notagreed": "not_accepted",
    "declined": "not_accepted",
    "awaitingresponse": "awaiting",
    "noresponseyet": "awaiting",
}
_STATUS_WORDS = {
    "complete": "completed",
    "done": "completed",
    "implemented": "completed",
    "achieved": "completed",
    "ongoing": "in_progress",
    "underway": "in_progress",
    "started": "in_progress",
    "notstarted": "open",
    "notyetstarted": "open",
}


class Response(StrEnum):
    AWAITING = "awaiting"
    ACCEPTED = "accepted"
    PARTIALLY_ACCEPTED = "partially_accepted"
    NOT_ACCEPTED = "not_accepted"
    NOTED = "noted"

    @property
    def text(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @classmethod
    def from_text(cls, text: str, *, field: str = "response") -> Response:
        """`Partially accepted`, `partially_accepted`, `PARTIALLY-ACCEPTED` and `Partially agreed`
        are all one response."""
        key = _key(text)
        key = _key(_RESPONSE_WORDS.get(key, key))
        for item in cls:
            if _key(item.value) == key:
                return item
        raise ValidationError(
            f"'{_short(text)}' is not a response ({', '.join(item.text.lower() for item in cls)})",
            field=field,
        )


class RecommendationStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    CLOSED = "closed"

    @property
    def text(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def is_finished(self) -> bool:
        return self in (RecommendationStatus.COMPLETED, RecommendationStatus.CLOSED)

    @classmethod
    def from_text(cls, text: str, *, field: str = "status") -> RecommendationStatus:
        """`In progress`, `in_progress` and `Ongoing` are one status (`Complete` is completed);
        `overdue` is refused (it is worked out)."""
        key = _key(text)
        key = _key(_STATUS_WORDS.get(key, key))
        for item in cls:
            if _key(item.value) == key:
                return item
        if _key(text) == "overdue":
            raise ValidationError(
                "'overdue' is worked out from the due date, not typed: give the status "
                "(open, in progress, completed or closed) and the due date",
                field=field,
            )
        raise ValidationError(
            f"'{_short(text)}' is not a status ({', '.join(item.text.lower() for item in cls)})",
            field=field,
        )


CATEGORIES = (
    "welcome",
    "acknowledge",
    "suggest",
    "agree",
    "request",
    "recommend",
    "note",
    "support",
    "ask",
    "endorse",
    "consider",
)
OTHER_CATEGORY = "other"
_OPENING_WORD = re.compile(r"[A-Za-z]+")

# The executive answers a scrutiny committee's recommendations within two months (Local Government
# Act 2000, s. 9FE); a recommendation awaiting a response for longer than that stands out.
RESPONSE_EXPECTED_MONTHS = 2
TEXT_LIMIT = 20_000  # characters in a recommendation, response or progress update
SHORT_LIMIT = 200  # characters in a reference or a meeting item


def category_for(text: str) -> str:
    """The category from the recommendation's opening verb: `Welcome the …` → welcome.

    The verb is looked for among the first few words so that `That Cabinet welcomes …` and
    `Suggest that officers …` both come out right; anything else is `other`.
    """
    words: list[str] = _OPENING_WORD.findall(text.lower())
    for word in words[:6]:
        for candidate in (word, word.removesuffix("s")):
            if candidate in CATEGORIES:
                return candidate
    return OTHER_CATEGORY


def check_category(text: str, *, field: str = "category") -> str:
    """A category typed by an officer: one of the opening verbs, or `other`."""
    value = text.strip().casefold()
    if value in CATEGORIES or value == OTHER_CATEGORY:
        return value
    raise ValidationError(
        f"'{_short(text)}' is not a category ({', '.join(CATEGORIES)} or other)", field=field
    )


def is_overdue(due_date: str | None, status: str, today: dt.date) -> bool:
    """Past its due date and not finished; worked out, never typed."""
    if not due_date or RecommendationStatus(status).is_finished:
        return False
    return due_date < today.isoformat()


def days_overdue(due_date: str | None, status: str, today: dt.date) -> int:
    """How many days past its due date an unfinished recommendation is (0 when it is not overdue)."""
    if not due_date or not is_overdue(due_date, status, today):
        return 0
    return (today - dt.date.fromisoformat(due_date)).days


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Dec + 2 → 29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def response_expected_by(from_date: str | None) -> dt.date | None:
    """When the receiving body should have answered: two months after the recommendation."""
    if not from_date:
        return None
    return add_months(dt.date.fromisoformat(from_date), RESPONSE_EXPECTED_MONTHS)


def awaiting_too_long(from_date: str | None, response: str, today: dt.date) -> bool:
    """Still awaiting a response more than two months after it was made."""
    expected = response_expected_by(from_date)
    return response == Response.AWAITING.value and expected is not None and today > expected


def days_between(start: str | None, end: str | None) -> int | None:
    if not start or not end:
        return None
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days


def duration_text(days: int) -> str:
    """`12 days`, `7 weeks`, `5 months`, `2 years 3 months`: how long, in words an officer reads."""
    if days < 28:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 91:
        weeks = days // 7
        return f"{weeks} weeks"
    months = round(days / 30.44)
    if months < 24:
        return f"{months} months"
    years, rest = divmod(months, 12)
    return f"{years} years" + (f" {rest} month{'s' if rest != 1 else ''}" if rest else "")


def reference(short_name: str, meeting_date: str, label_path: str) -> str:
    """`SCC 2023-12-20 / 2(d)`: the body, the meeting date and the resolution's place."""
    return f"{short_name} {meeting_date} / {label_path}"


def clean_text(value: str, *, field: str, required: bool = False, limit: int = TEXT_LIMIT) -> str:
    """Text as stored: outer spaces trimmed, Windows and old Mac line ends made plain, not empty
    when required, not longer than the limit."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    if required and not text:
        raise ValidationError("cannot be empty", field=field)
    if len(text) > limit:
        raise ValidationError(
            f"is {len(text):,} characters long; the most is {limit:,}", field=field
        )
    return text


def _short(text: str) -> str:
    cleaned = " ".join(str(text).split())
    return cleaned if len(cleaned) <= 40 else cleaned[:37] + "…"


@dataclass(frozen=True)
class RecommendationRow:
    """A tracked recommendation as the tracker lists it."""

    id: int
    reference: str
    text: str
    from_body: str
    from_date: str | None
    to_body: str
    category: str
    response: str
    response_date: str | None
    due_date: str | None
    status: str
    lead_officer: str = ""
    response_text: str = ""
    response_body: str = ""
    response_meeting_date: str | None = None
    response_item: str = ""
    cabinet_member: str = ""
    from_committee_id: int | None = None
    to_committee_id: int | None = None
    from_meeting_id: int | None = None
    response_meeting_id: int | None = None
    lead_officer_id: int | None = None
    cabinet_member_id: int | None = None
    latest_update_date: str | None = None
    latest_update: str = ""
    update_count: int = 0

    @property
    def title(self) -> str:
        return f"{self.reference}: {self.text}"

    @property
    def is_awaiting(self) -> bool:
        return self.response == Response.AWAITING.value

    @property
    def response_meeting(self) -> str:
        """`Cabinet 2023-02-14`: the meeting the response was given at, as files name it."""
        if not self.response_body or not self.response_meeting_date:
            return ""
        return f"{self.response_body} {self.response_meeting_date}"

    def is_overdue(self, today: dt.date) -> bool:
        return is_overdue(self.due_date, self.status, today)

    def days_overdue(self, today: dt.date) -> int:
        return days_overdue(self.due_date, self.status, today)

    def awaiting_too_long(self, today: dt.date) -> bool:
        return awaiting_too_long(self.from_date, self.response, today)

    def days_awaiting(self, today: dt.date) -> int | None:
        """Days since it was made, while no response has come; None once answered."""
        if not self.is_awaiting or not self.from_date:
            return None
        return (today - dt.date.fromisoformat(self.from_date)).days

    def attention(self, today: dt.date) -> str:
        """What needs an officer's eye, in words with a symbol (never shown by colour alone)."""
        notes = []
        if self.is_overdue(today):
            notes.append(f"⚠ Overdue by {duration_text(self.days_overdue(today))}")
        if self.awaiting_too_long(today):
            waited = self.days_awaiting(today) or 0
            notes.append(f"◷ No response after {duration_text(waited)}")
        return "; ".join(notes)


@dataclass(frozen=True)
class ProgressUpdate:
    """One dated entry in a recommendation's progress log; `status` is the status it set, if any."""

    id: int
    recommendation_id: int
    date: str
    text: str
    author: str = ""
    status: str | None = None


# Editing -------------------------------------------------------------------------------------------

FIELD_LABELS = {
    "reference": "Reference",
    "text": "Recommendation",
    "category": "Category",
    "from_committee_id": "From",
    "from_meeting_id": "Meeting",
    "from_date": "Made on",
    "to_committee_id": "To",
    "response": "Response",
    "response_text": "Response text",
    "response_meeting_id": "Response given at",
    "response_item": "Response item",
    "response_date": "Response date",
    "lead_officer_id": "Lead officer",
    "cabinet_member_id": "Cabinet member",
    "due_date": "Due date",
    "status": "Status",
    "resolution_id": "Resolution",
}
EDITABLE = (
    "reference",
    "text",
    "category",
    "to_committee_id",
    "response",
    "response_text",
    "response_meeting_id",
    "response_item",
    "response_date",
    "lead_officer_id",
    "cabinet_member_id",
    "due_date",
    "status",
)


def check_changes(changes: Mapping[str, object]) -> dict[str, object]:
    """Edits an officer asked for, checked and in the form stored: enums as values, dates as ISO.

    Raises `ValidationError` naming the field for anything that cannot be stored.
    """
    clean: dict[str, object] = {}
    for name, value in changes.items():
        label = FIELD_LABELS.get(name, name).lower()
        if name not in EDITABLE:
            raise ValidationError("cannot be changed here", field=label)
        if name in ("reference", "response_item"):
            clean[name] = clean_text(
                str(value or ""), field=label, required=name == "reference", limit=SHORT_LIMIT
            )
        elif name in ("text", "response_text"):
            clean[name] = clean_text(str(value or ""), field=label, required=name == "text")
        elif name == "category":
            clean[name] = check_category(str(value or ""), field=label)
        elif name == "response":
            clean[name] = Response.from_text(str(value or ""), field=label).value
        elif name == "status":
            clean[name] = RecommendationStatus.from_text(str(value or ""), field=label).value
        elif name in ("response_date", "due_date"):
            if value is not None and not isinstance(value, str | dt.date):
                raise ValidationError(f"'{value}' is not a date", field=label)
            clean[name] = iso_date(value, field=label)
        else:
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise ValidationError(f"'{value}' is not a record id", field=label)
            clean[name] = value
    return clean


def check_dates(
    reference_text: str,
    from_date: str | None,
    response_date: str | None,
    due_date: str | None,
    today: dt.date,
) -> None:
    """A response cannot come before the recommendation was made or after today; nothing falls due
    before it was made."""
    if response_date and from_date and response_date < from_date:
        raise ValidationError(
            f"{reference_text}: the response date ({format_day(response_date)}) is before the "
            f"recommendation was made ({format_day(from_date)})",
            field="response date",
        )
    if response_date and response_date > today.isoformat():
        raise ValidationError(
            f"{reference_text}: the response date ({format_day(response_date)}) is after today",
            field="response date",
        )
    if due_date and from_date and due_date < from_date:
        raise ValidationError(
            f"{reference_text}: the due date ({format_day(due_date)}) is before the recommendation "
            f"was made ({format_day(from_date)})",
            field="due date",
        )


def format_day(value: str) -> str:
    return format_date(value)
