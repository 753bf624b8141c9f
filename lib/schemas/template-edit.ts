import { z } from "zod";
import { ZStepKind } from "@/lib/schemas/step";
import { ZProcedureKind } from "@/lib/schemas/runbook";
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

/** A phase's time from T-0 in the importer's words ("T-2d", "T+30m", "2 hours before launch"); "" or null: no time. */
const ZOffsetWords = z.string().trim().max(80).nullable();

export const ZUpdatePhase = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    offsetMinutes: z.number().int().min(-525_600).max(525_600).nullable().optional(),
    offset: ZOffsetWords.optional(),
    version: ZVersion,
  })
  .strict()
  .refine((b) => b.offset === undefined || b.offsetMinutes === undefined, { path: ["offset"], message: "give offset or offsetMinutes, not both" });

export const ZAddPhase = z.object({ title: z.string().trim().min(1).max(300), offset: ZOffsetWords.optional(), version: ZVersion }).strict();

export const ZTemplateProcedureParams = z.object({ id: z.uuid(), procedureId: z.uuid() });
export const ZAddProcedure = z.object({ name: z.string().trim().min(1).max(200), kind: ZProcedureKind, version: ZVersion }).strict();
export const ZUpdateProcedure = z
  .object({ name: z.string().trim().min(1).max(200).optional(), kind: ZProcedureKind.optional(), version: ZVersion })
  .strict()
  .refine((b) => b.name !== undefined || b.kind !== undefined, { path: ["kind"], message: "give a kind or a name to change" });

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

// ---- answers: each edit answers with what it changed and the template's new version (the next edit sends it) ----

const ZNewVersion = { version: z.number().int() };

/** A step as stored: its kind's config as JSON (a release's own steps have ids of their own kind, not UUIDs). */
export const ZStoredStep = z
  .object({ id: z.string(), position: z.number().int(), kind: ZStepKind, text: z.string(), config: z.unknown(), procedureId: z.string() })
  .strict();

/** PATCH /api/templates/:id. */
export const ZTemplateRenamed = z.object({ template: z.object({ id: z.uuid(), name: z.string() }).strict(), ...ZNewVersion }).strict();
export type TTemplateRenamed = z.output<typeof ZTemplateRenamed>;

/** A phase as stored. */
const ZStoredPhase = z
  .object({
    id: z.uuid(),
    title: z.string(),
    position: z.number().int(),
    templateId: z.uuid(),
    offsetMinutes: z.number().int().nullable(),
    scheduledAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .strict();

/** A procedure as stored, with its steps. */
const ZStoredProcedure = z
  .object({
    id: z.uuid(),
    templateId: z.uuid(),
    position: z.number().int(),
    name: z.string(),
    kind: ZProcedureKind,
    environment: z.string().nullable(),
    pipelinePosition: z.number().int().nullable(),
    steps: z.array(ZStoredStep),
  })
  .strict();

/** POST /api/templates/:id/procedures, PATCH .../procedures/:procedureId. */
export const ZTemplateProcedureEdit = z.object({ procedure: ZStoredProcedure, ...ZNewVersion }).strict();
export type TTemplateProcedureEdit = z.output<typeof ZTemplateProcedureEdit>;

/** POST /api/templates/:id/phases, PATCH .../phases/:phaseId. */
export const ZTemplatePhaseEdit = z
  .object({
    phase: ZStoredPhase,
    ...ZNewVersion,
  })
  .strict();
export type TTemplatePhaseEdit = z.output<typeof ZTemplatePhaseEdit>;

/** POST /api/templates/:id/items, PATCH .../items/:itemId. */
export const ZTemplateItemEdit = z
  .object({
    item: z
      .object({
        id: z.uuid(),
        position: z.number().int(),
        text: z.string(),
        phaseId: z.uuid(),
        details: z.string().nullable(),
        required: z.boolean(),
        ownerRole: z.string().nullable(),
      })
      .strict(),
    ...ZNewVersion,
  })
  .strict();
export type TTemplateItemEdit = z.output<typeof ZTemplateItemEdit>;

/** POST /api/templates/:id/steps, PATCH .../steps/:stepId. */
export const ZTemplateStepEdit = z.object({ step: ZStoredStep, ...ZNewVersion }).strict();
export type TTemplateStepEdit = z.output<typeof ZTemplateStepEdit>;

/** DELETE of a template's item or step: its id. */
export const ZTemplateDeleted = z.object({ deleted: z.uuid(), ...ZNewVersion }).strict();
export type TTemplateDeleted = z.output<typeof ZTemplateDeleted>;
/** `environment` "*": the default pipeline, for environments without one of their own. */
export const ZTemplatePipelineParams = z.object({ id: z.uuid(), environment: z.union([z.literal("*"), ZEnvironmentName]) });

/** PUT /api/templates/:id/pipelines/:environment: the environment's pipeline in order ([] clears it). */
export const ZSetPipeline = z.object({ procedureIds: z.array(z.uuid()).max(100), version: ZVersion }).strict();
export type TSetPipeline = z.output<typeof ZSetPipeline>;

/** PUT /api/templates/:id/environments: the default promotion path ([] clears it). */
export const ZSetDefaultPath = z.object({ environments: z.array(ZEnvironmentName).max(10), version: ZVersion }).strict();
export type TSetDefaultPath = z.output<typeof ZSetDefaultPath>;

/** PUT /api/templates/:id/pipelines/:environment: the pipeline as set ("*": the default pipeline). */
export const ZTemplatePipelineSet = z
  .object({ pipeline: z.object({ environment: z.string(), procedureIds: z.array(z.uuid()) }).strict(), ...ZNewVersion })
  .strict();
export type TTemplatePipelineSet = z.output<typeof ZTemplatePipelineSet>;

/** PUT /api/templates/:id/environments: the default promotion path as set. */
export const ZTemplateDefaultPathSet = z.object({ environments: z.array(z.string()), ...ZNewVersion }).strict();
export type TTemplateDefaultPathSet = z.output<typeof ZTemplateDefaultPathSet>;
