-- ocplan workspace schema: bulk writes index their rows in one statement.
--
-- Each source of the search index gets a view, search_source_<table>, that says what its rows put in
-- the index (the rowid code, text, kind and record of db/0003's triggers, which the insert and update
-- triggers below now take from the view, so each source's text is written down once).
--
-- A bulk write (an import, generated data) first records the ids it is about to insert into a table
-- in search_index_deferred; the insert trigger leaves rows in that range alone, and after the batch
-- the writer indexes them with one INSERT … SELECT from the view and removes the range, all in the
-- same transaction as the rows: a crash rolls back the rows, the range and their index together, so
-- no committed row is ever left out of the index. (Opening a workspace indexes whatever a range that
-- was left behind covers, should one ever be.) Deletes still take rows out one by one through
-- db/0003's delete triggers, so deleting or undoing imported rows removes them from the index.

CREATE TABLE search_index_deferred (
    source TEXT NOT NULL,       -- the table whose new rows are indexed after the batch
    first_id INTEGER NOT NULL,  -- the ids the batch inserts, first to last
    last_id INTEGER NOT NULL
);

-- what each source puts in the index ------------------------------------------------------------

CREATE VIEW search_source_reports AS
SELECT id, id * 16 + 1 AS search_rowid,
       title || char(10) || report_of || char(10) || cabinet_member || char(10) || director ||
       char(10) || key_decision_reason || char(10) || executive_summary || char(10) ||
       background_papers || char(10) || scrutiny_considered || char(10) || other_bodies || char(10) ||
       goes_to_council || char(10) || implications_financial || char(10) || implications_legal ||
       char(10) || implications_priorities || char(10) || implications_risk || char(10) ||
       implications_organisation || char(10) || implications_equalities || char(10) ||
       implications_climate || char(10) || implications_partners || char(10) || author_service ||
       char(10) || author_contact AS body,
       'report' AS kind, id AS record_id
FROM reports;

CREATE VIEW search_source_report_recommendations AS
SELECT id, id * 16 + 2 AS search_rowid, body || ': ' || text AS body, 'report' AS kind,
       report_id AS record_id
FROM report_recommendations;

CREATE VIEW search_source_report_sections AS
SELECT id, id * 16 + 3 AS search_rowid, heading AS body, 'report' AS kind, report_id AS record_id
FROM report_sections;

CREATE VIEW search_source_report_paragraphs AS
SELECT report_paragraphs.id, report_paragraphs.id * 16 + 4 AS search_rowid,
       report_paragraphs.text AS body, 'report' AS kind,
       (SELECT report_id FROM report_sections WHERE report_sections.id = report_paragraphs.section_id)
       AS record_id
FROM report_paragraphs;

CREATE VIEW search_source_report_appendices AS
SELECT id, id * 16 + 5 AS search_rowid, label || ' ' || title AS body, 'report' AS kind,
       report_id AS record_id
FROM report_appendices;

CREATE VIEW search_source_minutes AS
SELECT id, id * 16 + 6 AS search_rowid, heading || char(10) || report_of AS body, 'minutes' AS kind,
       id AS record_id
FROM minutes;

CREATE VIEW search_source_minute_paragraphs AS
SELECT id, id * 16 + 7 AS search_rowid, text AS body, 'minutes' AS kind, minutes_id AS record_id
FROM minute_paragraphs;

CREATE VIEW search_source_minute_bullets AS
SELECT id, id * 16 + 8 AS search_rowid, text AS body, 'minutes' AS kind, minutes_id AS record_id
FROM minute_bullets;

CREATE VIEW search_source_resolutions AS
SELECT id, id * 16 + 9 AS search_rowid, text AS body, 'minutes' AS kind, minutes_id AS record_id
FROM resolutions;

CREATE VIEW search_source_recommendations AS
SELECT id, id * 16 + 10 AS search_rowid,
       reference || char(10) || text || char(10) || response_text AS body,
       'recommendation' AS kind, id AS record_id
FROM recommendations;

CREATE VIEW search_source_recommendation_updates AS
SELECT id, id * 16 + 11 AS search_rowid, text AS body, 'recommendation' AS kind,
       recommendation_id AS record_id
FROM recommendation_updates;

CREATE VIEW search_source_feedback AS
SELECT id, id * 16 + 12 AS search_rowid,
       text || CASE WHEN passed_on_to <> '' THEN char(10) || 'Passed on to ' || passed_on_to
                    ELSE '' END AS body,
       'feedback' AS kind, id AS record_id
FROM feedback;

-- the insert triggers: as before, but from the view, and not for a deferred range ---------------

DROP TRIGGER search_reports_insert;
CREATE TRIGGER search_reports_insert AFTER INSERT ON reports
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred AS deferred
                 WHERE deferred.source = 'reports' AND new.id BETWEEN deferred.first_id AND deferred.last_id)
BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    SELECT search_rowid, body, kind, record_id FROM search_source_reports WHERE id = new.id;
END;

DROP TRIGGER search_report_recommendations_insert;
CREATE TRIGGER search_report_recommendations_insert AFTER INSERT ON report_recommendations
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred AS deferred
                 WHERE deferred.source = 'report_recommendations' AND new.id BETWEEN deferred.first_id AND deferred.last_id)
BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    SELECT search_rowid, body, kind, record_id FROM search_source_report_recommendations WHERE id = new.id;
END;

DROP TRIGGER search_report_sections_insert;
CREATE TRIGGER search_report_sections_insert AFTER INSERT ON report_sections
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred AS deferred
                 WHERE deferred.source = 'report_sections' AND new.id BETWEEN deferred.first_id AND deferred.last_id)
BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    SELECT search_rowid, body, kind, record_id FROM search_source_report_sections WHERE id = new.id;
END;

DROP TRIGGER search_report_paragraphs_insert;
CREATE TRIGGER search_report_paragraphs_insert AFTER INSERT ON report_paragraphs
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred AS deferred
                 WHERE deferred.source = 'report_paragraphs' AND new.id BETWEEN deferred.first_id AND deferred.last_id)
BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    SELECT search_rowid, body, kind, record_id FROM search_source_report_paragraphs WHERE id = new.id;
END;

DROP TRIGGER search_report_appendices_insert;
CREATE TRIGGER search_report_appendices_insert AFTER INSERT ON report_appendices
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred AS deferred
                 WHERE deferred.source = 'report_appendices' AND new.id BETWEEN deferred.first_id AND deferred.last_id)
BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    SELECT search_rowid, body, kind, record_id FROM search_source_report_appendices WHERE id = new.id;
END;

DROP TRIGGER search_minutes_insert;
CREATE TRIGGER search_minutes_insert AFTER INSERT ON minutes
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred AS deferred
                 WHERE deferred.source = 'minutes' AND new.id BETWEEN deferred.first_id AND deferred.last_id)
BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    SELECT search_rowid, body, kind, record_id FROM search_source_minutes WHERE id = new.id;
END;

DROP TRIGGER search_minute_paragraphs_insert;
CREATE TRIGGER search_minute_paragraphs_insert AFTER INSERT ON minute_paragraphs
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred AS deferred
                 WHERE deferred.source = 'minute_paragraphs' AND new.id BETWEEN deferred.first_id AND deferred.last_id)
BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    SELECT search_rowid, body, kind, record_id FROM search_source_minute_paragraphs WHERE id = new.id;
END;

DROP TRIGGER search_minute_bullets_insert;
CREATE TRIGGER search_minute_bullets_insert AFTER INSERT ON minute_bullets
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred AS deferred
                 WHERE deferred.source = 'minute_bullets' AND new.id BETWEEN deferred.first_id AND deferred.last_id)
BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    SELECT search_rowid, body, kind, record_id FROM search_source_minute_bullets WHERE id = new.id;
END;

DROP TRIGGER search_resolutions_insert;
CREATE TRIGGER search_resolutions_insert AFTER INSERT ON resolutions
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred AS deferred
                 WHERE deferred.source = 'resolutions' AND new.id BETWEEN deferred.first_id AND deferred.last_id)
BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    SELECT search_rowid, body, kind, record_id FROM search_source_resolutions WHERE id = new.id;
END;

DROP TRIGGER search_recommendations_insert;
CREATE TRIGGER search_recommendations_insert AFTER INSERT ON recommendations
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred AS deferred
                 WHERE deferred.source = 'recommendations' AND new.id BETWEEN deferred.first_id AND deferred.last_id)
BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    SELECT search_rowid, body, kind, record_id FROM search_source_recommendations WHERE id = new.id;
END;

DROP TRIGGER search_recommendation_updates_insert;
CREATE TRIGGER search_recommendation_updates_insert AFTER INSERT ON recommendation_updates
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred AS deferred
                 WHERE deferred.source = 'recommendation_updates' AND new.id BETWEEN deferred.first_id AND deferred.last_id)
BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    SELECT search_rowid, body, kind, record_id FROM search_source_recommendation_updates WHERE id = new.id;
END;

DROP TRIGGER search_feedback_insert;
CREATE TRIGGER search_feedback_insert AFTER INSERT ON feedback
WHEN NOT EXISTS (SELECT 1 FROM search_index_deferred AS deferred
                 WHERE deferred.source = 'feedback' AND new.id BETWEEN deferred.first_id AND deferred.last_id)
BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    SELECT search_rowid, body, kind, record_id FROM search_source_feedback WHERE id = new.id;
END;
