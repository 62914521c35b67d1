-- Server mode (SPEC §8), step 1 of `privreg init --db postgresql://…`: what
-- must exist before the schema can be made, run as the connecting role (one
-- that may create roles and schemas), in the same transaction as the rest.
-- Every statement may run again on a cluster that has it already: the roles
-- are the cluster's (shared by every database in it), the schema and the
-- extensions are this database's.
--
-- privreg_owner owns the schema and every object in it and cannot log in:
-- nobody works as the owner, so no login role holds the owner's rights
-- (UPDATE of the audit log, DDL) through ownership. The connecting role is
-- made a member only for the length of `init` (it must be one to create a
-- schema for another role), and init revokes that again before it commits.
-- A superuser needs no membership, and is beyond what privileges can hold
-- back anyway (README, "Server mode").
--
-- The three groups are the roles of SPEC §4. Operators are login roles made
-- members of one of them.

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['privreg_owner', 'privreg_admin', 'privreg_staff', 'privreg_auditor'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            -- Two inits at once on the same cluster (two databases): the
            -- second waits for the first's role and then finds it there.
            BEGIN
                -- The owner makes operators' login roles (see below).
                EXECUTE format('CREATE ROLE %I NOLOGIN%s', r,
                               CASE r WHEN 'privreg_owner' THEN ' CREATEROLE' ELSE '' END);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
            END;
        END IF;
    END LOOP;
    -- operator add/disable change login roles through SECURITY DEFINER
    -- functions owned by privreg_owner (003_operator_roles.sql), so that
    -- no admin needs CREATEROLE of its own. Nobody can log in or SET ROLE
    -- as privreg_owner.
    -- An owner made by an older init gets it now; two inits at once may
    -- both try, and the one that loses finds it done.
    IF NOT (SELECT rolcreaterole FROM pg_catalog.pg_roles WHERE rolname = 'privreg_owner') THEN
        BEGIN
            EXECUTE 'ALTER ROLE privreg_owner CREATEROLE';
        EXCEPTION WHEN OTHERS THEN
            IF NOT (SELECT rolcreaterole FROM pg_catalog.pg_roles WHERE rolname = 'privreg_owner') THEN
                RAISE;
            END IF;
        END;
    END IF;
    -- Membership for this transaction only (see above): remembered so that
    -- init takes away exactly what it gave.
    IF NOT pg_catalog.pg_has_role(current_user, 'privreg_owner', 'MEMBER') THEN
        EXECUTE format('GRANT privreg_owner TO %I', current_user);
        PERFORM pg_catalog.set_config('privreg.granted_owner', 'yes', true);
    END IF;
END
$$;

CREATE SCHEMA privreg AUTHORIZATION privreg_owner;
REVOKE ALL ON SCHEMA privreg FROM PUBLIC;

-- unaccent and pg_trgm are trusted extensions (PostgreSQL 13+): a role
-- with CREATE on the database may install them; Debian ships both in the
-- server package itself (postgresql-15), no -contrib package needed. A
-- database that has them already in another schema keeps them there, and
-- 001_schema.sql finds them wherever they are. (pg_trgm serves only
-- 001's trigram index, which 040_record_words.sql replaces and drops.)
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA privreg;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA privreg;
