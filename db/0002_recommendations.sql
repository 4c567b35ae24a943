-- ocplan workspace schema, step 2: the recommendation tracker.

-- Where in the meeting a response was given, for example "Matters arising" at a later Scrutiny meeting.
ALTER TABLE recommendations ADD COLUMN response_item TEXT NOT NULL DEFAULT '';

-- The tracker reads each recommendation's progress log, newest first.
CREATE INDEX recommendation_updates_recommendation ON recommendation_updates (recommendation_id, date);

-- The update report reads what changed since a date.
CREATE INDEX recommendations_from_date ON recommendations (from_date);
