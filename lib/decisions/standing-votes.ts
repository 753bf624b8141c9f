import { apiDecision, type TVoteView } from "@/lib/schemas/decision";
import type { DecisionKind, Role } from "@/lib/generated/prisma/enums";

export type DecisionRow = {
  id: string;
  userId: string;
  decision: DecisionKind;
  comment: string | null;
  createdAt: Date;
  withdrawnAt: Date | null;
  overriddenById: string | null;
  /** The plan the vote was cast on (lib/plan/plan-digest.ts); null on votes from before plans were bound. */
  planDigest: string | null;
  user: { id: string; name: string; email: string; role: Role; groups: string[]; disabledAt: Date | null };
};

/**
 * Each person's latest vote, unless they withdrew it or an admin overrode it: the votes that count. Rows must be
 * in the order they were cast (createdAt, then insertion: decisions of one release are written under its lock).
 */
export function standingVotes<D extends Pick<DecisionRow, "userId" | "withdrawnAt" | "overriddenById">>(rowsInOrder: D[]): D[] {
  const latest = new Map<string, D>();
  for (const d of rowsInOrder) latest.set(d.userId, d);
  return [...latest.values()].filter((d) => !d.withdrawnAt && !d.overriddenById);
}

export function toVoteView(d: DecisionRow): TVoteView {
  return {
    decisionId: d.id,
    user: { id: d.user.id, name: d.user.name, groups: d.user.groups },
    decision: apiDecision(d.decision),
    comment: d.comment,
    at: d.createdAt.toISOString(),
    planDigest: d.planDigest,
  };
}
export type VoteView = TVoteView;
