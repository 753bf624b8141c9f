import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { TDecide } from "@/lib/schemas/decision";
import { assertAllowed } from "@/lib/releases/lifecycle";
import { appendEvent } from "@/lib/events/append-event";
import { decisionDeniedReason } from "@/lib/decisions/eligibility";
import { lockRelease } from "@/lib/decisions/lock-release";
import { recordDenial } from "@/lib/decisions/record-denial";
import { recordReadiness } from "@/lib/decisions/record-readiness";
import { releaseDrivers } from "@/lib/decisions/release-drivers";
import { decisionInclude, LATEST_FIRST } from "@/lib/decisions/readiness";
import { toVoteView } from "@/lib/decisions/standing-votes";
import { loadReleasePlan, rememberPlan } from "@/lib/plan/release-plan";

/**
 * Records a go or no-go on the release's plan as it is now (its digest is stored with the vote: a go approves
 * that plan only), with its author's role at the time. Every vote is kept; the latest of each person counts.
 * Sending the vote that already stands on the same plan again is a no-op that returns it (`created: false`); on
 * an edited plan it is a new vote. A final release takes no decision (409 LIFECYCLE). Non-approvers and the
 * release's drivers (creator, manager, whoever ticked a required item or started a run) get 403, recorded as a
 * `decision.denied` event at most once per 10 minutes (429 beyond).
 */
export async function decide(releaseId: string, input: TDecide, caller: Caller) {
  const release = await db().release.findUnique({ where: { id: releaseId }, select: { id: true, status: true, createdById: true, managerId: true } });
  if (!release) throw new AppError("NOT_FOUND", "Release not found");
  assertAllowed(release.status, "decide");
  const decision = input.decision === "no-go" ? "no_go" : "go";
  const comment = input.comment?.trim() || null;

  const denied = decisionDeniedReason(caller, { ...release, drivers: await releaseDrivers(db(), releaseId) });
  if (denied) await recordDenial(releaseId, caller, input.decision, denied);
  if (decision === "no_go" && !comment) throw new AppError("UNPROCESSABLE", "comment: a no-go needs a comment saying why", { field: "comment" });

  return db().$transaction(async (tx) => {
    const locked = await lockRelease(tx, releaseId);
    assertAllowed(locked.status, "decide");
    // Re-checked under the lock: the release's manager may have been assigned, or the caller ticked, meanwhile.
    if (decisionDeniedReason(caller, { ...locked, drivers: await releaseDrivers(tx, releaseId) }))
      throw new AppError("FORBIDDEN", "You cannot decide on this release");

    const plan = await loadReleasePlan(tx, releaseId);
    const mine = await tx.decision.findFirst({ where: { releaseId, userId: caller.id }, orderBy: LATEST_FIRST, include: decisionInclude });
    if (
      mine &&
      !mine.withdrawnAt &&
      !mine.overriddenById &&
      mine.decision === decision &&
      mine.comment === comment &&
      (mine.planDigest ?? plan.digest) === plan.digest
    ) {
      return { created: false, decision: toVoteView(mine) };
    }
    // Strictly after the release's previous decision, so "latest" never depends on clocks of different machines.
    const last = await tx.decision.findFirst({ where: { releaseId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
    const createdAt = new Date(Math.max(Date.now(), (last?.createdAt.getTime() ?? 0) + 1));
    const row = await tx.decision.create({
      data: { releaseId, userId: caller.id, decision, comment, createdAt, planDigest: plan.digest, authorRole: caller.role },
      include: decisionInclude,
    });
    await rememberPlan(tx, releaseId, plan);
    await appendEvent(tx, releaseId, {
      type: decision === "go" ? "decision.go" : "decision.no_go",
      actorId: caller.id,
      payload: {
        decisionId: row.id,
        decision: input.decision,
        comment,
        role: caller.role,
        planDigest: plan.digest,
        ...(mine && !mine.withdrawnAt && !mine.overriddenById ? { replaces: mine.id } : {}),
      },
    });
    await recordReadiness(tx, releaseId, caller.id);
    return { created: true, decision: toVoteView(row) };
  });
}
