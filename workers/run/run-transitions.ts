// State changes of a run and its steps, each with its event. Updates are conditional on the state we expect,
// so a run cancelled meanwhile is never turned back into succeeded.
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunStatus, RunStepStatus } from "@/lib/generated/prisma/enums";
import { appendEvent } from "@/lib/server/events/append-event";
import { releaseEnvironmentLock } from "@/lib/server/runs/environment-lock";

type RunRef = { id: string; releaseId: string };

export async function markRunRunning(run: RunRef): Promise<boolean> {
  return db().$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({ where: { id: run.id, status: "queued" }, data: { status: "running", startedAt: new Date(), heartbeatAt: new Date() } });
    if (count) await appendEvent(tx, run.releaseId, { type: "run.started", actorId: null, payload: { runId: run.id, status: "running" } });
    const current = await tx.run.findUniqueOrThrow({ where: { id: run.id } });
    return current.status === "running";
  });
}

export async function markStep(run: RunRef, stepId: string, from: RunStepStatus[], data: Prisma.RunStepUpdateManyMutationInput, event: { type: string; payload: Prisma.InputJsonObject }) {
  return db().$transaction(async (tx) => {
    const { count } = await tx.runStep.updateMany({ where: { id: stepId, status: { in: from } }, data });
    if (count) await appendEvent(tx, run.releaseId, { type: event.type, actorId: null, payload: { runId: run.id, stepId, ...event.payload } });
    return count > 0;
  });
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
