"""Survey exports (CSV or XLSX) in as an exercise's responses, all or nothing.

The officer says which column holds which field (date, channel, ward, respondent type, text,
themes); the mapping is remembered per exercise, together with the ward values the officer mapped by
hand. Ward names are matched tolerantly (`St. Michaels`, `binley & willenhall`, a ward's former
name); values that match no ward refuse the whole import and are listed until they are mapped.
Every row is checked before anything is written: a file with any problem changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import re
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from ocplan_desktop.domain.dates import iso_date
from ocplan_desktop.domain.engagement import (
    DEFAULT_IMPORT_CHANNEL,
    IMPORT_FIELDS,
    MAX_NAME,
    MAX_RESPONSE_TEXT,
    NOT_COLLECTED,
    WardMatcher,
    is_not_collected,
    name_key,
    outside_exercise,
    ward_key,
)
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.domain.wording import plural
from ocplan_desktop.importers.feedback_columns import (
    ColumnMap,
    resolve_columns,
)
from ocplan_desktop.importers.repeats import refuse_repeat
from ocplan_desktop.importers.tabular import Table, read_table
from ocplan_desktop.services.backups import make_backup
from ocplan_desktop.services.progress import NO_PROGRESS, Progress
from ocplan_desktop.store import engagement as store
from ocplan_desktop.store import records, reference
from ocplan_desktop.store.workspace import Workspace

_THEME_SEPARATORS = re.compile(r"[;|\n,]+")
_TIME_PART = re.compile(r"^(.+?)[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
MAX_LISTED = 12
_Result = TypeVar("_Result")
_Key = TypeVar("_Key", bound=Hashable)


@dataclass(frozen=True)
class FeedbackContext:
    """What a preview checks rows against: the exercise and the workspace's lists, read once."""

    exercise_id: int
    exercise_title: str
    wards: WardMatcher
    channels: dict[str, tuple[int, str]]  # name_key → (id, name)
    respondent_types: dict[str, tuple[int, str]]
    themes: dict[str, tuple[int, str]]
    saved: ColumnMap
    undated_on: str = ""  # the day an undated response is matched on: the exercise's, else today
    opens_on: str | None = None
    closes_on: str | None = None

    def day_for(self, received: str | None) -> str:
        return received or self.undated_on or dt.date.today().isoformat()


def load_context(ws: Workspace, exercise_id: int) -> FeedbackContext:
    exercise = records.get(ws, "exercises", exercise_id)

    def keyed(table: str) -> dict[str, tuple[int, str]]:
        return {name_key(name): (item_id, name) for item_id, name in reference.names(ws, table)}

    return FeedbackContext(
        exercise_id,
        exercise["title"],
        WardMatcher(reference.list_wards(ws, every_date=True), reference.ward_former_names(ws)),
        keyed("channels"),
        keyed("respondent_types"),
        keyed("feedback_themes"),
        ColumnMap.from_json(exercise["column_map"]),
        exercise["closes_on"] or exercise["opens_on"] or "",
        exercise.get("opens_on"),
        exercise.get("closes_on"),
    )


class PlannedResponse(NamedTuple):
    """One response an import would write (a tuple: an import may plan 100,000 of them)."""

    row: int
    received_on: str | None
    channel_id: int | None
    ward_id: int | None  # None: not collected
    respondent_type_id: int | None
    text: str
    themes: tuple[str, ...]  # theme names, new ones included


@dataclass(frozen=True)
class UnmatchedWard:
    """A ward value no ward matched, where it is, and the nearest ward (offered, never applied)."""

    value: str
    rows: tuple[int, ...]
    suggestion: str | None = None
    reason: str = ""

    def __str__(self) -> str:
        rows = ", ".join(str(row) for row in self.rows[:5]) + (" …" if len(self.rows) > 5 else "")
        extra = [self.reason] if self.reason else []
        if self.suggestion:
            extra.append(f"did you mean {self.suggestion}?")
        return f"'{self.value}' (row{'s' if len(self.rows) > 1 else ''} {rows}{''.join('; ' + e for e in extra)})"


@dataclass(frozen=True)
class FeedbackPlan:
    """What an import would do: the responses it would take, or why it refuses."""

    file_name: str
    encoding: str
    columns: dict[str, str]
    ward_map: dict[str, str]
    responses: tuple[PlannedResponse, ...]
    problems: tuple[str, ...]
    unmatched_wards: tuple[UnmatchedWard, ...]
    new_themes: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what the reader noticed (a title row skipped, …)
    warnings: tuple[str, ...] = ()  # imported all the same, but worth a look

    @property
    def ok(self) -> bool:
        return not self.problems and not self.unmatched_wards

    def ward_counts(self, context: FeedbackContext) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.responses:
            name = context.wards.wards[item.ward_id].name if item.ward_id else NOT_COLLECTED
            counts[name] = counts.get(name, 0) + 1
        return counts

    def refusal(self) -> str:
        """Why nothing was imported, naming the file, rows and fields."""
        parts = []
        if self.unmatched_wards:
            listed = "; ".join(str(item) for item in self.unmatched_wards[:MAX_LISTED])
            more = len(self.unmatched_wards) - MAX_LISTED
            parts.append(
                f"{plural(len(self.unmatched_wards), 'ward value')} "
                f"{'match' if len(self.unmatched_wards) > 1 else 'matches'} no ward: {listed}{f' and {more} more' if more > 0 else ''}. Map each to a ward "
                "or to 'not collected' (--ward-map VALUE=WARD)"
            )
        if self.problems:
            listed = "; ".join(self.problems[:MAX_LISTED])
            more = len(self.problems) - MAX_LISTED
            parts.append(listed + (f"; and {more} more problems" if more > 0 else ""))
        return f"{self.file_name}: nothing was imported. " + ". ".join(parts)


class _Memo(Generic[_Key, _Result]):
    """A function of one value (a text, or a text and a day), worked out once per distinct value."""

    def __init__(self, function: Callable[[_Key], _Result]) -> None:
        self._function = function
        self._results: dict[_Key, _Result] = {}

    def __call__(self, text: _Key) -> _Result:
        try:
            return self._results[text]
        except KeyError:
            result = self._results[text] = self._function(text)
            return result


def plan_import(
    table: Table,
    context: FeedbackContext,
    columns: Mapping[str, str],
    ward_map: Mapping[str, str] | None = None,
) -> FeedbackPlan:
    """Check every row against the mapping and the workspace's lists; writes nothing."""
    ward_map = dict(ward_map or {})
    problems: list[str] = []
    ward_keys = {ward_key(ward.name) for ward in context.wards.wards.values()}
    for written, target in ward_map.items():
        if not is_not_collected(target) and ward_key(target) not in ward_keys:
            problems.append(
                f"--ward-map {written}={target}: '{target}' is not a ward (nor '{NOT_COLLECTED}')"
            )
    by_field = {target: header for header, target in columns.items()}
    if not by_field:
        raise ValidationError(
            f"{table.name}: no column is mapped to a field. Its columns: {', '.join(table.headers)}; "
            f"map them with COLUMN=FIELD (fields: {', '.join(IMPORT_FIELDS)})"
        )
    default_channel = context.channels.get(name_key(DEFAULT_IMPORT_CHANNEL))
    unmatched: dict[str, list[int]] = {}
    unmatched_on: dict[str, str] = {}
    planned: list[PlannedResponse] = []
    new_themes: dict[str, str] = {}

    def column(target: str) -> list[str]:
        """A field's text in every row (taken column by column: one pass per field)."""
        header = by_field.get(target)
        if header is None:
            return [""] * len(table.rows)
        return [row.get(header, "").strip() for row in table.rows]

    fields = zip(
        *(
            column(target)
            for target in ("date", "channel", "respondent_type", "text", "themes", "ward")
        ),
        strict=True,
    )

    # A survey repeats the same few dates, channels, wards and themes thousands of times: each
    # distinct value is converted once, and every row with it takes the same result (or problem).
    def date_of(date_text: str) -> tuple[str | None, str | None]:
        match = _TIME_PART.match(date_text)
        try:
            return iso_date(match.group(1) if match else date_text), None
        except ValidationError as error:
            return None, error.reason

    def channel_of(channel_text: str) -> tuple[int | None, str | None]:
        found = context.channels.get(name_key(channel_text))
        if found is None:
            return None, _not_in_list(channel_text, "channel", context.channels)
        return found[0], None

    def type_of(type_text: str) -> tuple[int | None, str | None]:
        if is_not_collected(type_text):
            return None, None
        found = context.respondent_types.get(name_key(type_text))
        if found is None:
            return None, _not_in_list(type_text, "respondent type", context.respondent_types)
        return found[0], None

    def themes_of(themes_text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        themes: list[str] = []
        messages: list[str] = []
        for part in _THEME_SEPARATORS.split(themes_text):
            name = " ".join(part.split())
            if not name:
                continue
            if len(name) > MAX_NAME:
                messages.append(f"a theme name is at most {MAX_NAME} characters")
                continue
            known = context.themes.get(name_key(name))
            theme = known[1] if known else new_themes.setdefault(name_key(name), name)
            if theme not in themes:
                themes.append(theme)
        return tuple(themes), tuple(messages)

    dates = _Memo(date_of)
    channels = _Memo(channel_of)
    types = _Memo(type_of)
    theme_lists = _Memo(themes_of)
    # Wards are matched against those in use on the response's day (boundary changes).
    wards: _Memo[tuple[str, str], int | str | None] = _Memo(
        lambda key: context.wards.resolve(key[0], ward_map, on=key[1])
    )

    for index, (date_text, channel_text, type_text, text, themes_text, ward_text) in enumerate(
        fields
    ):
        number = table.row_number(index)
        before = len(problems)

        def problem(target: str, message: str, number: int = number) -> None:
            problems.append(f"row {number}, {by_field.get(target, target)}: {message}")

        received: str | None = None
        if date_text:
            received, error = dates(date_text)
            if error is not None:
                problem("date", error)

        channel_id: int | None = default_channel[0] if default_channel else None
        if channel_text:
            found_id, error = channels(channel_text)
            if error is not None:
                problem("channel", error)
            else:
                channel_id = found_id

        type_id: int | None = None
        if type_text:
            type_id, error = types(type_text)
            if error is not None:
                problem("respondent_type", error)

        text = text.replace("\x00", "")
        if len(text) > MAX_RESPONSE_TEXT:
            problem(
                "text",
                f"a response is at most {MAX_RESPONSE_TEXT:,} characters (this one has {len(text):,})",
            )

        themes, theme_problems = theme_lists(themes_text)
        for message in theme_problems:
            problem("themes", message)

        ward_id: int | None = None
        day = context.day_for(received)
        resolved = wards((ward_text, day))
        if resolved is None:
            unmatched.setdefault(ward_text, []).append(number)
            unmatched_on.setdefault(ward_text, day)
        elif resolved != NOT_COLLECTED:
            ward_id = int(resolved)

        if len(problems) == before and resolved is not None:
            planned.append(
                PlannedResponse(number, received, channel_id, ward_id, type_id, text, themes)
            )
    if not table.rows:
        problems.append("the file has no rows of responses")
    return FeedbackPlan(
        table.name,
        table.encoding,
        dict(columns),
        ward_map,
        tuple(planned),
        tuple(problems),
        tuple(
            UnmatchedWard(
                value,
                tuple(rows),
                context.wards.suggest(value, unmatched_on[value]),
                context.wards.why_not(value, unmatched_on[value]),
            )
            for value, rows in unmatched.items()
        ),
        tuple(new_themes.values()),
        table.notes,
        _date_warnings(planned, context),
    )


def _date_warnings(planned: list[PlannedResponse], context: FeedbackContext) -> tuple[str, ...]:
    """Responses dated before the exercise opened or after it closed: one line for each side."""
    found: dict[str, list[int]] = {}
    for item in planned:
        why = outside_exercise(item.received_on, context.opens_on, context.closes_on)
        if why:
            found.setdefault(why, []).append(item.row)
    lines = []
    for why, rows in found.items():
        listed = ", ".join(str(row) for row in rows[:10]) + (", …" if len(rows) > 10 else "")
        lines.append(
            f"{plural(len(rows), 'response')} {'is' if len(rows) == 1 else 'are'} dated {why} "
            f"(row{'s' if len(rows) != 1 else ''} {listed}): check the dates"
        )
    return tuple(lines)


def _not_in_list(value: str, what: str, entries: Mapping[str, tuple[int, str]]) -> str:
    shown = value if len(value) <= 40 else value[:37] + "…"
    names = ", ".join(name for _id, name in entries.values())
    return f"'{shown}' is not a {what} (the list has: {names}; add it to the list first)"


@dataclass(frozen=True)
class ImportResult:
    plan: FeedbackPlan
    imported: int
    batch_id: int | None
    dry_run: bool = False


def import_feedback(
    ws: Workspace,
    source: Path | str | Table,
    exercise_id: int,
    columns: Mapping[str, str] | None = None,
    ward_map: Mapping[str, str] | None = None,
    *,
    dry_run: bool = False,
    again: bool = False,
    progress: Progress = NO_PROGRESS,
) -> ImportResult:
    """Read, check and (unless a dry run) write a file's responses in one transaction.

    `columns` and `ward_map` add to (and overrule) what the exercise remembers. Refuses with a
    `ValidationError` naming the file, rows and fields if any row has a problem or any ward value
    matches no ward; nothing is written then. A file already imported into this exercise is
    refused (`RepeatedImport`, naming the earlier import) unless `again`. A successful import
    remembers the mapping.
    """
    with _no_cycle_collection():
        table = source if isinstance(source, Table) else read_table(source)
        progress.step(0, max(len(table.rows), 1), f"Checking {table.name}")
        context = load_context(ws, exercise_id)
        mapping = resolve_columns(table, context.saved, columns)
        wards = {**context.saved.wards, **dict(ward_map or {})}
        plan = plan_import(table, context, mapping, wards)
        if not plan.ok:
            raise ValidationError(plan.refusal())
        where = f"the exercise “{context.exercise_title}”"
        refuse_repeat(ws, table, exercise_target(exercise_id), where, again=again)
        if dry_run:
            return ImportResult(plan, 0, None, dry_run=True)
        make_backup(ws, "before feedback import")
        batch = _write(ws, plan, context, progress, table.content_hash)
        return ImportResult(plan, len(plan.responses), batch)


def exercise_target(exercise_id: int) -> str:
    """Where a survey export goes, for telling the same file imported twice."""
    return f"exercise:{exercise_id}"


@contextlib.contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while an import makes its millions of rows, cells and
    tuples (none of which form cycles): otherwise it sweeps the whole heap again and again as
    they are made, about a tenth of a 100,000-row import. Reference counting frees as ever."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


CHUNK = 10_000  # responses written between progress reports (and chances to cancel)
WRITE_COLUMNS = (
    "exercise_id",
    "received_on",
    "channel_id",
    "ward_id",
    "respondent_type_id",
    "text",
    "import_batch_id",
)


def _write(
    ws: Workspace,
    plan: FeedbackPlan,
    context: FeedbackContext,
    progress: Progress,
    content_hash: str = "",
) -> int:
    total = len(plan.responses)
    with ws.bulk_write():
        if plan.new_themes:
            reference.add_named(ws, "feedback_themes", plan.new_themes)
        theme_ids = {name: item_id for item_id, name in reference.names(ws, "feedback_themes")}
        batch_id = records.add_import_batch(
            ws,
            "feedback",
            plan.file_name,
            total,
            content_hash=content_hash,
            target=exercise_target(context.exercise_id),
        )
        # Tuples in the table's column order: no dict per row on the way in.
        rows = [
            (
                context.exercise_id,
                item.received_on,
                item.channel_id,
                item.ward_id,
                item.respondent_type_id,
                item.text,
                batch_id,
            )
            for item in plan.responses
        ]
        themes = {
            index: [theme_ids[name] for name in item.themes]
            for index, item in enumerate(plan.responses)
            if item.themes
        }

        def on_chunk(start: int) -> None:
            if start >= total:
                progress.step(total, total, "Indexing the responses for search")
            else:
                end = min(start + CHUNK, total)
                progress.step(start, total, f"Importing responses {start + 1:,}–{end:,}")

        store.add_feedback_rows(
            ws,
            WRITE_COLUMNS,
            rows,
            themes,
            summary=f"imported from {plan.file_name}",
            chunk=CHUNK,
            on_chunk=on_chunk,
        )
        remembered = ColumnMap(plan.columns, {**context.saved.wards, **plan.ward_map})
        records.update(ws, "exercises", context.exercise_id, {"column_map": remembered.to_json()})
    progress.step(total, total, "Done")
    return batch_id
