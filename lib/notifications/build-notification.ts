import { db } from "@/lib/db";
import type { NotificationDelivery } from "@/lib/generated/prisma/client";
import type { Notification, PayloadRelease } from "@/lib/notifications/webhook-payload";
import { config } from "@/lib/config";

/**
 * The message for a delivery, built when it is sent: the release as it is now, and the event's own fields
 * with names resolved (who voted, which procedure ran). Internal ids of people are not sent.
 */
export async function buildNotification(delivery: NotificationDelivery): Promise<Notification> {
  const { actorId, ...data } = (delivery.data ?? {}) as Record<string, unknown>;
  const release = delivery.releaseId ? await db().release.findUnique({ where: { id: delivery.releaseId } }) : null;
  if (typeof actorId === "string") {
    const actor = await db().user.findUnique({ where: { id: actorId }, select: { name: true } });
    if (actor) data.actor = actor.name;
  }
  if (typeof data.runId === "string" && data.procedure === undefined) {
    const run = await db().run.findUnique({ where: { id: data.runId }, select: { procedureName: true, procedureKind: true } });
    if (run) Object.assign(data, { procedure: run.procedureName, kind: run.procedureKind });
  }
  const base = config().NEXTAUTH_URL?.replace(/\/$/, "");
  const payloadRelease: PayloadRelease | null = release
    ? {
        id: release.id,
        name: release.name,
        version: release.version,
        type: release.type,
        environment: release.environment,
        status: release.status,
        scheduledAt: release.scheduledAt.toISOString(),
        ...(base && { url: `${base}/releases/${release.id}` }),
      }
    : null;
  return { id: delivery.id, type: delivery.eventType, occurredAt: delivery.occurredAt.toISOString(), release: payloadRelease, data };
}
