import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { apiRunStatus } from "@/lib/schemas/run";
import { releaseFacts } from "@/lib/releases/release-facts";
import { canaryProgress } from "@/lib/canary/canary-progress";
import type { TReleaseEnvironmentView, TReleaseItemView, TReleaseView } from "@/lib/schemas/release";
import { currentEnvironment } from "@/lib/releases/promotion";
import { ZEscalationLadder } from "@/lib/schemas/runbook";

/** What the release page and GET /api/releases/:id read: the plan with its live checklist state. */
export const releaseInclude = {
  createdBy: { select: { id: true, name: true } },
  manager: { select: { id: true, name: true } },
  runs: {
    orderBy: { createdAt: "desc" },
    take: 10,
    include: {
      steps: { orderBy: { position: "asc" }, select: { status: true, kind: true, stage: true, weight: true, finishedAt: true } },
      requestedBy: { select: { id: true, name: true } },
    },
  },
  template: { select: { id: true, name: true } },
  path: { orderBy: { position: "asc" }, select: { environment: true, state: true, runId: true, deployedAt: true, verifiedAt: true } },
  // The release's own copy of the plan, not the template's: what its runs run.
  procedures: { orderBy: { position: "asc" }, select: { name: true, kind: true, environment: true, pipelinePosition: true } },
  phases: {
    orderBy: { position: "asc" },
    include: { items: { orderBy: { position: "asc" }, include: { checkedBy: { select: { id: true, name: true } } } } },
  },
} satisfies Prisma.ReleaseInclude;

export type ReleaseWithPlan = Prisma.ReleaseGetPayload<{ include: typeof releaseInclude }>;

export function toReleaseView(r: ReleaseWithPlan): TReleaseView {
  const items = r.phases.flatMap((p) => p.items);
  return {
    ...releaseFacts(r),
    environments: pathEntriesView(r.path),
    currentEnvironment: r.path.length ? currentEnvironment(r.path).environment : r.environment,
    commitSha: r.commitSha,
    imageTag: r.imageTag,
    autoRollback: r.autoRollback,
    revision: r.revision,
    template: { id: r.template.id, name: r.template.name },
    procedures: r.procedures,
    runs: r.runs.map((run) => ({
      id: run.id,
      procedure: run.procedureName,
      kind: run.procedureKind,
      environment: run.environment,
      status: apiRunStatus(run.status),
      automatic: run.triggeredByRunId !== null,
      triggeredByRunId: run.triggeredByRunId,
      requestedBy: run.requestedBy,
      createdAt: run.createdAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      steps: { done: run.steps.filter((s) => s.status === "succeeded" || s.status === "skipped").length, total: run.steps.length },
      canary: canaryProgress(run.steps),
    })),
    createdBy: r.createdBy,
    // Who drives the release (PATCH /api/releases/:id { managerId }); null on releases made before it was recorded.
    manager: r.manager,
    createdAt: r.createdAt.toISOString(),
    lastSeq: r.lastSeq,
    progress: { checked: items.filter((i) => i.checked).length, total: items.length },
    phases: r.phases.map((p) => ({
      id: p.id,
      title: p.title,
      offsetMinutes: p.offsetMinutes,
      dueAt: p.dueAt?.toISOString() ?? null,
      items: p.items.map((i) => ({
        id: i.id,
        text: i.text,
        details: i.details,
        required: i.required,
        ownerRole: i.ownerRole,
        checked: i.checked,
        checkedBy: i.checkedBy,
        checkedAt: i.checkedAt?.toISOString() ?? null,
        note: i.note,
        version: i.version,
      })),
    })),
    escalation: escalationView(r),
  };
}

/**
 * The release's escalation ladder (its template's when it was created) while its newest finished (or stuck) run is failing, counted from when
 * its failing step ended. A rollback still running after a failed deploy keeps the ladder up; one that succeeded ends it.
 */
function escalationView(r: ReleaseWithPlan): TReleaseView["escalation"] {
  const ladder = ZEscalationLadder.safeParse(r.escalation).data ?? [];
  const run = r.runs.find((x) => x.status !== "queued" && x.status !== "running");
  if (!run || ladder.length === 0 || (run.status !== "failed" && run.status !== "needs_attention")) return null;
  const failedStep = run.steps.findLast((s) => s.status === "failed" || s.status === "interrupted");
  const since = failedStep?.finishedAt ?? run.finishedAt ?? run.startedAt ?? run.createdAt;
  return { runId: run.id, procedure: run.procedureName, failingSince: since.toISOString(), ladder };
}

export type ReleaseView = TReleaseView;
export type ReleaseItemView = TReleaseItemView;

export function pathEntriesView(path: ReleaseWithPlan["path"]): TReleaseEnvironmentView[] {
  return path.map((e) => ({
    name: e.environment,
    state: e.state,
    ...(e.runId ? { runId: e.runId } : {}),
    ...(e.deployedAt ? { deployedAt: e.deployedAt.toISOString() } : {}),
    ...(e.verifiedAt ? { verifiedAt: e.verifiedAt.toISOString() } : {}),
  }));
}
