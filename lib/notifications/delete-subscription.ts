import "server-only";
import { db } from "@/lib/db";
import type { TNotificationDeleted } from "@/lib/schemas/notification";

export async function deleteSubscription(id: string): Promise<TNotificationDeleted> {
  await db().notificationSubscription.delete({ where: { id } });
  return { deleted: true };
}
