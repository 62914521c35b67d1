-- Server mode (SPEC §7, §8): the right of an admin's `erase` to vacuum the
-- tables it changed, so that no dead row version keeps an erased value in
-- the data files. Run by `privreg init` as the connecting role, after the
-- schema, and again by `privreg init` on a register made before (it changes
-- no table, so it is no schema migration). Every statement may run again.
--
-- PostgreSQL 15 lets a table's owner, a superuser or the DATABASE's owner
-- vacuum a table, and VACUUM cannot run inside a function, so a SECURITY
-- DEFINER function cannot lend the right. The tables stay privreg_owner's
-- (whose rights include changing the audit log); the database is given to
-- privreg_maintainer, a role that cannot log in and owns no table, and
-- privreg_admin is made its member. What owning the database also gives an
-- admin (README, "Server mode"): VACUUM, ANALYZE and REINDEX of its tables
-- (none changes a row), CREATE of schemas and temporary tables, ALTER
-- DATABASE (its settings, its name) and DROP DATABASE. None of them
-- changes or adds an audit entry; dropping the whole register is possible,
-- as deleting the file is on a file, and the audit checkpoints kept
-- elsewhere show it.
--
-- Changing a database's owner takes its owner (or a superuser) with
-- CREATEDB who is a member of the new owner: for a role that cannot, the
-- database is left as it was, and `erase` then refuses (exit 7) before it erases anything.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'privreg_maintainer') THEN
        BEGIN
            CREATE ROLE privreg_maintainer NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    BEGIN
        IF NOT pg_catalog.pg_has_role('privreg_admin', 'privreg_maintainer', 'MEMBER') THEN
            GRANT privreg_maintainer TO privreg_admin;
        END IF;
        EXECUTE format('ALTER DATABASE %I OWNER TO privreg_maintainer', pg_catalog.current_database());
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'the database stays as it was: erase refuses until privreg_maintainer owns it';
    END;
END
$$;
