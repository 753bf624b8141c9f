import { z } from "zod";
import { checkIncreasingWeights, ZCanaryStepFields, ZCommandStep, ZGateStep, ZHttpStep, ZWaitStep } from "@/lib/schemas/step";

// The runbook importer's output (lib/runbook/parse-runbook.ts): what a Markdown runbook became.

const ZLine = z.number().int().min(1);

export const ZChecklistItemSource = z.enum(["task", "step"]);

export const ZParsedChecklistItem = z
  .object({
    text: z.string(),
    required: z.boolean(),
    ownerRole: z.string().nullable(),
    checked: z.boolean(),
    line: ZLine,
    /** "task": a `- [ ]` item; "step": a numbered procedure step kept as a manual item. */
    source: ZChecklistItemSource,
  })
  .strict();
export type TParsedChecklistItem = z.infer<typeof ZParsedChecklistItem>;

export const ZParsedPhase = z
  .object({
    title: z.string(),
    /** Minutes from T-0 (negative = before); null when the heading (and its parents) name no time. */
    offsetMinutes: z.number().int().nullable(),
    line: ZLine,
    items: z.array(ZParsedChecklistItem),
  })
  .strict();
export type TParsedPhase = z.infer<typeof ZParsedPhase>;

export const ZProcedureKind = z.enum(["deploy", "smoke", "rollback", "verify", "custom"]);
export type TProcedureKind = z.infer<typeof ZProcedureKind>;

const withLine = { line: ZLine };
export const ZParsedStep = z.discriminatedUnion("kind", [
  ZCommandStep.extend(withLine),
  ZHttpStep.extend(withLine),
  ZWaitStep.extend(withLine),
  ZGateStep.extend(withLine),
  ZCanaryStepFields.extend(withLine).superRefine(checkIncreasingWeights),
]);
export type TParsedStep = z.infer<typeof ZParsedStep>;

export const ZParsedProcedure = z
  .object({ name: z.string(), kind: ZProcedureKind, line: ZLine, steps: z.array(ZParsedStep) })
  .strict();
export type TParsedProcedure = z.infer<typeof ZParsedProcedure>;

export const ZParsedThreshold = z
  .object({
    metric: z.string(),
    warning: z.string().nullable(),
    critical: z.string().nullable(),
    action: z.string().nullable(),
    line: ZLine,
  })
  .strict();
export type TParsedThreshold = z.infer<typeof ZParsedThreshold>;

export const ZParsedReference = z
  .object({ title: z.string(), line: ZLine, header: z.array(z.string()), rows: z.array(z.array(z.string())) })
  .strict();
export type TParsedReference = z.infer<typeof ZParsedReference>;

export const ZUnplaced = z.object({ line: ZLine, text: z.string(), reason: z.string() }).strict();
export type TUnplaced = z.infer<typeof ZUnplaced>;

export const ZImportCounts = z
  .object({
    phases: z.number().int().min(0),
    checklistItems: z.number().int().min(0),
    procedures: z.number().int().min(0),
    steps: z.number().int().min(0),
  })
  .strict();
export type TImportCounts = z.infer<typeof ZImportCounts>;

export const ZParsedRunbook = z
  .object({
    title: z.string().nullable(),
    phases: z.array(ZParsedPhase),
    procedures: z.array(ZParsedProcedure),
    thresholds: z.array(ZParsedThreshold),
    references: z.array(ZParsedReference),
    unplaced: z.array(ZUnplaced),
    counts: ZImportCounts,
  })
  .strict();
export type TParsedRunbook = z.infer<typeof ZParsedRunbook>;
