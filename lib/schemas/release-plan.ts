import { z } from "zod";
import { ZAddStep, ZUpdateStep } from "@/lib/schemas/template-edit";

// Edits of a release's own plan take the same fields as the template's step routes (and the same step schemas,
// lib/schemas/step.ts), with the plan digest the editor saw instead of a template version: a stale one gets 409.
export const ZPlanDigest = z.string().regex(/^[0-9a-f]{64}$/, "must be the plan's digest as you last read it (64 hex characters)");

export const ZReleaseStepParams = z.object({ id: z.uuid(), stepId: z.uuid() });
export const ZAddReleaseStep = ZAddStep.omit({ version: true }).extend({ planDigest: ZPlanDigest }).strict();
export type TAddReleaseStep = z.output<typeof ZAddReleaseStep>;
export const ZUpdateReleaseStep = ZUpdateStep.omit({ version: true }).extend({ planDigest: ZPlanDigest }).strict();
export type TUpdateReleaseStep = z.output<typeof ZUpdateReleaseStep>;
export const ZPlanDigestQuery = z.object({ planDigest: ZPlanDigest }).strict();
