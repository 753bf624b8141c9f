import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { eventHash } from "@/lib/server/events/event-hash";
import { signalRelease } from "@/lib/server/stream/signal-release";

export type NewEvent = { type: string; actorId: string | null; payload?: Prisma.InputJsonObject };

/**
 * Appends one event to a release's history inside the caller's transaction. Bumping the release's sequence
 * locks its row, so events of one release are numbered and chained strictly one after another.
 */
export async function appendEvent(tx: Prisma.TransactionClient, releaseId: string, event: NewEvent) {
  const [head] = await tx.$queryRaw<{ lastSeq: number; lastEventHash: string | null }[]>`
    UPDATE "Release" SET "lastSeq" = "lastSeq" + 1 WHERE id = ${releaseId}::uuid RETURNING "lastSeq", "lastEventHash"`;
  const fields = {
    releaseId,
    seq: head.lastSeq,
    type: event.type,
    actorId: event.actorId,
    at: new Date(),
    payload: event.payload ?? {},
    prevHash: head.lastEventHash,
  };
  const hash = eventHash(fields);
  await tx.$executeRaw`UPDATE "Release" SET "lastEventHash" = ${hash} WHERE id = ${releaseId}::uuid`;
  const created = await tx.event.create({ data: { ...fields, hash } });
  await signalRelease(tx, releaseId);
  return created;
}
