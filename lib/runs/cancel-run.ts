import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import { appendEvent } from "@/lib/events/append-event";
import { releaseEnvironmentLock } from "@/lib/runs/environment-lock";
import type { TRunCancelled } from "@/lib/schemas/run";

const ACTIVE = ["queued", "running", "needs_attention"] as const;

/** Marks the run cancelled; the worker executing it sees that within a second and stops the step's processes. */
export async function cancelRun(runId: string, caller: Caller): Promise<TRunCancelled> {
  return db().$transaction(async (tx) => {
    const run = await tx.run.findUnique({ where: { id: runId } });
    if (!run) throw new AppError("NOT_FOUND", "Run not found");
    const { count } = await tx.run.updateMany({ where: { id: runId, status: { in: [...ACTIVE] } }, data: { status: "cancelled", finishedAt: new Date() } });
    if (count === 0) throw new AppError("CONFLICT", `The run is already ${run.status.replace("_", " ")}`);
    await tx.runStep.updateMany({ where: { runId, status: { in: ["pending", "waiting"] } }, data: { status: "cancelled" } });
    await releaseEnvironmentLock(tx, runId);
    await appendEvent(tx, run.releaseId, { type: "run.cancelled", actorId: caller.id, payload: { runId, status: "cancelled" } });
    return { runId, status: "cancelled" };
  });
}
