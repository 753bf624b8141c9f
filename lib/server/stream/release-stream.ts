import "server-only";
import { readReleaseLog, type Audience, type StreamMessage } from "@/lib/server/stream/read-release-log";
import { releaseSignals } from "@/lib/server/stream/release-signals";

const POLL_MS = 1_000;
const HEARTBEAT_MS = 15_000;

/** A read's messages and their SSE encoding, made once for every viewer that shares the read. */
type Batch = { messages: StreamMessage[]; bytes: Uint8Array };
type SharedRead = { generation: number; messages: Promise<Batch> };
const encoder = new TextEncoder();
const reading = new Map<string, SharedRead>();

/**
 * Hundreds of viewers of one release wake on the same NOTIFY at the same cursor: one query answers all of them
 * (200 viewers each reading on every 50 ms batch was 8,000 queries a second). A viewer joins a read in flight
 * only if it started after the latest signal, so it can never miss a row it was woken for.
 */
function readShared(releaseId: string, after: number, audience: Audience): Promise<Batch> {
  const key = `${releaseId}:${after}:${audience}`;
  const generation = releaseSignals().generation(releaseId);
  const current = reading.get(key);
  if (current && current.generation >= generation) return current.messages;
  const entry: SharedRead = {
    generation,
    messages: readReleaseLog(releaseId, after, audience)
      .then((messages) => ({ messages, bytes: encoder.encode(messages.map(format).join("")) }))
      .finally(() => {
        if (reading.get(key) === entry) reading.delete(key);
      }),
  };
  reading.set(key, entry);
  return entry.messages;
}

function format(m: { seq: number; type: string }): string {
  return `id: ${m.seq}\nevent: ${m.type}\ndata: ${JSON.stringify(m)}\n\n`;
}

/**
 * Server-Sent Events for one release: everything after `after`, then the live tail. The reader wakes on a
 * NOTIFY for the release or after a second, whichever comes first, and always reads the rows: no gap, no
 * duplicate, in order, even when a signal is lost.
 */
export function releaseStream(releaseId: string, after: number, audience: Audience, abort: AbortSignal): Response {
  let cursor = after;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      send(`retry: 2000\n: connected, replaying after ${after}\n\n`);
      let lastWrite = Date.now();
      try {
        while (!abort.aborted) {
          let batch: Batch;
          try {
            batch = await readShared(releaseId, cursor, audience);
          } catch (err) {
            // The database is away (restart, failover): keep the client, retry on the next tick.
            console.error("[stream] read failed, retrying:", (err as Error).message);
            batch = { messages: [], bytes: new Uint8Array() };
          }
          const { messages } = batch;
          if (messages.length) {
            controller.enqueue(batch.bytes);
            cursor = messages[messages.length - 1].seq;
            lastWrite = Date.now();
            if (messages.length >= 500) continue;
          } else if (Date.now() - lastWrite >= HEARTBEAT_MS) {
            send(": heartbeat\n\n");
            lastWrite = Date.now();
          }
          await releaseSignals().wait(releaseId, POLL_MS, abort);
        }
      } finally {
        controller.close();
      }
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
