import "server-only";
import { releaseSignals } from "@/lib/stream/release-signals";

// Who a bearer token or a session belongs to, kept in memory per web process: on launch day every request of
// hundreds of viewers would otherwise read the same user row, and on this kind of machine the round trip to the
// database costs more than the rest of serving a cached release.
// - Any change to users or tokens (revoked, disabled, another role) empties the cache at commit: a trigger NOTIFYs
//   the LISTEN connection this process holds anyway (release-signals.ts). A change during a lookup keeps that
//   lookup's answer out of the cache.
// - While that connection is down nothing is cached or served from the cache: every request reads the database.
// - An entry lives at most a minute, and unknown or revoked callers are never cached.
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 2_000;

type Entry<T> = { value: T; at: number; epoch: number };
const entries = new Map<string, Entry<unknown>>();
let changes = 0;
let subscribed = false;

export function forgetCallers(): void {
  entries.clear();
  changes++;
}

/** `load()`'s answer for `key` (a token's hash, a session's user id), from memory while it is known to be current. */
export async function cachedCaller<T>(key: string, load: () => Promise<T | null>): Promise<T | null> {
  if (!subscribed) {
    releaseSignals().subscribeAuth(forgetCallers);
    subscribed = true;
  }
  const epoch = releaseSignals().listeningEpoch();
  const entry = entries.get(key) as Entry<T> | undefined;
  if (entry && epoch !== null && entry.epoch === epoch && Date.now() - entry.at < MAX_AGE_MS) return entry.value;

  const seen = changes;
  const value = await load();
  if (value !== null && epoch !== null && changes === seen && releaseSignals().listeningEpoch() === epoch) {
    entries.delete(key);
    entries.set(key, { value, at: Date.now(), epoch });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  }
  return value;
}
