-- ocplan workspace schema, step 2: full-text search over reports, minutes, recommendations and feedback.
--
-- One FTS5 row per source row. Its rowid encodes where it came from (source id * 16 + a code per
-- table), so the triggers find it again by rowid, which stays fast however many rows there are.
-- `kind` and `record_id` say which record a search result opens:
--   report          a report (its fields, recommendations, appendices, section headings, paragraphs)
--   minutes         one agenda item's minutes (heading, "Report of" line, narrative, bullets, resolutions)
--   recommendation  a tracked recommendation (its reference, text, response and progress updates)
--   feedback        one engagement response
-- Source codes: 1 reports, 2 report_recommendations, 3 report_sections, 4 report_paragraphs,
-- 5 report_appendices, 6 minutes, 7 minute_paragraphs, 8 minute_bullets, 9 resolutions,
-- 10 recommendations, 11 recommendation_updates, 12 feedback.
-- FTS5 is SQLite's own; a PostgreSQL port replaces this file's search part with tsvector columns.

CREATE VIRTUAL TABLE search_index USING fts5 (
    body,
    kind UNINDEXED,
    record_id UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

-- reports ---------------------------------------------------------------------------------------

CREATE TRIGGER search_reports_insert AFTER INSERT ON reports BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id) VALUES (
        new.id * 16 + 1,
        new.title || char(10) || new.report_of || char(10) || new.cabinet_member || char(10) ||
        new.director || char(10) || new.key_decision_reason || char(10) || new.executive_summary ||
        char(10) || new.background_papers || char(10) || new.scrutiny_considered || char(10) ||
        new.other_bodies || char(10) || new.goes_to_council || char(10) ||
        new.implications_financial || char(10) || new.implications_legal || char(10) ||
        new.implications_priorities || char(10) || new.implications_risk || char(10) ||
        new.implications_organisation || char(10) || new.implications_equalities || char(10) ||
        new.implications_climate || char(10) || new.implications_partners || char(10) ||
        new.author_service || char(10) || new.author_contact,
        'report', new.id);
END;

CREATE TRIGGER search_reports_update AFTER UPDATE ON reports BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 1;
    INSERT INTO search_index (rowid, body, kind, record_id) VALUES (
        new.id * 16 + 1,
        new.title || char(10) || new.report_of || char(10) || new.cabinet_member || char(10) ||
        new.director || char(10) || new.key_decision_reason || char(10) || new.executive_summary ||
        char(10) || new.background_papers || char(10) || new.scrutiny_considered || char(10) ||
        new.other_bodies || char(10) || new.goes_to_council || char(10) ||
        new.implications_financial || char(10) || new.implications_legal || char(10) ||
        new.implications_priorities || char(10) || new.implications_risk || char(10) ||
        new.implications_organisation || char(10) || new.implications_equalities || char(10) ||
        new.implications_climate || char(10) || new.implications_partners || char(10) ||
        new.author_service || char(10) || new.author_contact,
        'report', new.id);
END;

CREATE TRIGGER search_reports_delete AFTER DELETE ON reports BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 1;
END;

CREATE TRIGGER search_report_recommendations_insert AFTER INSERT ON report_recommendations BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 2, new.body || ': ' || new.text, 'report', new.report_id);
END;

CREATE TRIGGER search_report_recommendations_update AFTER UPDATE ON report_recommendations BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 2;
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 2, new.body || ': ' || new.text, 'report', new.report_id);
END;

CREATE TRIGGER search_report_recommendations_delete AFTER DELETE ON report_recommendations BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 2;
END;

CREATE TRIGGER search_report_sections_insert AFTER INSERT ON report_sections BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 3, new.heading, 'report', new.report_id);
END;

CREATE TRIGGER search_report_sections_update AFTER UPDATE ON report_sections BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 3;
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 3, new.heading, 'report', new.report_id);
END;

CREATE TRIGGER search_report_sections_delete AFTER DELETE ON report_sections BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 3;
END;

CREATE TRIGGER search_report_paragraphs_insert AFTER INSERT ON report_paragraphs BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 4, new.text, 'report',
            (SELECT report_id FROM report_sections WHERE report_sections.id = new.section_id));
END;

CREATE TRIGGER search_report_paragraphs_update AFTER UPDATE ON report_paragraphs BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 4;
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 4, new.text, 'report',
            (SELECT report_id FROM report_sections WHERE report_sections.id = new.section_id));
END;

CREATE TRIGGER search_report_paragraphs_delete AFTER DELETE ON report_paragraphs BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 4;
END;

CREATE TRIGGER search_report_appendices_insert AFTER INSERT ON report_appendices BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 5, new.label || ' ' || new.title, 'report', new.report_id);
END;

CREATE TRIGGER search_report_appendices_update AFTER UPDATE ON report_appendices BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 5;
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 5, new.label || ' ' || new.title, 'report', new.report_id);
END;

CREATE TRIGGER search_report_appendices_delete AFTER DELETE ON report_appendices BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 5;
END;

-- minutes ---------------------------------------------------------------------------------------

CREATE TRIGGER search_minutes_insert AFTER INSERT ON minutes BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 6, new.heading || char(10) || new.report_of, 'minutes', new.id);
END;

CREATE TRIGGER search_minutes_update AFTER UPDATE OF heading, report_of ON minutes BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 6;
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 6, new.heading || char(10) || new.report_of, 'minutes', new.id);
END;

CREATE TRIGGER search_minutes_delete AFTER DELETE ON minutes BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 6;
END;

CREATE TRIGGER search_minute_paragraphs_insert AFTER INSERT ON minute_paragraphs BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 7, new.text, 'minutes', new.minutes_id);
END;

CREATE TRIGGER search_minute_paragraphs_update AFTER UPDATE OF text ON minute_paragraphs BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 7;
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 7, new.text, 'minutes', new.minutes_id);
END;

CREATE TRIGGER search_minute_paragraphs_delete AFTER DELETE ON minute_paragraphs BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 7;
END;

CREATE TRIGGER search_minute_bullets_insert AFTER INSERT ON minute_bullets BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 8, new.text, 'minutes', new.minutes_id);
END;

CREATE TRIGGER search_minute_bullets_update AFTER UPDATE OF text ON minute_bullets BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 8;
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 8, new.text, 'minutes', new.minutes_id);
END;

CREATE TRIGGER search_minute_bullets_delete AFTER DELETE ON minute_bullets BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 8;
END;

CREATE TRIGGER search_resolutions_insert AFTER INSERT ON resolutions BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 9, new.text, 'minutes', new.minutes_id);
END;

CREATE TRIGGER search_resolutions_update AFTER UPDATE OF text ON resolutions BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 9;
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 9, new.text, 'minutes', new.minutes_id);
END;

CREATE TRIGGER search_resolutions_delete AFTER DELETE ON resolutions BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 9;
END;

-- recommendations and feedback --------------------------------------------------------------------

CREATE TRIGGER search_recommendations_insert AFTER INSERT ON recommendations BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id) VALUES (
        new.id * 16 + 10,
        new.reference || char(10) || new.text || char(10) || new.response_text,
        'recommendation', new.id);
END;

CREATE TRIGGER search_recommendations_update AFTER UPDATE OF reference, text, response_text
ON recommendations BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 10;
    INSERT INTO search_index (rowid, body, kind, record_id) VALUES (
        new.id * 16 + 10,
        new.reference || char(10) || new.text || char(10) || new.response_text,
        'recommendation', new.id);
END;

CREATE TRIGGER search_recommendations_delete AFTER DELETE ON recommendations BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 10;
END;

CREATE TRIGGER search_recommendation_updates_insert AFTER INSERT ON recommendation_updates BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 11, new.text, 'recommendation', new.recommendation_id);
END;

CREATE TRIGGER search_recommendation_updates_update AFTER UPDATE OF text ON recommendation_updates
BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 11;
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 11, new.text, 'recommendation', new.recommendation_id);
END;

CREATE TRIGGER search_recommendation_updates_delete AFTER DELETE ON recommendation_updates BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 11;
END;

CREATE TRIGGER search_feedback_insert AFTER INSERT ON feedback BEGIN
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 12,
            new.text || CASE WHEN new.passed_on_to <> ''
                             THEN char(10) || 'Passed on to ' || new.passed_on_to ELSE '' END,
            'feedback', new.id);
END;

CREATE TRIGGER search_feedback_update AFTER UPDATE OF text, passed_on_to ON feedback BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 12;
    INSERT INTO search_index (rowid, body, kind, record_id)
    VALUES (new.id * 16 + 12,
            new.text || CASE WHEN new.passed_on_to <> ''
                             THEN char(10) || 'Passed on to ' || new.passed_on_to ELSE '' END,
            'feedback', new.id);
END;

CREATE TRIGGER search_feedback_delete AFTER DELETE ON feedback BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 16 + 12;
END;

-- what the workspace held before this step ------------------------------------------------------

INSERT INTO search_index (rowid, body, kind, record_id)
SELECT id * 16 + 1,
       title || char(10) || report_of || char(10) || cabinet_member || char(10) || director ||
       char(10) || key_decision_reason || char(10) || executive_summary || char(10) ||
       background_papers || char(10) || scrutiny_considered || char(10) || other_bodies || char(10) ||
       goes_to_council || char(10) || implications_financial || char(10) || implications_legal ||
       char(10) || implications_priorities || char(10) || implications_risk || char(10) ||
       implications_organisation || char(10) || implications_equalities || char(10) ||
       implications_climate || char(10) || implications_partners || char(10) || author_service ||
       char(10) || author_contact,
       'report', id
FROM reports;

INSERT INTO search_index (rowid, body, kind, record_id)
SELECT id * 16 + 2, body || ': ' || text, 'report', report_id FROM report_recommendations;

INSERT INTO search_index (rowid, body, kind, record_id)
SELECT id * 16 + 3, heading, 'report', report_id FROM report_sections;

INSERT INTO search_index (rowid, body, kind, record_id)
SELECT report_paragraphs.id * 16 + 4, report_paragraphs.text, 'report', report_sections.report_id
FROM report_paragraphs JOIN report_sections ON report_sections.id = report_paragraphs.section_id;

INSERT INTO search_index (rowid, body, kind, record_id)
SELECT id * 16 + 5, label || ' ' || title, 'report', report_id FROM report_appendices;

INSERT INTO search_index (rowid, body, kind, record_id)
SELECT id * 16 + 6, heading || char(10) || report_of, 'minutes', id FROM minutes;

INSERT INTO search_index (rowid, body, kind, record_id)
SELECT id * 16 + 7, text, 'minutes', minutes_id FROM minute_paragraphs;

INSERT INTO search_index (rowid, body, kind, record_id)
SELECT id * 16 + 8, text, 'minutes', minutes_id FROM minute_bullets;

INSERT INTO search_index (rowid, body, kind, record_id)
SELECT id * 16 + 9, text, 'minutes', minutes_id FROM resolutions;

INSERT INTO search_index (rowid, body, kind, record_id)
SELECT id * 16 + 10, reference || char(10) || text || char(10) || response_text, 'recommendation', id
FROM recommendations;

INSERT INTO search_index (rowid, body, kind, record_id)
SELECT id * 16 + 11, text, 'recommendation', recommendation_id FROM recommendation_updates;

INSERT INTO search_index (rowid, body, kind, record_id)
SELECT id * 16 + 12,
       text || CASE WHEN passed_on_to <> '' THEN char(10) || 'Passed on to ' || passed_on_to ELSE '' END,
       'feedback', id
FROM feedback;
