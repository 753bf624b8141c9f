import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TDeliveryList } from "@/lib/schemas/notification";

/** A channel's delivery log, newest first: what was sent, how it went, how many tries. */
export async function listDeliveries(channelId: string, limit = 50): Promise<TDeliveryList> {
  const channel = await db().notificationChannel.findUnique({ where: { id: channelId }, select: { id: true } });
  if (!channel) throw new AppError("NOT_FOUND", "Channel not found");
  const rows = await db().notificationDelivery.findMany({ where: { channelId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  const releaseIds = [...new Set(rows.map((r) => r.releaseId).filter((id): id is string => id !== null))];
  const releases = new Map(
    (await db().release.findMany({ where: { id: { in: releaseIds } }, select: { id: true, name: true, version: true } })).map((r) => [r.id, r]),
  );
  return {
    deliveries: rows.map((d) => ({
      id: d.id,
      eventType: d.eventType,
      release: d.releaseId ? (releases.get(d.releaseId) ?? null) : null,
      status: d.status,
      attempts: d.attempts,
      lastError: d.lastError,
      lastStatus: d.lastStatus,
      occurredAt: d.occurredAt.toISOString(),
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
      sentAt: d.sentAt?.toISOString() ?? null,
    })),
  };
}
