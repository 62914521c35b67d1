-- Schema version 2 (issue #5): leaner indexes for large imports.
--
-- One index per identifier serves both lookups: the same person in a
-- register (unique) and across registers (by the index's first column).
-- Two indexes each, as in version 1, made a million-row import write two
-- more B-trees in random order.
DROP INDEX IF EXISTS records_hetu;
DROP INDEX IF EXISTS records_email;
DROP INDEX IF EXISTS records_hetu_any;
DROP INDEX IF EXISTS records_email_any;
CREATE UNIQUE INDEX records_hetu ON records(hetu, register) WHERE hetu IS NOT NULL;
CREATE UNIQUE INDEX records_email ON records(email_key, register) WHERE email_key IS NOT NULL;

-- The search index without prefix indexes: a word prefix is a range of the
-- term index, fast for the prefixes people type, while prefix = '1 2 3'
-- made the index four times the size. The triggers of version 1 keep
-- working: they name the table, which is made again with the same name.
DROP TABLE records_search;
CREATE VIRTUAL TABLE records_search USING fts5(
    first_name, last_name, email, city, organisation,
    content = 'records', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO records_search (records_search, rank) VALUES ('secure-delete', 1);
INSERT INTO records_search (records_search) VALUES ('rebuild');
