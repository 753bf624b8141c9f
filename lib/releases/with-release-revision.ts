import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReleaseStatus } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { assertAllowed, type LifecycleEvent } from "@/lib/releases/lifecycle";

type Current = { status: string; scheduledAt: Date; revision: number };

/**
 * Runs a change of the release itself (its T-0, its status) under the release's row lock, the one every writer of
 * the release commits under (countdown_append_event): the revision the caller saw must still be current (409
 * otherwise, with the current one) and the lifecycle must allow `event` in the release's status (409 LIFECYCLE
 * naming both: only a release not deployed yet can move its T-0 or be cancelled). The change bumps the revision itself.
 */
export async function withReleaseRevision<T>(
  releaseId: string,
  revision: number | undefined,
  event: Extract<LifecycleEvent, "reschedule" | "cancel">,
  change: (tx: Prisma.TransactionClient, current: Current, next: ReleaseStatus) => Promise<T>,
): Promise<T> {
  return db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Current[]>`
      SELECT status::text AS status, "scheduledAt", revision FROM "Release" WHERE id = ${releaseId}::uuid FOR NO KEY UPDATE`;
    if (!row) throw new AppError("NOT_FOUND", "Release not found");
    const current = { revision: row.revision, status: row.status, scheduledAt: row.scheduledAt.toISOString() };
    if (revision !== undefined && row.revision !== revision) {
      throw new AppError("CONFLICT", "The release was changed by someone else; reload to see its current T-0 and status", { field: "revision", current });
    }
    const next = assertAllowed(row.status, event);
    return change(tx, row, next);
  });
}
