-- countdown_auth_changed: the current definition (last defined by the migration 20261127131800_auth_change_notify).
-- Change it here, then `npm run db:migration -- <name>` copies it into a new migration (scripts/db/sql-files.ts).
-- Web processes keep who a bearer token or session belongs to in memory (lib/auth/caller-cache.ts). Any change to
-- users or tokens (a token revoked, a user disabled or given another role) tells them to forget all of it, at
-- commit, on the LISTEN connection they already hold for release signals.
CREATE OR REPLACE FUNCTION countdown_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('countdown_auth', '');
  RETURN NULL;
END;
$$;
