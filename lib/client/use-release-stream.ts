"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { followReleaseStream, type StreamMessage, type StreamState } from "@/lib/client/follow-release-stream";
import { releaseKeys, runKeys } from "@/lib/client/query-keys";

export type { StreamState };

type OutputLine = { seq: number; stepId: string; stream: string; line: string; at: string };
type RunWithOutput = { output?: OutputLine[] };

const REFRESH_DEBOUNCE_MS = 150;

/**
 * One Server-Sent Events stream per page, read with fetch + eventsource-parser (every event type, whatever its
 * name). Output lines are appended to the run's cached output; any other message refreshes the release (and
 * the run it names). After a drop it reconnects with Last-Event-ID, so nothing is missed or repeated.
 */
export function useReleaseStream(releaseId: string, startAfter: number | undefined): StreamState | "closed" {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState | "closed">("connecting");

  useEffect(() => {
    if (startAfter === undefined) return;
    const abort = new AbortController();
    const staleRuns = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;

    const refresh = () => {
      timer = null;
      void queryClient.invalidateQueries({ queryKey: releaseKeys.detail(releaseId) });
      void queryClient.invalidateQueries({ queryKey: releaseKeys.list() });
      for (const runId of staleRuns) void queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) });
      staleRuns.clear();
    };

    const handle = (m: StreamMessage) => {
      if (m.type === "output" && m.runId && m.stepId) {
        queryClient.setQueryData<RunWithOutput>(runKeys.detail(m.runId), (run) => {
          if (!run?.output || (run.output.length && run.output[run.output.length - 1].seq >= m.seq)) return run;
          return { ...run, output: [...run.output, { seq: m.seq, stepId: m.stepId!, stream: m.stream ?? "stdout", line: m.line ?? "", at: m.at }] };
        });
        return;
      }
      if (m.runId) staleRuns.add(m.runId);
      timer ??= setTimeout(refresh, REFRESH_DEBOUNCE_MS);
    };

    void followReleaseStream({
      url: `/api/releases/${releaseId}/stream`,
      startAfter,
      signal: abort.signal,
      onState: setState,
      onMessage: handle,
      onResume: refresh,
    });
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient, releaseId, startAfter]);

  return state;
}
