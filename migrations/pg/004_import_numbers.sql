-- Server mode (SPEC §8, issue #17): the bulk path of `import` numbers its
-- records in one statement instead of one trigger call per row.
--
-- `import` stages the valid rows of the file in a temporary table of its
-- own, `pg_temp.import_rows` (store/pg/copy.rs), and writes them when it
-- commits. Through the records table's BEFORE INSERT trigger that took one
-- call of a plpgsql function per row, about a sixth of the import's time
-- on the server. records_import() writes them instead with the numbers of
-- the register's sequence taken in the staging table's order (its column
-- `n`, the file's order) in the same INSERT, so the per-row trigger does
-- not fire (its WHEN wants no number).
--
-- It is SECURITY DEFINER (nobody else may give a record a number: the
-- column has no INSERT grant), so it is kept to what the caller may do
-- anyway, and reads nothing the caller could make run code as the owner:
--   - the caller (session_user, the operator) must hold INSERT on every
--     column it writes, as a plain INSERT would need;
--   - the staging table must be a plain table of this session's temporary
--     schema, owned by the caller, without row security, rules or
--     expression indexes, every column text but `n` (bigint): reading it
--     runs no function of anyone's;
--   - the columns written are those of the staging table that records has
--     and a caller may write, quoted; the register and the numbers come
--     from the function, not from the table.

CREATE FUNCTION records_import(p_register text)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
-- the ORDER BY of a million rows sorts in memory, not in temporary files
SET work_mem = '256MB'
AS $$
DECLARE
    rel oid := pg_catalog.to_regclass('pg_temp.import_rows');
    seq regclass;
    cols text;
    bad text;
    written bigint;
BEGIN
    IF p_register ~ '^[a-z]+$' THEN
        seq := pg_catalog.to_regclass('privreg.number_' || p_register);
    END IF;
    IF seq IS NULL THEN
        RAISE EXCEPTION 'no such register: %', p_register USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF rel IS NULL OR NOT EXISTS (
        SELECT 1 FROM pg_class c
         WHERE c.oid = rel AND c.relkind = 'r' AND c.relpersistence = 't'
           AND c.relnamespace = pg_my_temp_schema()
           AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = session_user)
           AND NOT c.relrowsecurity AND NOT c.relhasrules)
       OR EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = rel
                   AND (i.indexprs IS NOT NULL OR i.indpred IS NOT NULL))
       OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = rel AND a.attnum > 0
                   AND NOT a.attisdropped
                   AND a.atttypid <> (CASE a.attname WHEN 'n' THEN 'bigint' ELSE 'text' END)::regtype) THEN
        RAISE EXCEPTION 'records_import() reads the staging table privreg''s import makes, and nothing else'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
           string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
               FILTER (WHERE NOT has_column_privilege(session_user, 'privreg.records', a.attname, 'INSERT'))
      INTO cols, bad
      FROM pg_attribute a
      JOIN pg_attribute r ON r.attrelid = 'privreg.records'::regclass AND r.attname = a.attname
                         AND r.attnum > 0 AND NOT r.attisdropped
                         AND r.attidentity = '' AND r.attgenerated = ''
     WHERE a.attrelid = rel AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attname NOT IN ('n', 'number', 'register');
    IF bad IS NOT NULL OR NOT has_column_privilege(session_user, 'privreg.records', 'register', 'INSERT') THEN
        RAISE EXCEPTION 'permission denied for table records' USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE format(
        'INSERT INTO privreg.records (register, number, %1$s)
         SELECT $1, pg_catalog.nextval($2), %1$s
           FROM (SELECT %1$s FROM pg_temp.import_rows ORDER BY n) s',
        cols)
    USING p_register, seq;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END
$$;

REVOKE ALL ON FUNCTION records_import(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION records_import(text) TO privreg_admin, privreg_staff;
