"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { timelineKeys } from "@/lib/client/query-keys";
import { followReleaseStream, type StreamEndReason, type StreamState } from "@/lib/client/follow-release-stream";

const REFRESH_DEBOUNCE_MS = 250;

/** The timeline's URL for a signed-in viewer or a share link's holder. */
export function timelineUrl(releaseId: string, share?: string, resource: "timeline" | "stream" = "timeline") {
  return `/api/releases/${releaseId}/${resource}${share ? `?share=${encodeURIComponent(share)}` : ""}`;
}

/**
 * Follows the release's stream (the stakeholder audience: events only, no output) and re-reads the timeline on
 * each burst of events; after a drop it reconnects with Last-Event-ID. A link revoked or expired while open
 * answers 410: then we stop and say so.
 */
export type TimelineStream = { state: StreamState | "closed"; ended: { reason: StreamEndReason; at: string } | null };

export function useTimelineStream(releaseId: string, startAfter: number, share?: string): TimelineStream {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState | "closed">("connecting");
  const [ended, setEnded] = useState<TimelineStream["ended"]>(null);

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer = null;
      void queryClient.invalidateQueries({ queryKey: timelineKeys.detail(releaseId) });
    };

    void followReleaseStream({
      url: timelineUrl(releaseId, share, "stream"),
      startAfter,
      credentials: share ? "omit" : "same-origin",
      signal: abort.signal,
      onState: setState,
      onMessage: () => (timer ??= setTimeout(refresh, REFRESH_DEBOUNCE_MS)),
      onResume: refresh,
      onEnd: (reason) => setEnded({ reason, at: new Date().toISOString() }),
    });
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient, releaseId, startAfter, share]);

  return { state, ended };
}
