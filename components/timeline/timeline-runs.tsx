import { RUN_TONE } from "@/components/run-tone";
import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/timeline/local-time";
import type { TTimeline as Timeline } from "@/lib/schemas/timeline";
import { CanaryProgressBar } from "@/components/canary-progress-bar";
import { WatchChart } from "@/components/watch-chart";

const STEP_MARK: Record<string, string> = {
  succeeded: "✓",
  failed: "✗",
  running: "▶",
  waiting: "⏸",
  skipped: "↷",
  interrupted: "!",
  cancelled: "–",
  pending: "○",
};

/** Deployments, smoke tests and rollbacks with their steps' names and statuses; a rollback names what triggered it. */
export function TimelineRuns({ runs }: { runs: Timeline["runs"] }) {
  return (
    <section aria-labelledby="runs-heading" className="mt-6">
      <h2 id="runs-heading" className="text-lg font-semibold">
        Deployment progress
      </h2>
      {runs.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">Nothing has run yet.</p>
      ) : (
        <ol className="mt-3 space-y-3" data-testid="timeline-runs">
          {runs.map((run) => (
            <li
              key={run.id}
              id={`run-${run.id}`}
              className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-3 text-sm"
              data-testid="timeline-run"
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{run.procedure}</span>
                <span data-testid="timeline-run-status">
                  <Badge tone={RUN_TONE[run.status] ?? "slate"}>{run.status}</Badge>
                </span>
                <LocalTime iso={run.createdAt} className="text-xs text-slate-500" />
              </div>
              {run.triggeredBy && (
                <p className="mt-1 text-xs text-amber-800">
                  Started automatically after{" "}
                  <a href={`#run-${run.triggeredBy.runId}`} className="underline">
                    {run.triggeredBy.procedure ?? "an earlier run"}
                  </a>{" "}
                  failed.
                </p>
              )}
              {run.canary && (
                <div className="mt-2">
                  <CanaryProgressBar canary={run.canary} />
                </div>
              )}
              <ol className="mt-2 space-y-0.5">
                {run.steps.map((s) => (
                  <li key={s.id} className="flex gap-2" data-status={s.status}>
                    <span aria-hidden className="w-4 text-center">
                      {STEP_MARK[s.status] ?? "○"}
                    </span>
                    <span className="min-w-0 flex-1 break-words">{s.name}</span>
                    <span className="text-xs text-slate-500">{s.status}</span>
                  </li>
                ))}
              </ol>
              {/* Charts of the watches that have samples: numbers and the threshold only, never the metric's URL. */}
              {run.steps
                .filter((s) => s.chart && s.chart.samples.length > 0)
                .map((s) => (
                  <div key={s.id} className="mt-2">
                    <WatchChart title={s.name} samples={s.chart!.samples} healthy={s.chart!.healthy} unit={s.chart!.unit} />
                  </div>
                ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
