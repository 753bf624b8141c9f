"use client";

import { Moment } from "@/components/ui/moment";
import { formatDuration } from "@/lib/client/format";
import { useNow } from "@/lib/client/use-now";

type Props = {
  run: {
    environment: string;
    requestedBy: { name: string } | null;
    triggeredByRunId: string | null;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    planDigest: string | null;
  };
};

/** What a run is: where it runs, who started it and when, how long it has taken, and the plan it runs. */
export function RunFacts({ run }: Props) {
  const now = useNow(1_000);
  const who = run.requestedBy?.name ?? (run.triggeredByRunId ? "Countdown (automatically, after a failure)" : "Countdown");
  return (
    <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="run-facts">
      <Fact label="Environment">{run.environment}</Fact>
      <Fact label="Started by">{who}</Fact>
      <Fact label="Requested">
        <Moment iso={run.createdAt} />
      </Fact>
      <Fact label={run.finishedAt ? "Took" : "Running for"}>
        <span data-testid="run-duration">{run.startedAt ? formatDuration(run.startedAt, run.finishedAt, now) : "not started yet"}</span>
      </Fact>
      <Fact label="Plan">
        {run.planDigest ? (
          <code className="text-xs" title={run.planDigest} data-testid="run-plan-digest">
            {run.planDigest.slice(0, 12)}
          </code>
        ) : (
          "not recorded"
        )}
      </Fact>
    </dl>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-1.5">
      <dt className="text-slate-600">{label}</dt>
      <dd className="font-medium text-slate-900">{children}</dd>
    </div>
  );
}
