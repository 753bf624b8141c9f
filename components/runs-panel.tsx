"use client";

import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { CanaryProgressBar } from "@/components/canary-progress-bar";
import { EscalationNow } from "@/components/escalation-ladder";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api";
import { Moment } from "@/components/ui/moment";
import { releaseKeys } from "@/lib/client/query-keys";
import { isFinal, mayStart, refusal, startEvent } from "@/lib/releases/lifecycle";
import type { TReleaseView } from "@/lib/schemas/release";

export const RUN_TONE: Record<string, Tone> = {
  queued: "slate",
  running: "indigo",
  succeeded: "green",
  failed: "red",
  cancelled: "slate",
  "needs-attention": "amber",
};

/** The release's procedures other than deploy (start buttons for managers) and its recent runs, live for everyone. */
export function RunsPanel({ release, canRun }: { release: TReleaseView; canRun: boolean }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  // Where smoke tests, rollbacks and custom procedures run: "" is the server's choice, the current environment (a
  // rollback: the nearest one where a deploy started).
  const [environment, setEnvironment] = useState("");
  const start = useMutation({
    mutationFn: (procedure: string) =>
      apiFetch<{ runId: string }>(`/api/releases/${release.id}/runs`, {
        method: "POST",
        json: { procedure, ...(environment ? { environment } : {}) },
      }),
    onSuccess: () => {
      setError(null);
      void queryClient.invalidateQueries({ queryKey: releaseKeys.detail(release.id) });
    },
    onError: (err) => setError(err.message),
  });

  // What the lifecycle does not allow now, with its reason (a final release says so once, in the go/no-go panel).
  const refused = canRun && !isFinal(release.status) ? release.procedures.filter((p) => p.kind !== "deploy" && !mayStart(release.status, p.kind)) : [];

  return (
    <section aria-labelledby="runs-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="runs-heading" className="mr-auto font-medium">
          Runs
        </h2>
        {canRun && release.environments.length > 1 && !isFinal(release.status) && (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            Run in
            <select
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
              value={environment}
              onChange={(e) => setEnvironment(e.target.value)}
              data-testid="run-environment-select"
            >
              <option value="">the current environment ({release.currentEnvironment})</option>
              {release.environments.map((e) => (
                <option key={e.name} value={e.name}>
                  {e.name} ({e.state.replace("_", " ")})
                </option>
              ))}
            </select>
          </label>
        )}
        {canRun &&
          // Deploy has its own gated button in the go/no-go panel; the server's lifecycle decides, this only mirrors it
          // (no rollback before a deploy started, nothing on a final release).
          release.procedures
            .filter((p) => p.kind !== "deploy" && mayStart(release.status, p.kind))
            .map((p) => (
              <Button
                key={p.name}
                variant={p.kind === "rollback" ? "danger" : "secondary"}
                disabled={start.isPending}
                onClick={() =>
                  window.confirm(`Start "${p.name}" for ${release.name} ${release.version} on ${environment || release.environment}?`) && start.mutate(p.name)
                }
              >
                Run {p.name}
              </Button>
            ))}
      </div>
      {refused.length > 0 && (
        <ul className="mt-2 space-y-0.5 text-sm text-slate-600" data-testid="not-offered">
          {refused.map((p) => (
            <li key={p.name}>
              {p.name}: {refusal(release.status, startEvent(p.kind))}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {error}
        </p>
      )}
      {release.escalation && <EscalationNow escalation={release.escalation} />}
      {release.runs.length === 0 ? (
        <p className="mt-3 text-sm text-slate-500">No runs yet.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100" data-testid="runs">
          {release.runs.map((run) => (
            <li key={run.id} className="py-2 text-sm">
              <div className="flex items-center gap-3">
                <Link href={`/runs/${run.id}`} className="font-medium text-indigo-700 hover:underline">
                  {run.procedure}
                </Link>
                {release.environments.length > 1 && (
                  <span className="text-slate-600" data-testid="run-environment">
                    in {run.environment}
                  </span>
                )}
                {run.automatic && <Badge tone="amber">automatic after a failure</Badge>}
                <span className="text-slate-500">
                  <Moment iso={run.createdAt} /> · {run.requestedBy?.name ?? "Countdown"} · steps {run.steps.done}/{run.steps.total}
                </span>
                <span className="ml-auto" data-testid="run-status">
                  <Badge tone={RUN_TONE[run.status] ?? "slate"}>{run.status}</Badge>
                </span>
              </div>
              {run.canary && <CanaryProgressBar canary={run.canary} compact />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
