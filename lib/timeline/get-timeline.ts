import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { apiDecision } from "@/lib/schemas/decision";
import { noteSections } from "@/lib/schemas/notes";
import { apiRunStatus } from "@/lib/schemas/run";
import { LATEST_FIRST } from "@/lib/decisions/readiness";
import { stakeholderStepName } from "@/lib/timeline/step-name";
import { phaseStates } from "@/lib/timeline/phase-state";
import { canaryProgress } from "@/lib/canary/canary-progress";
import { stakeholderChart } from "@/lib/timeline/stakeholder-chart";
import type { TTimeline } from "@/lib/schemas/timeline";
import { pathView } from "@/lib/releases/release-path";

/** The newest decisions and runs shown; older ones stay in the audit export. */
export const TIMELINE_DECISIONS = 50;
export const TIMELINE_RUNS = 10;

/**
 * The stakeholder's view of a release (the timeline page, its JSON, share links): banner, phases with their
 * state and checklist progress (item texts, never notes), decisions with comments, runs with step names and
 * statuses, rollbacks linked to the run that triggered them, release notes. Never command text or output.
 * A fixed number of queries with bounded results, however long the release's history.
 */
export async function getTimeline(releaseId: string, now = new Date()): Promise<TTimeline> {
  const release = await db().release.findUnique({
    where: { id: releaseId },
    include: {
      phases: {
        orderBy: { position: "asc" },
        include: { items: { orderBy: { position: "asc" }, select: { id: true, text: true, checked: true, required: true } } },
      },
      notes: { select: { sections: true, version: true, updatedAt: true } },
    },
  });
  if (!release) throw new AppError("NOT_FOUND", "Release not found");
  const [latestDecisions, decisionCount, latestRuns, statusEvent, path] = await Promise.all([
    db().decision.findMany({ where: { releaseId }, orderBy: LATEST_FIRST, take: TIMELINE_DECISIONS, include: { user: { select: { name: true } } } }),
    db().decision.count({ where: { releaseId } }),
    db().run.findMany({
      where: { releaseId },
      orderBy: { createdAt: "desc" },
      take: TIMELINE_RUNS,
      include: {
        steps: {
          orderBy: { position: "asc" },
          select: {
            id: true,
            position: true,
            kind: true,
            text: true,
            config: true,
            status: true,
            startedAt: true,
            finishedAt: true,
            stage: true,
            weight: true,
            result: true,
          },
        },
      },
    }),
    db().event.findFirst({ where: { releaseId, type: "release.status" }, orderBy: { seq: "desc" }, select: { at: true, payload: true } }),
    pathView(db(), releaseId, now),
  ]);
  const decisions = latestDecisions.reverse();
  const overriders = await db().user.findMany({
    where: { id: { in: decisions.flatMap((d) => (d.overriddenById ? [d.overriddenById] : [])) } },
    select: { id: true, name: true },
  });
  const nameOf = new Map(overriders.map((u) => [u.id, u.name]));
  const runName = new Map(latestRuns.map((r) => [r.id, r.procedureName]));
  const phases = release.phases.map((p) => ({
    id: p.id,
    title: p.title,
    offsetMinutes: p.offsetMinutes,
    dueAt: p.dueAt?.toISOString() ?? null,
    progress: { checked: p.items.filter((i) => i.checked).length, total: p.items.length },
    items: p.items.map((i) => ({ id: i.id, text: i.text, checked: i.checked, required: i.required })),
  }));
  const states = phaseStates(phases, now.getTime());
  return {
    release: {
      id: release.id,
      name: release.name,
      version: release.version,
      type: release.type,
      environment: release.environment,
      status: release.status,
      scheduledAt: release.scheduledAt.toISOString(),
    },
    statusSince: statusSinceOf(release.status, statusEvent),
    ...path,
    lastSeq: release.lastSeq,
    generatedAt: now.toISOString(),
    phases: phases.map((p, i) => ({ ...p, state: states[i] })),
    decisions: decisions.map((d) => ({
      id: d.id,
      by: d.user.name,
      decision: apiDecision(d.decision),
      comment: d.comment,
      at: d.createdAt.toISOString(),
      withdrawnAt: d.withdrawnAt?.toISOString() ?? null,
      override: d.overriddenById ? { by: nameOf.get(d.overriddenById) ?? null, reason: d.overrideReason } : null,
    })),
    decisionsTotal: decisionCount,
    runs: latestRuns.map((r) => ({
      id: r.id,
      procedure: r.procedureName,
      kind: r.procedureKind,
      status: apiRunStatus(r.status),
      createdAt: r.createdAt.toISOString(),
      startedAt: r.startedAt?.toISOString() ?? null,
      finishedAt: r.finishedAt?.toISOString() ?? null,
      triggeredBy: r.triggeredByRunId ? { runId: r.triggeredByRunId, procedure: runName.get(r.triggeredByRunId) ?? null } : null,
      canary: canaryProgress(r.steps),
      steps: r.steps.map((s) => ({
        id: s.id,
        position: s.position,
        kind: s.kind,
        name: stakeholderStepName(s),
        status: s.status,
        startedAt: s.startedAt?.toISOString() ?? null,
        finishedAt: s.finishedAt?.toISOString() ?? null,
        stage: s.stage,
        weight: s.weight,
        chart: s.kind === "watch" ? stakeholderChart(s.config, s.result) : null,
      })),
    })),
    notes: release.notes
      ? { sections: noteSections(release.notes.sections), version: release.notes.version, updatedAt: release.notes.updatedAt.toISOString() }
      : null,
  };
}

export type Timeline = TTimeline;

/** When the release entered its current status: the newest status event, if it moved the release there. */
function statusSinceOf(status: string, event: { at: Date; payload: unknown } | null): string | null {
  if (!event || (event.payload as { status?: unknown } | null)?.status !== status) return null;
  return event.at.toISOString();
}
