import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import { assertAllowed } from "@/lib/releases/lifecycle";
import { appendEvent } from "@/lib/events/append-event";
import { lockRelease } from "@/lib/decisions/lock-release";
import { recordReadiness } from "@/lib/decisions/record-readiness";
import { decisionInclude, LATEST_FIRST } from "@/lib/decisions/readiness";
import { toVoteView } from "@/lib/decisions/standing-votes";
import type { TWithdrawnVote } from "@/lib/schemas/decision";

/** Withdraws the caller's standing vote (a go or a no-go); the row stays, marked withdrawn. */
export async function withdrawDecision(releaseId: string, caller: Caller): Promise<TWithdrawnVote> {
  return db().$transaction(async (tx) => {
    // Decisions are history once the release is final: 409 LIFECYCLE.
    assertAllowed((await lockRelease(tx, releaseId)).status, "decide");
    const mine = await tx.decision.findFirst({ where: { releaseId, userId: caller.id }, orderBy: LATEST_FIRST, include: decisionInclude });
    if (!mine || mine.withdrawnAt || mine.overriddenById) throw new AppError("NOT_FOUND", "You have no standing decision on this release to withdraw");
    const row = await tx.decision.update({ where: { id: mine.id }, data: { withdrawnAt: new Date() }, include: decisionInclude });
    await appendEvent(tx, releaseId, { type: "decision.withdrawn", actorId: caller.id, payload: { decisionId: row.id, decision: toVoteView(row).decision } });
    await recordReadiness(tx, releaseId, caller.id);
    return { withdrawn: toVoteView(row) };
  });
}
