"use client";

import { useQueryClient } from "@tanstack/react-query";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { useEffect, useState } from "react";
import { releaseKeys, runKeys } from "@/lib/client/query-keys";

type Message = { seq: number; type: string; runId: string | null; stepId: string | null; stream?: string; line?: string; at: string };
type OutputLine = { seq: number; stepId: string; stream: string; line: string; at: string };
type RunWithOutput = { output?: OutputLine[] };

export type StreamState = "connecting" | "live" | "reconnecting";

const REFRESH_DEBOUNCE_MS = 150;
const RECONNECT_MS = 2_000;

/**
 * One Server-Sent Events stream per page, read with fetch + eventsource-parser (every event type, whatever its
 * name). Output lines are appended to the run's cached output; any other message refreshes the release (and
 * the run it names). After a drop it reconnects with Last-Event-ID, so nothing is missed or repeated.
 */
export function useReleaseStream(releaseId: string, startAfter: number | undefined): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>("connecting");

  useEffect(() => {
    if (startAfter === undefined) return;
    const abort = new AbortController();
    const staleRuns = new Set<string>();
    // Start where the page's data stands: the history before it is already on the page.
    let lastSeq: number | null = startAfter ?? null;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const refresh = () => {
      timer = null;
      void queryClient.invalidateQueries({ queryKey: releaseKeys.detail(releaseId) });
      void queryClient.invalidateQueries({ queryKey: releaseKeys.list() });
      for (const runId of staleRuns) void queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) });
      staleRuns.clear();
    };

    const handle = (m: Message) => {
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

    async function connect() {
      while (!abort.signal.aborted) {
        try {
          const res = await fetch(`/api/releases/${releaseId}/stream`, {
            headers: { Accept: "text/event-stream", ...(lastSeq !== null ? { "Last-Event-ID": String(lastSeq) } : {}) },
            signal: abort.signal,
          });
          if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
          setState("live");
          // Anything may have changed while we were away: refresh once, then follow the stream.
          if (lastSeq !== startAfter) refresh();
          const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
          for (let next = await reader.read(); !next.done; next = await reader.read()) {
            const m = JSON.parse(next.value.data) as Message;
            lastSeq = m.seq;
            handle(m);
          }
        } catch (err) {
          if (abort.signal.aborted) return;
          console.warn("[stream] disconnected:", (err as Error).message);
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
  }, [queryClient, releaseId, startAfter]);

  return state;
}
