import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import { appendEvent } from "@/lib/events/append-event";

/** A refused attempt is history once per person and release in this window; more in it would only grow the trail. */
export const DENIAL_WINDOW_MINUTES = 10;

/**
 * Refuses a decision attempt: 403, recorded as a `decision.denied` event unless this person's last refusal on this
 * release was recorded less than 10 minutes ago; then 429 with Retry-After, and nothing is written.
 *
 * "At most once" is the database's: the upsert on DecisionDenial's primary key moves `recordedAt` only when the
 * window has passed, and of concurrent refusals exactly one sees its row returned (the others wait on the row lock
 * and then find the window fresh). The event is appended in the same transaction.
 */
export async function recordDenial(releaseId: string, caller: Caller, decision: string, reason: string): Promise<never> {
  const recorded = await db().$transaction(async (tx) => {
    const moved = await tx.$queryRaw<{ recordedAt: Date }[]>`
      INSERT INTO "DecisionDenial" ("releaseId", "userId", "recordedAt") VALUES (${releaseId}::uuid, ${caller.id}::uuid, now())
      ON CONFLICT ("releaseId", "userId") DO UPDATE SET "recordedAt" = EXCLUDED."recordedAt"
        WHERE "DecisionDenial"."recordedAt" <= EXCLUDED."recordedAt" - make_interval(mins => ${DENIAL_WINDOW_MINUTES}::int)
      RETURNING "recordedAt"`;
    if (moved.length === 0) return false;
    await appendEvent(tx, releaseId, { type: "decision.denied", actorId: caller.id, payload: { decision, reason } });
    return true;
  });
  if (recorded) throw new AppError("FORBIDDEN", `You cannot decide on this release: ${reason}`);
  const [row] = await db().$queryRaw<{ seconds: number }[]>`
    SELECT GREATEST(1, CEIL(EXTRACT(EPOCH FROM ("recordedAt" + make_interval(mins => ${DENIAL_WINDOW_MINUTES}::int) - now()))))::int AS seconds
    FROM "DecisionDenial" WHERE "releaseId" = ${releaseId}::uuid AND "userId" = ${caller.id}::uuid`;
  const seconds = row?.seconds ?? DENIAL_WINDOW_MINUTES * 60;
  throw new AppError(
    "RATE_LIMITED",
    `You cannot decide on this release (${reason}); your refused attempt is already on record, try again in ${seconds} s`,
    { retryAfterSeconds: seconds },
    { "Retry-After": String(seconds) },
  );
}
