"use client";

import { useNow } from "@/lib/client/use-now";

function span(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const hms = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(sec).padStart(2, "0")}`;
  return d > 0 ? `${d}d ${hms}` : hms;
}

/** "T-2d 03:04:05" before T-0, "T+00:12:30" after it; ticks every second. */
export function Countdown({ scheduledAt }: { scheduledAt: string }) {
  const now = useNow(1000);
  const diff = new Date(scheduledAt).getTime() - now;
  return (
    <p className="tabular-nums" data-testid="countdown" aria-live="off" suppressHydrationWarning>
      <span className="font-mono text-3xl font-semibold tracking-tight sm:text-4xl" suppressHydrationWarning>
        T{diff >= 0 ? "-" : "+"}
        {span(Math.abs(diff))}
      </span>
      <span className="ml-2 text-sm text-slate-400 print:text-slate-600" suppressHydrationWarning>
        {diff >= 0 ? "until T-0" : "since T-0"}
      </span>
    </p>
  );
}
