-- countdown_append_event: the current definition (last defined by the migration 20261127112000_append_event_no_key_lock).
-- Change it here, then `npm run db:migration -- <name>` copies it into a new migration (scripts/db/sql-files.ts).
-- The release's row lock taken by countdown_append_event is FOR NO KEY UPDATE, not FOR UPDATE. FOR UPDATE also
-- conflicts with the FOR KEY SHARE lock every insert of a row referencing the release takes (a Run, a Decision...),
-- so two transactions could deadlock: A inserted a run and the environment lock and appends its event, waiting for
-- B's key-share lock; B inserted its run and waits for A's environment lock. 50 concurrent rollback requests hit
-- this (lib/runs/runs.integration.test.ts). NO KEY UPDATE still orders every appender of one release (it
-- conflicts with itself), as the plain UPDATE of "Release" did before the function existed.
CREATE OR REPLACE FUNCTION countdown_append_event(p_release uuid, p_type text, p_actor uuid, p_at timestamptz, p_payload jsonb, p_digest text)
RETURNS TABLE (seq integer, hash text, prev_hash text) LANGUAGE plpgsql AS $$
DECLARE
  v_seq integer;
  v_prev text;
  v_hash text;
BEGIN
  SELECT r."lastSeq" + 1, r."lastEventHash" INTO v_seq, v_prev FROM "Release" r WHERE r.id = p_release FOR NO KEY UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'release % does not exist', p_release USING ERRCODE = 'foreign_key_violation';
  END IF;
  v_hash := encode(sha256(convert_to(coalesce(v_prev, '') || ':' || v_seq || ':' || p_digest, 'UTF8')), 'hex');
  UPDATE "Release" SET "lastSeq" = v_seq, "lastEventHash" = v_hash WHERE id = p_release;
  INSERT INTO "Event" ("releaseId", seq, type, "actorId", at, payload, "prevHash", hash)
    VALUES (p_release, v_seq, p_type, p_actor, p_at, p_payload, v_prev, v_hash);
  PERFORM pg_notify('countdown_release', p_release::text);
  RETURN QUERY SELECT v_seq, v_hash, v_prev;
END
$$;
