// Items due after T-0 (a post-launch phase, e.g. T+30m) are about the launch itself: they are ticked once the deploy
// started, or early on purpose by a release manager (recorded as `early: true` on the tick's event). Pure: the tick
// (tick-item.ts, whose SQL holds the same rule) and the release page read it.

import { formatOffset } from "@/lib/client/format";

/** The release statuses before a deploy started. */
export const BEFORE_DEPLOY: readonly string[] = ["draft", "scheduled", "ready"];

/** Whether ticking an item of a phase at `offsetMinutes` must wait for the deploy (or be an early tick). */
export function waitsForDeploy(releaseStatus: string, offsetMinutes: number | null): boolean {
  return offsetMinutes !== null && offsetMinutes > 0 && BEFORE_DEPLOY.includes(releaseStatus);
}

/** Why such an item cannot be ticked yet. */
export function waitsForDeployReason(offsetMinutes: number): string {
  return `Due after T-0 (${formatOffset(offsetMinutes)}); the deploy has not started`;
}
