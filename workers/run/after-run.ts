// What a finished run changes on its release, as the lifecycle table says (lib/releases/lifecycle.ts): its status,
// and an automatic rollback after a failed deploy or a failed post-deploy smoke test (per release setting, when
// the release's plan has a rollback procedure). A smoke or verify run started before the deploy succeeded is a
// pre-flight check: recorded by its own run events, it moves nothing and never triggers a rollback.
import { db } from "@/lib/db";
import { CHECK_KINDS, finishEvent, rollsBackAutomatically } from "@/lib/releases/lifecycle";
import { movePath } from "@/lib/releases/release-path";
import { appendEvent } from "@/lib/events/append-event";
import { lockRelease } from "@/lib/decisions/lock-release";
import { startRun } from "@/lib/runs/start-run";
import type { ReleaseStatus } from "@/lib/generated/prisma/enums";

export async function afterRun(runId: string): Promise<void> {
  const run = await db().run.findUniqueOrThrow({ where: { id: runId }, include: { release: { include: { procedures: true } } } });
  if (run.status !== "succeeded" && run.status !== "failed") return;
  // A check counts as the verification of its environment's deploy when it started while that environment was
  // verifying (runs from before paths existed: while the release was).
  const startedIn = run.startedInEnvironmentState ?? run.startedInStatus;
  const event = finishEvent(run.procedureKind, run.status, startedIn);
  // A pipeline that ends with a smoke or verify procedure verifies its own deploy: it passed after the deploy's steps.
  const verifiesItself = event === "deploy.succeeded" && (await endsWithCheck(runId));
  await db().$transaction(async (tx) => {
    // Under the release's lock: a cancel, a rollback or another run's end cannot slip in between read and move.
    const { status } = await lockRelease(tx, run.releaseId);
    // Events a table does not allow here (a deploy that ended after its environment was rolled back) move nothing.
    const move = { releaseId: run.releaseId, environment: run.environment, runId, actorId: null };
    const after = await movePath(tx, { ...move, status: status as ReleaseStatus, event });
    if (verifiesItself) await movePath(tx, { ...move, status: after, event: "check.succeeded" });
  });
  const rollback = run.release.procedures.find((p) => p.kind === "rollback");
  if (rollsBackAutomatically(run.procedureKind, run.status, startedIn) && run.release.autoRollback && rollback) {
    try {
      await startRun(run.releaseId, { procedure: rollback.name, environment: run.environment }, null, { triggeredByRunId: run.id });
    } catch (err) {
      await db().$transaction((tx) =>
        appendEvent(tx, run.releaseId, { type: "rollback.not-started", actorId: null, payload: { runId, reason: (err as Error).message } }),
      );
    }
  }
}

async function endsWithCheck(runId: string): Promise<boolean> {
  const last = await db().runStep.findFirst({ where: { runId }, orderBy: { position: "desc" }, select: { procedureKind: true } });
  return last?.procedureKind != null && CHECK_KINDS.includes(last.procedureKind);
}
