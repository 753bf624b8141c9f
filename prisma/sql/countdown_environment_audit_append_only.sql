-- countdown_environment_audit_append_only: the current definition (last defined by the migration 20261204190700_environment_admin).
-- Change it here, then `npm run db:migration -- <name>` copies it into a new migration (scripts/db/sql-files.ts).
-- The environments' audit log is append-only in the database itself, like "Event".
CREATE OR REPLACE FUNCTION countdown_environment_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'EnvironmentAuditEvent rows are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
