-- countdown_finish_step: the current definition (last defined by the migration 20261127132600_step_advance_function).
-- Change it here, then `npm run db:migration -- <name>` copies it into a new migration (scripts/db/sql-files.ts).
-- A step's end in one statement (workers/run/run-transitions.ts finishStep): the output lines it printed that are
-- not stored yet, its final status and event, and, when it succeeded and the next step can start, that step's start
-- and event. An HTTP check used to cost three commits in a row (its output, its end, the next start); now one.
-- In that order, so sequence numbers read: lines, end, next start. Each part only happens when the step is in the
-- state expected (a cancelled run's step is never turned back into succeeded), as markStep does one at a time.
CREATE OR REPLACE FUNCTION countdown_finish_step(
  p_release uuid, p_run uuid,
  p_streams text[], p_lines text[], p_lines_at timestamptz,
  p_step uuid, p_status text, p_finished_at timestamptz, p_exit_code integer, p_result jsonb,
  p_type text, p_at timestamptz, p_payload jsonb, p_digest text,
  p_next uuid, p_next_started_at timestamptz, p_next_type text, p_next_at timestamptz, p_next_payload jsonb, p_next_digest text
) RETURNS TABLE (finished boolean, started boolean) LANGUAGE plpgsql AS $$
DECLARE
  v_count integer := coalesce(array_length(p_lines, 1), 0);
  v_last integer;
  v_finished boolean := false;
  v_started boolean := false;
BEGIN
  IF v_count > 0 THEN
    UPDATE "Release" SET "lastSeq" = "lastSeq" + v_count WHERE id = p_release RETURNING "lastSeq" INTO v_last;
    INSERT INTO "OutputLine" ("releaseId", seq, "runId", "stepId", stream, line, at)
      SELECT p_release, v_last - v_count + t.n::integer, p_run, p_step, t.stream::"OutputStream", t.line, p_lines_at
      FROM unnest(p_streams, p_lines) WITH ORDINALITY AS t(stream, line, n);
    PERFORM pg_notify('countdown_release', p_release::text);
  END IF;

  UPDATE "RunStep" SET status = p_status::"RunStepStatus", "finishedAt" = p_finished_at, "exitCode" = p_exit_code,
    result = coalesce(p_result, result)
  WHERE id = p_step AND status = 'running';
  IF FOUND THEN
    PERFORM countdown_append_event(p_release, p_type, NULL, p_at, p_payload, p_digest);
    v_finished := true;
  END IF;

  IF v_finished AND p_next IS NOT NULL THEN
    UPDATE "RunStep" SET status = 'running', "startedAt" = p_next_started_at, attempts = attempts + 1
    WHERE id = p_next AND status IN ('pending', 'running');
    IF FOUND THEN
      PERFORM countdown_append_event(p_release, p_next_type, NULL, p_next_at, p_next_payload, p_next_digest);
      v_started := true;
    END IF;
  END IF;
  RETURN QUERY SELECT v_finished, v_started;
END
$$;
