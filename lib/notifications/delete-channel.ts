import "server-only";
import { db } from "@/lib/db";
import type { TNotificationDeleted } from "@/lib/schemas/notification";

/** Deletes a channel with its subscriptions and delivery log; a queued message for it is then dropped. */
export async function deleteChannel(id: string): Promise<TNotificationDeleted> {
  await db().notificationChannel.delete({ where: { id } });
  return { deleted: true };
}
