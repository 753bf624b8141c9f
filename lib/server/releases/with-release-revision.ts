import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

/** A release whose T-0 may still move or that may still be cancelled: nothing has been deployed yet. */
export const PLANNED_STATUSES = ["draft", "scheduled", "ready"];

type Current = { status: string; scheduledAt: Date; revision: number };

/**
 * Runs a change of the release itself (its T-0, its status) under the release's row lock, the one every writer of
 * the release commits under (countdown_append_event): the revision the caller saw must still be current (409
 * otherwise, with the current one) and the release must still be planned (409 naming its status). The change bumps
 * the revision itself.
 */
export async function withReleaseRevision<T>(releaseId: string, revision: number | undefined, refusal: string, change: (tx: Prisma.TransactionClient, current: Current) => Promise<T>): Promise<T> {
  return db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Current[]>`
      SELECT status::text AS status, "scheduledAt", revision FROM "Release" WHERE id = ${releaseId}::uuid FOR NO KEY UPDATE`;
    if (!row) throw new AppError("NOT_FOUND", "Release not found");
    const current = { revision: row.revision, status: row.status, scheduledAt: row.scheduledAt.toISOString() };
    if (revision !== undefined && row.revision !== revision) {
      throw new AppError("CONFLICT", "The release was changed by someone else; reload to see its current T-0 and status", { field: "revision", current });
    }
    if (!PLANNED_STATUSES.includes(row.status)) throw new AppError("CONFLICT", `The release is ${row.status.replace("_", " ")}; ${refusal}`, { current });
    return change(tx, row);
  });
}
