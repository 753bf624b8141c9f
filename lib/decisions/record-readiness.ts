import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReleaseStatus } from "@/lib/generated/prisma/enums";
import { nextStatus } from "@/lib/releases/lifecycle";
import { appendEvent } from "@/lib/events/append-event";
import { getReadiness } from "@/lib/decisions/readiness";

/** Whether readiness can move a release in `status` at all (scheduled <-> ready in the lifecycle table). */
const flips = (status: ReleaseStatus) => nextStatus(status, "readiness.met") !== null || nextStatus(status, "readiness.lost") !== null;

/**
 * Stores what readiness says as the release's status and records the move as an event: scheduled -> ready
 * (`release.status` { status: "ready" }, which channels hear as `release.ready`) or back (with the blockers).
 * Called, inside the writer's transaction, after every change that may flip readiness: a tick (only when the
 * database says it may have, tick-item.ts), a decision, a withdrawal, an override, a policy change.
 *
 * Under the release's row lock, which every one of those writers commits under: the state read is settled, and
 * of two writers finishing the last two items at once the second sees the status the first stored, so one move
 * makes one event. Returns the new status, or null when nothing moved.
 */
export async function recordReadiness(tx: Prisma.TransactionClient, releaseId: string, actorId: string | null) {
  const [row] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM "Release" WHERE id = ${releaseId}::uuid FOR NO KEY UPDATE`;
  if (!row || !flips(row.status as ReleaseStatus)) return null;
  const readiness = await getReadiness(releaseId, tx);
  const next = nextStatus(row.status as ReleaseStatus, readiness.ready ? "readiness.met" : "readiness.lost");
  if (next === null || next === row.status) return null;
  await tx.release.update({ where: { id: releaseId }, data: { status: next } });
  await appendEvent(tx, releaseId, {
    type: "release.status",
    actorId,
    payload: { status: next, ...(next === "scheduled" && { blockers: readiness.blockers }) },
  });
  return next;
}
