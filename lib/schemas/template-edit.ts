import { z } from "zod";
import { ZStepKind } from "@/lib/schemas/step";
import { ZEnvironmentName } from "@/lib/schemas/environment";

// Every template edit carries the template's version: a stale one gets 409 (someone else edited meanwhile).
const ZVersion = z.number().int().min(1);
const ZOwnerRole = z.string().trim().max(60).nullable();

export const ZTemplateParams = z.object({ id: z.uuid() });
export const ZTemplateItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
export const ZTemplateStepParams = z.object({ id: z.uuid(), stepId: z.uuid() });
export const ZTemplatePhaseParams = z.object({ id: z.uuid(), phaseId: z.uuid() });
export const ZVersionQuery = z.object({ version: z.coerce.number().int().min(1) }).strict();

export const ZRenameTemplate = z.object({ name: z.string().trim().min(1).max(200), version: ZVersion }).strict();

export const ZUpdatePhase = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    offsetMinutes: z.number().int().min(-525_600).max(525_600).nullable().optional(),
    version: ZVersion,
  })
  .strict();

export const ZAddItem = z
  .object({
    phaseId: z.uuid(),
    text: z.string().trim().min(1).max(2000),
    required: z.boolean().default(true),
    ownerRole: ZOwnerRole.default(null),
    version: ZVersion,
  })
  .strict();

export const ZUpdateItem = z
  .object({
    text: z.string().trim().min(1).max(2000).optional(),
    /** Notes shown under the item (an imported item's sub-bullets); "" or null clears them. */
    details: z.string().trim().max(4000).nullable().optional(),
    required: z.boolean().optional(),
    ownerRole: ZOwnerRole.optional(),
    /** Move: to this phase (default: its own) at this position (0-based; clamped). */
    phaseId: z.uuid().optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    version: ZVersion,
  })
  .strict();

export const ZAddStep = z
  .object({
    procedureId: z.uuid(),
    kind: ZStepKind,
    text: z.string().trim().max(2000),
    config: z.record(z.string(), z.unknown()).default({}),
    version: ZVersion,
  })
  .strict();

export const ZUpdateStep = z
  .object({
    kind: ZStepKind.optional(),
    text: z.string().trim().max(2000).optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    position: z.number().int().min(0).max(10_000).optional(),
    version: ZVersion,
  })
  .strict();

/** `environment` "*": the default pipeline, for environments without one of their own. */
export const ZTemplatePipelineParams = z.object({ id: z.uuid(), environment: z.union([z.literal("*"), ZEnvironmentName]) });

/** PUT /api/templates/:id/pipelines/:environment: the environment's pipeline in order ([] clears it). */
export const ZSetPipeline = z.object({ procedureIds: z.array(z.uuid()).max(100), version: ZVersion }).strict();
export type TSetPipeline = z.output<typeof ZSetPipeline>;

/** PUT /api/templates/:id/environments: the default promotion path ([] clears it). */
export const ZSetDefaultPath = z.object({ environments: z.array(ZEnvironmentName).max(10), version: ZVersion }).strict();
export type TSetDefaultPath = z.output<typeof ZSetDefaultPath>;
