// What a finished run changes on its release: its status, and an automatic rollback when a deploy or smoke
// run failed (per release setting, when the release's plan has a rollback procedure).
import { db } from "@/lib/db";
import type { ReleaseStatus } from "@/lib/generated/prisma/enums";
import { appendEvent } from "@/lib/server/events/append-event";
import { startRun } from "@/lib/server/runs/start-run";

const NEXT_STATUS: Record<string, Partial<Record<"succeeded" | "failed", ReleaseStatus>>> = {
  deploy: { succeeded: "verifying" },
  smoke: { succeeded: "released" },
  verify: { succeeded: "released" },
  rollback: { succeeded: "rolled_back" },
};

export async function afterRun(runId: string): Promise<void> {
  const run = await db().run.findUniqueOrThrow({ where: { id: runId }, include: { release: { include: { procedures: true } } } });
  if (run.status !== "succeeded" && run.status !== "failed") return;
  const next = NEXT_STATUS[run.procedureKind]?.[run.status];
  if (next && run.release.status !== next) {
    await db().$transaction(async (tx) => {
      await tx.release.update({ where: { id: run.releaseId }, data: { status: next } });
      await appendEvent(tx, run.releaseId, { type: "release.status", actorId: null, payload: { status: next, runId } });
    });
  }
  const rollback = run.release.procedures.find((p) => p.kind === "rollback");
  if (run.status === "failed" && ["deploy", "smoke"].includes(run.procedureKind) && run.release.autoRollback && rollback) {
    try {
      await startRun(run.releaseId, { procedure: rollback.name }, null, { triggeredByRunId: run.id });
    } catch (err) {
      await db().$transaction((tx) =>
        appendEvent(tx, run.releaseId, { type: "rollback.not-started", actorId: null, payload: { runId, reason: (err as Error).message } }),
      );
    }
  }
}
