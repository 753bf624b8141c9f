import { z } from "zod";

export const ZRunStatus = z.enum(["queued", "running", "succeeded", "failed", "cancelled", "needs-attention"]);
export type TRunStatus = z.infer<typeof ZRunStatus>;

export const ZStartRun = z
  .object({
    /** A procedure's name (case-insensitive) or its kind: deploy, smoke, rollback, verify. */
    procedure: z.string().trim().min(1).max(200),
    /** One environment of the release's promotion path; default: the one the release is at (its current environment). */
    environment: z.string().trim().min(1).max(60).optional(),
    /** Admins only: run a deploy although the release is not ready; the reason is recorded. */
    override: z
      .object({ reason: z.string().trim().min(3).max(2000) })
      .strict()
      .optional(),
  })
  .strict();
export type TStartRun = z.output<typeof ZStartRun>;

export const ZRunParams = z.object({ runId: z.uuid() });
/**
 * retry / skip an interrupted or failed step; continue past a gate ("promote this stage" at a canary's gate);
 * pause / resume a running bake (a wait or a watch); promote-to-full: a canary's gate or bake goes to its last stage.
 */
export const ZStepAction = z.enum(["retry", "skip", "continue", "pause", "resume", "promote-to-full"]);
export type TStepAction = z.infer<typeof ZStepAction>;
export const ZRunStepParams = z.object({ runId: z.uuid(), stepId: z.uuid(), action: ZStepAction });

/** POST /api/runs/:runId/steps/:stepId/:action: optional; admins only, going on although the release is not ready. */
export const ZStepActionBody = z
  .object({
    override: z
      .object({ reason: z.string().trim().min(3).max(2000) })
      .strict()
      .optional(),
  })
  .strict();
export type TStepActionBody = z.output<typeof ZStepActionBody>;

/** POST /api/runs/:runId/abort: why the rollout is aborted (recorded on the run and in the release's history). */
export const ZAbortRun = z.object({ reason: z.string().trim().min(3).max(2000) }).strict();
export type TAbortRun = z.output<typeof ZAbortRun>;
/** POST /api/runs/:runId/abort: the run, now cancelled. */
export const ZRunAborted = z.object({ runId: z.uuid(), status: z.literal("cancelled") });

export const ZRunExecutePayload = z.object({ runId: z.uuid() }).strict();

/** Prisma stores needs_attention; the API says needs-attention. */
export function apiRunStatus(status: string): TRunStatus {
  return status.replace("_", "-") as TRunStatus;
}

// ---- answers ----

const ZIso = z.iso.datetime({ offset: true });
const ZPerson = z.object({ id: z.uuid(), name: z.string() });
export const ZRunStepStatus = z.enum(["pending", "running", "waiting", "succeeded", "failed", "skipped", "interrupted", "cancelled"]);

/** A canary run's stages as people see them (lib/canary/canary-progress.ts); null when the run has none. */
export const ZCanaryProgress = z
  .object({
    stages: z.array(z.object({ stage: z.number().int(), weight: z.number(), state: z.enum(["pending", "baking", "waiting", "promoted", "failed"]) })),
    currentWeight: z.number(),
  })
  .nullable();

/** GET /api/runs/:runId. `config` (command text, request) and `result` only for those who may read commands. */
export const ZRunView = z.object({
  id: z.uuid(),
  releaseId: z.uuid(),
  /** What it runs for: the release's name and version. */
  release: z.object({ name: z.string(), version: z.string() }),
  /** Digest of the release plan the run's steps were copied from (null on runs from before plans were bound). */
  planDigest: z.string().nullable(),
  procedure: z.string(),
  kind: z.enum(["deploy", "smoke", "rollback", "verify", "custom"]),
  environment: z.string(),
  status: ZRunStatus,
  requestedBy: ZPerson.nullable(),
  triggeredByRunId: z.uuid().nullable(),
  overrideReason: z.string().nullable(),
  /** Who aborted the run and why (POST /api/runs/:runId/abort); null unless aborted. */
  abort: z.object({ by: z.string(), reason: z.string() }).nullable(),
  createdAt: ZIso,
  startedAt: ZIso.nullable(),
  finishedAt: ZIso.nullable(),
  heartbeatAt: ZIso.nullable(),
  heartbeatStale: z.boolean(),
  canary: ZCanaryProgress,
  steps: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      kind: z.enum(["command", "http", "wait", "gate", "watch", "canary"]),
      text: z.string(),
      status: ZRunStepStatus,
      attempts: z.number().int(),
      startedAt: ZIso.nullable(),
      finishedAt: ZIso.nullable(),
      exitCode: z.number().int().nullable(),
      stage: z.number().int().nullable(),
      weight: z.number().nullable(),
      /** The procedure the step belongs to when the run is a pipeline (its group on the run page); null otherwise. */
      procedure: z.string().nullable(),
      /** A bake paused by a person: by whom and since when; null while not paused. */
      paused: z.object({ by: z.string(), at: ZIso }).nullable(),
      /** The bake's paused time before the current pause (its deadline moved by it). */
      pausedMs: z.number().int(),
      result: z.unknown(),
      config: z.unknown().optional(),
    }),
  ),
});
export type TRunView = z.output<typeof ZRunView>;

/** GET /api/runs/:runId: the run, the release's sequence it was read at, and (for those who read commands) output. */
export const ZRunDetail = ZRunView.extend({
  releaseSeq: z.number().int(),
  outputTruncated: z.boolean().optional(),
  output: z.array(z.object({ seq: z.number().int(), stepId: z.uuid(), stream: z.enum(["stdout", "stderr", "system"]), line: z.string(), at: ZIso })).optional(),
});
export type TRunDetail = z.output<typeof ZRunDetail>;

/** POST /api/releases/:id/runs and the step actions: the run that was queued. */
export const ZRunStarted = z.object({ runId: z.uuid() }).strict();
export type TRunStarted = z.output<typeof ZRunStarted>;

/** POST /api/runs/:runId/cancel: the run and its status now. */
export const ZRunCancelled = z.object({ runId: z.uuid(), status: z.string() }).strict();
export type TRunCancelled = z.output<typeof ZRunCancelled>;

/** POST /api/runs/:runId/steps/:stepId/:action: what was asked; the run goes on in the worker. */
export const ZStepActionDone = z.object({ runId: z.uuid(), stepId: z.uuid(), action: ZStepAction }).strict();
export type TStepActionDone = z.output<typeof ZStepActionDone>;
