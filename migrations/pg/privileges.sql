-- Server mode (SPEC §4 "Roles", §8): what each group may do with its own
-- client, `psql` included. Applied by `privreg init` (and by every command
-- that migrates) as privreg_owner after the migrations, so that it covers
-- every table, also those a later migration adds; every statement can run
-- again (revoking a table's privileges revokes its column privileges too).
--
--   every group: read every table (auditors all but `secrets`), append to
--                the audit log through audit_append() (reads are audited)
--   auditor:     nothing else: no INSERT, UPDATE or DELETE anywhere
--   staff:       INSERT and UPDATE on what its verbs write (records and
--                their corrections, bases, preferences, holds (INSERT: a
--                release is an admin's), disclosures, requests, breaches);
--                no DELETE anywhere
--   admin:       INSERT, UPDATE and DELETE on every table but the audit log
--   nobody:      UPDATE, DELETE or TRUNCATE of the audit log or its head
--                (no grant, and triggers refuse even the owner); any write
--                to the search words (record_words, 040: written by the
--                records' triggers as the owner, as an index); TRUNCATE
--                of anything; the sequences; a record number or an identity
--                value of their own (INSERT is granted per column, without
--                those and the generated search column; UPDATE also without
--                a record's register)

GRANT USAGE ON SCHEMA privreg TO privreg_admin, privreg_staff, privreg_auditor;

REVOKE ALL ON ALL SEQUENCES IN SCHEMA privreg FROM PUBLIC, privreg_admin, privreg_staff, privreg_auditor;

-- Only privreg's own functions: those of the extensions (unaccent, pg_trgm)
-- stay executable as their owner left them, since the search index calls
-- them in whoever's INSERT.
REVOKE ALL ON FUNCTION privreg.audit_append(text, text, text, text, text, text, bigint, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION privreg.records_number() FROM PUBLIC;
REVOKE ALL ON FUNCTION privreg.audit_append_only() FROM PUBLIC;
REVOKE ALL ON FUNCTION privreg.register_id_fixed() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION privreg.audit_append(text, text, text, text, text, text, bigint, text)
    TO privreg_admin, privreg_staff, privreg_auditor;

DO $$
DECLARE
    staff_writes constant text[] := ARRAY[
        'records', 'corrections', 'bases', 'preferences', 'holds', 'disclosures',
        'requests', 'request_subjects', 'breaches', 'breach_records', 'breach_assessments'];
    staff_no_update constant text[] := ARRAY['holds'];
    read_only constant text[] := ARRAY['audit', 'audit_head', 'schema_migrations', 'record_words'];
    not_auditors constant text[] := ARRAY['secrets'];
    t text;
    ins text;
    upd text;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_catalog.pg_class c
         WHERE c.relnamespace = 'privreg'::regnamespace AND c.relkind IN ('r', 'p')
         ORDER BY c.relname
    LOOP
        EXECUTE format('REVOKE ALL ON privreg.%I FROM PUBLIC, privreg_admin, privreg_staff, privreg_auditor', t);
        IF t = ANY (not_auditors) THEN
            EXECUTE format('GRANT SELECT ON privreg.%I TO privreg_admin, privreg_staff', t);
        ELSE
            EXECUTE format('GRANT SELECT ON privreg.%I TO privreg_admin, privreg_staff, privreg_auditor', t);
        END IF;
        CONTINUE WHEN t = ANY (read_only);
        SELECT string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
          INTO ins
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = format('privreg.%I', t)::regclass
           AND a.attnum > 0 AND NOT a.attisdropped AND a.attidentity = '' AND a.attgenerated = ''
           AND NOT (t = 'records' AND a.attname = 'number');
        SELECT string_agg(pg_catalog.quote_ident(a.attname), ', ' ORDER BY a.attnum)
          INTO upd
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = format('privreg.%I', t)::regclass
           AND a.attnum > 0 AND NOT a.attisdropped AND a.attidentity = '' AND a.attgenerated = ''
           AND NOT (t = 'records' AND a.attname IN ('number', 'register'));
        EXECUTE format('GRANT INSERT (%s), UPDATE (%s), DELETE ON privreg.%I TO privreg_admin', ins, upd, t);
        IF t = ANY (staff_writes) THEN
            EXECUTE format('GRANT INSERT (%s) ON privreg.%I TO privreg_staff', ins, t);
            IF NOT t = ANY (staff_no_update) THEN
                EXECUTE format('GRANT UPDATE (%s) ON privreg.%I TO privreg_staff', upd, t);
            END IF;
        END IF;
    END LOOP;
END
$$;
