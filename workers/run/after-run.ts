// What a finished run changes on its release, as the lifecycle table says (lib/releases/lifecycle.ts): its status,
// and an automatic rollback after a failed deploy or a failed post-deploy smoke test (per release setting, when
// the release's plan has a rollback procedure). A smoke or verify run started before the deploy succeeded is a
// pre-flight check: recorded by its own run events, it moves nothing and never triggers a rollback.
import { db } from "@/lib/db";
import { finishEvent, nextStatus, rollsBackAutomatically } from "@/lib/releases/lifecycle";
import { appendEvent } from "@/lib/server/events/append-event";
import { lockRelease } from "@/lib/server/decisions/lock-release";
import { startRun } from "@/lib/server/runs/start-run";
import type { ReleaseStatus } from "@/lib/generated/prisma/enums";

export async function afterRun(runId: string): Promise<void> {
  const run = await db().run.findUniqueOrThrow({ where: { id: runId }, include: { release: { include: { procedures: true } } } });
  if (run.status !== "succeeded" && run.status !== "failed") return;
  const event = finishEvent(run.procedureKind, run.status, run.startedInStatus);
  await db().$transaction(async (tx) => {
    // Under the release's lock: a cancel, a rollback or another run's end cannot slip in between read and move.
    const { status } = await lockRelease(tx, run.releaseId);
    const next = nextStatus(status as ReleaseStatus, event);
    // An event the table does not allow here (a deploy that ended after the release was rolled back) moves nothing.
    if (next === null || next === status) return;
    await tx.release.update({ where: { id: run.releaseId }, data: { status: next } });
    await appendEvent(tx, run.releaseId, { type: "release.status", actorId: null, payload: { status: next, runId } });
  });
  const rollback = run.release.procedures.find((p) => p.kind === "rollback");
  if (rollsBackAutomatically(run.procedureKind, run.status, run.startedInStatus) && run.release.autoRollback && rollback) {
    try {
      await startRun(run.releaseId, { procedure: rollback.name }, null, { triggeredByRunId: run.id });
    } catch (err) {
      await db().$transaction((tx) =>
        appendEvent(tx, run.releaseId, { type: "rollback.not-started", actorId: null, payload: { runId, reason: (err as Error).message } }),
      );
    }
  }
}
