import "server-only";
import { db } from "@/lib/db";
import { sealSecret } from "@/lib/secrets/secret-box";
import type { TChannelAnswer, TUpdateChannel } from "@/lib/schemas/notification";
import { maskWebhookUrl, toChannelView } from "@/lib/notifications/channel-view";
import { checkWebhookUrl } from "@/lib/notifications/check-webhook-url";

/** Renames, enables or disables a channel, or points it at a new URL. Messages already queued keep going out. */
export async function updateChannel(id: string, input: TUpdateChannel): Promise<TChannelAnswer> {
  if (input.url !== undefined) checkWebhookUrl(input.url);
  const row = await db().notificationChannel.update({
    where: { id },
    data: {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.enabled !== undefined && { enabled: input.enabled }),
      ...(input.url !== undefined && { urlSealed: sealSecret(input.url), urlHint: maskWebhookUrl(input.url) }),
    },
  });
  return { channel: toChannelView(row) };
}
