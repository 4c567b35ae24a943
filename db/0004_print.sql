-- ocplan workspace schema: what print review found missing from the printed record.

-- The time the meeting closed, printed above the Chair's signature line (HH:MM, '' until recorded).
ALTER TABLE meetings ADD COLUMN end_time TEXT NOT NULL DEFAULT '';

-- The words that introduce an item's resolutions as the officer minuted them ("RESOLVED that:",
-- "RESOLVED:", "AGREED:"); '' prints the council's usual "RESOLVED:".
ALTER TABLE minutes ADD COLUMN resolved_wording TEXT NOT NULL DEFAULT '';

-- An appendix kept with its report: the PDF the pack appends ('' when it is only listed).
ALTER TABLE report_appendices ADD COLUMN file_path TEXT NOT NULL DEFAULT '';

-- The body that makes the decision, printed under "Public report" ('' = the last meeting on the
-- report's route), and the address the report is published on, printed exactly as given.
ALTER TABLE reports ADD COLUMN decision_body TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN published_link TEXT NOT NULL DEFAULT '';
