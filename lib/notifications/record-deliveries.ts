import type { Prisma } from "@/lib/generated/prisma/client";
import { notificationTypeOf, NOTIFYING_EVENT_TYPES } from "@/lib/notifications/event-types";

type Message = { releaseId: string; type: string; key: string; data: Prisma.InputJsonObject; occurredAt: Date };

/**
 * Writes one pending delivery per enabled channel subscribed to `type` for this release (directly or through
 * its template), inside the caller's transaction: the outbox rows commit or roll back with what they announce,
 * and no HTTP call ever happens in a release action. The sweep hands them to the queue (dispatch-deliveries.ts).
 * Returns how many rows were written; the key makes writing the same message twice a no-op.
 */
export async function insertDeliveries(tx: Prisma.TransactionClient, m: Message): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "NotificationDelivery" (id, "channelId", key, "eventType", "releaseId", data, "occurredAt", "updatedAt")
    SELECT gen_random_uuid(), c.id, ${m.key}, ${m.type}, ${m.releaseId}::uuid, ${JSON.stringify(m.data)}::jsonb, ${m.occurredAt}, now()
    FROM "NotificationChannel" c
    WHERE c.enabled AND EXISTS (
      SELECT 1 FROM "NotificationSubscription" s, "Release" r
      WHERE r.id = ${m.releaseId}::uuid AND s."channelId" = c.id AND ${m.type} = ANY(s."eventTypes")
        AND (s."releaseId" = r.id OR s."templateId" = r."templateId"))
    ON CONFLICT ("channelId", key) DO NOTHING`;
}

type AppendedEvent = { releaseId: string; seq: number; type: string; actorId: string | null; at: Date; payload: Prisma.InputJsonObject; hash: string };

/** Called by appendEvent for every event: the few types channels hear about become deliveries. */
export async function recordEventDeliveries(tx: Prisma.TransactionClient, event: AppendedEvent): Promise<number> {
  if (!NOTIFYING_EVENT_TYPES.has(event.type)) return 0;
  const type = notificationTypeOf(event);
  if (!type) return 0;
  return insertDeliveries(tx, {
    releaseId: event.releaseId,
    type,
    key: `event:${event.releaseId}:${event.seq}`,
    data: {
      ...event.payload,
      event: event.type,
      seq: event.seq,
      ...(event.actorId ? { actorId: event.actorId } : {}),
      // The release's final chain head: receivers keep a witness that a later rewrite of the history cannot match
      // (`npm run audit:verify -- --file export.json --head <chainHead>`).
      ...(type === "release.completed" ? { chainHead: event.hash } : {}),
    },
    occurredAt: event.at,
  });
}
