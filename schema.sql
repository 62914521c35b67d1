-- privreg register file, schema version 1.
--
-- Read by `privreg init` (include_str!) into an empty file. Later changes are
-- forward-only migrations in migrations/; `PRAGMA user_version` says how many
-- have run. The application_id (0x50525652, "PRVR") is set by the code, so
-- that a SQLite file that is not a register can be told apart.
--
-- Personal data lives only in: records, corrections, bases (note/evidence),
-- preferences (no values, only ids), disclosures (data text), holds (reason)
-- and requests (identity method, extension reason, closing note). Erasure
-- deletes those rows; the audit log, erasure receipts and suppression hashes
-- hold no personal values.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE operators (
    name       TEXT PRIMARY KEY,
    role       TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'auditor')),
    enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    created_at TEXT NOT NULL,
    created_by TEXT
) STRICT;

-- Exactly one row: who keeps the registers (used by the privacy notice).
CREATE TABLE controller (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    name           TEXT,
    business_id    TEXT,
    address        TEXT,
    contact_person TEXT,
    contact_phone  TEXT,
    contact_email  TEXT
) STRICT;

-- The four registers, with the text the notice prints about each.
CREATE TABLE registers (
    name      TEXT PRIMARY KEY,
    prefix    TEXT NOT NULL UNIQUE,
    title_en  TEXT NOT NULL,
    title_fi  TEXT NOT NULL,
    subjects_en TEXT NOT NULL,
    subjects_fi TEXT NOT NULL,
    sources_en  TEXT NOT NULL,
    sources_fi  TEXT NOT NULL,
    -- Highest number ever given in this register: ids are never reused,
    -- also after an erasure deleted the row that had the highest one.
    last_number INTEGER NOT NULL DEFAULT 0
) STRICT;

INSERT INTO registers (name, prefix, title_en, title_fi, subjects_en, subjects_fi, sources_en, sources_fi) VALUES
 ('customer', 'C', 'Customer and marketing register', 'Asiakas- ja markkinointirekisteri',
  'consumer customers and marketing contacts', 'kuluttaja-asiakkaat ja markkinoinnin yhteyshenkilöt',
  'the person themselves: web forms, e-mail, phone, contracts and meetings', 'rekisteröity itse: www-lomakkeet, sähköposti, puhelin, sopimukset ja asiakastapaamiset'),
 ('business', 'B', 'Register of business customers and their decision-makers', 'Yritysasiakkaiden ja niiden päättäjien rekisteri',
  'contact persons, responsible persons, shareholders, owners, beneficial owners and representatives of customer companies',
  'asiakasyritysten yhteys- ja vastuuhenkilöt, osakkaat, omistajat, edunsaajat ja edustajat',
  'the person and their organisation; the Trade Register and other public sources for due diligence', 'rekisteröity ja hänen organisaationsa; kaupparekisteri ja muut julkiset lähteet asiakkaan tuntemiseksi'),
 ('employee', 'E', 'Employee register', 'Työntekijärekisteri',
  'employees and trainees', 'työntekijät ja harjoittelijat',
  'the employee; the Tax Administration for tax details', 'työntekijä itse; Verohallinto verotustietojen osalta'),
 ('recruitment', 'R', 'Recruitment register', 'Rekrytointirekisteri',
  'job applicants', 'työnhakijat',
  'the applicant: application, CV and interviews; references the applicant named', 'hakija itse: hakemus, ansioluettelo ja haastattelut; hakijan ilmoittamat suosittelijat');

-- One row per person per register. Columns are the union of the registers'
-- fields (SPEC §3); a column that does not belong to a record's register is
-- NULL. Values are stored in normal form (dates ISO, hetu upper-case, phone E.164).
CREATE TABLE records (
    rowid        INTEGER PRIMARY KEY,
    register     TEXT NOT NULL REFERENCES registers(name),
    number       INTEGER NOT NULL,
    -- The register's end date (relationship_end, employment_end or
    -- decided_on), copied on every write: a record is ended once this date
    -- has come, so a fixed-term employee with a future end stays active.
    ended_on     TEXT,
    restricted_at TEXT,
    restriction_reason TEXT,
    restriction_request TEXT,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    source       TEXT,
    -- every register
    first_name   TEXT NOT NULL,
    last_name    TEXT NOT NULL,
    hetu         TEXT,
    birth_date   TEXT,
    birth_place  TEXT,
    nationality  TEXT,
    email        TEXT,
    email_key    TEXT,           -- lower-cased e-mail: same person, same key
    phone        TEXT,
    language     TEXT,
    street       TEXT,
    postal_code  TEXT,
    city         TEXT,
    country      TEXT,
    -- customer and business
    customer_number TEXT,
    relationship_start TEXT,
    relationship_start_manner TEXT,
    relationship_end TEXT,
    relationship_end_manner TEXT,
    username     TEXT,
    -- business
    organisation TEXT,
    business_id  TEXT,
    role         TEXT,
    aml_identified_on TEXT,
    aml_id_document TEXT,
    aml_pep      TEXT,
    aml_risk     TEXT,
    -- employee
    employment_start TEXT,
    employment_end TEXT,
    employment_end_manner TEXT,
    employment_type TEXT,
    job_title    TEXT,
    tax_number   TEXT,
    -- recruitment
    position     TEXT,
    applied_on   TEXT,
    application_status TEXT,
    decided_on   TEXT,
    "references" TEXT,
    work_history TEXT,
    assessment_summary TEXT,
    UNIQUE (register, number)
) STRICT;

CREATE UNIQUE INDEX records_hetu ON records(register, hetu) WHERE hetu IS NOT NULL;
CREATE UNIQUE INDEX records_email ON records(register, email_key) WHERE email_key IS NOT NULL;
CREATE INDEX records_hetu_any ON records(hetu) WHERE hetu IS NOT NULL;
CREATE INDEX records_email_any ON records(email_key) WHERE email_key IS NOT NULL;
CREATE INDEX records_phone ON records(phone) WHERE phone IS NOT NULL;
CREATE INDEX records_business_id ON records(business_id) WHERE business_id IS NOT NULL;
CREATE INDEX records_ended ON records(register, ended_on);

-- Word-prefix search over names, e-mail, city and organisation, without
-- regard to case or diacritics. External content: the index keeps only
-- tokens and reads no text back. The triggers hand FTS5 the old values on
-- every delete, so that with 'secure-delete' it removes exactly those
-- tokens from its pages (a contentless_delete table would only leave a
-- tombstone and keep the tokens: an erasure must leave no trace).
CREATE VIRTUAL TABLE records_search USING fts5(
    first_name, last_name, email, city, organisation,
    content = 'records', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
INSERT INTO records_search (records_search, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER records_search_insert AFTER INSERT ON records BEGIN
    INSERT INTO records_search (rowid, first_name, last_name, email, city, organisation)
    VALUES (new.rowid, new.first_name, new.last_name, new.email, new.city, new.organisation);
END;
CREATE TRIGGER records_search_update AFTER UPDATE OF first_name, last_name, email, city, organisation ON records BEGIN
    INSERT INTO records_search (records_search, rowid, first_name, last_name, email, city, organisation)
    VALUES ('delete', old.rowid, old.first_name, old.last_name, old.email, old.city, old.organisation);
    INSERT INTO records_search (rowid, first_name, last_name, email, city, organisation)
    VALUES (new.rowid, new.first_name, new.last_name, new.email, new.city, new.organisation);
END;
CREATE TRIGGER records_search_delete AFTER DELETE ON records BEGIN
    INSERT INTO records_search (records_search, rowid, first_name, last_name, email, city, organisation)
    VALUES ('delete', old.rowid, old.first_name, old.last_name, old.email, old.city, old.organisation);
END;

-- Rectification history (Art. 16): the old value of each changed field.
CREATE TABLE corrections (
    id         INTEGER PRIMARY KEY,
    record     INTEGER NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    operator   TEXT NOT NULL,
    field      TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    reason     TEXT NOT NULL,
    request    TEXT
) STRICT;
CREATE INDEX corrections_record ON corrections(record);

-- Purposes of processing; the seeded list and what an admin adds.
CREATE TABLE purposes (
    name       TEXT PRIMARY KEY,
    title_en   TEXT NOT NULL,
    title_fi   TEXT NOT NULL,
    seeded     INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO purposes (name, title_en, title_fi, seeded) VALUES
 ('customer-relationship', 'managing the customer relationship', 'asiakassuhteen hoitaminen', 1),
 ('billing', 'billing', 'laskutus', 1),
 ('debt-collection', 'collecting receivables', 'maksusaatavien perintä', 1),
 ('marketing', 'direct marketing of own and partners'' services', 'omien ja yhteistyökumppanien palveluiden suoramarkkinointi', 1),
 ('remote-selling', 'remote selling', 'etämyynti', 1),
 ('market-research', 'market and opinion research', 'markkina- ja mielipidetutkimukset', 1),
 ('profiling', 'profiling for relevant offers', 'profilointi relevanttien tarjousten kohdentamiseksi', 1),
 ('customer-acquisition', 'acquiring new customers', 'uusasiakashankinta', 1),
 ('aml-due-diligence', 'customer due diligence under the AML Act 444/2017', 'asiakkaan tunteminen rahanpesulain 444/2017 mukaisesti', 1),
 ('employment', 'managing the employment relationship', 'työsuhteen hoitaminen', 1),
 ('payroll', 'payroll and taxation', 'palkanmaksu ja verotus', 1),
 ('recruitment', 'recruitment and assessment of applicants', 'rekrytointi ja hakijoiden arviointi', 1),
 ('security', 'information security and prevention of misuse', 'tietoturva ja väärinkäytösten ehkäisy', 1),
 ('support', 'customer support', 'asiakastuki', 1);

-- Legal bases (GDPR Art. 6(1)) logged per record and purpose.
CREATE TABLE bases (
    id          INTEGER PRIMARY KEY,
    record      INTEGER NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
    basis       TEXT NOT NULL CHECK (basis IN ('consent', 'contract', 'legal-obligation', 'vital-interest', 'public-task', 'legitimate-interest')),
    purpose     TEXT NOT NULL REFERENCES purposes(name),
    law         TEXT,
    note        TEXT,
    evidence    TEXT,
    valid_from  TEXT NOT NULL,
    valid_until TEXT,
    logged_at   TEXT NOT NULL,
    logged_by   TEXT NOT NULL
) STRICT;
CREATE INDEX bases_record ON bases(record);

-- Marketing preference events: history, never overwritten (DOMAIN §7).
CREATE TABLE preferences (
    id          INTEGER PRIMARY KEY,
    record      INTEGER NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
    -- consent allows; optout, withdrawal (of a consent) and suppression
    -- (an erased person who had opted out, added again) refuse.
    kind        TEXT NOT NULL CHECK (kind IN ('consent', 'optout', 'withdrawal', 'suppression')),
    channel     TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'phone', 'post', 'all')),
    purpose     TEXT NOT NULL CHECK (purpose IN ('marketing', 'remote-selling', 'market-research', 'profiling', 'all')),
    source      TEXT,
    effective   TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX preferences_record ON preferences(record, effective, id);
CREATE INDEX preferences_channel ON preferences(channel, purpose, record);

-- Holds that forbid erasure until a date (manual holds; the others are derived).
CREATE TABLE holds (
    id          INTEGER PRIMARY KEY,
    record      INTEGER NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
    reason      TEXT NOT NULL,
    until       TEXT NOT NULL,
    placed_at   TEXT NOT NULL,
    placed_by   TEXT NOT NULL,
    released_at TEXT,
    released_by TEXT
) STRICT;
CREATE INDEX holds_record ON holds(record);

-- Retention policy per register (DOMAIN §5), with its legal ground, so the
-- notice can cite it and an admin can change it.
CREATE TABLE retention_policy (
    register          TEXT PRIMARY KEY REFERENCES registers(name),
    retention_months  INTEGER NOT NULL,
    hold_months       INTEGER NOT NULL,
    hold_overridable  INTEGER NOT NULL,
    ground_en         TEXT NOT NULL,
    ground_fi         TEXT NOT NULL
) STRICT;
INSERT INTO retention_policy VALUES
 ('customer', 72, 0, 1, 'Accounting Act 1336/1997 2:10 (business correspondence and vouchers): 6 years after the relationship ended',
  'kirjanpitolaki 1336/1997 2:10 (liikekirjeenvaihto ja tositteet): 6 vuotta asiakkuuden päättymisestä'),
 ('business', 60, 60, 0, 'Act on Preventing Money Laundering and Terrorist Financing 444/2017, chapter 3 §3: due-diligence data 5 years after the relationship ended',
  'laki rahanpesun ja terrorismin rahoittamisen estämisestä 444/2017, 3 luku 3 §: asiakkaan tuntemistiedot 5 vuotta asiakkuuden päättymisestä'),
 ('employee', 120, 120, 1, 'Employment Contracts Act 55/2001 6:7: a certificate of employment may be asked for within 10 years of the end',
  'työsopimuslaki 55/2001 6:7: työtodistusta voi pyytää 10 vuoden ajan työsuhteen päättymisestä'),
 ('recruitment', 24, 12, 1, 'Non-Discrimination Act 1325/2014 and Equality Act 609/1986: claims within one year of the decision; kept 2 years (Data Protection Ombudsman 6652/154/19)',
  'yhdenvertaisuuslaki 1325/2014 ja tasa-arvolaki 609/1986: kanne vuoden kuluessa päätöksestä; säilytys 2 vuotta (tietosuojavaltuutettu 6652/154/19)');

-- Disclosures to recipients (Art. 19 list, Art. 30 recipients).
CREATE TABLE disclosures (
    id          INTEGER PRIMARY KEY,
    record      INTEGER NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
    recipient   TEXT NOT NULL,
    category    TEXT NOT NULL CHECK (category IN ('authority', 'debt-collection', 'processor', 'business-transfer', 'other')),
    data        TEXT NOT NULL,
    basis       TEXT NOT NULL CHECK (basis IN ('consent', 'contract', 'legal-obligation', 'vital-interest', 'public-task', 'legitimate-interest')),
    country     TEXT NOT NULL DEFAULT 'FI',
    dpf_certified INTEGER NOT NULL DEFAULT 0,
    disclosed_on TEXT NOT NULL,
    logged_at   TEXT NOT NULL,
    logged_by   TEXT NOT NULL
) STRICT;
CREATE INDEX disclosures_record ON disclosures(record);

-- Countries with an adequacy decision (DOMAIN §8), as data with its date.
CREATE TABLE adequacy (
    country   TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    decision  TEXT NOT NULL,
    needs_dpf INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO adequacy VALUES
 ('AD', 'Andorra', '2010/625/EU', 0),
 ('AR', 'Argentina', '2003/490/EC', 0),
 ('BR', 'Brazil', '2026/179', 0),
 ('CA', 'Canada (commercial organisations)', '2002/2/EC', 0),
 ('FO', 'Faroe Islands', '2010/146/EU', 0),
 ('GG', 'Guernsey', '2003/821/EC', 0),
 ('IL', 'Israel', '2011/61/EU', 0),
 ('IM', 'Isle of Man', '2004/411/EC', 0),
 ('JP', 'Japan', '2019/419', 0),
 ('JE', 'Jersey', '2008/393/EC', 0),
 ('NZ', 'New Zealand', '2013/65/EU', 0),
 ('KR', 'Republic of Korea', '2022/254', 0),
 ('CH', 'Switzerland', '2000/518/EC', 0),
 ('GB', 'United Kingdom (renewed to 2031-12-27)', '2021/1772', 0),
 ('UY', 'Uruguay', '2012/484/EU', 0),
 ('US', 'United States (EU-US Data Privacy Framework certified organisations only)', '2023/1795', 1);
INSERT INTO meta (key, value) VALUES ('adequacy_list_date', '2026-01');

-- Data subject requests (Art. 12(3)).
CREATE TABLE requests (
    number      INTEGER PRIMARY KEY,
    type        TEXT NOT NULL CHECK (type IN ('access', 'rectification', 'erasure', 'restriction', 'portability', 'objection')),
    received    TEXT NOT NULL,
    due         TEXT NOT NULL,
    extended    INTEGER NOT NULL DEFAULT 0 CHECK (extended IN (0, 1)),
    extension_reason TEXT,
    extended_at TEXT,
    extended_by TEXT,
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    channel     TEXT,
    identity_verified TEXT,
    outcome     TEXT CHECK (outcome IN ('fulfilled', 'refused', 'partial')),
    note        TEXT,
    opened_at   TEXT NOT NULL,
    opened_by   TEXT NOT NULL,
    closed_at   TEXT,
    closed_by   TEXT
) STRICT;
CREATE INDEX requests_open ON requests(status, due);
-- Subjects by id text (e.g. 'C-4'), so the request keeps them after erasure.
CREATE TABLE request_subjects (
    request INTEGER NOT NULL REFERENCES requests(number),
    subject TEXT NOT NULL,
    PRIMARY KEY (request, subject)
) STRICT;
CREATE INDEX request_subjects_subject ON request_subjects(subject);

-- Erasure receipts: what remains of an erased record (no personal values).
CREATE TABLE erasures (
    register   TEXT NOT NULL,
    number     INTEGER NOT NULL,
    erased_at  TEXT NOT NULL,
    erased_by  TEXT NOT NULL,
    reason     TEXT NOT NULL,
    request    TEXT,
    holds_overridden TEXT,
    PRIMARY KEY (register, number)
) STRICT;

-- Suppression list: keyed hashes (HMAC-SHA-256) of identifiers of erased
-- people who had opted out, with the moment of the erasure.
CREATE TABLE suppression (
    hash       TEXT PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('hetu', 'email', 'phone')),
    since      TEXT NOT NULL
) STRICT;

-- The audit log: one entry per command, chained by SHA-256, append-only.
CREATE TABLE audit (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    operator   TEXT NOT NULL,
    action     TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    records    TEXT NOT NULL DEFAULT '',
    fields     TEXT NOT NULL DEFAULT '',
    request    TEXT,
    rows       INTEGER NOT NULL DEFAULT 0,
    detail     TEXT NOT NULL DEFAULT '',
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
) STRICT;
-- A request's history (`request show`): the entries that name it.
CREATE INDEX audit_request ON audit(request) WHERE request IS NOT NULL;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
