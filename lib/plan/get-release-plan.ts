import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decisionInclude, decisionOrder } from "@/lib/decisions/readiness";
import { standingVotes } from "@/lib/decisions/standing-votes";
import { diffPlans } from "@/lib/plan/plan-diff";
import { shortDigest, type PlanSnapshot } from "@/lib/plan/plan-digest";
import { releasePlanOf, releaseProceduresInclude } from "@/lib/plan/release-plan";
import type { TReleasePlanView } from "@/lib/schemas/release-plan";

/**
 * GET /api/releases/:id/plan: the release's own plan with its commands (approvers and managers: they approve and
 * run them; never viewers), its digest, and for each earlier plan a standing vote was given to, what changed since.
 */
export async function getReleasePlan(releaseId: string): Promise<TReleasePlanView> {
  const release = await db().release.findUnique({ where: { id: releaseId }, select: { id: true, ...releaseProceduresInclude } });
  if (!release) throw new AppError("NOT_FOUND", "Release not found");
  const { plan, digest } = releasePlanOf(release.procedures);
  const votes = standingVotes(await db().decision.findMany({ where: { releaseId }, orderBy: decisionOrder, include: decisionInclude }));
  const earlier = [...new Set(votes.map((v) => v.planDigest).filter((d): d is string => d !== null && d !== digest))];
  const versions = earlier.length ? await db().releasePlanVersion.findMany({ where: { releaseId, digest: { in: earlier } } }) : [];
  return {
    planDigest: digest,
    shortDigest: shortDigest(digest),
    procedures: release.procedures.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      // Flat like the template's steps (get-template.ts), so the template's step editor edits these too.
      steps: p.steps.map((s): Record<string, unknown> & { id: string; kind: string; text: string } => ({
        ...(s.config as Record<string, unknown>),
        id: s.id,
        kind: s.kind,
        text: s.text,
      })),
    })),
    earlier: versions.map((v) => ({
      planDigest: v.digest,
      shortDigest: shortDigest(v.digest),
      voters: votes
        .filter((vote) => vote.planDigest === v.digest)
        .map((vote) => ({ id: vote.user.id, name: vote.user.name, decision: vote.decision === "go" ? "go" : "no-go" })),
      changes: diffPlans(v.plan as PlanSnapshot, plan),
    })),
  };
}

export type ReleasePlanView = TReleasePlanView;
