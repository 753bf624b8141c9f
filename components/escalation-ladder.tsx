"use client";

import { useEffect, useState } from "react";
import { Moment } from "@/components/ui/moment";
import { escalationNow } from "@/lib/runbook/escalation";
import type { TEscalationLevel } from "@/lib/schemas/runbook";
import type { TReleaseView } from "@/lib/schemas/release";

// The runbook's escalation ladder (issue 18): listed on the template page, and on the release page while a run is
// failing, with the level that applies now (by how long the run has been failing) and the next one with its time.

function after(minutes: number): string {
  if (minutes === 0) return "at once";
  if (minutes % 60 === 0) return `after ${minutes / 60} h`;
  return minutes > 60 ? `after ${Math.floor(minutes / 60)} h ${minutes % 60} min` : `after ${minutes} min`;
}

export function EscalationLadderList({ ladder }: { ladder: TEscalationLevel[] }) {
  if (ladder.length === 0) return null;
  return (
    <section aria-labelledby="escalation-heading">
      <h2 id="escalation-heading" className="mt-8 text-lg font-semibold">
        Escalation ladder
      </h2>
      <p className="mt-1 text-sm text-slate-500">Shown on a release&apos;s page while one of its runs is failing.</p>
      <ol className="mt-3 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="escalation-ladder">
        {ladder.map((rung) => (
          <li key={rung.level} className="flex gap-3 px-4 py-2">
            <span className="w-16 shrink-0 font-medium">Level {rung.level}</span>
            <span className="w-28 shrink-0 text-slate-500">{after(rung.afterMinutes)}</span>
            <span>{rung.action}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A clock that moves every 15 seconds: enough for a ladder counted in minutes. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function EscalationNow({ escalation }: { escalation: NonNullable<TReleaseView["escalation"]> }) {
  const now = useNow();
  const failingMinutes = Math.max(0, (now - Date.parse(escalation.failingSince)) / 60_000);
  const { current, next } = escalationNow(escalation.ladder, failingMinutes);
  const inMinutes = next ? Math.max(1, Math.ceil(next.afterMinutes - failingMinutes)) : null;
  return (
    <section
      role="alert"
      aria-labelledby="escalation-now-heading"
      className="mt-6 rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm text-rose-950"
      data-testid="escalation-now"
    >
      <h2 id="escalation-now-heading" className="font-medium">
        Escalation: {escalation.procedure} failing since <Moment iso={escalation.failingSince} short />
      </h2>
      <p className="mt-2" data-testid="escalation-current">
        {current ? (
          <>
            <strong>Now: level {current.level}</strong> ({after(current.afterMinutes)}): {current.action}
          </>
        ) : (
          "No level applies yet."
        )}
      </p>
      {next && (
        <p className="mt-1" data-testid="escalation-next">
          Next: level {next.level} {after(next.afterMinutes)} (in {inMinutes} min): {next.action}
        </p>
      )}
      <details className="mt-2">
        <summary className="cursor-pointer text-rose-800">The whole ladder</summary>
        <ol className="mt-1 list-inside list-decimal">
          {escalation.ladder.map((rung) => (
            <li key={rung.level}>
              Level {rung.level} {after(rung.afterMinutes)}: {rung.action}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
