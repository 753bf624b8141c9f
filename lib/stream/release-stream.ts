import "server-only";
import type { Caller } from "@/lib/auth/roles";
import type { ShareCaller } from "@/lib/auth/share-caller";
import { readReleaseLog, type Audience } from "@/lib/stream/read-release-log";
import { formatMessage, READ_LIMIT, releaseFeed } from "@/lib/stream/release-feed";
import { authChangeCount, checkCredential, credentialKey, forgetCredential, type EndReason } from "@/lib/stream/stream-credential";

const HEARTBEAT_MS = 15_000;
const encoder = new TextEncoder();

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
  abort: AbortSignal;
  /** Called once when the stream ends, however it ends (gives the caller's stream slot back). */
  onClose: () => void;
};

/**
 * Server-Sent Events for one release: everything after `after`, then the live tail, from the release's one reader in
 * this process (release-feed.ts): no gap, no duplicate, in order. The stream re-checks its credential and ends with
 * `event: end` (`{ "reason": "revoked" | "expired" | "disabled" }`) when it no longer holds, so a page stops saying
 * live; what the holder reads follows their current role.
 */
export function releaseStream(options: StreamOptions): Response {
  const { releaseId, caller, recheckMs, onClose } = options;
  const stop = new AbortController();
  const abort = () => stop.abort();
  let cancelled = false;
  options.abort.addEventListener("abort", abort, { once: true });
  let cursor = options.after;
  let audience = options.audience;

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      send(`retry: 2000\n: connected, replaying after ${cursor}\n\n`);
      const feed = releaseFeed(releaseId, options.head);
      let wake: (() => void) | null = null;
      const unsubscribe = feed.subscribe(() => wake?.());
      const checkEvery = Math.max(25, Math.floor(recheckMs / 2));
      let nextCheck = Date.now() + checkEvery;
      // Changes to users and tokens concern signed-in streams only: a share link's thousand viewers ignore them.
      const followsAuth = !("kind" in caller);
      let authSeen = authChangeCount();
      let checkNow = false;
      let lastWrite = Date.now();
      try {
        while (!stop.signal.aborted) {
          if (checkNow || (followsAuth && authChangeCount() !== authSeen) || Date.now() >= nextCheck) {
            checkNow = false;
            authSeen = authChangeCount();
            const state = await checkCredential(caller, checkEvery).catch((err: Error) => {
              // The database is away: the stream has nothing new to send either; ask again on the next check.
              console.error("[stream] credential re-check failed, retrying:", err.message);
              return null;
            });
            nextCheck = Date.now() + checkEvery;
            if (state && !state.live) {
              send(end(state.reason));
              break;
            }
            if (state) audience = state.audience;
            if (stop.signal.aborted) break;
          }

          const news = feed.since(cursor, audience);
          if (news === "behind") {
            cursor = await catchUp(controller, releaseId, cursor, audience, feed.oldest);
            lastWrite = Date.now();
            continue;
          }
          if (news.chunks.length) {
            for (const chunk of news.chunks) controller.enqueue(chunk);
            lastWrite = Date.now();
            // A share link's change is an event of its release: its streams ask at once instead of at the next check.
            if (news.types.some((t) => t.startsWith("share."))) {
              forgetCredential(credentialKey(caller));
              checkNow = true;
            }
          }
          cursor = news.last;
          if (Date.now() - lastWrite >= HEARTBEAT_MS) {
            send(": heartbeat\n\n");
            lastWrite = Date.now();
          }
          if (checkNow) continue;
          // Nothing awaited since `since()`: a message read from here on wakes us.
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, Math.max(10, Math.min(nextCheck, lastWrite + HEARTBEAT_MS) - Date.now()));
            function done() {
              clearTimeout(timer);
              stop.signal.removeEventListener("abort", done);
              wake = null;
              resolve();
            }
            wake = done;
            stop.signal.addEventListener("abort", done, { once: true });
          });
        }
      } catch (err) {
        // The client went away while we wrote (the controller is closed): nothing to tell anyone.
        if (!stop.signal.aborted) console.error("[stream] stopped:", (err as Error).message);
      } finally {
        unsubscribe();
        options.abort.removeEventListener("abort", abort);
        onClose();
        if (!cancelled) controller.close();
      }
    },
    cancel() {
      cancelled = true;
      stop.abort();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    },
  });
}

function end(reason: EndReason): string {
  // No `id:`: the client's Last-Event-ID stays the last message it really got.
  return `event: end\ndata: ${JSON.stringify({ reason })}\n\n`;
}

/**
 * Reads what a stream missed from before the reader's memory, in pages; returns the new cursor. A short page holds
 * every row after the cursor that was committed when it was read, so the cursor may then jump to the memory's
 * start (whose rows were committed before: it was a `lastSeq` or a read of them).
 */
async function catchUp(
  controller: ReadableStreamDefaultController<Uint8Array>,
  releaseId: string,
  cursor: number,
  audience: Audience,
  oldest: number,
): Promise<number> {
  let messages;
  try {
    messages = await readReleaseLog(releaseId, cursor, audience, READ_LIMIT);
  } catch (err) {
    console.error("[stream] catch-up read failed, retrying:", (err as Error).message);
    await new Promise((r) => setTimeout(r, 1_000));
    return cursor;
  }
  if (messages.length) controller.enqueue(encoder.encode(messages.map(formatMessage).join("")));
  const last = messages.length ? messages[messages.length - 1].seq : cursor;
  return messages.length >= READ_LIMIT ? last : Math.max(last, oldest);
}
