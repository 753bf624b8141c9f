import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { eventDigest } from "@/lib/events/event-hash";
import { recordEventDeliveries } from "@/lib/notifications/record-deliveries";

export type NewEvent = { type: string; actorId: string | null; payload?: Prisma.InputJsonObject };

/** What countdown_append_event (prisma/sql/countdown_append_event.sql) needs: the event and the digest of its contents (event-hash.ts). */
export function eventArgs(releaseId: string, event: NewEvent) {
  const body = { releaseId, type: event.type, actorId: event.actorId, at: new Date(), payload: event.payload ?? {} };
  return { ...body, payloadJson: JSON.stringify(body.payload), digest: eventDigest(body) };
}

/**
 * Appends one event to a release's history inside the caller's transaction, in one statement: the database
 * function takes the release's next sequence number under its row lock, chains the hash, inserts the row and
 * signals the release's streams. Every writer of the release waits for that lock until the transaction ends, so
 * append last, just before the commit. The few event types webhook channels hear about
 * (lib/notifications/event-types.ts) add one more statement: their outbox rows, in the same transaction. (Ticks and
 * step transitions call countdown_append_event from their own SQL; none of their types is one of those.)
 */
export async function appendEvent(tx: Prisma.TransactionClient, releaseId: string, event: NewEvent) {
  const a = eventArgs(releaseId, event);
  const [row] = await tx.$queryRaw<{ seq: number; hash: string; prev_hash: string | null }[]>`
    SELECT seq, hash, prev_hash FROM countdown_append_event(${releaseId}::uuid, ${a.type}, ${a.actorId}::uuid, ${a.at}, ${a.payloadJson}::jsonb, ${a.digest})`;
  const appended = { releaseId, seq: row.seq, type: a.type, actorId: a.actorId, at: a.at, payload: a.payload, prevHash: row.prev_hash, hash: row.hash };
  await recordEventDeliveries(tx, appended);
  return appended;
}
