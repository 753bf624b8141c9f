-- API tokens get scopes and an expiry (issue 17). Tokens made before this keep working as they did (every scope)
-- for 90 more days, then expire like any other.
CREATE TYPE "TokenScope" AS ENUM ('read', 'tick', 'decide', 'run', 'admin');

ALTER TABLE "ApiToken" ADD COLUMN "scopes" "TokenScope"[],
ADD COLUMN "expiresAt" TIMESTAMPTZ(3);

UPDATE "ApiToken" SET "scopes" = ARRAY['read', 'tick', 'decide', 'run', 'admin']::"TokenScope"[], "expiresAt" = now() + interval '90 days';

ALTER TABLE "ApiToken" ALTER COLUMN "expiresAt" SET NOT NULL;

-- Writing "lastUsedAt" changes neither whom a token belongs to nor what it may do: only changes to the other
-- columns (and deletes) empty the web processes' caller cache (migration 20261127131800_auth_change_notify).
-- pg_notify folds identical notifications of one transaction into one, so a row trigger costs no more NOTIFYs.
DROP TRIGGER "ApiToken_auth_changed" ON "ApiToken";
CREATE TRIGGER "ApiToken_auth_changed" AFTER UPDATE ON "ApiToken"
  FOR EACH ROW WHEN (OLD."revokedAt" IS DISTINCT FROM NEW."revokedAt" OR OLD."expiresAt" IS DISTINCT FROM NEW."expiresAt"
    OR OLD."scopes" IS DISTINCT FROM NEW."scopes" OR OLD."userId" IS DISTINCT FROM NEW."userId" OR OLD."tokenHash" IS DISTINCT FROM NEW."tokenHash")
  EXECUTE FUNCTION countdown_auth_changed();
CREATE TRIGGER "ApiToken_auth_deleted" AFTER DELETE ON "ApiToken"
  FOR EACH STATEMENT EXECUTE FUNCTION countdown_auth_changed();
