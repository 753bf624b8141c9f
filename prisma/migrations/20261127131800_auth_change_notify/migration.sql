-- Web processes keep who a bearer token or session belongs to in memory (lib/auth/caller-cache.ts). Any change to
-- users or tokens (a token revoked, a user disabled or given another role) tells them to forget all of it, at
-- commit, on the LISTEN connection they already hold for release signals.
CREATE OR REPLACE FUNCTION countdown_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('countdown_auth', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER "User_auth_changed" AFTER UPDATE OR DELETE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION countdown_auth_changed();
CREATE TRIGGER "ApiToken_auth_changed" AFTER UPDATE OR DELETE ON "ApiToken"
  FOR EACH STATEMENT EXECUTE FUNCTION countdown_auth_changed();
