-- Server mode (SPEC §7 "Restore", §8): `restore FILE` onto a server. The
-- merge runs in privreg (store/restore.rs, the same SQL as on a file, in a
-- SQLite database in memory); this function takes its result and replaces
-- the register's tables with it, in the caller's transaction. It runs as
-- privreg_owner because the rows come back with their own ids (a record's
-- rowid and number, a request's number, every identity), which no login
-- role may write (privileges.sql), and it sets the sequences after them,
-- never lower than they were (ids are never reused). Only privreg_admin
-- may call it.
--
-- `data` holds, per table, the merged rows as a JSON array of objects in
-- the file's model (registers with `last_number`). Only the tables a
-- restore replaces are touched; the audit log, erasures, suppression list,
-- meta and secrets, and every table that documents a duty done, are not.

CREATE FUNCTION restore_replace(data jsonb) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    -- Parents before children; registers and purposes, which kept tables
    -- name, are updated in place instead.
    replaced constant text[] := ARRAY[
        'controller', 'retention_policy', 'adequacy', 'operators', 'requests',
        'records', 'corrections', 'bases', 'preferences', 'holds', 'disclosures',
        'request_subjects'];
    t text;
    cols text;
    sets text;
    seq regclass;
    top bigint;
    r record;
BEGIN
    IF NOT pg_has_role(session_user, 'privreg_admin', 'MEMBER') THEN
        RAISE EXCEPTION 'only an admin may restore'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    FOR i IN REVERSE array_length(replaced, 1)..1 LOOP
        EXECUTE format('DELETE FROM privreg.%I', replaced[i]);
    END LOOP;
    FOREACH t IN ARRAY ARRAY['registers', 'purposes'] || replaced LOOP
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
               string_agg(format('%1$I = EXCLUDED.%1$I', a.attname), ', ' ORDER BY a.attnum)
                   FILTER (WHERE a.attname <> 'name')
          INTO cols, sets
          FROM pg_attribute a
         WHERE a.attrelid = format('privreg.%I', t)::regclass
           AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
           -- an identity the file's model does not carry (010's `rowid`
           -- of purposes) keeps its value, or takes the next for a new row
           AND (a.attidentity = '' OR EXISTS (
                SELECT 1 FROM jsonb_array_elements(data -> t) e WHERE e ? a.attname));
        IF t IN ('registers', 'purposes') THEN
            EXECUTE format('DELETE FROM privreg.%1$I WHERE name NOT IN (
                SELECT x.name FROM jsonb_populate_recordset(NULL::privreg.%1$I, $1 -> %1$L) x)', t)
                USING data;
            EXECUTE format('INSERT INTO privreg.%1$I (%2$s)
                SELECT %2$s FROM jsonb_populate_recordset(NULL::privreg.%1$I, $1 -> %1$L)
                ON CONFLICT (name) DO UPDATE SET %3$s', t, cols, sets)
                USING data;
        ELSE
            EXECUTE format('INSERT INTO privreg.%1$I (%2$s)
                SELECT %2$s FROM jsonb_populate_recordset(NULL::privreg.%1$I, $1 -> %1$L)', t, cols)
                USING data;
        END IF;
    END LOOP;
    -- Record numbers: the merge's last_number, never lower than now.
    FOR r IN SELECT x ->> 'name' AS name, (x ->> 'last_number')::bigint AS n
               FROM jsonb_array_elements(data -> 'registers') x LOOP
        CONTINUE WHEN r.name !~ '^[a-z]+$' OR coalesce(r.n, 0) < 1;
        seq := to_regclass('privreg.number_' || r.name);
        CONTINUE WHEN seq IS NULL;
        IF r.n > coalesce(pg_sequence_last_value(seq), 0) THEN
            PERFORM setval(seq, r.n);
        END IF;
    END LOOP;
    -- Identities: past every id the rows brought back.
    FOR r IN SELECT c.relname::text AS tab, a.attname::text AS col
               FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
              WHERE c.relnamespace = 'privreg'::regnamespace AND a.attidentity <> ''
                AND c.relname = ANY (replaced) LOOP
        seq := pg_get_serial_sequence(format('privreg.%I', r.tab), r.col)::regclass;
        EXECUTE format('SELECT max(%I) FROM privreg.%I', r.col, r.tab) INTO top;
        IF top > coalesce(pg_sequence_last_value(seq), 0) THEN
            PERFORM setval(seq, top);
        END IF;
    END LOOP;
END
$$;

REVOKE ALL ON FUNCTION restore_replace(jsonb) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION restore_replace(jsonb) TO privreg_admin;
