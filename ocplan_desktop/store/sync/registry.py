"""Which tables a team shares, and how each one merges: the one list to change when a table or
a column is added.

For each shared table:
- `key`: the columns that say what the record *is* when two laptops can make the same one without
  knowing of each other (Scrutiny's attendance of one councillor at one meeting; the minutes of one
  agenda item; a channel named "WhatsApp"). Such a record's UUID is derived from that key when it is
  first synced, so both laptops' copies become one record. Empty: the UUID made when the row was
  inserted is its identity.
- `append_only`: a log or a set whose rows are added (a recommendation's progress updates,
  attendance, declarations, feedback responses): what two laptops added is the union.
- `ordered_by`: the columns of the parent a `position` orders the rows within (an agenda within a
  meeting, resolutions within minutes and their parent resolution). The order of one parent's rows
  travels as one value, not as each row's position.
- `local`: columns that stay on the laptop (an import batch is this laptop's own).

References between records are found from the schema's foreign keys (`PRAGMA foreign_key_list`), so
a new reference column is translated to and from UUIDs without being listed here. Columns are read
from the table too: a column another migration adds is shared as soon as it exists.

Order matters: a table comes after every table it refers to.
"""

from __future__ import annotations

from dataclasses import dataclass

# Columns no table shares: the local key, the identity (sent apart), the local import batch.
ALWAYS_LOCAL = frozenset({"id", "uuid", "import_batch_id"})


@dataclass(frozen=True)
class SharedTable:
    name: str
    key: tuple[str, ...] = ()
    append_only: bool = False
    ordered_by: tuple[str, ...] | None = None
    local: frozenset[str] = frozenset()

    @property
    def local_columns(self) -> frozenset[str]:
        extra = {"position"} if self.ordered_by is not None else set()
        return ALWAYS_LOCAL | self.local | extra

    @property
    def order_name(self) -> str:
        """The name an ordered table's lists travel under."""
        return f"{self.name}@order"


SHARED: tuple[SharedTable, ...] = (
    # people, committees and reference lists
    SharedTable("people"),
    SharedTable("committees", key=("name",)),
    SharedTable("committee_members", key=("committee_id", "person_id")),
    SharedTable("standing_items", ordered_by=("committee_id",)),
    SharedTable("wards", key=("name",)),
    SharedTable("ward_names"),
    SharedTable("themes", key=("name",)),
    SharedTable("areas", key=("name",)),
    SharedTable("periods", key=("label",)),
    SharedTable("channels", key=("name",)),
    SharedTable("respondent_types", key=("name",)),
    SharedTable("feedback_themes", key=("name",)),
    # meetings, reports, minutes
    SharedTable("meetings"),
    SharedTable("attendance", key=("meeting_id", "person_id"), append_only=True),
    SharedTable("reports"),
    SharedTable("report_wards", key=("report_id", "ward_id")),
    SharedTable("report_recommendations", ordered_by=("report_id", "body")),
    SharedTable("report_appendices", ordered_by=("report_id",)),
    SharedTable("report_sections", ordered_by=("report_id",)),
    SharedTable("report_paragraphs", ordered_by=("section_id",)),
    SharedTable("report_authors", ordered_by=("report_id",)),
    SharedTable("report_approvals", ordered_by=("report_id",)),
    SharedTable("agenda_items", ordered_by=("meeting_id",)),
    SharedTable("declarations", append_only=True),
    SharedTable("minutes", key=("agenda_item_id",)),
    SharedTable("minute_paragraphs", ordered_by=("minutes_id",)),
    SharedTable("minute_bullets", ordered_by=("minutes_id",)),
    SharedTable("resolutions", ordered_by=("minutes_id", "parent_id")),
    SharedTable("minute_revisions", key=("minutes_id", "revision"), append_only=True),
    # the recommendation tracker
    SharedTable("recommendations", key=("reference",)),
    SharedTable("recommendation_updates", append_only=True),
    # performance indicators
    SharedTable("indicators", key=("code",)),
    SharedTable("indicator_comparators", key=("indicator_id", "area_id")),
    SharedTable("indicator_values", key=("indicator_id", "period", "area_id")),
    SharedTable("status_overrides", key=("indicator_id", "period")),
    # engagement
    SharedTable("exercises"),
    SharedTable("exercise_channels", key=("exercise_id", "channel_id")),
    SharedTable("feedback", append_only=True),
    SharedTable("feedback_theme_links", key=("feedback_id", "theme_id"), append_only=True),
)

# Tables that stay on each laptop: its settings, its import batches, its audit trail (which records
# who made each change, pulled ones included), the search index built from the shared tables, and
# the sync's own bookkeeping.
LOCAL_TABLES = frozenset(
    {
        "settings",
        "import_batches",
        "audit_log",
        "sync_state",
        "sync_pending",
        "sync_base",
        "sync_conflicts",
        "_sqlite_migrations",
        "sqlite_stat1",
        "sqlite_sequence",
    }
)
LOCAL_PREFIXES = ("search_index",)

BY_NAME = {table.name: table for table in SHARED}
BY_ORDER_NAME = {table.order_name: table for table in SHARED if table.ordered_by is not None}
RANK = {table.name: index for index, table in enumerate(SHARED)}

# Minutes and what they are made of: locked once the meeting's minutes are approved.
MINUTES_CONTENT = ("minutes", "minute_paragraphs", "minute_bullets", "resolutions")


def shared(name: str) -> SharedTable:
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"{name} is not a shared table (see store/sync/registry.py)") from None


def is_local_table(name: str) -> bool:
    return name in LOCAL_TABLES or name.startswith(LOCAL_PREFIXES)
