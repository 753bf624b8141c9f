import "server-only";
import { config, parseConfig, type Config } from "@/lib/config";
import { AppError } from "@/lib/errors";

// How many live streams one web process holds, and for whom (issue 17). A signed-in user gets a few (one per tab,
// and browsers allow six connections per host anyway). A share link is made for a whole audience (a company-wide
// announcement, a thousand people on launch day, often behind one office address), so its streams are bounded by
// the process's total and by how fast one address opens new ones, never by a count per link or per address.
export type StreamSettings = Pick<
  Config,
  | "COUNTDOWN_MAX_STREAMS"
  | "COUNTDOWN_MAX_SHARE_STREAMS"
  | "COUNTDOWN_SHARE_STREAM_BURST"
  | "COUNTDOWN_SHARE_STREAM_RATE"
  | "COUNTDOWN_STREAM_RECHECK_MS"
  | "COUNTDOWN_STREAM_HEARTBEAT_MS"
>;

/** The stream settings of lib/config.ts; `env` parses others (tests). */
export function streamSettings(env?: Record<string, string | undefined>): StreamSettings {
  const c = env ? parseConfig(env) : config();
  return {
    COUNTDOWN_MAX_STREAMS: c.COUNTDOWN_MAX_STREAMS,
    COUNTDOWN_MAX_SHARE_STREAMS: c.COUNTDOWN_MAX_SHARE_STREAMS,
    COUNTDOWN_SHARE_STREAM_BURST: c.COUNTDOWN_SHARE_STREAM_BURST,
    COUNTDOWN_SHARE_STREAM_RATE: c.COUNTDOWN_SHARE_STREAM_RATE,
    COUNTDOWN_STREAM_RECHECK_MS: c.COUNTDOWN_STREAM_RECHECK_MS,
    COUNTDOWN_STREAM_HEARTBEAT_MS: c.COUNTDOWN_STREAM_HEARTBEAT_MS,
  };
}

const perUser = new Map<string, number>();
let shareStreams = 0;
type Bucket = { tokens: number; at: number };
const buckets = new Map<string, Bucket>();
const MAX_BUCKETS = 50_000;

function tooMany(message: string, retryAfterSeconds: number): AppError {
  return new AppError("RATE_LIMITED", message, undefined, { "Retry-After": String(Math.max(1, Math.ceil(retryAfterSeconds))) });
}

/** Takes one of the user's stream slots, or refuses with 429; the answer gives it back (once) when the stream ends. */
export function acquireUserStream(userId: string, settings = streamSettings()): () => void {
  const open = perUser.get(userId) ?? 0;
  if (open >= settings.COUNTDOWN_MAX_STREAMS)
    throw tooMany(`At most ${settings.COUNTDOWN_MAX_STREAMS} live streams at once per user; close another tab first`, 10);
  perUser.set(userId, open + 1);
  return once(() => {
    const left = (perUser.get(userId) ?? 1) - 1;
    if (left > 0) perUser.set(userId, left);
    else perUser.delete(userId);
  });
}

/** Takes a share-link stream slot for a client address (token bucket per address, a total per process), or refuses with 429. */
export function acquireShareStream(address: string, settings = streamSettings(), now = Date.now()): () => void {
  if (shareStreams >= settings.COUNTDOWN_MAX_SHARE_STREAMS) throw tooMany("Too many people are following live right now; the page reconnects shortly", 15);
  const burst = settings.COUNTDOWN_SHARE_STREAM_BURST;
  const rate = settings.COUNTDOWN_SHARE_STREAM_RATE;
  const bucket = buckets.get(address) ?? { tokens: burst, at: now };
  bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * rate);
  bucket.at = now;
  if (bucket.tokens < 1) throw tooMany("Too many new live streams from your address; the page reconnects shortly", (1 - bucket.tokens) / rate);
  bucket.tokens -= 1;
  buckets.delete(address);
  buckets.set(address, bucket);
  // The oldest buckets are the least recently used: dropping one only forgives an address its past.
  while (buckets.size > MAX_BUCKETS) buckets.delete(buckets.keys().next().value!);
  shareStreams++;
  return once(() => {
    shareStreams--;
  });
}

/** Open streams, for tests and the health of one process. */
export function openStreamCounts() {
  return { share: shareStreams, users: [...perUser.values()].reduce((a, b) => a + b, 0) };
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}
