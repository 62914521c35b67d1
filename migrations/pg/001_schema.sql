-- Server mode (SPEC §8): the register's schema on PostgreSQL, version 1 (002_seed.sql adds the rows every register starts with).
--
-- The same tables, columns and rules as a register file at SQLite schema
-- version 5 (schema.sql and migrations/002…005), so that every query can
-- give the same answers and `copy --to` moves a register either way without
-- loss. Run by `privreg init` as the owner role privreg_owner (SET ROLE),
-- with search_path = privreg, in the transaction that ran bootstrap.sql;
-- privileges.sql follows it. Later changes are new files 002_…, never an
-- edit of this one; `schema_migrations` says which have run.
--
-- Types: integers are bigint, flags boolean, text is text. Dates and times
-- stay text in the normal form privreg writes (YYYY-MM-DD; RFC 3339 UTC
-- with milliseconds), as in the file: they compare in order as text, the
-- audit chain hashes exactly these strings, and a copy between the two
-- kinds changes no value. Ids that a file makes with INTEGER PRIMARY KEY
-- are identity columns; record numbers (the 42 of C-42) come from one
-- sequence per register, so that two machines adding at once never get the
-- same number and a number is never given again, also after an erasure (a
-- rolled-back add leaves a gap, which a file would not: a gap is harmless,
-- a reused id is not). Nobody but the owner can give a number or an
-- identity value of their own (privileges.sql grants INSERT per column).
--
-- Personal data lives where it lives in the file (schema.sql's header);
-- the audit log, erasure receipts and suppression hashes hold none.

CREATE TABLE schema_migrations (
    version    integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now(),
    applied_by text NOT NULL DEFAULT session_user
);

CREATE TABLE meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE operators (
    name       text PRIMARY KEY,
    role       text NOT NULL CHECK (role IN ('admin', 'staff', 'auditor')),
    enabled    boolean NOT NULL DEFAULT true,
    created_at text NOT NULL,
    created_by text
);

-- Exactly one row: who keeps the registers (used by the privacy notice).
CREATE TABLE controller (
    id             bigint PRIMARY KEY CHECK (id = 1),
    name           text,
    business_id    text,
    address        text,
    contact_person text,
    contact_phone  text,
    contact_email  text
);

-- The four registers. The file's last_number is the per-register sequence
-- here (number_customer, …): see the header.
CREATE TABLE registers (
    name        text PRIMARY KEY,
    prefix      text NOT NULL UNIQUE,
    title_en    text NOT NULL,
    title_fi    text NOT NULL,
    subjects_en text NOT NULL,
    subjects_fi text NOT NULL,
    sources_en  text NOT NULL,
    sources_fi  text NOT NULL,
    requirement_en text,
    requirement_fi text
);
CREATE SEQUENCE number_customer;
CREATE SEQUENCE number_business;
CREATE SEQUENCE number_employee;
CREATE SEQUENCE number_recruitment;

-- Search (SPEC §8): word prefixes of names, e-mail, city and organisation,
-- without regard to case or diacritics, with an index. fold() is lower()
-- of unaccent(): unaccent() itself is only STABLE (its dictionary could
-- change), so it cannot be indexed; this wrapper names its dictionary by
-- schema and is declared IMMUTABLE, the usual way to index it. It is made
-- here with the schema the extension is in (bootstrap.sql) and, where the
-- server has ICU, an ICU collation, so that lower() folds every script and
-- not only ASCII whatever the database's locale.
DO $$
DECLARE
    ext text := (SELECT pg_catalog.quote_ident(n.nspname)
                   FROM pg_catalog.pg_extension e
                   JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
                  WHERE e.extname = 'unaccent');
    coll text := CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_collation WHERE collname = 'und-x-icu')
                      THEN ' COLLATE "und-x-icu"' ELSE '' END;
BEGIN
    EXECUTE format(
        'CREATE FUNCTION privreg.fold(t text) RETURNS text
         LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
         RETURN pg_catalog.lower(%s.unaccent(%L::regdictionary, t)%s)',
        ext, ext || '.unaccent', coll);
    -- The text the index holds per record: its words, folded, each with a
    -- space before and after, anything that is not a letter or digit a
    -- space (the file's unicode61 tokenizer splits words the same way).
    EXECUTE format(
        'CREATE FUNCTION privreg.search_text(first_name text, last_name text, email text, city text, organisation text)
         RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
         RETURN '' '' || pg_catalog.regexp_replace(
             privreg.fold(coalesce(first_name, '''') || '' '' || coalesce(last_name, '''') || '' ''
                 || coalesce(email, '''') || '' '' || coalesce(city, '''') || '' '' || coalesce(organisation, ''''))%s,
             ''[^[:alnum:]]+'', '' '', ''g'') || '' ''',
        coll);
END
$$;

CREATE TABLE records (
    rowid        bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    register     text NOT NULL REFERENCES registers(name),
    number       bigint NOT NULL,
    ended_on     text,
    restricted_at text,
    restriction_reason text,
    restriction_request text,
    created_at   text NOT NULL,
    created_by   text NOT NULL,
    updated_at   text NOT NULL,
    source       text,
    first_name   text NOT NULL,
    last_name    text NOT NULL,
    hetu         text,
    birth_date   text,
    birth_place  text,
    nationality  text,
    email        text,
    email_key    text,
    phone        text,
    language     text,
    street       text,
    postal_code  text,
    city         text,
    country      text,
    customer_number text,
    relationship_start text,
    relationship_start_manner text,
    relationship_end text,
    relationship_end_manner text,
    username     text,
    organisation text,
    business_id  text,
    role         text,
    aml_identified_on text,
    aml_id_document text,
    aml_pep      text,
    aml_risk     text,
    employment_start text,
    employment_end text,
    employment_end_manner text,
    employment_type text,
    job_title    text,
    tax_number   text,
    position     text,
    applied_on   text,
    application_status text,
    decided_on   text,
    "references" text,
    work_history text,
    assessment_summary text,
    -- What search looks in (search_text above), kept with the row so that
    -- a search rechecks its candidates without folding them again. It is
    -- personal data like the columns it is made of, and goes with the row.
    search_words text GENERATED ALWAYS AS
        (search_text(first_name, last_name, email, city, organisation)) STORED,
    UNIQUE (register, number)
);
CREATE UNIQUE INDEX records_hetu ON records(hetu, register) WHERE hetu IS NOT NULL;
CREATE UNIQUE INDEX records_email ON records(email_key, register) WHERE email_key IS NOT NULL;
CREATE INDEX records_phone ON records(phone) WHERE phone IS NOT NULL;
CREATE INDEX records_business_id ON records(business_id) WHERE business_id IS NOT NULL;
CREATE INDEX records_ended ON records(register, ended_on);

-- A new record's number: the next of its register's sequence. SECURITY
-- DEFINER, so that no login role needs (or has) any right on the
-- sequences; the search_path is pinned so that nobody's objects stand in.
CREATE FUNCTION records_number() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    seq regclass;
BEGIN
    IF NEW.register ~ '^[a-z]+$' THEN
        seq := pg_catalog.to_regclass('privreg.number_' || NEW.register);
    END IF;
    IF seq IS NULL THEN
        RAISE EXCEPTION 'no such register: %', NEW.register USING ERRCODE = 'foreign_key_violation';
    END IF;
    NEW.number := pg_catalog.nextval(seq);
    RETURN NEW;
END
$$;
CREATE TRIGGER records_number BEFORE INSERT ON records
    FOR EACH ROW WHEN (NEW.number IS NULL) EXECUTE FUNCTION records_number();

-- A word prefix P is then `search_words LIKE '% ' || fold(P) || '%'` (P's
-- own % and _ escaped; several words: one LIKE each, ANDed). The space
-- before the word lets pg_trgm use its word-start trigrams, so that also
-- one- and two-letter prefixes are looked up in the index, not scanned.
DO $$
DECLARE
    trgm text := (SELECT pg_catalog.quote_ident(n.nspname)
                    FROM pg_catalog.pg_extension e
                    JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
                   WHERE e.extname = 'pg_trgm');
BEGIN
    EXECUTE format(
        'CREATE INDEX records_search ON privreg.records
         USING gin (search_words %s.gin_trgm_ops)',
        trgm);
END
$$;

-- Rectification history (Art. 16): the old value of each changed field.
CREATE TABLE corrections (
    id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    record     bigint NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
    at         text NOT NULL,
    operator   text NOT NULL,
    field      text NOT NULL,
    old_value  text,
    new_value  text,
    reason     text NOT NULL,
    request    text
);
CREATE INDEX corrections_record ON corrections(record);

CREATE TABLE purposes (
    name       text PRIMARY KEY,
    title_en   text NOT NULL,
    title_fi   text NOT NULL,
    seeded     boolean NOT NULL DEFAULT false
);

CREATE TABLE bases (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    record      bigint NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
    basis       text NOT NULL CHECK (basis IN ('consent', 'contract', 'legal-obligation', 'vital-interest', 'public-task', 'legitimate-interest')),
    purpose     text NOT NULL REFERENCES purposes(name),
    law         text,
    note        text,
    evidence    text,
    valid_from  text NOT NULL,
    valid_until text,
    logged_at   text NOT NULL,
    logged_by   text NOT NULL
);
CREATE INDEX bases_record ON bases(record);

CREATE TABLE preferences (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    record      bigint NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
    kind        text NOT NULL CHECK (kind IN ('consent', 'optout', 'withdrawal', 'suppression')),
    channel     text NOT NULL CHECK (channel IN ('email', 'sms', 'phone', 'post', 'all')),
    purpose     text NOT NULL CHECK (purpose IN ('marketing', 'remote-selling', 'market-research', 'profiling', 'all')),
    source      text,
    effective   text NOT NULL,
    recorded_at text NOT NULL,
    recorded_by text NOT NULL
);
CREATE INDEX preferences_record ON preferences(record, effective, id);
CREATE INDEX preferences_channel ON preferences(channel, purpose, record);

CREATE TABLE holds (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    record      bigint NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
    reason      text NOT NULL,
    until       text NOT NULL,
    placed_at   text NOT NULL,
    placed_by   text NOT NULL,
    released_at text,
    released_by text
);
CREATE INDEX holds_record ON holds(record);

CREATE TABLE retention_policy (
    register          text PRIMARY KEY REFERENCES registers(name),
    retention_months  bigint NOT NULL,
    hold_months       bigint NOT NULL,
    hold_overridable  boolean NOT NULL,
    ground_en         text NOT NULL,
    ground_fi         text NOT NULL,
    from_year_end     boolean NOT NULL DEFAULT false
);

CREATE TABLE disclosures (
    id          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    record      bigint NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
    recipient   text NOT NULL,
    category    text NOT NULL CHECK (category IN ('authority', 'debt-collection', 'processor', 'business-transfer', 'other')),
    data        text NOT NULL,
    basis       text NOT NULL CHECK (basis IN ('consent', 'contract', 'legal-obligation', 'vital-interest', 'public-task', 'legitimate-interest')),
    country     text NOT NULL DEFAULT 'FI',
    dpf_certified boolean NOT NULL DEFAULT false,
    disclosed_on text NOT NULL,
    logged_at   text NOT NULL,
    logged_by   text NOT NULL
);
CREATE INDEX disclosures_record ON disclosures(record);

CREATE TABLE adequacy (
    country   text PRIMARY KEY,
    name      text NOT NULL,
    decision  text NOT NULL,
    needs_dpf boolean NOT NULL DEFAULT false,
    note_en   text,
    note_fi   text
);

CREATE TABLE requests (
    number      bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    type        text NOT NULL CHECK (type IN ('access', 'rectification', 'erasure', 'restriction', 'portability', 'objection')),
    received    text NOT NULL,
    due         text NOT NULL,
    extended    boolean NOT NULL DEFAULT false,
    extension_reason text,
    extended_at text,
    extended_by text,
    status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    channel     text,
    identity_verified text,
    outcome     text CHECK (outcome IN ('fulfilled', 'refused', 'partial')),
    note        text,
    opened_at   text NOT NULL,
    opened_by   text NOT NULL,
    closed_at   text,
    closed_by   text
);
CREATE INDEX requests_open ON requests(status, due);
CREATE TABLE request_subjects (
    request bigint NOT NULL REFERENCES requests(number),
    subject text NOT NULL,
    PRIMARY KEY (request, subject)
);
CREATE INDEX request_subjects_subject ON request_subjects(subject);

CREATE TABLE erasures (
    register   text NOT NULL,
    number     bigint NOT NULL,
    erased_at  text NOT NULL,
    erased_by  text NOT NULL,
    reason     text NOT NULL,
    request    text,
    holds_overridden text,
    PRIMARY KEY (register, number)
);

-- Secrets: the suppression list's HMAC key (made by init). In a file it
-- is in meta, sealed with the file; here it is kept from auditors, who add
-- and erase no one and so never hash an identifier: an auditor cannot test
-- a guessed hetu against the list of erased people (SPEC §7). Staff and
-- admins need it for every add and erase, so they can read it.
CREATE TABLE secrets (
    name  text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE suppression (
    hash       text PRIMARY KEY,
    kind       text NOT NULL CHECK (kind IN ('hetu', 'email', 'phone')),
    since      text NOT NULL
);

CREATE TABLE breaches (
    number          bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    aware_at        text NOT NULL,
    notify_by       text NOT NULL,
    description     text NOT NULL,
    nature          text NOT NULL,
    approx_subjects bigint CHECK (approx_subjects >= 0),
    data            text,
    client          text,
    authority_at        text,
    authority_reference text,
    late_reason         text,
    authority_recorded_at text,
    authority_recorded_by text,
    subjects_at     text,
    subjects_by     text,
    letters         bigint,
    skipped_erased  bigint,
    client_at       text,
    client_by       text,
    status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at       text NOT NULL,
    opened_by       text NOT NULL,
    closed_at       text,
    closed_by       text
);
CREATE INDEX breaches_open ON breaches(status, notify_by);

CREATE TABLE breach_records (
    breach bigint NOT NULL REFERENCES breaches(number),
    record text NOT NULL,
    PRIMARY KEY (breach, record)
);
CREATE INDEX breach_records_record ON breach_records(record);

CREATE TABLE breach_assessments (
    id           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    breach       bigint NOT NULL REFERENCES breaches(number),
    risk         text NOT NULL CHECK (risk IN ('unlikely', 'risk', 'high')),
    reason       text NOT NULL,
    consequences text,
    measures     text,
    at           text NOT NULL,
    by_operator  text NOT NULL
);
CREATE INDEX breach_assessments_breach ON breach_assessments(breach, id);

CREATE TABLE activities (
    name        text PRIMARY KEY,
    basis       text CHECK (basis IN ('consent', 'contract', 'legal-obligation', 'vital-interest', 'public-task', 'legitimate-interest')),
    law         text,
    note        text,
    subjects    text NOT NULL,
    data        text NOT NULL,
    source      text,
    recipients  text,
    system      text,
    retention   text NOT NULL,
    created_at  text NOT NULL,
    created_by  text NOT NULL,
    ended_on    text
);

CREATE TABLE activity_purposes (
    activity text NOT NULL REFERENCES activities(name),
    purpose  text NOT NULL REFERENCES purposes(name),
    PRIMARY KEY (activity, purpose)
);

CREATE TABLE activity_transfers (
    activity      text NOT NULL REFERENCES activities(name),
    country       text NOT NULL,
    dpf_certified boolean NOT NULL DEFAULT false,
    PRIMARY KEY (activity, country)
);

CREATE TABLE processors (
    name          text PRIMARY KEY,
    business_id   text NOT NULL,
    country       text NOT NULL,
    service       text NOT NULL,
    data          text NOT NULL,
    contract_date text,
    contract_ref  text,
    dpf_certified boolean NOT NULL DEFAULT false,
    created_at    text NOT NULL,
    created_by    text NOT NULL,
    ended_on      text
);

CREATE TABLE clients (
    name          text PRIMARY KEY,
    business_id   text NOT NULL,
    contact       text,
    contract_date text,
    contract_ref  text,
    terms         text,
    created_at    text NOT NULL,
    created_by    text NOT NULL,
    ended_on      text
);

CREATE TABLE client_processing (
    id         bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    client     text NOT NULL REFERENCES clients(name),
    category   text NOT NULL,
    subjects   text NOT NULL,
    data       text NOT NULL,
    security   text,
    created_at text NOT NULL,
    created_by text NOT NULL
);

CREATE TABLE client_sub_processors (
    processing bigint NOT NULL REFERENCES client_processing(id),
    processor  text NOT NULL REFERENCES processors(name),
    PRIMARY KEY (processing, processor)
);

CREATE TABLE client_transfers (
    processing    bigint NOT NULL REFERENCES client_processing(id),
    country       text NOT NULL,
    dpf_certified boolean NOT NULL DEFAULT false,
    PRIMARY KEY (processing, country)
);

CREATE TABLE register_purposes (
    register    text NOT NULL REFERENCES registers(name),
    purpose     text NOT NULL REFERENCES purposes(name),
    basis       text NOT NULL CHECK (basis IN ('consent', 'contract', 'legal-obligation', 'vital-interest', 'public-task', 'legitimate-interest')),
    law         text,
    interest_en text,
    interest_fi text,
    PRIMARY KEY (register, purpose, basis)
);

CREATE TABLE notice_categories (
    kind      text NOT NULL CHECK (kind IN ('recipient', 'source')),
    name      text NOT NULL,
    title_en  text NOT NULL,
    title_fi  text NOT NULL,
    registers text NOT NULL DEFAULT 'customer business employee recruitment',
    seeded    boolean NOT NULL DEFAULT false,
    PRIMARY KEY (kind, name)
);

CREATE TABLE notice_versions (
    version      bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    published_on text NOT NULL,
    published_at text NOT NULL,
    published_by text NOT NULL,
    lang         text NOT NULL,
    format       text NOT NULL,
    sha256       text NOT NULL,
    text         text NOT NULL
);

-- The register id never changes (SPEC §7: checkpoints and restore name it).
-- init writes it; no role, not even the owner, can change or remove it.
CREATE FUNCTION register_id_fixed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'the register id never changes' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER meta_register_id BEFORE UPDATE OR DELETE ON meta
    FOR EACH ROW WHEN (OLD.key = 'register_id') EXECUTE FUNCTION register_id_fixed();

-- The audit log (SPEC §5): one entry per command, chained by SHA-256,
-- append-only. Login roles may read it and nothing else: entries are
-- appended only by audit_append() below, which runs as the owner.
CREATE TABLE audit (
    seq        bigint PRIMARY KEY,
    at         text NOT NULL,
    operator   text NOT NULL,
    action     text NOT NULL,
    outcome    text NOT NULL,
    records    text NOT NULL DEFAULT '',
    fields     text NOT NULL DEFAULT '',
    request    text,
    rows       bigint NOT NULL DEFAULT 0,
    detail     text NOT NULL DEFAULT '',
    prev_hash  text NOT NULL,
    hash       text NOT NULL
);
CREATE INDEX audit_request ON audit(request) WHERE request IS NOT NULL;

-- The chain's head: one row, the last entry's number and hash (0 and the
-- genesis hash for an empty log). audit_append() locks it, so appends are
-- serialised: two commands never take the same number or link to the same
-- entry (no fork), and the lock is held from the append to the commit.
-- privreg appends a command's entry last in its transaction, so that the
-- lock is held for the length of a commit, not of an import.
CREATE TABLE audit_head (
    one  boolean PRIMARY KEY DEFAULT true CHECK (one),
    seq  bigint NOT NULL,
    hash text NOT NULL
);
INSERT INTO audit_head (seq, hash)
    VALUES (0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Not even the owner changes an entry: UPDATE, DELETE and TRUNCATE of the
-- log, and DELETE or TRUNCATE of its head, are refused by triggers, as the
-- file's triggers refuse them. (A superuser can drop a trigger; that is
-- what the hash chain and checkpoints kept elsewhere are for, SPEC §7.)
CREATE FUNCTION audit_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- Appends one entry and returns its number and hash. The operator is
-- session_user, the role the server authenticated: there is no argument
-- for it, so nobody can write an entry in another's name (SET ROLE changes
-- current_user, not session_user). The time is the command's one clock
-- (SPEC §7), like every other time the command writes.
--
-- The hash is the file's (src/store/audit.rs, hash_of): SHA-256, in
-- lower-case hex, of the UTF-8 JSON array [prev_hash, seq, at, operator,
-- action, outcome, records, fields, request, rows, detail] as serde_json
-- writes it: no spaces, strings escaped as to_json() escapes them (\" \\
-- \b \f \n \r \t, other control characters \u00xx, everything else as
-- is), a missing request `null`, numbers as digits. A register copied
-- between the two kinds verifies with either.
CREATE FUNCTION audit_append(
    p_at text, p_action text, p_outcome text, p_records text, p_fields text,
    p_request text, p_rows bigint, p_detail text)
RETURNS TABLE (entry_seq bigint, entry_hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    op text := session_user;
    head_seq bigint;
    head_hash text;
    canonical text;
BEGIN
    IF p_at IS NULL OR p_at !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?Z$' THEN
        RAISE EXCEPTION 'an audit entry''s time is RFC 3339 UTC, like 2026-11-24T10:00:00.000Z'
            USING ERRCODE = 'invalid_datetime_format';
    END IF;
    IF p_action IS NULL OR p_outcome IS NULL OR p_records IS NULL OR p_fields IS NULL
       OR p_rows IS NULL OR p_detail IS NULL THEN
        RAISE EXCEPTION 'an audit entry has an action, outcome, records, fields, rows and detail (only the request may be null)'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    SELECT h.seq, h.hash INTO STRICT head_seq, head_hash FROM privreg.audit_head h FOR UPDATE;
    entry_seq := head_seq + 1;
    canonical := '[' || to_json(head_hash)::text
        || ',' || entry_seq::text
        || ',' || to_json(p_at)::text
        || ',' || to_json(op)::text
        || ',' || to_json(p_action)::text
        || ',' || to_json(p_outcome)::text
        || ',' || to_json(p_records)::text
        || ',' || to_json(p_fields)::text
        || ',' || coalesce(to_json(p_request)::text, 'null')
        || ',' || p_rows::text
        || ',' || to_json(p_detail)::text
        || ']';
    entry_hash := encode(sha256(convert_to(canonical, 'UTF8')), 'hex');
    INSERT INTO privreg.audit (seq, at, operator, action, outcome, records, fields, request, rows, detail, prev_hash, hash)
        VALUES (entry_seq, p_at, op, p_action, p_outcome, p_records, p_fields, p_request, p_rows, p_detail, head_hash, entry_hash);
    UPDATE privreg.audit_head SET seq = entry_seq, hash = entry_hash;
    RETURN NEXT;
END
$$;

