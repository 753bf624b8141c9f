import "server-only";
import { forAudience, readReleaseLog, type Audience, type StreamMessage } from "@/lib/stream/read-release-log";
import { releaseSignals } from "@/lib/stream/release-signals";

// One reader per release per web process, however many streams follow it and wherever each of them stands. The
// reader wakes on a NOTIFY for the release or after a second, reads what is new after its own cursor (one query,
// all audiences) and keeps the latest messages in memory; each stream takes from there what comes after its own
// cursor, encoded once per batch and audience, pushed to every stream the moment it is read (a stream has no timer
// or pending promise of its own while it waits). A stream further behind than that memory (a reconnect after a long
// drop, `?after=0`) catches up with reads of its own, once, then joins. No stream queries on a timer of its own.
const POLL_MS = 1_000;
export const READ_LIMIT = 500;
/**
 * A crowd is served in batches: with many streams the reader reads at most once per this many ms per 1,000 streams
 * (200 ms from 5,000 streams on), so a run printing ten lines a second costs each viewer five socket writes a
 * second instead of ten. With a few dozen streams the pause is a millisecond or two.
 */
const PACE_MS_PER_THOUSAND = 10;
const PACE_MAX_MS = 50;
/** Messages kept per release: about a minute of a busy run's output, so reconnects are served from memory. */
const KEEP_MESSAGES = 2_000;

const encoder = new TextEncoder();

export function formatMessage(m: { seq: number; type: string }): string {
  return `id: ${m.seq}\nevent: ${m.type}\ndata: ${JSON.stringify(m)}\n\n`;
}

type Batch = { after: number; last: number; messages: StreamMessage[]; encoded: Partial<Record<Audience, Uint8Array>>; shareChange: boolean };
/** What a stream at a cursor gets: chunks to send, where that leaves its cursor, and whether a share link changed. */
export type News = { chunks: Uint8Array[]; last: number; shareChange: boolean };

export class ReleaseFeed {
  /** Every message after `start` up to `cursor` is in `batches`. */
  private start: number;
  private cursor: number;
  private batches: Batch[] = [];
  private kept = 0;
  private readonly listeners = new Set<() => void>();
  private readonly stop = new AbortController();
  private wakeUp: (() => void) | null = null;
  private signalled = false;
  /** Reads made, for tests: the proof that a hundred streams cost one query a second. */
  reads = 0;

  constructor(
    readonly releaseId: string,
    head: number,
    private readonly onIdle: () => void,
  ) {
    this.start = head;
    this.cursor = head;
    void this.run();
  }

  /** Calls `listener` whenever new messages were read; the answer unsubscribes (the last one stops the reader). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.stop.abort();
        this.wakeUp?.();
        this.onIdle();
      }
    };
  }

  signal() {
    this.signalled = true;
    this.wakeUp?.();
  }

  /** The messages after `cursor` for `audience`, or "behind" when they are older than this memory. */
  since(cursor: number, audience: Audience): News | "behind" {
    if (cursor < this.start) return "behind";
    const news: News = { chunks: [], last: Math.max(cursor, this.cursor), shareChange: false };
    // Newest first: a stream that is up to date looks at one batch, whatever the memory holds.
    let first = this.batches.length;
    while (first > 0 && this.batches[first - 1].last > cursor) first--;
    for (let i = first; i < this.batches.length; i++) {
      const batch = this.batches[i];
      if (batch.after >= cursor) {
        const bytes = (batch.encoded[audience] ??= encode(batch.messages, audience));
        if (bytes.byteLength) news.chunks.push(bytes);
        news.shareChange ||= batch.shareChange;
        continue;
      }
      const messages = batch.messages.filter((m) => m.seq > cursor);
      const bytes = encode(messages, audience);
      if (bytes.byteLength) news.chunks.push(bytes);
      news.shareChange ||= messages.some(isShareChange);
    }
    return news;
  }

  /** The oldest cursor this memory serves: a stream below it catches up with its own reads. */
  get oldest(): number {
    return this.start;
  }

  private async run() {
    let lastRead = 0;
    while (!this.stop.signal.aborted) {
      const pace = Math.min(PACE_MAX_MS, (this.listeners.size * PACE_MS_PER_THOUSAND) / 1000);
      const wait = lastRead + pace - Date.now();
      if (wait >= 1) await new Promise((r) => setTimeout(r, wait));
      lastRead = Date.now();
      this.signalled = false;
      let messages: StreamMessage[] = [];
      try {
        this.reads++;
        messages = await readReleaseLog(this.releaseId, this.cursor, "full", READ_LIMIT);
      } catch (err) {
        // The database is away (restart, failover): keep the streams, retry on the next tick.
        console.error("[stream] read failed, retrying:", (err as Error).message);
      }
      if (messages.length) this.append(messages);
      if (messages.length >= READ_LIMIT || this.signalled) continue;
      await this.sleep();
    }
  }

  private append(messages: StreamMessage[]) {
    const last = messages[messages.length - 1].seq;
    this.batches.push({ after: this.cursor, last, messages, encoded: {}, shareChange: messages.some(isShareChange) });
    this.cursor = last;
    this.kept += messages.length;
    while (this.kept > KEEP_MESSAGES && this.batches.length > 1) {
      const dropped = this.batches.shift()!;
      this.kept -= dropped.messages.length;
      this.start = dropped.last;
    }
    for (const listener of this.listeners) listener();
  }

  private sleep(): Promise<void> {
    releaseSignals().listeningEpoch();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, POLL_MS);
      this.wakeUp = done;
    });
  }
}

const isShareChange = (m: StreamMessage) => m.type.startsWith("share.");

function encode(messages: StreamMessage[], audience: Audience): Uint8Array {
  let text = "";
  for (const m of messages) {
    const shown = forAudience(m, audience);
    if (shown) text += formatMessage(shown);
  }
  return encoder.encode(text);
}

const feeds = new Map<string, ReleaseFeed>();
let subscribed = false;

/** This process's reader of the release, started at `head` (its current `lastSeq`) if nobody follows it yet. */
export function releaseFeed(releaseId: string, head: number): ReleaseFeed {
  if (!subscribed) {
    subscribed = true;
    releaseSignals().subscribe((id) => feeds.get(id)?.signal());
  }
  let feed = feeds.get(releaseId);
  if (!feed) {
    const created: ReleaseFeed = new ReleaseFeed(releaseId, head, () => {
      if (feeds.get(releaseId) === created) feeds.delete(releaseId);
    });
    feed = created;
    feeds.set(releaseId, feed);
  }
  return feed;
}

/** The readers this process runs, for tests. */
export function runningFeeds(): ReadonlyMap<string, ReleaseFeed> {
  return feeds;
}
