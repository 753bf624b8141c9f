// The audit chain: each event's hash covers the previous event's hash, its sequence number and the digest of the
// event's own canonical form (RFC 8785 JSON), so changing, removing or reordering any row breaks every hash
// after it. The database computes the link when it appends (countdown_append_event, migration
// 20261127103500_event_append_function); this file computes the digest it is given and re-checks chains.
import crypto from "node:crypto";
import canonicalize from "canonicalize";

export type EventBody = { releaseId: string; type: string; actorId: string | null; at: Date; payload: unknown };
export type HashedEventFields = EventBody & { seq: number; prevHash: string | null };

const sha256 = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

/** SHA-256 of the event's own contents (everything but its place in the chain). */
export function eventDigest(e: EventBody): string {
  return sha256(canonicalize({ releaseId: e.releaseId, type: e.type, actorId: e.actorId, at: e.at.toISOString(), payload: e.payload ?? {} })!);
}

/** One link of the chain, exactly as countdown_append_event computes it. */
export function chainHash(prevHash: string | null, seq: number, digest: string): string {
  return sha256(`${prevHash ?? ""}:${seq}:${digest}`);
}

export function eventHash(e: HashedEventFields): string {
  return chainHash(e.prevHash, e.seq, eventDigest(e));
}

/**
 * The first formula (events written before the append function existed, 2026-11-27): the SHA-256 of the whole
 * canonical form including seq and prevHash. Verification accepts either, per event.
 */
export function legacyEventHash(e: HashedEventFields): string {
  return sha256(
    canonicalize({
      releaseId: e.releaseId,
      seq: e.seq,
      type: e.type,
      actorId: e.actorId,
      at: e.at.toISOString(),
      payload: e.payload ?? {},
      prevHash: e.prevHash,
    })!,
  );
}

export function hashMatches(e: HashedEventFields & { hash: string }): boolean {
  return e.hash === eventHash(e) || e.hash === legacyEventHash(e);
}
