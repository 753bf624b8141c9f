// A real Server-Sent Events client: fetch's body stream parsed by eventsource-parser, reconnecting with
// Last-Event-ID as a browser's EventSource does (retry delay from the server's `retry:` field).
import { createParser, type EventSourceMessage } from "eventsource-parser";

export type SseMessage = { id: number; event: string; data: Record<string, unknown>; receivedAt: number };

export type SseClient = {
  messages: SseMessage[];
  reconnects: number;
  /** Resolves once the first connection has answered 200. */
  connected: Promise<void>;
  close(): void;
};

export function openSse(url: string, headers: Record<string, string>, onMessage?: (m: SseMessage) => void): SseClient {
  const controller = new AbortController();
  const messages: SseMessage[] = [];
  let lastId: string | null = null;
  let retryMs = 2_000;
  let markConnected: () => void = () => {};
  const client: SseClient = { messages, reconnects: 0, connected: new Promise<void>((r) => (markConnected = r)), close: () => controller.abort() };

  const connectOnce = async () => {
    const res = await fetch(url, {
      headers: { ...headers, Accept: "text/event-stream", ...(lastId !== null ? { "Last-Event-ID": lastId } : {}) },
      signal: controller.signal,
    });
    if (res.status !== 200 || !res.body) {
      await res.body?.cancel();
      throw new Error(`stream answered ${res.status}`);
    }
    markConnected();
    const parser = createParser({
      onEvent(e: EventSourceMessage) {
        if (e.id !== undefined) lastId = e.id;
        const m: SseMessage = { id: Number(e.id), event: e.event ?? "message", data: JSON.parse(e.data) as Record<string, unknown>, receivedAt: Date.now() };
        messages.push(m);
        onMessage?.(m);
      },
      onRetry(ms) {
        retryMs = ms;
      },
    });
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  };

  void (async () => {
    while (!controller.signal.aborted) {
      try {
        await connectOnce();
      } catch {
        // connection refused or dropped: retry like EventSource does
      }
      if (controller.signal.aborted) break;
      client.reconnects++;
      await new Promise((r) => setTimeout(r, retryMs));
    }
  })();
  return client;
}
