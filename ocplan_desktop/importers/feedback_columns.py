"""Which column of a survey export holds which field of a response: guessed from the names survey
tools give their columns, remembered per exercise (with the ward values mapped by hand), and set by
the officer (`--map COLUMN=FIELD`, the window's mapping step)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ocplan_desktop.domain.engagement import IMPORT_FIELDS
from ocplan_desktop.domain.errors import ValidationError
from ocplan_desktop.importers.tabular import Table, header_key

FIELD_LABELS = {
    "date": "Date received",
    "channel": "Channel",
    "ward": "Ward",
    "respondent_type": "Respondent type",
    "text": "Response text",
    "themes": "Themes",
}
# Headers survey tools commonly use, as `_guess_key` reduces them.
_SYNONYMS = {
    "date": {"date", "received", "receivedon", "datereceived", "submitted", "datesubmitted",
             "submissiondate", "responsedate", "completed", "completedat", "timestamp"},
    "channel": {"channel", "source", "method", "responsechannel", "howdidyourespond"},
    "ward": {"ward", "wardname", "yourward", "whichwarddoyoulivein", "whichward"},
    "respondent_type": {"respondenttype", "respondent", "respondingas", "areyourespondingas",
                        "typeofrespondent", "capacity"},
    "text": {"text", "response", "responsetext", "comment", "comments", "feedback", "yourviews",
             "views"},
    "themes": {"themes", "theme", "topics", "topic", "tags", "codes"},
}  # fmt: skip


def _guess_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header_key(header))


@dataclass(frozen=True)
class ColumnMap:
    """Which file column holds which field, and how unmatched ward values map to wards."""

    columns: dict[str, str] = field(default_factory=dict)  # header as written → field
    wards: dict[str, str] = field(default_factory=dict)  # value as written → ward or not collected

    def to_json(self) -> str:
        return json.dumps({"columns": self.columns, "wards": self.wards}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | None) -> ColumnMap:
        """The mapping stored with an exercise; anything unreadable counts as no mapping."""
        try:
            data = json.loads(text or "{}")
        except ValueError:
            return cls()
        if not isinstance(data, dict):
            return cls()
        columns = data.get("columns", {})
        wards = data.get("wards", {})
        return cls(
            {str(k): str(v) for k, v in columns.items() if v in IMPORT_FIELDS}
            if isinstance(columns, dict)
            else {},
            {str(k): str(v) for k, v in wards.items()} if isinstance(wards, dict) else {},
        )


def parse_pairs(pairs: list[str] | None, what: str) -> dict[str, str]:
    """`COLUMN=FIELD` or `VALUE=WARD` arguments as a dict; the last `=` splits, so a column header
    (a survey question) may itself hold `=`."""
    result: dict[str, str] = {}
    for pair in pairs or []:
        left, sep, right = pair.rpartition("=")
        if not sep or not left.strip() or not right.strip():
            raise ValidationError(f"'{pair}' is not {what}")
        result[left.strip()] = right.strip()
    return result


def resolve_columns(
    table: Table, saved: ColumnMap, overrides: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The mapping to use: headers guessed from common survey names, then the exercise's saved
    mapping, then the officer's own choices (`--map`), each overruling the one before. A column
    mapped to a field takes it from any other column."""
    mapping: dict[str, str] = {}

    def put(header: str, target: str) -> None:
        for other in [name for name, value in mapping.items() if value == target]:
            del mapping[other]
        mapping[header] = target

    for header in table.headers:
        key = _guess_key(header)
        for target, names in _SYNONYMS.items():
            if key in names and target not in mapping.values():
                mapping[header] = target
    for header, target in saved.columns.items():
        found = table.column(header)
        if found is not None and target in IMPORT_FIELDS:
            put(found, target)
    for header, target in (overrides or {}).items():
        found = table.column(header)
        if found is None:
            raise ValidationError(
                f"{table.name} has no column '{header}' (its columns: {', '.join(table.headers)})"
            )
        wanted = target.strip().lower().replace(" ", "_")
        if wanted in ("", "none", "ignore", "-"):
            mapping.pop(found, None)
            continue
        if wanted not in IMPORT_FIELDS:
            raise ValidationError(
                f"'{target}' is not a field to map a column to (fields: {', '.join(IMPORT_FIELDS)})"
            )
        put(found, wanted)
    return mapping
