// The audit chain: each event's hash covers the previous event's hash and the event's own canonical form
// (RFC 8785 JSON), so changing, removing or reordering any row breaks every hash after it.
import crypto from "node:crypto";
import canonicalize from "canonicalize";

export type HashedEventFields = {
  releaseId: string;
  seq: number;
  type: string;
  actorId: string | null;
  at: Date;
  payload: unknown;
  prevHash: string | null;
};

export function eventHash(e: HashedEventFields): string {
  const canonical = canonicalize({
    releaseId: e.releaseId,
    seq: e.seq,
    type: e.type,
    actorId: e.actorId,
    at: e.at.toISOString(),
    payload: e.payload ?? {},
    prevHash: e.prevHash,
  });
  return crypto.createHash("sha256").update(canonical!).digest("hex");
}
