import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { TOverriddenVote, TOverrideNoGo } from "@/lib/schemas/decision";
import { assertAllowed } from "@/lib/releases/lifecycle";
import { appendEvent } from "@/lib/events/append-event";
import { lockRelease } from "@/lib/decisions/lock-release";
import { recordReadiness } from "@/lib/decisions/record-readiness";
import { decisionInclude, LATEST_FIRST } from "@/lib/decisions/readiness";
import { toVoteView } from "@/lib/decisions/standing-votes";

/** An admin sets a standing no-go aside, with a reason that goes into the audit trail. */
export async function overrideNoGo(releaseId: string, decisionId: string, input: TOverrideNoGo, caller: Caller): Promise<TOverriddenVote> {
  if (caller.role !== "admin") throw new AppError("FORBIDDEN", "Only an admin can override a no-go");
  const reason = input.reason?.trim();
  if (!reason) throw new AppError("UNPROCESSABLE", "reason: overriding a no-go needs a reason", { field: "reason" });
  return db().$transaction(async (tx) => {
    // Decisions are history once the release is final: 409 LIFECYCLE.
    assertAllowed((await lockRelease(tx, releaseId)).status, "decide");
    const target = await tx.decision.findFirst({ where: { id: decisionId, releaseId }, include: decisionInclude });
    if (!target) throw new AppError("NOT_FOUND", "Decision not found");
    const latest = await tx.decision.findFirst({ where: { releaseId, userId: target.userId }, orderBy: LATEST_FIRST, select: { id: true } });
    if (target.decision !== "no_go" || target.withdrawnAt || target.overriddenById || latest?.id !== target.id) {
      throw new AppError("CONFLICT", "Only a standing no-go can be overridden; this decision no longer blocks the release", { current: toVoteView(target) });
    }
    const row = await tx.decision.update({ where: { id: target.id }, data: { overriddenById: caller.id, overrideReason: reason }, include: decisionInclude });
    await appendEvent(tx, releaseId, {
      type: "decision.overridden",
      actorId: caller.id,
      payload: { decisionId: row.id, author: row.user.email, comment: row.comment, reason },
    });
    await recordReadiness(tx, releaseId, caller.id);
    return { overridden: { ...toVoteView(row), overriddenBy: { id: caller.id, name: caller.name }, reason } };
  });
}
