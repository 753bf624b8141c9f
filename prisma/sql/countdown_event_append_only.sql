-- countdown_event_append_only: the current definition (last defined by the migration 20261127073040_init).
-- Change it here, then `npm run db:migration -- <name>` copies it into a new migration (scripts/db/sql-files.ts).
-- Events are the audit trail: append-only in the database itself, not only in the code.
CREATE OR REPLACE FUNCTION countdown_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Event rows are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
