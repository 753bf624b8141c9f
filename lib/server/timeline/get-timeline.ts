import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { apiDecision } from "@/lib/schemas/decision";
import { decisionOrder } from "@/lib/server/decisions/readiness";

/**
 * The stakeholder's view of a release as JSON: decisions with their comments in time order and the phases with
 * their progress. Never command text: this is what share links will show.
 */
export async function getTimeline(releaseId: string) {
  const release = await db().release.findUnique({
    where: { id: releaseId },
    include: {
      phases: { orderBy: { position: "asc" }, include: { items: { select: { checked: true, required: true } } } },
      decisions: { orderBy: decisionOrder, include: { user: { select: { name: true } } } },
    },
  });
  if (!release) throw new AppError("NOT_FOUND", "Release not found");
  const overriders = await db().user.findMany({ where: { id: { in: release.decisions.flatMap((d) => (d.overriddenById ? [d.overriddenById] : [])) } }, select: { id: true, name: true } });
  const nameOf = new Map(overriders.map((u) => [u.id, u.name]));
  return {
    release: { id: release.id, name: release.name, version: release.version, type: release.type, environment: release.environment, status: release.status, scheduledAt: release.scheduledAt.toISOString() },
    decisions: release.decisions.map((d) => ({
      id: d.id,
      by: d.user.name,
      decision: apiDecision(d.decision),
      comment: d.comment,
      at: d.createdAt.toISOString(),
      withdrawnAt: d.withdrawnAt?.toISOString() ?? null,
      override: d.overriddenById ? { by: nameOf.get(d.overriddenById) ?? null, reason: d.overrideReason } : null,
    })),
    phases: release.phases.map((p) => ({
      id: p.id,
      title: p.title,
      offsetMinutes: p.offsetMinutes,
      dueAt: p.dueAt?.toISOString() ?? null,
      progress: { checked: p.items.filter((i) => i.checked).length, total: p.items.length },
    })),
  };
}
