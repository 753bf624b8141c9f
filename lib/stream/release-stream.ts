import "server-only";
import type { ServerResponse } from "node:http";
import type { Caller } from "@/lib/auth/roles";
import type { ShareCaller } from "@/lib/auth/share-caller";
import { readReleaseLog, type Audience } from "@/lib/stream/read-release-log";
import { formatMessage, READ_LIMIT, releaseFeed, type ReleaseFeed } from "@/lib/stream/release-feed";
import { authChangeCount, checkCredential, credentialKey, forgetCredential, type EndReason } from "@/lib/stream/stream-credential";

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(": heartbeat\n\n");

export type StreamOptions = {
  releaseId: string;
  /** The release's `lastSeq` when the stream was asked for: where this process's reader starts if it has none yet. */
  head: number;
  /** The client has everything up to this sequence number (`Last-Event-ID` or `?after=`). */
  after: number;
  caller: Caller | ShareCaller;
  audience: Audience;
  /** The credential is asked again at least this often (and the answer may be half of it old). */
  recheckMs: number;
  /** A stream silent this long writes a heartbeat comment (load balancers close idle connections). */
  heartbeatMs: number;
  abort: AbortSignal;
  /** Called once when the stream ends, however it ends (gives the caller's stream slot back). */
  onClose: () => void;
};

/** Bytes a client may leave unread before its stream is dropped (it reconnects with Last-Event-ID and catches up). */
export const MAX_UNREAD_BYTES = 1 << 20;

/** Where a stream's bytes go: a web ReadableStream (a Next.js route handler) or a Node socket (serveOnSocket). */
type Sink = {
  write(chunk: Uint8Array): void;
  /** Bytes written that the client has not taken yet. */
  unread(): number;
  /** `dropped`: the client stopped reading; its unread bytes are thrown away instead of flushed. */
  end(dropped: boolean): void;
};

const HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
  Connection: "keep-alive",
};

/** The streams a web process may write straight onto their sockets (serveOnSocket) instead of through the body. */
const socketServable = new WeakMap<Response, StreamOptions>();

/**
 * Server-Sent Events for one release: everything after `after`, then the live tail, from the release's one reader in
 * this process (release-feed.ts): no gap, no duplicate, in order. The stream re-checks its credential and ends with
 * `event: end` (`{ "reason": "revoked" | "expired" | "disabled" }`) when it no longer holds, so a page stops saying
 * live; what the holder reads follows their current role.
 *
 * Launch day puts thousands of these on one process, so a stream costs nothing while it waits: the reader pushes
 * each batch (encoded once per audience) into every stream as it arrives, and one sweep per process does the
 * heartbeats and credential re-checks of all of them. No timer, promise or read of a stream's own.
 *
 * The answer is an ordinary streaming Response, which Next.js serves. The web process (scripts/web.ts) takes it
 * instead with `serveOnSocket` and writes each batch straight onto the socket: Next.js's path from a body to the
 * socket costs a few promises per chunk per viewer and some 70 KB per open request (docs/scaling.md). The stream
 * starts when its body is first read, so only one of the two ever runs.
 */
export function releaseStream(options: StreamOptions): Response {
  let viewer: Viewer | null = null;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        viewer ??= new Viewer(options, {
          write: (chunk) => controller.enqueue(chunk),
          unread: () => -(controller.desiredSize ?? 0),
          end: (dropped) => (dropped ? controller.error(new Error("the client stopped reading")) : controller.close()),
        });
      },
      cancel() {
        viewer?.close(true);
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
  );
  const response = new Response(body, { headers: HEADERS });
  socketServable.set(response, options);
  return response;
}

/**
 * Serves a release stream answer (`releaseStream`) by writing straight onto the Node response; false for any other
 * answer (a refusal, which the caller sends as it is).
 */
export function serveOnSocket(response: Response, res: ServerResponse): boolean {
  const options = socketServable.get(response);
  if (!options) return false;
  socketServable.delete(response);
  res.writeHead(200, HEADERS);
  const viewer = new Viewer(options, {
    write: (chunk) => void res.write(chunk),
    unread: () => res.writableLength,
    end: (dropped) => (dropped ? res.destroy() : res.end()),
  });
  res.on("close", () => viewer.close(true));
  return true;
}

class Viewer {
  private cursor: number;
  private audience: Audience;
  private readonly feed: ReleaseFeed;
  private readonly unsubscribe: () => void;
  private readonly checkEvery: number;
  /** Changes to users and tokens concern signed-in streams only: a share link's thousand viewers ignore them. */
  private readonly followsAuth: boolean;
  private authSeen = authChangeCount();
  private nextCheck: number;
  private lastWrite = Date.now();
  /** A credential check or a catch-up read is under way: nothing is sent until it is done. */
  private busy = false;
  private closed = false;

  constructor(
    private readonly options: StreamOptions,
    private readonly sink: Sink,
  ) {
    this.cursor = options.after;
    this.audience = options.audience;
    this.checkEvery = Math.max(25, Math.floor(options.recheckMs / 2));
    this.nextCheck = Date.now() + this.checkEvery;
    this.followsAuth = !("kind" in options.caller);
    options.abort.addEventListener("abort", this.onAbort, { once: true });
    this.send(encoder.encode(`retry: 2000\n: connected, replaying after ${this.cursor}\n\n`));
    this.feed = releaseFeed(options.releaseId, options.head);
    this.unsubscribe = this.feed.subscribe(this.push);
    sweeper.add(this);
    // The client hung up while the stream was being authorised: its abort has fired already and will not again.
    if (options.abort.aborted) this.close(false);
    else this.push();
  }

  private readonly onAbort = () => this.close(false);

  /** Sends what the reader has after this stream's cursor (called by the reader on every batch). */
  readonly push = () => {
    if (this.busy || this.closed) return;
    const news = this.feed.since(this.cursor, this.audience);
    if (news === "behind") {
      void this.catchUp();
      return;
    }
    for (const chunk of news.chunks) this.send(chunk);
    this.cursor = news.last;
    // A share link's change is an event of its release: its streams ask at once instead of at the next check.
    if (news.shareChange) {
      forgetCredential(credentialKey(this.options.caller));
      void this.check();
    }
  };

  /** The sweep's visit: a heartbeat on a quiet stream, the credential when it is due or users and tokens changed. */
  sweep(now: number) {
    if (this.closed || this.busy) return;
    if (now - this.lastWrite >= this.options.heartbeatMs) this.send(HEARTBEAT);
    if (now >= this.nextCheck || (this.followsAuth && authChangeCount() !== this.authSeen)) void this.check();
  }

  /** How often this stream wants the sweep: for its re-checks, and twice per heartbeat interval. */
  get sweepEvery(): number {
    return Math.min(this.checkEvery, Math.max(50, Math.floor(this.options.heartbeatMs / 2)));
  }

  private async check() {
    if (this.busy || this.closed) return;
    this.busy = true;
    this.authSeen = authChangeCount();
    const state = await checkCredential(this.options.caller, this.checkEvery).catch((err: Error) => {
      // The database is away: the stream has nothing new to send either; ask again on the next check.
      console.error("[stream] credential re-check failed, retrying:", err.message);
      return null;
    });
    this.nextCheck = Date.now() + this.checkEvery;
    this.busy = false;
    if (state && !state.live) {
      this.send(encoder.encode(end(state.reason)));
      this.close(false);
      return;
    }
    if (state) this.audience = state.audience;
    this.push();
  }

  /**
   * Reads what the stream missed from before the reader's memory, in pages. A short page holds every row after the
   * cursor that was committed when it was read, so the cursor may then jump to the memory's start (whose rows were
   * committed before: it was a `lastSeq` or a read of them).
   */
  private async catchUp() {
    this.busy = true;
    let pause = 0;
    try {
      const oldest = this.feed.oldest;
      const messages = await readReleaseLog(this.options.releaseId, this.cursor, this.audience, READ_LIMIT);
      if (messages.length) this.send(encoder.encode(messages.map(formatMessage).join("")));
      const last = messages.length ? messages[messages.length - 1].seq : this.cursor;
      this.cursor = messages.length >= READ_LIMIT ? last : Math.max(last, oldest);
    } catch (err) {
      console.error("[stream] catch-up read failed, retrying:", (err as Error).message);
      pause = 1_000;
    }
    if (pause) await new Promise((r) => setTimeout(r, pause));
    this.busy = false;
    this.push();
  }

  private send(chunk: Uint8Array) {
    if (this.closed) return;
    if (this.sink.unread() > MAX_UNREAD_BYTES) {
      // A client that stopped reading would hold its bytes here for ever: drop it; when it reads again, it reconnects.
      this.close(false, true);
      return;
    }
    try {
      this.sink.write(chunk);
      this.lastWrite = Date.now();
    } catch (err) {
      // The client went away while we wrote (the controller is closed): nothing to tell anyone.
      if (!this.options.abort.aborted) console.error("[stream] stopped:", (err as Error).message);
      this.close(true);
    }
  }

  /**
   * Ends the stream once, however it ends; `cancelled`: the client went away, so there is nothing to end;
   * `dropped`: the client stopped reading.
   */
  close(cancelled: boolean, dropped = false) {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    sweeper.delete(this);
    this.options.abort.removeEventListener("abort", this.onAbort);
    this.options.onClose();
    if (!cancelled) {
      try {
        this.sink.end(dropped);
      } catch {
        // already closed or errored by the client's going away
      }
    }
  }
}

/** One timer per process for all its streams, as often as the most demanding re-check interval asks. */
const sweeper = new (class {
  private readonly viewers = new Set<Viewer>();
  private timer: NodeJS.Timeout | null = null;
  private every = Infinity;

  add(viewer: Viewer) {
    this.viewers.add(viewer);
    const every = Math.min(1_000, viewer.sweepEvery);
    if (every < this.every || !this.timer) this.restart(Math.min(every, this.every));
  }

  delete(viewer: Viewer) {
    this.viewers.delete(viewer);
    if (this.viewers.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
      this.every = Infinity;
    }
  }

  private restart(every: number) {
    if (this.timer) clearInterval(this.timer);
    this.every = every;
    this.timer = setInterval(() => {
      const now = Date.now();
      for (const viewer of this.viewers) viewer.sweep(now);
    }, every);
    this.timer.unref();
  }
})();

function end(reason: EndReason): string {
  // No `id:`: the client's Last-Event-ID stays the last message it really got.
  return `event: end\ndata: ${JSON.stringify({ reason })}\n\n`;
}
