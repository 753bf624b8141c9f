import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getRelease, type ReleaseDetail } from "@/lib/server/releases/get-release";

// Launch day: hundreds of people reload the same release. Every change to a release appends to its history and
// bumps `lastSeq`, so a copy read at sequence N is still right while `lastSeq` is N: one indexed lookup instead
// of the whole plan. The short age limit covers what changes with the clock alone (a freeze window starting,
// a worker's heartbeat going stale). Each web process keeps its own copies; nothing is shared or trusted blindly.
// A copy keeps its JSON too (serialised once, not per request) and an ETag, so a browser revalidating gets a 304.
const MAX_AGE_MS = 2_000;
const MAX_ENTRIES = 500;

export type ReleaseCopy = { seq: number; at: number; value: ReleaseDetail; json: string; etag: string };
const copies = new Map<string, ReleaseCopy>();

export async function getReleaseFresh(id: string): Promise<ReleaseCopy> {
  const [head] = await db().$queryRaw<{ lastSeq: number }[]>`SELECT "lastSeq" FROM "Release" WHERE id = ${id}::uuid`;
  if (!head) throw new AppError("NOT_FOUND", "Release not found");
  const copy = copies.get(id);
  if (copy && copy.seq === head.lastSeq && Date.now() - copy.at < MAX_AGE_MS) return copy;
  // Read after the sequence number: the value is at least as new as `seq`, never older.
  const value = await getRelease(id);
  const at = Date.now();
  const fresh = { seq: head.lastSeq, at, value, json: JSON.stringify(value), etag: `W/"${id}.${head.lastSeq}.${at}"` };
  copies.delete(id);
  copies.set(id, fresh);
  if (copies.size > MAX_ENTRIES) copies.delete(copies.keys().next().value!);
  return fresh;
}
