import "server-only";
import type { Caller } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import type { TCancelRelease } from "@/lib/schemas/release";
import { appendEvent } from "@/lib/events/append-event";
import { getRelease } from "@/lib/releases/get-release";
import { forgetRelease } from "@/lib/releases/release-cache";
import { withReleaseRevision } from "@/lib/releases/with-release-revision";
import type { TReleaseDetail } from "@/lib/schemas/release-detail";

/**
 * Cancels a planned release (409 when it is deploying or finished, when one of its runs (a smoke test, a rollback)
 * has not finished, or when a `revision` is sent and stale). Its
 * checklist and decisions close and no reminder fires for it any more. Recorded as `release.status`
 * { status: "cancelled", previous, reason? }, which channels hear as `release.cancelled`.
 */
export async function cancelRelease(releaseId: string, input: TCancelRelease, caller: Caller): Promise<TReleaseDetail> {
  await withReleaseRevision(releaseId, input.revision, "cancel", async (tx, current, next) => {
    // Under the release's lock: a run started after this commits appends its event after the cancellation.
    const active = await tx.run.findFirst({
      where: { releaseId, status: { in: ["queued", "running", "needs_attention"] } },
      select: { procedureName: true, status: true },
    });
    if (active) {
      throw new AppError(
        "CONFLICT",
        `"${active.procedureName}" is ${active.status.replace("_", " ")}; let it finish or cancel it before cancelling the release`,
        { field: "run" },
      );
    }
    await tx.release.update({ where: { id: releaseId }, data: { status: next, revision: { increment: 1 } } });
    await appendEvent(tx, releaseId, {
      type: "release.status",
      actorId: caller.id,
      payload: { status: next, previous: current.status, ...(input.reason && { reason: input.reason }) },
    });
  });
  forgetRelease(releaseId);
  return getRelease(releaseId);
}
