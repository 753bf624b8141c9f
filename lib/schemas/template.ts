// What the API answers about templates.
import { z } from "zod";
import { ZEscalationLadder } from "@/lib/schemas/runbook";
import { ZNoteSections } from "@/lib/schemas/notes";
import { ZStepKind } from "@/lib/schemas/step";
import { ZTrainSchedule } from "@/lib/schemas/train";

/** GET /api/templates: every template, newest first, with what it holds. */
export const ZTemplateList = z.object({
  templates: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      description: z.string().nullable(),
      createdAt: z.iso.datetime({ offset: true }),
      counts: z.object({ phases: z.number().int(), checklistItems: z.number().int(), procedures: z.number().int(), releases: z.number().int() }),
    }),
  ),
});
export type TTemplateList = z.output<typeof ZTemplateList>;
export type TTemplateSummary = TTemplateList["templates"][number];

const ZProcedureKind = z.enum(["deploy", "smoke", "rollback", "verify", "custom"]);

/**
 * GET /api/templates/:id: the template with phases, items and procedures. Steps are flat (their config beside id,
 * kind, text); viewers get step names without commands, and the runbook's extras (thresholds, canaries,
 * references, unplaced lines, coverage: lib/runbook/) without the text that could hold a command.
 */
export const ZTemplateView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    /** What every edit sends back (409 when stale). */
    version: z.number().int(),
    createdAt: z.iso.datetime({ offset: true }),
    thresholds: z.unknown(),
    canaries: z.unknown(),
    references: z.unknown(),
    unplaced: z.unknown(),
    coverage: z.unknown(),
    /** The runbook's escalation ladder, by level (empty when it has none). */
    escalation: ZEscalationLadder,
    /** The default promotion path of a release created from it without `environments`. */
    environments: z.array(z.string()),
    notes: ZNoteSections,
    schedule: ZTrainSchedule.nullable(),
    nextTrains: z.array(z.string()),
    phases: z.array(
      z
        .object({
          id: z.uuid(),
          title: z.string(),
          offsetMinutes: z.number().int().nullable(),
          /** The date a dated schedule in the runbook gave the phase (shown beside its offset from T-0). */
          scheduledAt: z.iso.datetime({ offset: true }).nullable(),
          items: z.array(
            z
              .object({
                id: z.uuid(),
                text: z.string(),
                details: z.string().nullable(),
                kind: z.literal("check"),
                required: z.boolean(),
                ownerRole: z.string().nullable(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    procedures: z.array(
      z
        .object({
          id: z.uuid(),
          name: z.string(),
          kind: ZProcedureKind,
          /** The environment whose deploy pipeline it belongs to ("*": the default pipeline; null: unbound), and its place there. */
          environment: z.string().nullable(),
          pipelinePosition: z.number().int().nullable(),
          steps: z.array(z.looseObject({ id: z.uuid(), kind: ZStepKind, text: z.string() })),
        })
        .strict(),
    ),
  })
  .strict();
export type TTemplateView = z.output<typeof ZTemplateView>;

/** POST /api/templates/import: 201, the new template and what each block of the runbook became (docs/import.md). */
export const ZImportResult = z
  .object({
    template: ZTemplateView,
    counts: z.object({ phases: z.number().int(), checklistItems: z.number().int(), procedures: z.number().int(), steps: z.number().int() }).strict(),
    coverage: z.object({ blocks: z.number().int(), placed: z.number().int(), unplaced: z.number().int() }).strict(),
    warnings: z.array(z.string()),
    unplaced: z.array(z.object({ line: z.number().int(), text: z.string(), reason: z.string() }).strict()),
    /** Lines that look like credentials: named, never quoted. */
    credentials: z.array(z.object({ name: z.string(), line: z.number().int(), where: z.string(), message: z.string() }).strict()),
  })
  .strict();
export type TImportResult = z.output<typeof ZImportResult>;
