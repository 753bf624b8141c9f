// State changes of a run and its steps, each with its event. Updates are conditional on the state we expect,
// so a run cancelled meanwhile is never turned back into succeeded.
import { db, sql } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunStatus, RunStepStatus } from "@/lib/generated/prisma/enums";
import { appendEvent, eventArgs } from "@/lib/events/append-event";
import { releaseEnvironmentLock } from "@/lib/runs/environment-lock";

type RunRef = { id: string; releaseId: string };

export async function markRunRunning(run: RunRef): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({
      where: { id: run.id, status: "queued" },
      data: { status: "running", startedAt: new Date(), heartbeatAt: new Date() },
    });
    if (count) await appendEvent(tx, run.releaseId, { type: "run.started", actorId: null, payload: { runId: run.id, status: "running" } });
    const current = await tx.run.findUniqueOrThrow({ where: { id: run.id } });
    return current.status === "running";
  });
}

/** What a step's transition sets: its new status, and the times, attempt, exit code and result that go with it. */
export type StepChange = {
  status: RunStepStatus;
  startedAt?: Date;
  finishedAt?: Date;
  newAttempt?: boolean;
  exitCode?: number | null;
  result?: Prisma.InputJsonObject;
};

/**
 * Moves a step from one of the `from` states to `change.status` and appends its event, in one autocommit
 * statement (as ticking an item): a step of an http check costs two round trips to the database, not eight, and
 * the release's row is locked only while the statement runs. False when the step was not in a `from` state.
 */
export async function markStep(
  run: RunRef,
  stepId: string,
  from: RunStepStatus[],
  change: StepChange,
  event: { type: string; payload: Prisma.InputJsonObject },
): Promise<boolean> {
  const e = eventArgs(run.releaseId, { type: event.type, actorId: null, payload: { runId: run.id, stepId, ...event.payload } });
  const rows = await sql<{ seq: number }>`
    WITH moved AS (
      UPDATE "RunStep"
      SET status = ${change.status}::"RunStepStatus",
          "startedAt" = COALESCE(${change.startedAt ?? null}::timestamptz, "startedAt"),
          "finishedAt" = COALESCE(${change.finishedAt ?? null}::timestamptz, "finishedAt"),
          attempts = attempts + ${change.newAttempt ? 1 : 0}::int,
          "exitCode" = CASE WHEN ${change.exitCode !== undefined} THEN ${change.exitCode ?? null}::int ELSE "exitCode" END,
          result = COALESCE(${change.result === undefined ? null : JSON.stringify(change.result)}::jsonb, result)
      WHERE id = ${stepId}::uuid AND status::text = ANY (${from}::text[])
      RETURNING id
    )
    SELECT a.seq FROM moved,
      LATERAL countdown_append_event(${run.releaseId}::uuid, ${e.type}, NULL::uuid, ${e.at}, ${e.payloadJson}::jsonb, ${e.digest}) a`;
  return rows.length > 0;
}

type StepEvent = { type: string; payload: Prisma.InputJsonObject };
export type PendingLine = { stream: string; line: string };

/**
 * A step's end in one autocommit statement (countdown_finish_step, prisma/sql/countdown_finish_step.sql): the output lines it printed that are not stored
 * yet, its final status and event, and, given `next`, the next step's start and event, so that an HTTP check costs
 * one commit on the run's path instead of three. `finished` is false when the step was no longer running;
 * `started` says whether the next step was started.
 */
export async function finishStep(
  run: RunRef,
  stepId: string,
  lines: PendingLine[],
  change: { status: RunStepStatus; exitCode: number | null; result?: Prisma.InputJsonObject },
  event: StepEvent,
  next: { stepId: string; event: StepEvent } | null,
): Promise<{ finished: boolean; started: boolean }> {
  const e = eventArgs(run.releaseId, { type: event.type, actorId: null, payload: { runId: run.id, stepId, ...event.payload } });
  const n = next
    ? eventArgs(run.releaseId, { type: next.event.type, actorId: null, payload: { runId: run.id, stepId: next.stepId, ...next.event.payload } })
    : null;
  const [row] = await sql<{ finished: boolean; started: boolean }>`
    SELECT finished, started FROM countdown_finish_step(
      ${run.releaseId}::uuid, ${run.id}::uuid,
      ${lines.map((l) => l.stream)}::text[], ${lines.map((l) => l.line)}::text[], ${new Date()}::timestamptz,
      ${stepId}::uuid, ${change.status}::text, ${e.at}::timestamptz, ${change.exitCode}::int,
      ${change.result === undefined ? null : JSON.stringify(change.result)}::jsonb,
      ${e.type}::text, ${e.at}::timestamptz, ${e.payloadJson}::jsonb, ${e.digest}::text,
      ${next?.stepId ?? null}::uuid, ${n?.at ?? null}::timestamptz, ${n?.type ?? null}::text, ${n?.at ?? null}::timestamptz,
      ${n?.payloadJson ?? null}::jsonb, ${n?.digest ?? null}::text)`;
  return row;
}

const FINAL: Record<string, { type: string; status: string }> = {
  succeeded: { type: "run.succeeded", status: "succeeded" },
  failed: { type: "run.failed", status: "failed" },
  needs_attention: { type: "run.needs-attention", status: "needs-attention" },
};

/** Ends (or parks) the run unless someone cancelled it meanwhile; finished runs let go of the environment. */
export async function finishRun(run: RunRef, status: Extract<RunStatus, "succeeded" | "failed" | "needs_attention">, payload: Prisma.InputJsonObject = {}) {
  return db().$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({
      where: { id: run.id, status: "running" },
      data: { status, ...(status === "needs_attention" ? {} : { finishedAt: new Date() }) },
    });
    if (!count) return false;
    if (status !== "needs_attention") await releaseEnvironmentLock(tx, run.id);
    await appendEvent(tx, run.releaseId, { type: FINAL[status].type, actorId: null, payload: { runId: run.id, status: FINAL[status].status, ...payload } });
    return true;
  });
}

export async function runStatus(runId: string): Promise<RunStatus> {
  const run = await db().run.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });
  return run.status;
}
