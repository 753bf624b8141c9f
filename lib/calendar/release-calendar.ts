import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { releaseFacts } from "@/lib/releases/release-facts";
import { listFreezes } from "@/lib/freezes/list-freezes";
import { trainDates } from "@/lib/calendar/train";
import { ZTrainSchedule } from "@/lib/schemas/train";
import type { TReleaseCalendar } from "@/lib/schemas/calendar";

const DAY_MS = 86_400_000;

/**
 * Releases with T-0 in [from, to) (cancelled ones left out), each with its go/no-go time: the due time of the
 * phase closest before T-0 (the smallest negative offset), when there is one. Plus every freeze window, and the
 * departures of every template's release train in the window (at most `trainsPerTemplate` each).
 */
export async function releaseCalendar(from: Date, to: Date, limit = 500, trainsPerTemplate = 60): Promise<TReleaseCalendar> {
  const rows = await db().release.findMany({
    where: { scheduledAt: { gte: from, lt: to }, status: { not: "cancelled" } },
    orderBy: [{ scheduledAt: "asc" }, { id: "asc" }],
    take: limit,
    include: { phases: { where: { offsetMinutes: { lt: 0 } }, orderBy: { offsetMinutes: "desc" }, take: 1, select: { title: true, dueAt: true } } },
  });
  const { freezes } = await listFreezes({});
  const trains = await trainDepartures(from, to, trainsPerTemplate);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    releases: rows.map((r) => ({
      ...releaseFacts(r),
      goNoGo: r.phases[0]?.dueAt ? { title: r.phases[0].title, at: r.phases[0].dueAt.toISOString() } : null,
    })),
    freezes,
    trains,
  };
}

async function trainDepartures(from: Date, to: Date, perTemplate: number) {
  const templates = await db().template.findMany({
    where: { schedule: { not: Prisma.DbNull } },
    select: { id: true, name: true, schedule: true },
    orderBy: { name: "asc" },
  });
  return templates
    .flatMap((t) => {
      const schedule = ZTrainSchedule.safeParse(t.schedule).data;
      return schedule ? trainDates(schedule, from, perTemplate, to).map((at) => ({ templateId: t.id, templateName: t.name, at: at.toISOString() })) : [];
    })
    .sort((a, b) => a.at.localeCompare(b.at));
}

export const calendarWindow = (now = new Date(), pastDays = 30, futureDays = 365) => ({
  from: new Date(now.getTime() - pastDays * DAY_MS),
  to: new Date(now.getTime() + futureDays * DAY_MS),
});
