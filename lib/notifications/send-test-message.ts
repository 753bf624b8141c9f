import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { enqueueDelivery } from "@/lib/notifications/dispatch-deliveries";
import type { TTestDelivery } from "@/lib/schemas/notification";

/** Queues a test message to the channel (even a disabled one: that is how an admin checks it before enabling it). */
export async function sendTestMessage(channelId: string, now = new Date()): Promise<TTestDelivery> {
  const channel = await db().notificationChannel.findUniqueOrThrow({ where: { id: channelId }, select: { id: true, name: true } });
  const delivery = await db().notificationDelivery.create({
    data: { channelId: channel.id, key: `test:${crypto.randomUUID()}`, eventType: "test", data: { channel: channel.name }, occurredAt: now },
  });
  await enqueueDelivery(delivery.id);
  await db().notificationDelivery.update({ where: { id: delivery.id }, data: { enqueuedAt: now } });
  return { deliveryId: delivery.id };
}
