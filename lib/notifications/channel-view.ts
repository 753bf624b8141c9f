import "server-only";
import type { NotificationChannel } from "@/lib/generated/prisma/client";
import type { TChannelView } from "@/lib/schemas/notification";

/** What the API says about a channel: never its URL or signing secret, only a hint to tell channels apart. */
export function toChannelView(c: NotificationChannel): TChannelView {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    url: c.urlHint,
    signed: c.secretSealed !== null,
    // Until then, deliveries are also signed with the secret the last rotation replaced.
    previousSecretValidUntil: c.previousSecretExpiresAt && c.previousSecretExpiresAt.getTime() > Date.now() ? c.previousSecretExpiresAt.toISOString() : null,
    enabled: c.enabled,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export type ChannelView = TChannelView;

/** "https://hooks.slack.com/…x7Qz": scheme and host, and the last four characters of the rest. */
export function maskWebhookUrl(raw: string): string {
  const url = new URL(raw);
  const rest = raw.slice(url.origin.length);
  return rest.length > 8 ? `${url.origin}/…${rest.slice(-4)}` : `${url.origin}/…`;
}
