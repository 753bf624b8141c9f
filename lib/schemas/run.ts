import { z } from "zod";

export const ZRunStatus = z.enum(["queued", "running", "succeeded", "failed", "cancelled", "needs-attention"]);
export type TRunStatus = z.infer<typeof ZRunStatus>;

export const ZStartRun = z
  .object({
    /** A procedure's name (case-insensitive) or its kind: deploy, smoke, rollback, verify. */
    procedure: z.string().trim().min(1).max(200),
    /** Admins only: run a deploy although the release is not ready; the reason is recorded. */
    override: z.object({ reason: z.string().trim().min(3).max(2000) }).strict().optional(),
  })
  .strict();
export type TStartRun = z.output<typeof ZStartRun>;

export const ZRunParams = z.object({ runId: z.uuid() });
export const ZStepAction = z.enum(["retry", "skip", "continue"]);
export const ZRunStepParams = z.object({ runId: z.uuid(), stepId: z.uuid(), action: ZStepAction });

/** POST /api/runs/:runId/steps/:stepId/:action: optional; admins only, going on although the release is not ready. */
export const ZStepActionBody = z
  .object({ override: z.object({ reason: z.string().trim().min(3).max(2000) }).strict().optional() })
  .strict();
export type TStepActionBody = z.output<typeof ZStepActionBody>;

export const ZRunExecutePayload = z.object({ runId: z.uuid() }).strict();

/** Prisma stores needs_attention; the API says needs-attention. */
export function apiRunStatus(status: string): TRunStatus {
  return status.replace("_", "-") as TRunStatus;
}
