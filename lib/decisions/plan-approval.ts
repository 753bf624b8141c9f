// A go approves one plan: the release's plan as it was when the go was cast (its digest). After the plan is
// edited, such a go is stale: it no longer counts toward the quorum, and a deploy of the edited plan is refused
// with STALE_PLAN until enough approvers have looked again (docs/plan-digest.md).
import { AppError } from "@/lib/errors";

type Vote = { planDigest: string | null; user: { name: string } };

/**
 * Whether a vote was cast on the plan with this digest. A vote from before plans were bound (no digest) counts
 * for the plan as it is until the plan is first edited, which stamps it with the digest it had (release-step-edits).
 */
export const isForPlan = (vote: { planDigest: string | null }, digest: string) => vote.planDigest === null || vote.planDigest === digest;

const names = (list: string[]) => (list.length <= 1 ? list.join("") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)}`);

/** "2 gos were given to an earlier plan: ask Ari and Bo to look again." */
export function staleGoBlocker(staleGoes: Vote[]): string {
  const n = staleGoes.length;
  return `${n} ${n === 1 ? "go was" : "gos were"} given to an earlier plan: ask ${names(staleGoes.map((g) => g.user.name))} to look again.`;
}

type PlanApproval = { ready: boolean; blockers: string[]; plan: { digest: string; approved: boolean; staleGoes: unknown[] } };

/** 409 STALE_PLAN when the current plan lacks the quorum because gos were given to an earlier plan. */
export function assertPlanApproved(readiness: PlanApproval): void {
  if (readiness.plan.approved || readiness.plan.staleGoes.length === 0) return;
  throw new AppError("STALE_PLAN", `The plan was edited after it was approved: ${readiness.blockers.join(" ")}`, {
    planDigest: readiness.plan.digest,
    staleGoes: readiness.plan.staleGoes,
    blockers: readiness.blockers,
  });
}
