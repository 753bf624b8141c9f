import "server-only";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { TRescheduleRelease } from "@/lib/schemas/release";
import { appendEvent } from "@/lib/events/append-event";
import { getRelease } from "@/lib/releases/get-release";
import { forgetRelease } from "@/lib/releases/release-cache";
import { withReleaseRevision } from "@/lib/releases/with-release-revision";

/** A T-0 set from a form is a minute or so old by the time it arrives; further back is a mistake, not a plan. */
const PAST_SLACK_MS = 5 * 60_000;

/**
 * Moves a planned release's T-0 (409 when `revision` is stale or the release is deploying or finished). Every phase's
 * due time follows, and the communication plan's reminders are due again at their offsets from the new T-0
 * (fire-reminders.ts). Recorded as `release.rescheduled` { scheduledAt, previous }.
 */
export async function rescheduleRelease(releaseId: string, input: TRescheduleRelease, caller: Caller, now = new Date()) {
  if (input.scheduledAt.getTime() < now.getTime() - PAST_SLACK_MS) {
    throw new AppError("UNPROCESSABLE", "scheduledAt: T-0 cannot move into the past", { field: "scheduledAt" });
  }
  await withReleaseRevision(releaseId, input.revision, "reschedule", async (tx, current) => {
    await tx.release.update({ where: { id: releaseId }, data: { scheduledAt: input.scheduledAt, revision: { increment: 1 } } });
    await tx.$executeRaw`
      UPDATE "ReleasePhase" SET "dueAt" = ${input.scheduledAt}::timestamptz + "offsetMinutes" * interval '1 minute'
      WHERE "releaseId" = ${releaseId}::uuid AND "offsetMinutes" IS NOT NULL`;
    await appendEvent(tx, releaseId, {
      type: "release.rescheduled",
      actorId: caller.id,
      payload: { scheduledAt: input.scheduledAt.toISOString(), previous: current.scheduledAt.toISOString() },
    });
  });
  forgetRelease(releaseId);
  return getRelease(releaseId);
}
