-- Server mode (SPEC §8, issue #17): search looks words up in a narrow
-- table of (word, record) pairs instead of the trigram index of each
-- record's words.
--
-- Why: a search answers with the newest matches (store/search.rs). The
-- trigram index could only say which pages hold a match, so the server
-- read and rechecked every matching row before it could take the newest:
-- a common surname among a million people is thousands of rows, 45 to
-- 60 ms. From this table's btree a word prefix is a range of (word,
-- record) pairs read from the index alone; the records are then fetched
-- newest first, only until enough match.
--
-- The table is kept in step with `records` by statement triggers, one
-- statement per INSERT, UPDATE or DELETE whatever its number of rows (an
-- import writes a million records in one INSERT). Each pair is a word of
-- the record's `search_words` (its names, e-mail, city and organisation,
-- folded, 001_schema.sql), cut to 64 characters: no search word is longer
-- (store::search::MAX_SEARCH_WORD_CHARS), and a btree entry has a size
-- limit that a long e-mail could pass. A word there twice is two pairs;
-- search asks for distinct records.
--
-- The words are personal data: the table is one an erasure vacuums
-- (store/pg/vacuum.rs), and nobody writes it but these triggers, which run
-- as the owner (privileges.sql grants only SELECT, as on the records).

CREATE TABLE record_words (
    word   text NOT NULL,
    record bigint NOT NULL
);

CREATE FUNCTION record_words_added() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO privreg.record_words (word, record)
    SELECT left(w, 64), n.rowid
      FROM new_rows n, unnest(string_to_array(btrim(n.search_words), ' ')) w
     WHERE w <> '';
    RETURN NULL;
END
$$;

-- The words of rows whose search text changed: the old pairs out, the new
-- in. (A record's rowid is never updated: no role has the right.)
CREATE FUNCTION record_words_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    DELETE FROM privreg.record_words x
     USING old_rows o JOIN new_rows n ON n.rowid = o.rowid,
           unnest(string_to_array(btrim(o.search_words), ' ')) w
     WHERE o.search_words IS DISTINCT FROM n.search_words
       AND x.word = left(w, 64) AND x.record = o.rowid;
    INSERT INTO privreg.record_words (word, record)
    SELECT left(w, 64), n.rowid
      FROM new_rows n JOIN old_rows o ON o.rowid = n.rowid,
           unnest(string_to_array(btrim(n.search_words), ' ')) w
     WHERE o.search_words IS DISTINCT FROM n.search_words AND w <> '';
    RETURN NULL;
END
$$;

-- Found by their words, so that deleting one record is a few index
-- lookups and not a scan of every pair.
CREATE FUNCTION record_words_removed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    DELETE FROM privreg.record_words x
     USING old_rows o, unnest(string_to_array(btrim(o.search_words), ' ')) w
     WHERE x.word = left(w, 64) AND x.record = o.rowid;
    RETURN NULL;
END
$$;

REVOKE ALL ON FUNCTION record_words_added() FROM PUBLIC;
REVOKE ALL ON FUNCTION record_words_changed() FROM PUBLIC;
REVOKE ALL ON FUNCTION record_words_removed() FROM PUBLIC;

CREATE TRIGGER record_words_added AFTER INSERT ON records
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_words_added();
CREATE TRIGGER record_words_changed AFTER UPDATE ON records
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_words_changed();
CREATE TRIGGER record_words_removed AFTER DELETE ON records
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_words_removed();

-- A register made before this migration: its records' words.
INSERT INTO record_words (word, record)
SELECT left(w, 64), r.rowid
  FROM records r, unnest(string_to_array(btrim(r.search_words), ' ')) w
 WHERE w <> '';

-- text_pattern_ops: a prefix (LIKE 'word%') is a range of this index
-- whatever the database's collation.
CREATE INDEX record_words_word ON record_words (word text_pattern_ops, record);

DROP INDEX records_search;
