import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { newSigningSecret } from "@/lib/notifications/signature";
import { sealSecret } from "@/lib/secrets/secret-box";
import { toChannelView } from "@/lib/notifications/channel-view";
import type { TRotatedSecret } from "@/lib/schemas/notification";

/** How long deliveries stay signed with the replaced secret too: time for receivers to switch. */
export const SECRET_GRACE_MS = 24 * 60 * 60_000;

/**
 * Gives a signed JSON channel a new signing secret, returned here once (as `signingSecret`), sealed at rest like the
 * first. Until `previousSecretValidUntil` deliveries carry a signature with the replaced secret as well. Rotating
 * again within that time drops the older one: only the two newest secrets sign. Under the channel's row lock, so
 * two rotations at once chain instead of both replacing the same secret.
 */
export async function rotateChannelSecret(channelId: string, now = new Date()): Promise<TRotatedSecret> {
  const secret = newSigningSecret();
  const row = await db().$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ kind: string; secretSealed: string | null }[]>`
      SELECT kind::text AS kind, "secretSealed" FROM "NotificationChannel" WHERE id = ${channelId}::uuid FOR UPDATE`;
    if (!current) throw new AppError("NOT_FOUND", "Channel not found");
    if (current.kind !== "json" || !current.secretSealed) throw new AppError("UNPROCESSABLE", "Only signed JSON channels have a signing secret to rotate");
    return tx.notificationChannel.update({
      where: { id: channelId },
      data: {
        secretSealed: sealSecret(secret),
        previousSecretSealed: current.secretSealed,
        previousSecretExpiresAt: new Date(now.getTime() + SECRET_GRACE_MS),
      },
    });
  });
  return { channel: toChannelView(row), signingSecret: secret };
}
