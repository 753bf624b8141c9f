"use client";

import type { StreamState as State } from "@/lib/client/follow-release-stream";

const TEXT: Record<State | "closed", string> = { live: "live", connecting: "connecting…", reconnecting: "reconnecting…", closed: "updates stopped" };

const TONES = {
  light: { live: "text-emerald-800", other: "text-amber-800", closed: "text-slate-700" },
  dark: { live: "text-emerald-300", other: "text-amber-300", closed: "text-slate-200" },
} as const;

/** The live-updates marker: says "live" only while the stream is open; `data-state` carries the raw state for tests. */
export function StreamState({ state, tone = "light", className = "" }: { state: State | "closed"; tone?: keyof typeof TONES; className?: string }) {
  const colour = state === "live" ? TONES[tone].live : state === "closed" ? TONES[tone].closed : TONES[tone].other;
  return (
    <span className={`text-xs ${colour} ${className}`} data-testid="stream-state" data-state={state} title="Live updates" role="status">
      <span aria-hidden>{state === "closed" ? "■" : "●"}</span> {TEXT[state]}
    </span>
  );
}
