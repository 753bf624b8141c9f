"use client";

import { useQueryClient } from "@tanstack/react-query";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { useEffect, useState } from "react";
import { timelineKeys } from "@/lib/client/query-keys";
import type { StreamState } from "@/lib/client/use-release-stream";

const REFRESH_DEBOUNCE_MS = 250;
const RECONNECT_MS = 2_000;

/** The timeline's URL for a signed-in viewer or a share link's holder. */
export function timelineUrl(releaseId: string, share?: string, resource: "timeline" | "stream" = "timeline") {
  return `/api/releases/${releaseId}/${resource}${share ? `?share=${encodeURIComponent(share)}` : ""}`;
}

/**
 * Follows the release's stream (the stakeholder audience: events only, no output) and re-reads the timeline on
 * each burst of events; after a drop it reconnects with Last-Event-ID. A link revoked or expired while open
 * answers 410: then we stop and say so.
 */
export function useTimelineStream(releaseId: string, startAfter: number, share?: string): StreamState | "closed" {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState | "closed">("connecting");

  useEffect(() => {
    const abort = new AbortController();
    let lastSeq = startAfter;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer = null;
      void queryClient.invalidateQueries({ queryKey: timelineKeys.detail(releaseId) });
    };

    async function connect() {
      while (!abort.signal.aborted) {
        try {
          const res = await fetch(timelineUrl(releaseId, share, "stream"), {
            headers: { Accept: "text/event-stream", "Last-Event-ID": String(lastSeq) },
            credentials: share ? "omit" : "same-origin",
            signal: abort.signal,
          });
          if (res.status === 410 || res.status === 404 || res.status === 401) {
            setState("closed");
            refresh();
            return;
          }
          if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
          setState("live");
          if (lastSeq !== startAfter) refresh();
          const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
          for (let next = await reader.read(); !next.done; next = await reader.read()) {
            lastSeq = (JSON.parse(next.value.data) as { seq: number }).seq;
            timer ??= setTimeout(refresh, REFRESH_DEBOUNCE_MS);
          }
        } catch (err) {
          if (abort.signal.aborted) return;
          console.warn("[timeline] stream disconnected:", (err as Error).message);
        }
        setState("reconnecting");
        await new Promise((r) => setTimeout(r, RECONNECT_MS));
      }
    }
    void connect();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient, releaseId, startAfter, share]);

  return state;
}
