"use client";

import { EventSourceParserStream } from "eventsource-parser/stream";

export type StreamState = "connecting" | "live" | "reconnecting";
export type StreamMessage = { seq: number; type: string; runId: string | null; stepId: string | null; stream?: string; line?: string; at: string };

const RECONNECT_MS = 2_000;

type Follow = {
  url: string;
  /** The sequence number the page's data stands at: the stream starts after it. */
  startAfter: number | null;
  credentials?: RequestCredentials;
  signal: AbortSignal;
  onState: (state: StreamState | "closed") => void;
  onMessage: (m: StreamMessage) => void;
  /** Called when the stream (re)connects after a gap: anything may have changed while we were away. */
  onResume: () => void;
  /** Why the stream ended for good: the server's `end` reason (revoked, expired, disabled) or what its status meant. */
  onEnd?: (reason: StreamEndReason) => void;
};

export type StreamEndReason = "revoked" | "expired" | "disabled" | "signed-out" | "gone";
const STATUS_REASON: Record<number, StreamEndReason> = { 401: "signed-out", 404: "revoked", 410: "expired" };

/**
 * Reads a release's Server-Sent Events with fetch + eventsource-parser (any event name), and after a drop
 * reconnects with Last-Event-ID, so nothing is missed or repeated. A 401 / 404 / 410 (a share link revoked or
 * expired while open), or the server's `event: end` on an open stream, ends it: the state becomes "closed".
 */
export async function followReleaseStream({
  url,
  startAfter,
  credentials = "same-origin",
  signal,
  onState,
  onMessage,
  onResume,
  onEnd,
}: Follow): Promise<void> {
  let lastSeq = startAfter;
  while (!signal.aborted) {
    let waitMs = RECONNECT_MS;
    try {
      const res = await fetch(url, {
        headers: { Accept: "text/event-stream", ...(lastSeq !== null ? { "Last-Event-ID": String(lastSeq) } : {}) },
        credentials,
        signal,
      });
      if (res.status === 401 || res.status === 404 || res.status === 410) {
        onEnd?.(STATUS_REASON[res.status]);
        onState("closed");
        onResume();
        return;
      }
      // Too many streams (this user's tabs, or a crowd on a share link): come back when the server says.
      if (res.status === 429) waitMs = Math.max(RECONNECT_MS, Number(res.headers.get("retry-after")) * 1000 || 0);
      if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
      onState("live");
      if (lastSeq !== startAfter) onResume();
      const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
      for (let next = await reader.read(); !next.done; next = await reader.read()) {
        // The server ends a stream whose credential no longer holds (revoked, expired, disabled): no reconnecting.
        if (next.value.event === "end") {
          await reader.cancel();
          onEnd?.(endReason(next.value.data));
          onState("closed");
          onResume();
          return;
        }
        const m = JSON.parse(next.value.data) as StreamMessage;
        lastSeq = m.seq;
        onMessage(m);
      }
    } catch (err) {
      if (signal.aborted) return;
      console.warn("[stream] disconnected:", (err as Error).message);
    }
    onState("reconnecting");
    await new Promise((r) => setTimeout(r, waitMs));
  }
}

function endReason(data: string): StreamEndReason {
  try {
    const reason = (JSON.parse(data) as { reason?: unknown }).reason;
    return reason === "revoked" || reason === "expired" || reason === "disabled" ? reason : "gone";
  } catch {
    return "gone";
  }
}
