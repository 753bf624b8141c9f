"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { RunFacts } from "@/components/run-facts";
import { RunOutput } from "@/components/run-output";
import { RUN_TONE } from "@/components/runs-panel";
import { StepRow, type StepView } from "@/components/run-step-row";
import { Badge } from "@/components/ui/badge";
import { WatchChart } from "@/components/watch-chart";
import { CanaryProgressBar } from "@/components/canary-progress-bar";
import { RolloutControls } from "@/components/rollout-controls";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api";
import { runKeys } from "@/lib/client/query-keys";
import { useReleaseStream } from "@/lib/client/use-release-stream";
import type { TRunDetail } from "@/lib/schemas/run";

/** The run as GET /api/runs/:runId answers it; a step's `result` read as the step row shows it (checks, samples). */
type RunDetailView = Omit<TRunDetail, "steps"> & { steps: StepView[] };

export function RunDetail({ runId, canDrive }: { runId: string; canDrive: boolean }) {
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const {
    data: run,
    isPending,
    error: loadError,
  } = useQuery({ queryKey: runKeys.detail(runId), queryFn: () => apiFetch<RunDetailView>(`/api/runs/${runId}`) });
  const [startAfter, setStartAfter] = useState<number | undefined>(undefined);
  if (run && startAfter === undefined) setStartAfter(run.releaseSeq);
  useReleaseStream(run?.releaseId ?? runId, startAfter);

  const act = useMutation({
    mutationFn: (path: string) => apiFetch(`/api/runs/${runId}/${path}`, { method: "POST" }),
    onSuccess: () => {
      setError(null);
      void queryClient.invalidateQueries({ queryKey: runKeys.detail(runId) });
    },
    onError: (err) => setError(err.message),
  });
  const confirmThen = (message: string, path: string) => window.confirm(message) && act.mutate(path);

  if (isPending) return <p className="text-sm text-slate-500">Loading the run…</p>;
  if (loadError)
    return (
      <p role="alert" className="text-sm text-rose-700">
        Could not load this run: {loadError.message}
      </p>
    );

  const current = run.steps.find((s) => ["running", "waiting", "interrupted", "failed"].includes(s.status));
  const shown = selected ?? current?.id ?? run.steps[run.steps.length - 1]?.id ?? null;
  const active = ["queued", "running", "needs-attention"].includes(run.status);
  // A canary or a running bake is driven from the rollout controls (abort, with a reason, instead of cancel).
  const rollout = run.steps.some((s) => s.stage !== null || ((s.kind === "wait" || s.kind === "watch") && s.status === "running"));

  return (
    <article>
      <p className="text-sm">
        <Link href={`/releases/${run.releaseId}`} className="text-indigo-700 hover:underline">
          ← {run.release.name} {run.release.version}
        </Link>
      </p>
      <header className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="mr-auto min-w-0 text-2xl font-semibold tracking-tight break-words">
          {run.procedure}{" "}
          <span className="text-slate-600">
            of {run.release.name} {run.release.version}
          </span>
        </h1>
        <span data-testid="run-status">
          <Badge tone={RUN_TONE[run.status] ?? "slate"}>{run.status}</Badge>
        </span>
        {canDrive && active && !rollout && (
          <Button variant="danger" onClick={() => confirmThen("Cancel this run? Its running step is stopped.", "cancel")}>
            Cancel run
          </Button>
        )}
      </header>
      <RunFacts run={run} />
      {run.canary && (
        <div className="mt-4">
          <CanaryProgressBar canary={run.canary} />
        </div>
      )}
      <RolloutControls run={run} canDrive={canDrive} busy={act.isPending} onAction={(path, message) => confirmThen(message, path)} />
      {run.status === "needs-attention" && (
        <div role="alert" className="mt-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <strong>This run needs a person.</strong> A step was interrupted (its worker stopped) or failed: it may have had side effects, so Countdown will not
          run it again on its own. Retry or skip it.
        </div>
      )}
      {run.heartbeatStale && (
        <div role="alert" className="mt-4 rounded-md border border-rose-300 bg-rose-50 px-4 py-3 text-sm text-rose-900">
          No worker has reported on this run for over a minute. If no worker is running, start one (<code>npm run worker</code>); the queue will pick the run up
          again.
        </div>
      )}
      {error && (
        <p role="alert" className="mt-4 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {error}
        </p>
      )}
      <div className="mt-6 grid gap-6 lg:grid-cols-[20rem_1fr]">
        <div className="space-y-4">
          {stepGroups(run.steps).map((group, i) => (
            <section key={i} aria-label={group.procedure ?? undefined}>
              {group.procedure && (
                <h2 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase" data-testid="run-step-group">
                  {group.procedure}
                </h2>
              )}
              <ol className="space-y-1" aria-label={group.procedure ? `Steps of ${group.procedure}` : "Steps"}>
                {group.steps.map((step) => (
                  <StepRow
                    key={step.id}
                    step={step}
                    selected={step.id === shown}
                    onSelect={() => setSelected(step.id)}
                    canDrive={canDrive}
                    promoteTo={
                      step.kind === "gate" && step.stage !== null ? (run.steps.find((s) => s.stage !== null && s.stage > step.stage!)?.weight ?? null) : null
                    }
                    onAction={(action, message) => confirmThen(message, `steps/${step.id}/${action}`)}
                  />
                ))}
              </ol>
            </section>
          ))}
        </div>
        <div className="space-y-4">
          {run.steps
            .filter((s) => s.kind === "watch" && s.id === shown && s.config)
            .map((s) => {
              const config = s.config as { healthy: { op: string; value: number }; unit?: string };
              return <WatchChart key={s.id} title={s.text} samples={s.result?.samples ?? []} healthy={config.healthy} unit={config.unit} />;
            })}
          <RunOutput lines={(run.output ?? []).filter((l) => l.stepId === shown)} truncated={run.outputTruncated ?? false} visible={run.output !== undefined} />
        </div>
      </div>
    </article>
  );
}

type StepGroup = { procedure: string | null; steps: StepView[] };

/** A pipeline run's steps grouped by the procedure they come from, in order; a run of one procedure is one group. */
function stepGroups(steps: StepView[]): StepGroup[] {
  const groups: StepGroup[] = [];
  for (const step of steps) {
    const last = groups[groups.length - 1];
    if (last && last.procedure === (step.procedure ?? null)) last.steps.push(step);
    else groups.push({ procedure: step.procedure ?? null, steps: [step] });
  }
  return groups;
}
