import "server-only";
import { db } from "@/lib/db";

export async function deleteSubscription(id: string) {
  await db().notificationSubscription.delete({ where: { id } });
  return { deleted: true };
}
