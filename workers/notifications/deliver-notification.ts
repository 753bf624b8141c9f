// The `notification.deliver` job: posts one delivery to its channel and records the outcome on the same row,
// whichever attempt this is. Nothing here logs or stores the channel's URL or secret, and errors name only a
// status, a network error code or, for a refused address, the host and the kind of address.
import { db } from "@/lib/db";
import { UnrecoverableError } from "@/lib/queue/backend";
import type { JobContext } from "@/lib/queue/jobs";
import { openSecret } from "@/lib/secrets/secret-box";
import { signatureHeaders } from "@/lib/notifications/signature";
import { jsonEnvelope, slackPayload } from "@/lib/notifications/webhook-payload";
import { buildNotification } from "@/lib/notifications/build-notification";
import { postWebhook, RefusedAddressError, type WebhookAnswer } from "@/lib/notifications/post-webhook";

const TIMEOUT_MS = 10_000;

type Outcome = { ok: true; status: number } | { ok: false; status: number | null; error: string; permanent: boolean };

export async function deliverNotification(deliveryId: string, ctx: Pick<JobContext, "attempt" | "maxAttempts">, now = () => new Date()) {
  const delivery = await db().notificationDelivery.findUnique({ where: { id: deliveryId }, include: { channel: true } });
  // Deleted with its channel, or finished by an earlier job: nothing to do.
  if (!delivery) return { skipped: "deleted" };
  if (delivery.status !== "pending") return { skipped: delivery.status };

  const outcome: Outcome =
    !delivery.channel.enabled && delivery.eventType !== "test"
      ? { ok: false, status: null, error: "the channel is disabled", permanent: true }
      : await post(delivery.channel, await buildNotification(delivery), now());

  const final = outcome.ok || outcome.permanent || ctx.attempt >= ctx.maxAttempts;
  await db().notificationDelivery.updateMany({
    where: { id: deliveryId, status: "pending" },
    data: {
      attempts: ctx.attempt,
      lastStatus: outcome.status,
      lastError: outcome.ok ? null : outcome.error,
      status: outcome.ok ? "sent" : final ? "failed" : "pending",
      ...(outcome.ok && { sentAt: now() }),
    },
  });
  if (outcome.ok) return { status: outcome.status };
  // Thrown so the queue retries with backoff; a permanent failure is not worth another try.
  if (outcome.permanent) throw new UnrecoverableError(outcome.error);
  throw new Error(outcome.error);
}

type Channel = {
  kind: "slack" | "json";
  urlSealed: string;
  secretSealed: string | null;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
};

/** The secrets a JSON delivery is signed with: the current one, and the one it replaced while its grace period lasts. */
function signingSecrets(channel: Channel, now: Date): string[] {
  if (!channel.secretSealed) return [];
  const previous =
    channel.previousSecretSealed && channel.previousSecretExpiresAt && channel.previousSecretExpiresAt > now ? [openSecret(channel.previousSecretSealed)] : [];
  return [openSecret(channel.secretSealed), ...previous];
}

async function post(channel: Channel, notification: Parameters<typeof jsonEnvelope>[0], now: Date): Promise<Outcome> {
  const body = JSON.stringify(channel.kind === "slack" ? slackPayload(notification) : jsonEnvelope(notification));
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "Countdown-Webhook/1" };
  const secrets = channel.kind === "json" ? signingSecrets(channel, now) : [];
  if (secrets.length) Object.assign(headers, signatureHeaders(secrets, body, now));
  let res: WebhookAnswer;
  try {
    res = await postWebhook(openSecret(channel.urlSealed), headers, body, TIMEOUT_MS);
  } catch (err) {
    // A loopback, private or metadata address (SSRF guard): trying again will not change where it points.
    if (err instanceof RefusedAddressError) return { ok: false, status: null, error: err.message, permanent: true };
    return { ok: false, status: null, error: networkError(err), permanent: false };
  }
  if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
  // 4xx means the receiver refuses this request as such (revoked webhook, bad URL): retrying will not help,
  // except for 408 and 429, which ask for exactly that.
  const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
  return { ok: false, status: res.status, error: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`, permanent };
}

/** A network failure in words, without the URL (which error messages may contain). */
function networkError(err: unknown): string {
  const e = err as { name?: string; code?: string; cause?: { code?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `no answer within ${TIMEOUT_MS / 1000} s`;
  const code = e?.code ?? e?.cause?.code;
  return code && /^[A-Z_]+$/.test(code) ? `could not reach the receiver (${code})` : "could not reach the receiver";
}
