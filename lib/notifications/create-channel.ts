import "server-only";
import { db } from "@/lib/db";
import type { Caller } from "@/lib/auth/roles";
import { newSigningSecret } from "@/lib/notifications/signature";
import { sealSecret } from "@/lib/secrets/secret-box";
import type { TChannelAnswer, TCreateChannel } from "@/lib/schemas/notification";
import { maskWebhookUrl, toChannelView } from "@/lib/notifications/channel-view";
import { checkWebhookUrl } from "@/lib/notifications/check-webhook-url";

/**
 * Adds a webhook channel. The URL is sealed at rest; a JSON channel gets a signing secret, returned here once
 * (as `signingSecret`) and never again: lose it and make a new channel.
 */
export async function createChannel(input: TCreateChannel, caller: Caller): Promise<TChannelAnswer> {
  checkWebhookUrl(input.url);
  const secret = input.kind === "json" ? newSigningSecret() : null;
  const row = await db().notificationChannel.create({
    data: {
      name: input.name,
      kind: input.kind,
      urlSealed: sealSecret(input.url),
      urlHint: maskWebhookUrl(input.url),
      secretSealed: secret ? sealSecret(secret) : null,
      enabled: input.enabled,
      createdById: caller.id,
    },
  });
  return { channel: toChannelView(row), ...(secret ? { signingSecret: secret } : {}) };
}
