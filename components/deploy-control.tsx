"use client";

import { Blockers } from "@/components/blockers";
import { Button } from "@/components/ui/button";
import type { Readiness } from "@/lib/server/decisions/readiness";

type Props = { readiness: Readiness; isAdmin: boolean; busy: boolean; onDeploy: () => void; onOverride: () => void; environment?: string; disabledReason?: string | null };

/**
 * For managers: Deploy (to `environment`, the next one of the release's path), disabled with the blockers in plain
 * words until the release is ready there; admins may override. `disabledReason`: held back by the path itself
 * (a wait after the previous environment), which no override lifts.
 */
export function DeployControl({ readiness, isAdmin, busy, onDeploy, onOverride, environment, disabledReason }: Props) {
  const blocked = !readiness.ready;
  return (
    <div className="mt-2 border-t border-slate-100 pt-2" data-testid="deploy-control">
      <div className="flex flex-wrap items-center gap-3">
        <Button disabled={blocked || busy || !!disabledReason} onClick={onDeploy} aria-describedby={blocked ? "deploy-blockers" : undefined} title={blocked ? readiness.blockers.join("\n") : (disabledReason ?? `Start the deploy procedure${environment ? ` in ${environment}` : ""}`)}>
          Deploy
        </Button>
        {blocked && isAdmin && (
          <Button variant="secondary" disabled={busy} onClick={onOverride}>
            Override and deploy…
          </Button>
        )}
        {blocked && <span className="text-sm text-slate-500">Deploy stays disabled until the release is ready{environment ? ` for ${environment}` : ""}.</span>}
        {!blocked && disabledReason && <span className="text-sm text-slate-500">{disabledReason}</span>}
      </div>
      <Blockers blockers={readiness.blockers} id="deploy-blockers" />
    </div>
  );
}
