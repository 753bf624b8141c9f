import { db } from "@/lib/db";
import type { ReleaseStatus } from "@/lib/generated/prisma/enums";
import { dueReminders, reminderDueAt, reminderPlan, REMINDER_GRACE_MS, type Reminder } from "@/lib/notifications/reminder-plan";
import { renderMessage } from "@/lib/notifications/render-message";
import { insertDeliveries } from "@/lib/notifications/record-deliveries";

const SILENT: ReleaseStatus[] = ["cancelled", "draft"];
const MAX_OFFSET_MS = 30 * 86_400_000;

type ReleaseForReminder = { id: string; name: string; version: string; environment: string; type: string; scheduledAt: Date };

/**
 * Fires the communication plan's reminders that are due at `now` for releases some channel wants reminders
 * of. Due times are read from the release's current T-0 at every sweep, so a moved T-0 moves its reminders; a
 * cancelled release gets none. Each (release, offset, T-0) fires once: the ReleaseReminder row's primary key
 * decides, so a reminder that fired before T-0 moved fires again at its offset from the new T-0.
 */
export async function fireDueReminders(now = new Date()): Promise<number> {
  const subscriptions = await db().notificationSubscription.findMany({
    where: { eventTypes: { has: "reminder" }, channel: { enabled: true } },
    select: { templateId: true, releaseId: true },
  });
  if (!subscriptions.length) return 0;
  const templateIds = subscriptions.flatMap((s) => (s.templateId ? [s.templateId] : []));
  const releaseIds = subscriptions.flatMap((s) => (s.releaseId ? [s.releaseId] : []));
  const releases = await db().release.findMany({
    where: {
      OR: [{ templateId: { in: templateIds } }, { id: { in: releaseIds } }],
      status: { notIn: SILENT },
      scheduledAt: { gte: new Date(now.getTime() - MAX_OFFSET_MS - REMINDER_GRACE_MS), lte: new Date(now.getTime() + MAX_OFFSET_MS) },
    },
    select: { id: true, name: true, version: true, environment: true, type: true, scheduledAt: true, template: { select: { reminders: true } } },
  });
  let fired = 0;
  for (const release of releases) {
    for (const reminder of dueReminders(release.scheduledAt, reminderPlan(release.template.reminders), now)) {
      if (await fireReminder(release, reminder)) fired++;
    }
  }
  return fired;
}

async function fireReminder(release: ReleaseForReminder, reminder: Reminder): Promise<boolean> {
  return db().$transaction(async (tx) => {
    // Claimed only while T-0 is still the one the due time was computed from (a move meanwhile: the next sweep).
    const claimed = await tx.$executeRaw`
      INSERT INTO "ReleaseReminder" ("releaseId", "offsetMinutes", "scheduledAt")
      SELECT id, ${reminder.offsetMinutes}, "scheduledAt" FROM "Release"
      WHERE id = ${release.id}::uuid AND "scheduledAt" = ${release.scheduledAt} AND status::text NOT IN ('cancelled', 'draft')
      ON CONFLICT DO NOTHING`;
    if (!claimed) return false;
    await insertDeliveries(tx, {
      releaseId: release.id,
      type: "reminder",
      key: `reminder:${release.id}:${reminder.offsetMinutes}:${release.scheduledAt.getTime()}`,
      data: { text: renderMessage(reminder.message, release), offsetMinutes: reminder.offsetMinutes },
      occurredAt: reminderDueAt(release.scheduledAt, reminder),
    });
    return true;
  });
}
