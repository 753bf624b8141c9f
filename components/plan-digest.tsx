"use client";

import { Badge } from "@/components/ui/badge";
import { useReleasePlan } from "@/lib/client/use-release-plan";
import type { TReadiness as Readiness } from "@/lib/schemas/readiness";
import type { Role } from "@/lib/generated/prisma/enums";

/** Who is looking at the release's readiness (the panel and the notices in it). */
export type PanelViewer = { id: string; role: Role };

type Vote = Readiness["decisions"]["votes"][number];

/** Beside each vote: the short digest of the plan it was given to, and whether that plan is still the current one. */
export function VoteDigest({ vote }: { vote: Vote }) {
  if (!vote.planDigest) return null;
  return (
    <>
      <code className="text-xs text-slate-500" title={`Given to the plan ${vote.planDigest}`} data-testid="vote-digest">
        plan {vote.planDigest.slice(0, 8)}
      </code>
      {vote.stale && <Badge tone="amber">earlier plan</Badge>}
    </>
  );
}

/**
 * When gos stand on an earlier plan: tells the approver whose go it is, and shows everyone who may read commands
 * what changed since (computed on the server from the plan kept under the vote's digest).
 */
export function StalePlanNotice({ releaseId, viewer, readiness }: { releaseId: string; viewer: PanelViewer; readiness: Readiness }) {
  const stale = readiness.decisions.votes.filter((v) => v.stale);
  const { data: plan } = useReleasePlan(releaseId, stale.length > 0 && viewer.role !== "viewer");
  if (!stale.length) return null;
  const mine = stale.find((v) => v.user.id === viewer.id);
  return (
    <div className="mt-3 space-y-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950" data-testid="stale-plan">
      {mine && (
        <p role="status" className="font-medium">
          Your go was for an earlier plan (<code>{mine.planDigest?.slice(0, 8)}</code>); the plan is now <code>{readiness.plan.digest.slice(0, 8)}</code>. Look
          at what changed, then vote again.
        </p>
      )}
      {plan?.earlier.map((e) => (
        <div key={e.planDigest}>
          <p>
            Changed since plan <code>{e.shortDigest}</code> ({e.voters.map((v) => `${v.decision} from ${v.name}`).join(", ")}):
          </p>
          <pre
            tabIndex={0}
            role="group"
            aria-label={`Changes since plan ${e.shortDigest}`}
            className="mt-1 overflow-x-auto rounded bg-white p-2 font-mono text-xs"
            data-testid="plan-diff"
          >
            {e.changes.map((c, i) => (
              <div key={i} className={c.op === "added" ? "bg-emerald-50 text-emerald-800" : c.op === "removed" ? "bg-rose-50 text-rose-800" : "text-slate-500"}>
                {c.op === "added" ? "+ " : c.op === "removed" ? "- " : "  "}
                {c.text}
              </div>
            ))}
          </pre>
        </div>
      ))}
    </div>
  );
}
