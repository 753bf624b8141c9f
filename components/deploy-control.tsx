"use client";

import { Blockers } from "@/components/blockers";
import { Button } from "@/components/ui/button";
import type { Readiness } from "@/lib/server/decisions/readiness";

type Props = { readiness: Readiness; isAdmin: boolean; busy: boolean; onDeploy: () => void; onOverride: () => void };

/** For managers: Deploy, disabled with the blockers in plain words until the release is ready; admins may override. */
export function DeployControl({ readiness, isAdmin, busy, onDeploy, onOverride }: Props) {
  const blocked = !readiness.ready;
  return (
    <div className="mt-4 border-t border-slate-100 pt-4" data-testid="deploy-control">
      <div className="flex flex-wrap items-center gap-3">
        <Button disabled={blocked || busy} onClick={onDeploy} aria-describedby={blocked ? "deploy-blockers" : undefined} title={blocked ? readiness.blockers.join("\n") : "Start the deploy procedure"}>
          Deploy
        </Button>
        {blocked && isAdmin && (
          <Button variant="secondary" disabled={busy} onClick={onOverride}>
            Override and deploy…
          </Button>
        )}
        {blocked && <span className="text-sm text-slate-500">Deploy stays disabled until the release is ready.</span>}
      </div>
      <Blockers blockers={readiness.blockers} id="deploy-blockers" />
    </div>
  );
}
