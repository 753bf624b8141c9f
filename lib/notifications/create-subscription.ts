import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TCreateSubscription, TSubscriptionAnswer } from "@/lib/schemas/notification";
import { toSubscriptionView } from "@/lib/notifications/list-subscriptions";

/** Subscribes a channel to some event types of every release of a template, or of one release. */
export async function createSubscription(input: TCreateSubscription): Promise<TSubscriptionAnswer> {
  const [channel, target] = await Promise.all([
    db().notificationChannel.findUnique({ where: { id: input.channelId }, select: { id: true } }),
    input.templateId
      ? db().template.findUnique({ where: { id: input.templateId }, select: { id: true } })
      : db().release.findUnique({ where: { id: input.releaseId! }, select: { id: true } }),
  ]);
  if (!channel) throw new AppError("UNPROCESSABLE", "channelId: no such channel", { field: "channelId" });
  if (!target) {
    const field = input.templateId ? "templateId" : "releaseId";
    throw new AppError("UNPROCESSABLE", `${field}: no such ${input.templateId ? "template" : "release"}`, { field });
  }
  const row = await db().notificationSubscription.create({
    data: { channelId: input.channelId, templateId: input.templateId ?? null, releaseId: input.releaseId ?? null, eventTypes: input.eventTypes },
    include: { template: { select: { name: true } }, release: { select: { name: true, version: true } } },
  });
  return { subscription: toSubscriptionView(row) };
}
