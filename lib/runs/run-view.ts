import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { apiRunStatus, type TRunView } from "@/lib/schemas/run";
import { canaryProgress } from "@/lib/canary/canary-progress";
import { stepNameFor } from "@/lib/access/read-policy";

export const runInclude = {
  steps: { orderBy: { position: "asc" } },
  requestedBy: { select: { id: true, name: true } },
  release: { select: { name: true, version: true } },
} satisfies Prisma.RunInclude;

type RunWithSteps = Prisma.RunGetPayload<{ include: typeof runInclude }>;

/** A run is flagged when it shows running but its worker has not reported for twice the lock time. */
export const HEARTBEAT_STALE_MS = 2 * 30_000;

/** `detail`: command text (config), results and step names as written; false for "progress" readers (read-policy.ts). */
export function toRunView(run: RunWithSteps, { detail }: { detail: boolean }, now = Date.now()): TRunView {
  // A run parked at a gate (a canary's manual promotion, say) has no worker by design: it is not stale.
  const parked = run.steps.some((s) => s.kind === "gate" && s.status === "waiting");
  const stale = run.status === "running" && !parked && (!run.heartbeatAt || now - run.heartbeatAt.getTime() > HEARTBEAT_STALE_MS);
  return {
    id: run.id,
    releaseId: run.releaseId,
    release: run.release,
    planDigest: run.planDigest,
    procedure: run.procedureName,
    kind: run.procedureKind,
    environment: run.environment,
    status: apiRunStatus(run.status),
    requestedBy: run.requestedBy,
    triggeredByRunId: run.triggeredByRunId,
    overrideReason: run.overrideReason,
    abort: run.abortedBy ? { by: run.abortedBy, reason: run.abortReason ?? "" } : null,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    heartbeatAt: run.heartbeatAt?.toISOString() ?? null,
    heartbeatStale: stale,
    canary: canaryProgress(run.steps),
    steps: run.steps.map((s) => ({
      id: s.id,
      position: s.position,
      kind: s.kind,
      text: stepNameFor(detail ? "plan" : "progress", s),
      status: s.status,
      attempts: s.attempts,
      startedAt: s.startedAt?.toISOString() ?? null,
      finishedAt: s.finishedAt?.toISOString() ?? null,
      exitCode: s.exitCode,
      stage: s.stage,
      weight: s.weight,
      procedure: s.procedureName,
      paused: s.pausedAt ? { by: s.pausedBy ?? "someone", at: s.pausedAt.toISOString() } : null,
      pausedMs: s.pausedMs,
      result: detail ? s.result : null,
      ...(detail ? { config: s.config } : {}),
    })),
  };
}

export type RunView = TRunView;
