import "server-only";
import { db } from "@/lib/db";

/** Deletes a channel with its subscriptions and delivery log; a queued message for it is then dropped. */
export async function deleteChannel(id: string) {
  await db().notificationChannel.delete({ where: { id } });
  return { deleted: true };
}
