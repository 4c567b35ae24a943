-- ocplan workspace schema: publishing (Word and accessible files, the meetings calendar, exempt items).
--
-- Exempt information: a report or an agenda item can be marked exempt under a paragraph (1-7) of
-- Part 1 of Schedule 12A to the Local Government Act 1972, with the reason (the public interest
-- test). NULL means not exempt. An agenda item is exempt when it is marked, or when its report is.
ALTER TABLE reports ADD COLUMN exempt_paragraph INTEGER
    CHECK (exempt_paragraph IS NULL OR exempt_paragraph BETWEEN 1 AND 7);
ALTER TABLE reports ADD COLUMN exempt_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE agenda_items ADD COLUMN exempt_paragraph INTEGER
    CHECK (exempt_paragraph IS NULL OR exempt_paragraph BETWEEN 1 AND 7);
ALTER TABLE agenda_items ADD COLUMN exempt_reason TEXT NOT NULL DEFAULT '';

-- The meetings calendar: a meeting's page on the council's website ('' when the workspace does not
-- know one). Its end time is `meetings.end_time` (0004).
ALTER TABLE meetings ADD COLUMN web_link TEXT NOT NULL DEFAULT '';

