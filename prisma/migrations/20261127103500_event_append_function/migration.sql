-- Appending an event is one call: take the release's next sequence number under its row lock, chain the hash,
-- insert the row and wake the release's streams. Being one server-side call, the lock is never held across a
-- client round trip; a caller that appends as its transaction's last statement (or in a single autocommit
-- statement, as ticking an item does) holds it only for the commit. Concurrent writers of one release used to
-- queue behind round trips made under the lock (lib/server/events/append-event.ts, README "Benchmarks").
--
-- hash = sha256_hex(coalesce(prevHash, '') || ':' || seq || ':' || digest), where digest is the SHA-256 of the
-- event's own canonical JSON (RFC 8785: releaseId, type, actorId, at, payload), computed by the application
-- (lib/server/events/event-hash.ts, which also verifies chains).
CREATE FUNCTION countdown_append_event(p_release uuid, p_type text, p_actor uuid, p_at timestamptz, p_payload jsonb, p_digest text)
RETURNS TABLE (seq integer, hash text, prev_hash text) LANGUAGE plpgsql AS $$
DECLARE
  v_seq integer;
  v_prev text;
  v_hash text;
BEGIN
  SELECT r."lastSeq" + 1, r."lastEventHash" INTO v_seq, v_prev FROM "Release" r WHERE r.id = p_release FOR UPDATE;
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
