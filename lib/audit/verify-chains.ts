import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hashMatches } from "@/lib/events/event-hash";

export type ChainBreak = { releaseId: string; releaseName: string; seq: number; reason: string };

const PAGE = 2_000;

/**
 * Recomputes one release's chain from its first event: each event's hash must match its own contents and the
 * previous event's hash, and the release's head must be the last event. Returns the first broken event.
 */
export async function verifyChain(
  client: Prisma.TransactionClient,
  release: { id: string; name: string; lastEventHash: string | null; lastSeq: number },
): Promise<ChainBreak | null> {
  const broken = (seq: number, reason: string) => ({ releaseId: release.id, releaseName: release.name, seq, reason });
  let prev: string | null = null;
  let lastSeq = 0;
  for (;;) {
    const events = await client.event.findMany({ where: { releaseId: release.id, seq: { gt: lastSeq } }, orderBy: { seq: "asc" }, take: PAGE });
    for (const e of events) {
      if (e.prevHash !== prev) return broken(e.seq, "its prevHash is not the hash of the event before it (an event was removed, added or reordered)");
      if (!hashMatches(e)) return broken(e.seq, "its contents do not match its hash (the row was changed)");
      prev = e.hash;
      lastSeq = e.seq;
    }
    if (events.length < PAGE) break;
  }
  if (release.lastEventHash !== prev) return broken(lastSeq + 1, "the release's head hash is not the last event's hash (events after this point are missing)");
  return null;
}

/** Every release's chain (or the given ones). */
export async function verifyChains(client: Prisma.TransactionClient, where: Prisma.ReleaseWhereInput = {}) {
  const releases = await client.release.findMany({
    where,
    select: { id: true, name: true, lastEventHash: true, lastSeq: true },
    orderBy: { createdAt: "asc" },
  });
  const broken: ChainBreak[] = [];
  for (const r of releases) {
    const b = await verifyChain(client, r);
    if (b) broken.push(b);
  }
  return { releases: releases.length, broken };
}
