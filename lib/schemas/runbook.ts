import { z } from "zod";
import { checkIncreasingWeights, ZCanaryStepFields, ZCommandStep, ZGateStep, ZHttpStep, ZWaitStep } from "@/lib/schemas/step";

// The runbook importer's output (lib/runbook/parse-runbook.ts): what a Markdown runbook became.

const ZLine = z.number().int().min(1);

export const ZChecklistItemSource = z.enum(["task", "step", "bullet"]);

export const ZParsedChecklistItem = z
  .object({
    text: z.string(),
    /** The item's plain sub-bullets ("- Grafana dashboards"), one per line, when it has some. */
    details: z.string().optional(),
    required: z.boolean(),
    ownerRole: z.string().nullable(),
    checked: z.boolean(),
    line: ZLine,
    /** "task": a `- [ ]` item; "step": a numbered procedure step kept as a manual item; "bullet": a plain bullet of a phase-like section. */
    source: ZChecklistItemSource,
  })
  .strict();
export type TParsedChecklistItem = z.infer<typeof ZParsedChecklistItem>;

export const ZParsedPhase = z
  .object({
    title: z.string(),
    /** Minutes from T-0 (negative = before); null when the heading (and its parents) name no time. */
    offsetMinutes: z.number().int().nullable(),
    /** The date (ISO, UTC) a dated schedule gave the phase; its offsetMinutes then counts from the schedule's T-0. */
    scheduledAt: z.iso.datetime().optional(),
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

/**
 * `environment`: the deploy pipeline the import proposes it for ("staging", "production", or "*": the default
 * pipeline, for any environment without its own); absent: unbound (lib/runbook/pipelines.ts).
 */
export const ZParsedProcedure = z
  .object({ name: z.string(), kind: ZProcedureKind, environment: z.string().optional(), line: ZLine, steps: z.array(ZParsedStep) })
  .strict();
export type TParsedProcedure = z.infer<typeof ZParsedProcedure>;

/** A threshold as a comparison: `breach` true when the rule describes the bad side ("> 1% for 5 minutes"). */
export const ZThresholdRule = z
  .object({
    op: z.enum(["<", "<=", ">", ">="]),
    value: z.number(),
    unit: z.string(),
    breach: z.boolean(),
    forSec: z.number().int().min(0).nullable(),
  })
  .strict();
export type TThresholdRule = z.infer<typeof ZThresholdRule>;

export const ZParsedThreshold = z
  .object({
    metric: z.string(),
    warning: z.string().nullable(),
    critical: z.string().nullable(),
    action: z.string().nullable(),
    line: ZLine,
    /** "table": a row of a threshold table; "list": a bullet ("Error rate < 0.1%"). */
    source: z.enum(["table", "list"]).optional(),
    /** A bullet that states what healthy looks like ("< 0.1%"), rather than a breach. */
    healthyWhen: z.string().nullable().optional(),
    rule: ZThresholdRule.nullable().optional(),
  })
  .strict();
export type TParsedThreshold = z.infer<typeof ZParsedThreshold>;

/** A canary rollout the runbook describes: its stages (bake null when the text gives none) and, when found, the command that sets a weight. */
export const ZParsedCanary = z
  .object({
    line: ZLine,
    text: z.string(),
    stages: z.array(z.object({ weight: z.number().int().min(1).max(100), bakeSec: z.number().int().min(0).nullable() }).strict()).min(2),
    weightCommand: z.string().nullable(),
  })
  .strict();
export type TParsedCanary = z.infer<typeof ZParsedCanary>;

/**
 * What the runbook keeps for reading, attached to its section (`title`, the nearest heading): a table (header and
 * rows), a code block that is not shell (`kind` "code", `text` and `lang`: configs, zone files, SQL, YAML), a list
 * of links ("links": a row [text, url] each), contacts ("contacts") or prose ("note", `text` in Markdown).
 */
export const ZReferenceKind = z.enum(["table", "code", "links", "contacts", "note"]);
export const ZParsedReference = z
  .object({
    title: z.string(),
    line: ZLine,
    header: z.array(z.string()),
    rows: z.array(z.array(z.string())),
    kind: ZReferenceKind.optional(),
    text: z.string().optional(),
    lang: z.string().optional(),
  })
  .strict();
export type TParsedReference = z.infer<typeof ZParsedReference>;

export const ZUnplaced = z.object({ line: ZLine, text: z.string(), reason: z.string() }).strict();
export type TUnplaced = z.infer<typeof ZUnplaced>;

/** A credential the runbook had written out, replaced by `${name}`: the secret to add to the environment. */
export const ZRunbookCredential = z.object({ name: z.string(), line: ZLine, where: z.string(), message: z.string() }).strict();
export type TRunbookCredential = z.infer<typeof ZRunbookCredential>;

export const ZImportCounts = z
  .object({
    phases: z.number().int().min(0),
    checklistItems: z.number().int().min(0),
    procedures: z.number().int().min(0),
    steps: z.number().int().min(0),
  })
  .strict();
export type TImportCounts = z.infer<typeof ZImportCounts>;

/** Every block of the document (paragraph, list item, code block, table, front matter) placed or listed as unplaced. */
export const ZImportCoverage = z.object({ blocks: z.number().int().min(0), placed: z.number().int().min(0), unplaced: z.number().int().min(0) }).strict();
export type TImportCoverage = z.infer<typeof ZImportCoverage>;

/** A reminder the runbook's communication plan gives (T-24h: "Send notification to all administrators"). */
export const ZParsedReminder = z.object({ offsetMinutes: z.number().int(), message: z.string().min(1), line: ZLine }).strict();
export type TParsedReminder = z.infer<typeof ZParsedReminder>;

/** One rung of an escalation ladder: "Level 2 after 15 minutes: page the on-call lead". */
export const ZEscalationLevel = z
  .object({
    level: z.number().int().min(0).max(99),
    /** Minutes a run has been failing before this level applies (0: at once). */
    afterMinutes: z.number().int().min(0).max(10_080),
    action: z.string().min(1).max(1000),
  })
  .strict();
export type TEscalationLevel = z.infer<typeof ZEscalationLevel>;
export const ZEscalationLadder = z.array(ZEscalationLevel).max(20);

export const ZParsedRunbook = z
  .object({
    title: z.string().nullable(),
    /** From the front matter's `description:` (or `summary:`), when it has one. */
    description: z.string().nullable(),
    phases: z.array(ZParsedPhase),
    procedures: z.array(ZParsedProcedure),
    thresholds: z.array(ZParsedThreshold),
    canaries: z.array(ZParsedCanary),
    references: z.array(ZParsedReference),
    /** The runbook's communication plan: the template's reminders instead of the default ones (empty: defaults). */
    reminders: z.array(ZParsedReminder),
    /** The escalation ladder of its escalation section, by level (empty when it has none). */
    escalation: ZEscalationLadder,
    unplaced: z.array(ZUnplaced),
    /** Credentials the import replaced by `${NAME}` references (their values are kept nowhere). */
    credentials: z.array(ZRunbookCredential),
    counts: ZImportCounts,
    coverage: ZImportCoverage,
    /** What the page should say before anything else ("no checklist items or steps: everything is listed as unplaced"). */
    warnings: z.array(z.string()),
  })
  .strict();
export type TParsedRunbook = z.infer<typeof ZParsedRunbook>;
