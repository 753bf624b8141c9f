"use client";

import { Countdown } from "@/components/timeline/countdown";
import { Moment } from "@/components/ui/moment";
import { useNow } from "@/lib/client/use-now";
import type { TTimeline } from "@/lib/schemas/timeline";

const AFTER: Partial<Record<string, string>> = {
  deploying: "Deploying since",
  verifying: "Deployed; verifying since",
  released: "Released at",
  rolled_back: "Rolled back at",
  cancelled: "Cancelled at",
};

const AFTER_BARE: Partial<Record<string, string>> = {
  deploying: "Deploying",
  verifying: "Deployed; verifying",
  released: "Released",
  rolled_back: "Rolled back",
  cancelled: "Cancelled",
};

/**
 * The big line under the release's name, true at every moment: the countdown only while the deploy has not started
 * and T-0 is ahead; "T-0 passed, not deployed yet" after T-0 without a deploy; from the deploy on, what happened when.
 */
export function ReleaseClock({ release, statusSince }: { release: TTimeline["release"]; statusSince: string | null }) {
  const now = useNow(5_000);
  const words = statusSince ? AFTER[release.status] : AFTER_BARE[release.status];
  if (words) {
    return (
      <p className="text-2xl font-semibold tracking-tight sm:text-3xl" data-testid="release-clock" data-state={release.status}>
        {words}
        {statusSince && (
          <>
            {" "}
            <Moment iso={statusSince} short />
          </>
        )}
      </p>
    );
  }
  const passed = new Date(release.scheduledAt).getTime() <= now;
  return (
    <div data-testid="release-clock" data-state={passed ? "overdue" : "counting"}>
      {passed ? (
        <p className="text-2xl font-semibold tracking-tight sm:text-3xl">T-0 passed, not deployed yet</p>
      ) : (
        <Countdown scheduledAt={release.scheduledAt} />
      )}
    </div>
  );
}
