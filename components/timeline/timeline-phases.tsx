"use client";

import { InlineMarkdown } from "@/components/markdown";
import { Badge, type Tone } from "@/components/ui/badge";
import { LocalTime } from "@/components/timeline/local-time";
import { formatOffset } from "@/lib/client/format";
import { useNow } from "@/lib/client/use-now";
import type { TTimeline as Timeline } from "@/lib/schemas/timeline";
import { phaseStates, type PhaseState } from "@/lib/timeline/phase-state";

const STATE_TONE: Record<PhaseState, Tone> = { upcoming: "slate", active: "indigo", overdue: "red", done: "green" };

/** The T-minus schedule: each phase with its due time, state and checklist (texts and ticks only). */
export function TimelinePhases({ phases }: { phases: Timeline["phases"] }) {
  const now = useNow(30_000);
  const states = phaseStates(phases, now);
  return (
    <section aria-labelledby="schedule-heading" className="mt-6">
      <h2 id="schedule-heading" className="text-lg font-semibold">
        Schedule
      </h2>
      <ol className="mt-3 space-y-3" data-testid="timeline-phases">
        {phases.map((phase, i) => (
          <li
            key={phase.id}
            className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
            data-testid="timeline-phase"
            data-state={states[i]}
          >
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <h3 className="font-medium">{phase.title}</h3>
              {formatOffset(phase.offsetMinutes) && <span className="font-mono text-xs text-slate-500">{formatOffset(phase.offsetMinutes)}</span>}
              <span suppressHydrationWarning>
                <Badge tone={STATE_TONE[states[i]]}>{states[i]}</Badge>
              </span>
              <span className="ml-auto text-xs text-slate-500">
                {phase.dueAt && (
                  <>
                    due <LocalTime iso={phase.dueAt} />
                    {" · "}
                  </>
                )}
                <span className="tabular-nums" data-testid="phase-progress">
                  {phase.progress.checked}/{phase.progress.total} done
                </span>
              </span>
            </div>
            {phase.progress.total > 0 && (
              <div className="mt-2 h-1.5 overflow-hidden rounded bg-slate-100 print:hidden" aria-hidden>
                <div className="h-full bg-emerald-500" style={{ width: `${(100 * phase.progress.checked) / phase.progress.total}%` }} />
              </div>
            )}
            {phase.items.length > 0 && (
              <ul className="mt-2 space-y-1 text-sm">
                {phase.items.map((item) => (
                  <li key={item.id} className="flex gap-2">
                    <span aria-hidden className={item.checked ? "text-emerald-600" : "text-slate-400"}>
                      {item.checked ? "✓" : "○"}
                    </span>
                    <span className={item.checked ? "text-slate-500" : ""}>
                      <span className="sr-only">{item.checked ? "Done: " : "Open: "}</span>
                      <InlineMarkdown text={item.text} />
                      {!item.required && <span className="text-xs text-slate-600"> (optional)</span>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
