import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { TAssignManager } from "@/lib/schemas/release";
import { assertAllowed } from "@/lib/releases/lifecycle";
import { appendEvent } from "@/lib/events/append-event";
import { lockRelease } from "@/lib/decisions/lock-release";
import { recordReadiness } from "@/lib/decisions/record-readiness";
import { getRelease } from "@/lib/releases/get-release";
import { forgetRelease } from "@/lib/releases/release-cache";

/**
 * Hands a release to a manager (PATCH /api/releases/:id { managerId }): an admin, or the current manager (the
 * creator while none was assigned), may do it; 403 for anyone else, 409 LIFECYCLE on a final release. The new
 * manager must be an active manager or admin (422). They drive the release from now on, so a vote of theirs stops
 * counting (readiness.ts) and they cannot vote on it. Recorded as `release.manager` { managerId, name, previous }.
 */
export async function assignManager(releaseId: string, input: TAssignManager, caller: Caller) {
  await db().$transaction(async (tx) => {
    const release = await lockRelease(tx, releaseId);
    const current = release.managerId ?? release.createdById;
    if (caller.role !== "admin" && caller.id !== current)
      throw new AppError("FORBIDDEN", "Only an admin or the release's current manager can hand it to another manager");
    assertAllowed(release.status, "assign-manager");
    const next = await tx.user.findUnique({ where: { id: input.managerId }, select: { id: true, name: true, role: true, disabledAt: true } });
    if (!next || next.disabledAt || (next.role !== "manager" && next.role !== "admin")) {
      throw new AppError("UNPROCESSABLE", "managerId: the new manager must be an active user with the manager or admin role", { field: "managerId" });
    }
    if (next.id === release.managerId) return;
    await tx.release.update({ where: { id: releaseId }, data: { managerId: next.id } });
    await appendEvent(tx, releaseId, {
      type: "release.manager",
      actorId: caller.id,
      payload: { managerId: next.id, name: next.name, previous: release.managerId },
    });
    // The new manager's go, if they had given one, no longer counts.
    await recordReadiness(tx, releaseId, caller.id);
  });
  forgetRelease(releaseId);
  return getRelease(releaseId);
}
