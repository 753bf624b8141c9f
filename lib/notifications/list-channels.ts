import "server-only";
import { db } from "@/lib/db";
import { toChannelView } from "@/lib/notifications/channel-view";
import type { TChannelList } from "@/lib/schemas/notification";

/** Every channel with its subscription count and its newest delivery's outcome. */
export async function listChannels(): Promise<TChannelList> {
  const rows = await db().notificationChannel.findMany({
    orderBy: [{ name: "asc" }, { id: "asc" }],
    include: {
      _count: { select: { subscriptions: true } },
      deliveries: { orderBy: { createdAt: "desc" }, take: 1, select: { status: true, updatedAt: true } },
    },
  });
  return {
    channels: rows.map((c) => ({
      ...toChannelView(c),
      subscriptions: c._count.subscriptions,
      lastDelivery: c.deliveries[0] ? { status: c.deliveries[0].status, at: c.deliveries[0].updatedAt.toISOString() } : null,
    })),
  };
}
