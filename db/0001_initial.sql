-- ocplan workspace schema, step 1: every area the app holds.
-- Released files are never edited: later changes are new numbered files.
-- Dates are ISO 8601 text (2023-12-20); times are HH:MM; periods are labels such as 2022-23.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Import batches: bulk jobs are not undo steps; their rows can be removed as a batch.
CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL DEFAULT '',
    row_count   INTEGER NOT NULL DEFAULT 0
);

-- Every change: what, when, who, the record before and after (JSON).
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user        TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'bulk')),
    table_name  TEXT NOT NULL,
    record_id   INTEGER,
    before      TEXT,
    after       TEXT,
    summary     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_record ON audit_log (table_name, record_id);
CREATE INDEX audit_log_at ON audit_log (at);

-- People: councillors and officers.
CREATE TABLE people (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL DEFAULT 'officer' CHECK (kind IN ('member', 'officer', 'other')),
    honorific     TEXT NOT NULL DEFAULT '',
    job_title     TEXT NOT NULL DEFAULT '',
    service_area  TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    portfolio     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE committees (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    short_name  TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT 'committee'
                CHECK (kind IN ('scrutiny', 'executive', 'council', 'committee', 'other')),
    -- the month the municipal year starts (minute numbers run on across it)
    year_starts_month INTEGER NOT NULL DEFAULT 5 CHECK (year_starts_month BETWEEN 1 AND 12),
    notes       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE committee_members (
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role          TEXT NOT NULL DEFAULT 'member',
    PRIMARY KEY (committee_id, person_id)
);

-- Standing items every new meeting of a committee starts with.
CREATE TABLE standing_items (
    id            INTEGER PRIMARY KEY,
    committee_id  INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    title         TEXT NOT NULL
);

CREATE TABLE meetings (
    id            INTEGER PRIMARY KEY,
    committee_id  INTEGER NOT NULL REFERENCES committees (id),
    date          TEXT NOT NULL,
    start_time    TEXT NOT NULL DEFAULT '',
    venue         TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'held', 'cancelled')),
    minutes_status TEXT NOT NULL DEFAULT 'draft' CHECK (minutes_status IN ('draft', 'approved')),
    minutes_approved_meeting_id INTEGER REFERENCES meetings (id),
    minutes_approved_on TEXT,
    notes         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meetings_committee_date ON meetings (committee_id, date);

CREATE TABLE attendance (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people (id),
    status      TEXT NOT NULL DEFAULT 'present' CHECK (status IN ('present', 'apologies', 'absent', 'in attendance')),
    PRIMARY KEY (meeting_id, person_id)
);

-- Reports (public reports and briefing notes), every field of the council's template.
CREATE TABLE reports (
    id                    INTEGER PRIMARY KEY,
    title                 TEXT NOT NULL,
    kind                  TEXT NOT NULL DEFAULT 'public report'
                          CHECK (kind IN ('public report', 'briefing note', 'private report')),
    report_of             TEXT NOT NULL DEFAULT '',
    cabinet_member        TEXT NOT NULL DEFAULT '',
    director              TEXT NOT NULL DEFAULT '',
    wards_all             INTEGER NOT NULL DEFAULT 1 CHECK (wards_all IN (0, 1)),
    key_decision          INTEGER NOT NULL DEFAULT 0 CHECK (key_decision IN (0, 1)),
    key_decision_reason   TEXT NOT NULL DEFAULT '',
    executive_summary     TEXT NOT NULL DEFAULT '',
    background_papers     TEXT NOT NULL DEFAULT '',
    scrutiny_considered   TEXT NOT NULL DEFAULT '',
    other_bodies          TEXT NOT NULL DEFAULT '',
    goes_to_council       TEXT NOT NULL DEFAULT '',
    implications_financial     TEXT NOT NULL DEFAULT '',
    implications_legal         TEXT NOT NULL DEFAULT '',
    implications_priorities    TEXT NOT NULL DEFAULT '',
    implications_risk          TEXT NOT NULL DEFAULT '',
    implications_organisation  TEXT NOT NULL DEFAULT '',
    implications_equalities    TEXT NOT NULL DEFAULT '',
    implications_climate       TEXT NOT NULL DEFAULT '',
    implications_partners      TEXT NOT NULL DEFAULT '',
    author_service        TEXT NOT NULL DEFAULT '',
    author_contact        TEXT NOT NULL DEFAULT '',
    web_link              TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL DEFAULT '',
    updated_at            TEXT NOT NULL DEFAULT '',
    import_batch_id       INTEGER REFERENCES import_batches (id)
);

-- Wards affected when not all wards.
CREATE TABLE report_wards (
    report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    ward_id    INTEGER NOT NULL REFERENCES wards (id),
    PRIMARY KEY (report_id, ward_id)
);

-- "Scrutiny Co-ordination Committee is requested to: 1) …"
CREATE TABLE report_recommendations (
    id            INTEGER PRIMARY KEY,
    report_id     INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    body          TEXT NOT NULL,
    committee_id  INTEGER REFERENCES committees (id),
    body_position INTEGER NOT NULL DEFAULT 0,
    position      INTEGER NOT NULL,
    text          TEXT NOT NULL
);

CREATE TABLE report_appendices (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL
);

-- Numbered sections (1. Background) and their paragraphs (1.1, 1.2, …).
CREATE TABLE report_sections (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    heading    TEXT NOT NULL
);

CREATE TABLE report_paragraphs (
    id          INTEGER PRIMARY KEY,
    section_id  INTEGER NOT NULL REFERENCES report_sections (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL
);

CREATE TABLE report_authors (
    id         INTEGER PRIMARY KEY,
    report_id  INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    job_title  TEXT NOT NULL DEFAULT ''
);

-- The approvals table: contributors, then approvers for submission (Finance, Legal, Director, Members).
CREATE TABLE report_approvals (
    id             INTEGER PRIMARY KEY,
    report_id      INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    grouping       TEXT NOT NULL DEFAULT 'contributor' CHECK (grouping IN ('contributor', 'approver')),
    role           TEXT NOT NULL DEFAULT '',
    name           TEXT NOT NULL,
    job_title      TEXT NOT NULL DEFAULT '',
    service_area   TEXT NOT NULL DEFAULT '',
    date_sent      TEXT,
    date_received  TEXT
);

CREATE TABLE agenda_items (
    id             INTEGER PRIMARY KEY,
    meeting_id     INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    title          TEXT NOT NULL,
    is_standing    INTEGER NOT NULL DEFAULT 0 CHECK (is_standing IN (0, 1)),
    -- "56/23": minute numbers run on across the municipal year
    minute_number  TEXT NOT NULL DEFAULT '',
    report_id      INTEGER REFERENCES reports (id),
    -- what happened to the report at this step of its route
    outcome        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id, position);
CREATE INDEX agenda_items_report ON agenda_items (report_id);

CREATE TABLE declarations (
    id              INTEGER PRIMARY KEY,
    agenda_item_id  INTEGER NOT NULL REFERENCES agenda_items (id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people (id),
    interest        TEXT NOT NULL DEFAULT 'other' ,
    description     TEXT NOT NULL DEFAULT ''
);

-- Minutes of one agenda item.
CREATE TABLE minutes (
    id              INTEGER PRIMARY KEY,
    agenda_item_id  INTEGER NOT NULL UNIQUE REFERENCES agenda_items (id) ON DELETE CASCADE,
    heading         TEXT NOT NULL DEFAULT '',
    report_of       TEXT NOT NULL DEFAULT '',
    revision        INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE minute_paragraphs (
    id          INTEGER PRIMARY KEY,
    minutes_id  INTEGER NOT NULL REFERENCES minutes (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL
);

-- The questions-and-comments bullet list.
CREATE TABLE minute_bullets (
    id          INTEGER PRIMARY KEY,
    minutes_id  INTEGER NOT NULL REFERENCES minutes (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL
);

-- Resolutions as a tree: numbered at the top, lettered beneath. Labels follow from position.
-- to_committee_id marks a resolution whose lettered items are recommendations to that body.
CREATE TABLE resolutions (
    id               INTEGER PRIMARY KEY,
    minutes_id       INTEGER NOT NULL REFERENCES minutes (id) ON DELETE CASCADE,
    parent_id        INTEGER REFERENCES resolutions (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    text             TEXT NOT NULL,
    to_committee_id  INTEGER REFERENCES committees (id)
);
CREATE INDEX resolutions_minutes ON resolutions (minutes_id, parent_id, position);

-- Corrections after approval: the approved text stays readable as a snapshot.
CREATE TABLE minute_revisions (
    id          INTEGER PRIMARY KEY,
    minutes_id  INTEGER NOT NULL REFERENCES minutes (id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL DEFAULT '',
    reason      TEXT NOT NULL DEFAULT '',
    snapshot    TEXT NOT NULL,
    UNIQUE (minutes_id, revision)
);

-- Recommendations sent from one body to another, tracked until done.
CREATE TABLE recommendations (
    id                  INTEGER PRIMARY KEY,
    reference           TEXT NOT NULL UNIQUE,
    resolution_id       INTEGER UNIQUE REFERENCES resolutions (id) ON DELETE SET NULL,
    text                TEXT NOT NULL,
    from_committee_id   INTEGER REFERENCES committees (id),
    from_meeting_id     INTEGER REFERENCES meetings (id),
    from_date           TEXT,
    to_committee_id     INTEGER REFERENCES committees (id),
    category            TEXT NOT NULL DEFAULT '',
    response            TEXT NOT NULL DEFAULT 'awaiting'
                        CHECK (response IN ('awaiting', 'accepted', 'partially_accepted', 'not_accepted', 'noted')),
    response_text       TEXT NOT NULL DEFAULT '',
    response_meeting_id INTEGER REFERENCES meetings (id),
    response_date       TEXT,
    lead_officer_id     INTEGER REFERENCES people (id),
    cabinet_member_id   INTEGER REFERENCES people (id),
    due_date            TEXT,
    status              TEXT NOT NULL DEFAULT 'open'
                        CHECK (status IN ('open', 'in_progress', 'completed', 'closed')),
    created_at          TEXT NOT NULL DEFAULT '',
    updated_at          TEXT NOT NULL DEFAULT '',
    import_batch_id     INTEGER REFERENCES import_batches (id)
);
CREATE INDEX recommendations_to ON recommendations (to_committee_id, status);

CREATE TABLE recommendation_updates (
    id                 INTEGER PRIMARY KEY,
    recommendation_id  INTEGER NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
    date               TEXT NOT NULL,
    text               TEXT NOT NULL,
    author             TEXT NOT NULL DEFAULT '',
    status             TEXT
);

-- Performance indicators of the council plan.
CREATE TABLE themes (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    kind      TEXT NOT NULL DEFAULT 'priority' CHECK (kind IN ('priority', 'enabler')),
    position  INTEGER NOT NULL DEFAULT 0
);

-- The council's own area and the comparators (England, West Midlands, similar councils).
CREATE TABLE areas (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    is_own    INTEGER NOT NULL DEFAULT 0 CHECK (is_own IN (0, 1)),
    position  INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX areas_one_own ON areas (is_own) WHERE is_own = 1;

-- Periods the workspace reports on, including years with nothing recorded (a gap, not a zero).
CREATE TABLE periods (
    label     TEXT PRIMARY KEY,
    sort_key  TEXT NOT NULL
);

CREATE TABLE indicators (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    theme_id      INTEGER REFERENCES themes (id),
    polarity      TEXT NOT NULL DEFAULT 'higher' CHECK (polarity IN ('higher', 'lower', 'none')),
    unit          TEXT NOT NULL DEFAULT 'count',
    decimals      INTEGER NOT NULL DEFAULT 0,
    tolerance     REAL NOT NULL DEFAULT 0 CHECK (tolerance >= 0),
    source        TEXT NOT NULL DEFAULT '',
    frequency     TEXT NOT NULL DEFAULT 'financial year'
                  CHECK (frequency IN ('annual', 'financial year', 'academic year', 'quarterly')),
    owner         TEXT NOT NULL DEFAULT '',
    first_period  TEXT,
    last_period   TEXT,
    notes         TEXT NOT NULL DEFAULT '',
    import_batch_id INTEGER REFERENCES import_batches (id)
);

CREATE TABLE indicator_comparators (
    indicator_id  INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    area_id       INTEGER NOT NULL REFERENCES areas (id),
    PRIMARY KEY (indicator_id, area_id)
);

-- A value per indicator, period and area; NULL value = recorded as not available.
CREATE TABLE indicator_values (
    id            INTEGER PRIMARY KEY,
    indicator_id  INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    period        TEXT NOT NULL REFERENCES periods (label),
    area_id       INTEGER NOT NULL REFERENCES areas (id),
    value         REAL,
    provisional   INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),
    note          TEXT NOT NULL DEFAULT '',
    import_batch_id INTEGER REFERENCES import_batches (id),
    UNIQUE (indicator_id, period, area_id)
);

CREATE TABLE status_overrides (
    id            INTEGER PRIMARY KEY,
    indicator_id  INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    period        TEXT NOT NULL REFERENCES periods (label),
    status        TEXT NOT NULL CHECK (status IN ('improved', 'same', 'worse', 'cannot_say', 'not_available')),
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    created_by    TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL DEFAULT '',
    UNIQUE (indicator_id, period)
);

-- Wards as editable reference data; renames are kept as history.
CREATE TABLE wards (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    population  INTEGER CHECK (population IS NULL OR population >= 0),
    position    INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE ward_names (
    id          INTEGER PRIMARY KEY,
    ward_id     INTEGER NOT NULL REFERENCES wards (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    valid_until TEXT
);

-- Engagement: channels, respondent types and themes are editable lists.
CREATE TABLE channels (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    position  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE respondent_types (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    position  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE feedback_themes (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE,
    position  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE exercises (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL,
    purpose        TEXT NOT NULL DEFAULT '',
    opens_on       TEXT,
    closes_on      TEXT,
    target_groups  TEXT NOT NULL DEFAULT '',
    public_link    TEXT NOT NULL DEFAULT '',
    -- the import column mapping last used for this exercise (JSON)
    column_map     TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE exercise_channels (
    exercise_id  INTEGER NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    channel_id   INTEGER NOT NULL REFERENCES channels (id),
    PRIMARY KEY (exercise_id, channel_id)
);

-- One response. ward_id NULL means the ward was not collected.
CREATE TABLE feedback (
    id                  INTEGER PRIMARY KEY,
    exercise_id         INTEGER NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    received_on         TEXT,
    channel_id          INTEGER REFERENCES channels (id),
    ward_id             INTEGER REFERENCES wards (id),
    respondent_type_id  INTEGER REFERENCES respondent_types (id),
    text                TEXT NOT NULL DEFAULT '',
    passed_on_to        TEXT NOT NULL DEFAULT '',
    passed_on_date      TEXT,
    import_batch_id     INTEGER REFERENCES import_batches (id)
);
CREATE INDEX feedback_exercise ON feedback (exercise_id);

CREATE TABLE feedback_theme_links (
    feedback_id  INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    theme_id     INTEGER NOT NULL REFERENCES feedback_themes (id) ON DELETE CASCADE,
    PRIMARY KEY (feedback_id, theme_id)
);
CREATE INDEX feedback_theme_links_theme ON feedback_theme_links (theme_id);
