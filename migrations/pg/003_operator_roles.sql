-- Server mode (SPEC §8): operators are login roles. `operator add` and
-- `operator disable` change roles through these two functions, run as
-- privreg_owner (which init gives CREATEROLE, bootstrap.sql), so that an
-- admin needs no CREATEROLE of its own: with it (PostgreSQL 15) an admin
-- could grant itself any role, privreg_owner included. Only privreg_admin
-- may call them, and they touch only the role named and the three groups.
--
-- A password arrives already hashed (a SCRAM-SHA-256 verifier made by
-- privreg): the clear text never reaches the server or its log.

-- Makes `p_name` a login role in the group of `p_role` (and no other
-- privreg group), creating it (with the password whose verifier is given)
-- or adopting one that exists (its password untouched). Refuses privreg's
-- own roles, the cluster's (pg_*) and roles with any power over the
-- cluster (SUPERUSER, CREATEROLE, CREATEDB, REPLICATION, BYPASSRLS): what
-- runs here holds CREATEROLE, and is kept to plain login roles.
CREATE FUNCTION operator_login(p_name text, p_role text, p_verifier text)
RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    made boolean := false;
    g text;
BEGIN
    IF p_role IS NULL OR p_role NOT IN ('admin', 'staff', 'auditor') THEN
        RAISE EXCEPTION 'an operator''s role is admin, staff or auditor'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_name IS NULL OR p_name ~* '^(privreg_|pg_)' THEN
        RAISE EXCEPTION 'this role cannot be an operator'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_verifier IS NOT NULL AND p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
        RAISE EXCEPTION 'a password arrives as a SCRAM-SHA-256 verifier'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name
                AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls)) THEN
        RAISE EXCEPTION 'a role with SUPERUSER, CREATEROLE, CREATEDB, REPLICATION or BYPASSRLS cannot be an operator'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
        EXECUTE format('CREATE ROLE %I LOGIN', p_name);
        made := true;
        IF p_verifier IS NOT NULL THEN
            EXECUTE format('ALTER ROLE %I PASSWORD %L', p_name, p_verifier);
        END IF;
    ELSE
        -- An adopted role keeps the password (or other way of signing in)
        -- it has: an admin does not take over a role someone else made.
        EXECUTE format('ALTER ROLE %I LOGIN', p_name);
    END IF;
    FOREACH g IN ARRAY ARRAY['admin', 'staff', 'auditor'] LOOP
        IF g <> p_role AND pg_has_role(p_name, 'privreg_' || g, 'MEMBER') THEN
            EXECUTE format('REVOKE %I FROM %I', 'privreg_' || g, p_name);
        END IF;
    END LOOP;
    EXECUTE format('GRANT %I TO %I', 'privreg_' || p_role, p_name);
    RETURN made;
END
$$;

-- Takes away `p_name`'s login and its privreg groups.
CREATE FUNCTION operator_logout(p_name text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    g text;
BEGIN
    IF p_name IS NULL OR p_name ~* '^(privreg_|pg_)'
       OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name
                   AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls)) THEN
        RAISE EXCEPTION 'this role cannot be an operator'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_name) THEN
        RETURN;
    END IF;
    EXECUTE format('ALTER ROLE %I NOLOGIN', p_name);
    FOREACH g IN ARRAY ARRAY['admin', 'staff', 'auditor'] LOOP
        IF pg_has_role(p_name, 'privreg_' || g, 'MEMBER') THEN
            EXECUTE format('REVOKE %I FROM %I', 'privreg_' || g, p_name);
        END IF;
    END LOOP;
END
$$;

REVOKE ALL ON FUNCTION operator_login(text, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION operator_logout(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION operator_login(text, text, text) TO privreg_admin;
GRANT EXECUTE ON FUNCTION operator_logout(text) TO privreg_admin;
