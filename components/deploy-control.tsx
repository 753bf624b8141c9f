"use client";

import Link from "next/link";
import { Blockers } from "@/components/blockers";
import { Button } from "@/components/ui/button";
import type { DeployOffer } from "@/lib/releases/deploy-offer";
import type { TReadiness as Readiness } from "@/lib/schemas/readiness";

type Props = {
  offer: DeployOffer;
  readiness: Readiness;
  isAdmin: boolean;
  busy: boolean;
  onDeploy: () => void;
  onOverride: () => void;
  /** The environment of the release's path the deploy goes to (the next one). */
  environment?: string;
  /** Held back by the path itself (a wait after the previous environment), which no override lifts. */
  disabledReason?: string | null;
};

/**
 * For managers: Deploy only where the lifecycle allows it (deploy-offer.ts), to the next environment of the release's
 * path, disabled with the blockers in plain words until the release is ready there; admins may override (not a
 * wait of the path). Elsewhere it says why there is no Deploy button.
 */
export function DeployControl({ offer, readiness, isAdmin, busy, onDeploy, onOverride, environment, disabledReason }: Props) {
  if (offer.kind === "running") {
    return (
      <p className="mt-4 border-t border-slate-100 pt-4 text-sm text-slate-700" data-testid="deploy-control" data-offer="running">
        A deploy is running.{" "}
        <Link href={`/runs/${offer.runId}`} className="font-medium text-indigo-700 hover:underline">
          Follow the deploy
        </Link>
      </p>
    );
  }
  if (offer.kind === "none") {
    return (
      <p className="mt-4 border-t border-slate-100 pt-4 text-sm text-slate-700" data-testid="deploy-control" data-offer="none">
        {offer.reason}
      </p>
    );
  }
  const blocked = !readiness.ready;
  return (
    <div className="mt-4 border-t border-slate-100 pt-4" data-testid="deploy-control" data-offer={offer.kind}>
      {offer.kind === "again" && (
        <p className="mb-2 text-sm text-slate-700">
          The last deploy did not succeed (
          <Link href={`/runs/${offer.runId}`} className="text-indigo-700 hover:underline">
            see its run
          </Link>
          ): the release is still deploying. You may deploy again or roll back.
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button
          disabled={blocked || busy || !!disabledReason}
          onClick={onDeploy}
          aria-describedby={blocked ? "deploy-blockers" : undefined}
          title={blocked ? readiness.blockers.join("\n") : (disabledReason ?? `Start the deploy procedure${environment ? ` in ${environment}` : ""}`)}
        >
          {offer.kind === "again" ? "Deploy again" : "Deploy"}
        </Button>
        {blocked && isAdmin && (
          <Button variant="secondary" disabled={busy} onClick={onOverride}>
            Override and deploy…
          </Button>
        )}
        {blocked && <span className="text-sm text-slate-600">Deploy stays disabled until the release is ready{environment ? ` for ${environment}` : ""}.</span>}
        {!blocked && disabledReason && <span className="text-sm text-slate-600">{disabledReason}</span>}
      </div>
      <Blockers blockers={readiness.blockers} details={readiness.blockerDetails} id="deploy-blockers" />
    </div>
  );
}
