import "server-only";
import { db } from "@/lib/db";
import { enqueue } from "@/lib/queue/producer";
import { AppError } from "@/lib/errors";
import { appendEvent } from "@/lib/events/append-event";
import { releaseEnvironmentLock } from "@/lib/runs/environment-lock";

/** Hands the run to the workers; if the queue refuses it, the run fails visibly instead of waiting forever. */
export async function enqueueRun(runId: string): Promise<void> {
  try {
    await enqueue("run.execute", { runId });
  } catch (err) {
    console.error(`[runs] could not enqueue run ${runId}:`, (err as Error).message);
    await db().$transaction(async (tx) => {
      const run = await tx.run.update({ where: { id: runId }, data: { status: "failed", finishedAt: new Date() } });
      await releaseEnvironmentLock(tx, runId);
      await appendEvent(tx, run.releaseId, { type: "run.failed", actorId: null, payload: { runId, status: "failed", reason: "the job queue is unavailable" } });
    });
    throw new AppError("UNAVAILABLE", "The job queue is unavailable; the run was not started");
  }
}
