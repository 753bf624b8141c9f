import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { TAbortRun } from "@/lib/schemas/run";
import { appendEvent } from "@/lib/events/append-event";
import { releaseEnvironmentLock } from "@/lib/runs/environment-lock";
import { assertMayStartRun } from "@/lib/environments/environment-protection";

const ACTIVE = ["queued", "running", "needs_attention"] as const;

/**
 * Aborts a rollout: the run stops as on a cancel (the worker executing it sees it within half a second and stops the
 * step's processes; a parked run has no worker to stop) and ends cancelled, with who aborted it and why on the run
 * and in the release's history. Not gated: stopping never changes a target. What is deployed stays as it is; the
 * release page and the run page then offer the rollback (the lifecycle allows it once a deploy started).
 */
export async function abortRun(runId: string, input: TAbortRun, caller: Caller) {
  return db().$transaction(async (tx) => {
    const run = await tx.run.findUnique({ where: { id: runId } });
    if (!run) throw new AppError("NOT_FOUND", "Run not found");
    await assertMayStartRun(run.environment, run.procedureKind, caller);
    const { count } = await tx.run.updateMany({
      where: { id: runId, status: { in: [...ACTIVE] } },
      data: { status: "cancelled", finishedAt: new Date(), abortedBy: caller.name, abortReason: input.reason },
    });
    if (count === 0)
      throw new AppError("CONFLICT", `Only a run that is going on can be aborted; this one is ${run.status.replace("_", " ")}`, { state: run.status });
    await tx.runStep.updateMany({ where: { runId, status: { in: ["pending", "waiting"] } }, data: { status: "cancelled" } });
    await releaseEnvironmentLock(tx, runId);
    await appendEvent(tx, run.releaseId, {
      type: "run.aborted",
      actorId: caller.id,
      payload: { runId, status: "cancelled", abortedBy: caller.name, reason: input.reason },
    });
    return { runId, status: "cancelled" as const };
  });
}
