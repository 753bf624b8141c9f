import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReleaseStatus } from "@/lib/generated/prisma/enums";
import { FINAL_STATUSES } from "@/lib/releases/lifecycle";
import { appendEvent, type NewEvent } from "@/lib/events/append-event";

/** The lifecycle's final statuses (lib/releases/lifecycle.ts), as a list Prisma filters take. */
export const FINISHED_STATUSES: ReleaseStatus[] = [...FINAL_STATUSES];

/**
 * Events belong to a release's chain, so a change that is not about one release (a policy, a freeze window) is
 * recorded on every release it affects that is not finished yet. Returns how many releases got the event.
 */
export async function appendToOpenReleases(tx: Prisma.TransactionClient, where: Prisma.ReleaseWhereInput, event: NewEvent): Promise<number> {
  const releases = await tx.release.findMany({ where: { ...where, status: { notIn: FINISHED_STATUSES } }, select: { id: true }, orderBy: { id: "asc" } });
  for (const r of releases) await appendEvent(tx, r.id, event);
  return releases.length;
}
