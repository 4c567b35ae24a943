-- ocplan workspace schema: input as councils really write it.

-- Wards change at boundary reviews (renamed, merged, split from an election day). A ward is in use
-- from valid_from (NULL: since before the workspace's records) to valid_to, its last day (NULL: in
-- use now). A response is matched against the wards in use on its date.
ALTER TABLE wards ADD COLUMN valid_from TEXT;
ALTER TABLE wards ADD COLUMN valid_to TEXT;

-- An indicator's tolerance is absolute (a change of 10 or less) or relative (tolerance_relative = 1:
-- "10%" is a change of at most 10% of the previous value), and is shown and exported as written.
ALTER TABLE indicators ADD COLUMN tolerance_relative INTEGER NOT NULL DEFAULT 0
    CHECK (tolerance_relative IN (0, 1));

-- What an import read (a SHA-256 of the file's bytes) and where it went ("exercise:3",
-- "indicators", "recommendations"), so the same file is not imported twice without the officer
-- saying so.
ALTER TABLE import_batches ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE import_batches ADD COLUMN target TEXT NOT NULL DEFAULT '';
CREATE INDEX import_batches_content ON import_batches (content_hash, target);
