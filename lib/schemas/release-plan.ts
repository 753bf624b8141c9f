import { z } from "zod";
import { ZAddStep, ZStoredStep, ZUpdateStep } from "@/lib/schemas/template-edit";

// Edits of a release's own plan take the same fields as the template's step routes (and the same step schemas,
// lib/schemas/step.ts), with the plan digest the editor saw instead of a template version: a stale one gets 409.
export const ZPlanDigest = z.string().regex(/^[0-9a-f]{64}$/, "must be the plan's digest as you last read it (64 hex characters)");

export const ZReleaseStepParams = z.object({ id: z.uuid(), stepId: z.uuid() });
// A release's procedure ids are derived from the release and the template's procedure (md5 as a uuid, in
// lib/plan/release-plan.ts): uuid-shaped without the RFC variant bits z.uuid() demands, so z.guid().
export const ZAddReleaseStep = ZAddStep.omit({ version: true }).extend({ procedureId: z.guid(), planDigest: ZPlanDigest }).strict();
export type TAddReleaseStep = z.output<typeof ZAddReleaseStep>;
export const ZUpdateReleaseStep = ZUpdateStep.omit({ version: true }).extend({ planDigest: ZPlanDigest }).strict();
export type TUpdateReleaseStep = z.output<typeof ZUpdateReleaseStep>;
export const ZPlanDigestQuery = z.object({ planDigest: ZPlanDigest }).strict();

// ---- answers ----

const ZProcedureKind = z.enum(["deploy", "smoke", "rollback", "verify", "custom"]);

/** One line of what changed between two plans (lib/plan/plan-diff.ts). */
export const ZPlanDiffLine = z.object({ op: z.enum(["added", "removed", "same"]), text: z.string() }).strict();

/**
 * GET /api/releases/:id/plan: the release's own plan with its commands, its digest, and for each earlier plan a
 * standing vote was given to, what changed since. Steps are flat like the template's (their config beside id, kind, text).
 */
export const ZReleasePlanView = z
  .object({
    planDigest: z.string(),
    shortDigest: z.string(),
    procedures: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          kind: ZProcedureKind,
          steps: z.array(z.looseObject({ id: z.string(), kind: z.string(), text: z.string() })),
        })
        .strict(),
    ),
    earlier: z.array(
      z
        .object({
          planDigest: z.string(),
          shortDigest: z.string(),
          voters: z.array(z.object({ id: z.uuid(), name: z.string(), decision: z.string() }).strict()),
          changes: z.array(ZPlanDiffLine),
        })
        .strict(),
    ),
  })
  .strict();
export type TReleasePlanView = z.output<typeof ZReleasePlanView>;

/** POST, PATCH, DELETE of a release's step: the step (or the deleted id), the plan's new digest, the gos it made stale. */
export const ZReleaseStepEdit = z
  .object({ step: ZStoredStep.optional(), deleted: z.string().optional(), planDigest: z.string(), stale: z.array(z.string()) })
  .strict();
export type TReleaseStepEdit = z.output<typeof ZReleaseStepEdit>;
