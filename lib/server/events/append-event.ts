import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { eventHash } from "@/lib/server/events/event-hash";
import { recordEventDeliveries } from "@/lib/server/notifications/record-deliveries";
import { RELEASE_CHANNEL } from "@/lib/server/stream/signal-release";

export type NewEvent = { type: string; actorId: string | null; payload?: Prisma.InputJsonObject };

/**
 * Appends one event to a release's history inside the caller's transaction. Bumping the release's sequence
 * locks its row, so events of one release are numbered and chained strictly one after another. Everything
 * after the bump is one statement (insert, new chain head, wake-up signal): the row lock is held for as few
 * round trips as possible, since every writer of the release waits for it. The few event types that webhook
 * channels hear about (lib/notifications/event-types.ts) add one more statement: their outbox rows.
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
  await tx.$queryRaw`
    WITH inserted AS (
      INSERT INTO "Event" ("releaseId", seq, type, "actorId", at, payload, "prevHash", hash)
      VALUES (${releaseId}::uuid, ${fields.seq}, ${fields.type}, ${fields.actorId}::uuid, ${fields.at}, ${JSON.stringify(fields.payload)}::jsonb, ${fields.prevHash}, ${hash})
      RETURNING seq
    ), head AS (
      UPDATE "Release" SET "lastEventHash" = ${hash} WHERE id = ${releaseId}::uuid RETURNING id
    )
    SELECT pg_notify(${RELEASE_CHANNEL}, ${releaseId})::text AS signalled FROM inserted, head`;
  await recordEventDeliveries(tx, fields);
  return { ...fields, hash };
}
