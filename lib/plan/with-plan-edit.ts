import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendEvent } from "@/lib/events/append-event";
import { FINISHED_STATUSES } from "@/lib/events/append-to-open-releases";
import { lockRelease } from "@/lib/decisions/lock-release";
import { decisionInclude, decisionOrder } from "@/lib/decisions/readiness";
import { recordReadiness } from "@/lib/decisions/record-readiness";
import { standingVotes } from "@/lib/decisions/standing-votes";
import { loadReleasePlan, rememberPlan } from "@/lib/plan/release-plan";

export type PlanEditNote = { action: "step.added" | "step.updated" | "step.deleted"; procedure: string; step: string };

/**
 * Runs an edit of a release's own plan under the release's row lock (the one decisions are written under), so
 * a go cannot slip in between the edit and the staleness it causes. The caller sends the digest of the plan it
 * saw (409 if the plan changed since). When the digest changes: both plans are kept (for the diff a stale vote
 * shows), a `plan.edited` event is recorded, the gos standing on the old plan get a `decision.stale` event, and
 * readiness is recomputed (a ready release falls back to scheduled).
 */
export async function withPlanEdit<T>(
  releaseId: string,
  seenDigest: string,
  caller: Caller,
  edit: (tx: Prisma.TransactionClient) => Promise<T & { note: PlanEditNote }>,
) {
  return db().$transaction(async (tx) => {
    const locked = await lockRelease(tx, releaseId);
    if (FINISHED_STATUSES.includes(locked.status as never))
      throw new AppError("CONFLICT", `The release is ${locked.status.replace("_", " ")}; its plan is history`);
    const before = await loadReleasePlan(tx, releaseId);
    if (before.digest !== seenDigest) {
      throw new AppError("CONFLICT", "The release's plan was changed by someone else; reload to see the current plan", {
        field: "planDigest",
        current: { planDigest: before.digest },
      });
    }
    const { note, ...result } = await edit(tx);
    const after = await loadReleasePlan(tx, releaseId);
    if (after.digest === before.digest) return { ...result, planDigest: after.digest, stale: [] as string[] };

    await rememberPlan(tx, releaseId, before);
    await rememberPlan(tx, releaseId, after);
    // Votes from before plans were bound approved the plan as it stood until now: say so before it changes.
    await tx.decision.updateMany({ where: { releaseId, planDigest: null }, data: { planDigest: before.digest } });
    await appendEvent(tx, releaseId, { type: "plan.edited", actorId: caller.id, payload: { ...note, fromDigest: before.digest, toDigest: after.digest } });

    const votes = standingVotes(await tx.decision.findMany({ where: { releaseId }, orderBy: decisionOrder, include: decisionInclude }));
    const stale = votes.filter((v) => v.decision === "go" && v.planDigest === before.digest);
    if (stale.length) {
      await appendEvent(tx, releaseId, {
        type: "decision.stale",
        actorId: caller.id,
        payload: {
          decisionIds: stale.map((v) => v.id),
          approvers: stale.map((v) => ({ id: v.user.id, name: v.user.name })),
          approvedDigest: before.digest,
          planDigest: after.digest,
        },
      });
    }
    await recordReadiness(tx, releaseId, caller.id);
    return { ...result, planDigest: after.digest, stale: stale.map((v) => v.user.name) };
  });
}
