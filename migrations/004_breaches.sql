-- Personal data breaches (issue #19; GDPR Art. 33, 34; SPEC §10).
--
-- A breach outlives the records it names: records are named by their id
-- text ('C-3'), not by a foreign key, so an erasure (which deletes the
-- record's row) leaves the breach and its list of ids as they were. Nothing
-- here holds a personal value: the description and the other texts are the
-- firm's own account of what happened, and the client is a company's name.
-- Times are RFC 3339 UTC with milliseconds, so that they compare as text.
CREATE TABLE breaches (
    number          INTEGER PRIMARY KEY,
    aware_at        TEXT NOT NULL,
    notify_by       TEXT NOT NULL,
    description     TEXT NOT NULL,
    -- 'confidentiality', 'integrity', 'availability', comma-separated, in that order.
    nature          TEXT NOT NULL,
    approx_subjects INTEGER CHECK (approx_subjects >= 0),
    data            TEXT,
    -- With a client: a processor's breach, the client to be told (Art. 33(2)).
    -- The name as text: the client table may come later (SPEC §9).
    client          TEXT,
    authority_at        TEXT,
    authority_reference TEXT,
    late_reason         TEXT,
    authority_recorded_at TEXT,
    authority_recorded_by TEXT,
    subjects_at     TEXT,
    subjects_by     TEXT,
    letters         INTEGER,
    skipped_erased  INTEGER,
    client_at       TEXT,
    client_by       TEXT,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at       TEXT NOT NULL,
    opened_by       TEXT NOT NULL,
    closed_at       TEXT,
    closed_by       TEXT
) STRICT;
CREATE INDEX breaches_open ON breaches(status, notify_by);

CREATE TABLE breach_records (
    breach INTEGER NOT NULL REFERENCES breaches(number),
    record TEXT NOT NULL,
    PRIMARY KEY (breach, record)
) STRICT;
CREATE INDEX breach_records_record ON breach_records(record);

-- Every assessment of a breach's risk, kept: the latest is the one in
-- force, the earlier ones are the documentation Art. 33(5) asks for.
CREATE TABLE breach_assessments (
    id           INTEGER PRIMARY KEY,
    breach       INTEGER NOT NULL REFERENCES breaches(number),
    risk         TEXT NOT NULL CHECK (risk IN ('unlikely', 'risk', 'high')),
    reason       TEXT NOT NULL,
    consequences TEXT,
    measures     TEXT,
    at           TEXT NOT NULL,
    by_operator  TEXT NOT NULL
) STRICT;
CREATE INDEX breach_assessments_breach ON breach_assessments(breach, id);
