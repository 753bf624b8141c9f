import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getRelease, type ReleaseDetail } from "@/lib/server/releases/get-release";

// Launch day: hundreds of people reload the same release. Every change to a release appends to its history and
// bumps `lastSeq`, so a copy read at sequence N is still right while `lastSeq` is N: one indexed lookup instead
// of the whole plan. The short age limit covers what changes with the clock alone (a freeze window starting,
// a worker's heartbeat going stale). Each web process keeps its own copies; nothing is shared or trusted blindly.
const MAX_AGE_MS = 2_000;
const MAX_ENTRIES = 500;
const copies = new Map<string, { seq: number; at: number; value: ReleaseDetail }>();

export async function getReleaseFresh(id: string): Promise<ReleaseDetail> {
  const head = await db().release.findUnique({ where: { id }, select: { lastSeq: true } });
  if (!head) throw new AppError("NOT_FOUND", "Release not found");
  const copy = copies.get(id);
  if (copy && copy.seq === head.lastSeq && Date.now() - copy.at < MAX_AGE_MS) return copy.value;
  // Read after the sequence number: the value is at least as new as `seq`, never older.
  const value = await getRelease(id);
  copies.delete(id);
  copies.set(id, { seq: head.lastSeq, at: Date.now(), value });
  if (copies.size > MAX_ENTRIES) copies.delete(copies.keys().next().value!);
  return value;
}
