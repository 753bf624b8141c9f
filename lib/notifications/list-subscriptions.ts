import "server-only";
import { db } from "@/lib/db";
import type { NotificationSubscription } from "@/lib/generated/prisma/client";
import type { TSubscriptionList } from "@/lib/schemas/notification";
import type { TSubscriptionView } from "@/lib/schemas/notification";

type Row = NotificationSubscription & { template: { name: string } | null; release: { name: string; version: string } | null };

export function toSubscriptionView(s: Row): TSubscriptionView {
  return {
    id: s.id,
    channelId: s.channelId,
    template: s.templateId && s.template ? { id: s.templateId, name: s.template.name } : null,
    release: s.releaseId && s.release ? { id: s.releaseId, name: s.release.name, version: s.release.version } : null,
    eventTypes: s.eventTypes,
    createdAt: s.createdAt.toISOString(),
  };
}

/** Every subscription, or one channel's. */
export async function listSubscriptions(channelId?: string): Promise<TSubscriptionList> {
  const rows = await db().notificationSubscription.findMany({
    where: channelId ? { channelId } : {},
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: { template: { select: { name: true } }, release: { select: { name: true, version: true } } },
  });
  return { subscriptions: rows.map(toSubscriptionView) };
}
