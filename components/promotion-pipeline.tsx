"use client";

import type { ReactNode } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import type { TReleaseEnvironmentView } from "@/lib/schemas/release";

type Props = {
  environments: TReleaseEnvironmentView[];
  currentEnvironment: string;
  /** Why the current environment is not deployed yet, in words ("waiting for 2 gos"); shown while it is pending. */
  waitingFor?: string | null;
  /** Shown in the current environment's box: the Deploy button on the release page. */
  action?: ReactNode;
  dark?: boolean;
};

const TONE: Record<TReleaseEnvironmentView["state"], Tone> = {
  pending: "slate",
  deploying: "indigo",
  verifying: "amber",
  deployed: "green",
  failed: "red",
  rolled_back: "red",
};

function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })}
    </time>
  );
}

/** What one environment's box says: "deployed 10:42, verified", "waiting for 2 gos", "waits until 11:12". */
function describe(e: TReleaseEnvironmentView, previous: TReleaseEnvironmentView | undefined, isCurrent: boolean, waitingFor?: string | null): ReactNode {
  switch (e.state) {
    case "deploying":
      return "deploying…";
    case "verifying":
      return <>deployed {e.deployedAt ? <Time iso={e.deployedAt} /> : null}, verifying</>;
    case "deployed":
      return <>deployed {e.deployedAt ? <Time iso={e.deployedAt} /> : null}, verified</>;
    case "failed":
      return "its deploy failed";
    case "rolled_back":
      return "its deploy was rolled back";
    case "pending":
      if (previous && previous.state !== "deployed") return `after ${previous.name}`;
      if (e.waitUntil)
        return (
          <>
            waits until <Time iso={e.waitUntil} />
          </>
        );
      if (isCurrent && waitingFor) return waitingFor;
      return isCurrent ? "next" : "pending";
  }
}

/**
 * A release's promotion path as a pipeline: staging: deployed 10:42, verified -> production: waiting for 2 gos. A path
 * of one says nothing the release's status does not: only its action shows.
 */
export function PromotionPipeline({ environments, currentEnvironment, waitingFor, action, dark }: Props) {
  if (environments.length <= 1) return action ? <div data-testid="promotion-pipeline">{action}</div> : null;
  return (
    <ol className="mt-3 flex flex-wrap items-stretch gap-2 text-sm" aria-label="Promotion path" data-testid="promotion-pipeline">
      {environments.map((e, i) => {
        const isCurrent = e.name === currentEnvironment;
        return (
          <li key={e.name} className="flex items-center gap-2">
            {i > 0 && (
              <span aria-hidden className="text-slate-400">
                →
              </span>
            )}
            <div
              data-testid={`pipeline-${e.name}`}
              data-state={e.state}
              aria-current={isCurrent ? "step" : undefined}
              className={`rounded-md border px-3 py-2 ${isCurrent ? "border-indigo-400" : dark ? "border-slate-600" : "border-slate-200"} ${dark ? "" : "bg-white"}`}
            >
              <div className="flex items-center gap-2">
                <strong>{e.name}</strong>
                <Badge tone={TONE[e.state]}>{e.state.replace("_", " ")}</Badge>
              </div>
              <div className={dark ? "text-slate-300" : "text-slate-600"} data-testid={`pipeline-${e.name}-text`}>
                {describe(e, environments[i - 1], isCurrent, waitingFor)}
              </div>
              {isCurrent && action}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
