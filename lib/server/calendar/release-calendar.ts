import "server-only";
import { db } from "@/lib/db";
import { releaseFacts } from "@/lib/server/releases/release-facts";
import { listFreezes } from "@/lib/server/freezes/list-freezes";

const DAY_MS = 86_400_000;

/**
 * Releases with T-0 in [from, to) (cancelled ones left out), each with its go/no-go time: the due time of the
 * phase closest before T-0 (the smallest negative offset), when there is one. Plus every freeze window.
 */
export async function releaseCalendar(from: Date, to: Date, limit = 500) {
  const rows = await db().release.findMany({
    where: { scheduledAt: { gte: from, lt: to }, status: { not: "cancelled" } },
    orderBy: [{ scheduledAt: "asc" }, { id: "asc" }],
    take: limit,
    include: { phases: { where: { offsetMinutes: { lt: 0 } }, orderBy: { offsetMinutes: "desc" }, take: 1, select: { title: true, dueAt: true } } },
  });
  const { freezes } = await listFreezes({});
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    releases: rows.map((r) => ({
      ...releaseFacts(r),
      goNoGo: r.phases[0]?.dueAt ? { title: r.phases[0].title, at: r.phases[0].dueAt.toISOString() } : null,
    })),
    freezes,
  };
}

export const calendarWindow = (now = new Date(), pastDays = 30, futureDays = 365) => ({ from: new Date(now.getTime() - pastDays * DAY_MS), to: new Date(now.getTime() + futureDays * DAY_MS) });
