import "server-only";
import { db } from "@/lib/db";
import type { Caller } from "@/lib/auth/roles";
import { lockRelease } from "@/lib/decisions/lock-release";
import { appendEvent } from "@/lib/events/append-event";
import type { TShareLinkList, TShareLinksRevoked } from "@/lib/schemas/share";

/** Revokes every live share link of the release at once (one event, whatever the count). */
export async function revokeShareLinks(releaseId: string, caller: Caller): Promise<TShareLinksRevoked> {
  return db().$transaction(async (tx) => {
    await lockRelease(tx, releaseId);
    const { count } = await tx.shareLink.updateMany({ where: { releaseId, revokedAt: null }, data: { revokedAt: new Date() } });
    await appendEvent(tx, releaseId, { type: "share.revoked", actorId: caller.id, payload: { count } });
    return { revoked: count };
  });
}

/** The release's links for its managers: when made, by whom, until when; never a token. */
export async function listShareLinks(releaseId: string, now = new Date()): Promise<TShareLinkList> {
  const rows = await db().shareLink.findMany({
    where: { releaseId },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { createdBy: { select: { name: true } } },
  });
  return {
    links: rows.map((l) => ({
      id: l.id,
      createdBy: l.createdBy.name,
      createdAt: l.createdAt.toISOString(),
      expiresAt: l.expiresAt.toISOString(),
      state: l.revokedAt ? "revoked" : l.expiresAt <= now ? "expired" : "active",
    })),
  };
}
