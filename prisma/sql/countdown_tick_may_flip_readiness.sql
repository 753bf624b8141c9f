-- countdown_tick_may_flip_readiness: the current definition (last defined by the migration 20261127132000_readiness_flip).
-- Change it here, then `npm run db:migration -- <name>` copies it into a new migration (scripts/db/sql-files.ts).
-- A release's readiness (required items due before T-0 ticked, the approval policy met, no standing no-go, no
-- freeze) is computed by the application (lib/decisions/readiness.ts); its moves between scheduled and ready
-- are stored as the release's status and recorded as release.status events (record-readiness.ts). A tick is one
-- autocommit statement (tick-item.ts) and must stay one while nothing flips, so it asks this function, called after
-- countdown_append_event in the same statement, whether the tick may have flipped readiness. Only then does the
-- application take the release's lock and evaluate readiness in full.
--
-- Called after the append, it runs while the statement holds the release's row lock, and being VOLATILE each of its
-- queries takes a fresh snapshot: it sees every tick committed before this one got the lock (those commit under the
-- same lock) and this statement's own update. So of two ticks finishing the last two items at once, the second to
-- get the lock sees both ticked. The answer errs only towards "maybe" (the application then finds nothing to do).
-- p_after_seq only orders the call after the append.
CREATE OR REPLACE FUNCTION countdown_tick_may_flip_readiness(p_release uuid, p_item uuid, p_checked boolean, p_after_seq integer)
RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_status text;
BEGIN
  -- Only required items due before T-0 (or without a time) gate readiness.
  IF NOT EXISTS (
    SELECT 1 FROM "ReleaseItem" i JOIN "ReleasePhase" p ON p.id = i."phaseId"
    WHERE i.id = p_item AND i.required AND (p."offsetMinutes" IS NULL OR p."offsetMinutes" < 0)
  ) THEN
    RETURN false;
  END IF;
  SELECT r.status::text INTO v_status FROM "Release" r WHERE r.id = p_release;
  IF NOT p_checked THEN
    RETURN v_status = 'ready';
  END IF;
  IF v_status <> 'scheduled' THEN
    RETURN false;
  END IF;
  RETURN NOT EXISTS (
    SELECT 1 FROM "ReleaseItem" i JOIN "ReleasePhase" p ON p.id = i."phaseId"
    WHERE i."releaseId" = p_release AND i.required AND NOT i.checked AND (p."offsetMinutes" IS NULL OR p."offsetMinutes" < 0)
  );
END
$$;
