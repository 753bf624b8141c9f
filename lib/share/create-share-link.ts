import "server-only";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/api-tokens";
import type { Caller } from "@/lib/auth/roles";
import type { TCreateShare, TShareLinkCreated } from "@/lib/schemas/share";
import { lockRelease } from "@/lib/decisions/lock-release";
import { appendEvent } from "@/lib/events/append-event";
import { newShareToken } from "@/lib/share/share-token";

const DAY_MS = 86_400_000;

/** A read-only link to the release's timeline. The token is returned once; only its hash is stored or logged. */
export async function createShareLink(releaseId: string, input: TCreateShare, caller: Caller, baseUrl: string, now = new Date()): Promise<TShareLinkCreated> {
  const token = newShareToken();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  const link = await db().$transaction(async (tx) => {
    await lockRelease(tx, releaseId);
    const row = await tx.shareLink.create({ data: { releaseId, tokenHash: hashToken(token), expiresAt, createdById: caller.id } });
    await appendEvent(tx, releaseId, { type: "share.created", actorId: caller.id, payload: { linkId: row.id, expiresAt: expiresAt.toISOString() } });
    return row;
  });
  return { id: link.id, url: `${baseUrl.replace(/\/$/, "")}/t/${token}`, token, expiresAt: expiresAt.toISOString() };
}
