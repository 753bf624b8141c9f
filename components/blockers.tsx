"use client";

import { Moment } from "@/components/ui/moment";
import { groupBlockerSentence, type Blocker } from "@/lib/decisions/blocker-text";

/** One blocker for this viewer: a freeze's end in their zone, named; "you can give it" when they can. */
function BlockerText({ blocker, viewerId }: { blocker: Blocker; viewerId?: string }) {
  if (blocker.kind === "text") return <>{blocker.text}</>;
  if (blocker.kind === "group") return <>{groupBlockerSentence(blocker, viewerId)}</>;
  return (
    <>
      {blocker.environment} is frozen until <Moment iso={blocker.until} short testId="freeze-until" />: {blocker.reason}.
    </>
  );
}

/**
 * The blockers of a release. `details` (readiness.blockerDetails) are rendered for the viewer; without them, the
 * sentences the server wrote (UTC, third person).
 */
export function Blockers({ blockers, details, viewerId, id }: { blockers: string[]; details?: Blocker[]; viewerId?: string; id?: string }) {
  if (blockers.length === 0) return null;
  return (
    <div className="mt-4">
      <h3 className="text-sm font-medium text-slate-700">What blocks the deploy</h3>
      <ul id={id} data-testid="blockers" className="mt-1 list-disc space-y-1 pl-5 text-sm text-amber-900">
        {details
          ? details.map((b, i) => (
              <li key={`${i}-${blockers[i]}`}>
                <BlockerText blocker={b} viewerId={viewerId} />
              </li>
            ))
          : blockers.map((b) => <li key={b}>{b}</li>)}
      </ul>
    </div>
  );
}
