import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getRelease, type ReleaseDetail } from "@/lib/releases/get-release";
import { releaseSignals } from "@/lib/stream/release-signals";

// Launch day: hundreds of people reload the same release. Each web process keeps a copy of a release's detail
// and knows when it is out of date:
// - every change to a release is committed with a NOTIFY (countdown_append_event, output batches), which this
//   process's one LISTEN connection (release-signals.ts) receives: the copy is forgotten at once. While that
//   connection is up, a copy is served without asking the database anything;
// - while it is down (database restart), a copy is checked against the release's `lastSeq` (one indexed lookup),
//   which every change bumps;
// - either way a copy is at most 2 s old, for what changes with the clock alone (a freeze window starting, a
//   worker's heartbeat going stale).
// A copy keeps its JSON bytes too (serialised once, not per request) and an ETag, so a browser revalidating gets a 304.
const MAX_AGE_MS = 2_000;
const MAX_ENTRIES = 500;

/** `body` is the value as JSON, encoded once: answering with bytes spares serialising and encoding 60 KB per request. */
export type ReleaseCopy = { seq: number; at: number; epoch: number | null; value: ReleaseDetail; body: Uint8Array<ArrayBuffer>; etag: string };
const copies = new Map<string, ReleaseCopy>();
/** Reads in flight, with the count of the release's signals when each started: fifty viewers whose copy expired at once share one read. */
const reading = new Map<string, { seen: number; epoch: number | null; copy: Promise<ReleaseCopy> }>();
/** Signals per release received while a copy of it existed or was being read: a read that saw one is not kept. */
const signals = new Map<string, number>();
let subscribed = false;

/** Drops this process's copy of the release (a change was signalled, or this process just committed one). */
export function forgetRelease(releaseId: string) {
  copies.delete(releaseId);
  if (signals.has(releaseId)) signals.set(releaseId, signals.get(releaseId)! + 1);
}

export async function getReleaseFresh(id: string): Promise<ReleaseCopy> {
  if (!subscribed) {
    releaseSignals().subscribe(forgetRelease);
    subscribed = true;
  }
  const epoch = releaseSignals().listeningEpoch();
  const copy = copies.get(id);
  const young = copy && Date.now() - copy.at < MAX_AGE_MS;
  if (young && epoch !== null && copy.epoch === epoch) return copy;

  // Join a read in flight if no change was signalled since it started: its answer is as new as one of our own.
  const flight = reading.get(id);
  if (flight && epoch !== null && flight.epoch === epoch && (signals.get(id) ?? 0) === flight.seen) return flight.copy;
  const seen = signals.get(id) ?? 0;
  signals.set(id, seen);
  const read = readCopy(id, epoch, seen, young ? copy : undefined);
  const entry = { seen, epoch, copy: read };
  reading.set(id, entry);
  try {
    return await read;
  } finally {
    if (reading.get(id) === entry) reading.delete(id);
  }
}

async function readCopy(id: string, epoch: number | null, seen: number, young: ReleaseCopy | undefined): Promise<ReleaseCopy> {
  const [head] = await db().$queryRaw<{ lastSeq: number }[]>`SELECT "lastSeq" FROM "Release" WHERE id = ${id}::uuid`;
  if (!head) throw new AppError("NOT_FOUND", "Release not found");
  if (young && young.seq === head.lastSeq) {
    // Current as of now: from now on any change is signalled under this epoch (a copy made before the LISTEN
    // connection was up would otherwise be checked on every request until it expires).
    if (epoch !== null && (signals.get(id) ?? 0) === seen) young.epoch = epoch;
    return young;
  }
  // Read after the sequence number: the value is at least as new as `seq`, never older.
  const value = await getRelease(id);
  const at = Date.now();
  const fresh = { seq: head.lastSeq, at, epoch, value, body: new TextEncoder().encode(JSON.stringify(value)), etag: `W/"${id}.${head.lastSeq}.${at}"` };
  // A signal during the read may mean the value is already old: answer with it (it was current when read) but
  // do not keep it for the next caller.
  if ((signals.get(id) ?? 0) === seen) {
    copies.delete(id);
    copies.set(id, fresh);
    if (copies.size > MAX_ENTRIES) {
      const oldest = copies.keys().next().value!;
      copies.delete(oldest);
      signals.delete(oldest);
    }
  }
  return fresh;
}
