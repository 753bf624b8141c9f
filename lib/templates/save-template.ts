import "server-only";
import crypto from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProcedureKind, StepKind } from "@/lib/generated/prisma/enums";
import { bulkStatement } from "@/lib/db";
import type { TemplateRows } from "@/lib/templates/get-template";
import { DEFAULT_PIPELINE } from "@/lib/plan/plan-digest";

export type TemplateDraft = {
  name: string;
  description?: string | null;
  /** `scheduledAt`: the date a dated schedule gave the phase (ISO), kept beside its offset from the schedule's T-0. */
  phases: {
    title: string;
    offsetMinutes: number | null;
    scheduledAt?: string | null;
    items: { text: string; details?: string | null; required: boolean; ownerRole: string | null }[];
  }[];
  /**
   * `environment`: the pipeline it belongs to ("*": the default pipeline, for environments without their own); its
   * place there is its order among that pipeline's procedures.
   */
  procedures: { name: string; kind: ProcedureKind; environment?: string | null; steps: ({ kind: StepKind; text: string } & Record<string, unknown>)[] }[];
  /** The default promotion path of releases created from it without `environments`. */
  environments?: string[];
  thresholds?: unknown[];
  canaries?: unknown[];
  references?: unknown[];
  unplaced?: unknown[];
  coverage?: { blocks: number; placed: number; unplaced: number } | null;
  /** The communication plan; null or absent: the default reminders. */
  reminders?: { offsetMinutes: number; message: string }[] | null;
  /** The escalation ladder ([{ level, afterMinutes, action }]). */
  escalation?: unknown[];
  /** The imported runbook's Markdown (credentials replaced), which a re-import diffs against. */
  runbook?: string | null;
};

// The whole template in one statement, so no transaction is needed: each table's rows arrive as one JSON document
// that PostgreSQL parses once, in C (jsonb_to_recordset; a step's config is then a slice of it, not parsed again).
// Per-row work in Prisma (createMany), per-element array encoding in the driver (unnest) or a JSON parse per config
// took most of a 1 MB import's time. Rows referring to rows of the same statement are fine: foreign keys are
// checked at its end.
const SAVE_TEMPLATE = `
  WITH template AS (
    INSERT INTO "Template" (id, name, description, "createdById", thresholds, canaries, "references", unplaced, coverage, reminders, escalation, environments, runbook, "createdAt", "updatedAt")
    VALUES ($1::uuid, $2, $3, $4::uuid, $5::jsonb, $6::jsonb, $7::jsonb, $8::jsonb, $14::jsonb, $15::jsonb, $16::jsonb, $17::text[], $18, $9, $9)
  ), phases AS (
    INSERT INTO "TemplatePhase" (id, "templateId", position, title, "offsetMinutes", "scheduledAt")
    SELECT r.id, $1::uuid, r.position, r.title, r."offsetMinutes", r."scheduledAt"
    FROM jsonb_to_recordset($10::jsonb) AS r(id uuid, position int, title text, "offsetMinutes" int, "scheduledAt" timestamptz)
  ), items AS (
    INSERT INTO "TemplateItem" (id, "phaseId", position, text, details, required, "ownerRole")
    SELECT r.id, r."phaseId", r.position, r.text, r.details, r.required, r."ownerRole"
    FROM jsonb_to_recordset($11::jsonb) AS r(id uuid, "phaseId" uuid, position int, text text, details text, required boolean, "ownerRole" text)
  ), procedures AS (
    INSERT INTO "TemplateProcedure" (id, "templateId", position, name, kind, environment, "pipelinePosition")
    SELECT r.id, $1::uuid, r.position, r.name, r.kind::"ProcedureKind", r.environment, r."pipelinePosition"
    FROM jsonb_to_recordset($12::jsonb) AS r(id uuid, position int, name text, kind text, environment text, "pipelinePosition" int)
  )
  INSERT INTO "TemplateStep" (id, "procedureId", position, kind, text, config)
  SELECT r.id, r."procedureId", r.position, r.kind::"StepKind", r.text, r.config
  FROM jsonb_to_recordset($13::jsonb) AS r(id uuid, "procedureId" uuid, position int, kind text, text text, config jsonb)`;

/**
 * Writes a whole template (phases, items, procedures, steps) with one statement: an imported runbook has a hundred
 * rows or more (ten thousand for 1 MB). Returns what it wrote, in the shape getTemplate loads, so a caller need
 * not read it back. Inside a caller's transaction (`tx`, the demo seed) the statement goes through it instead.
 */
export async function saveTemplate(draft: TemplateDraft, createdById: string | null, tx?: Prisma.TransactionClient): Promise<TemplateRows> {
  const uuid = () => crypto.randomUUID();
  const now = new Date();
  const template = {
    id: uuid(),
    name: draft.name,
    description: draft.description ?? null,
    version: 1,
    thresholds: (draft.thresholds ?? []) as Prisma.JsonArray,
    canaries: (draft.canaries ?? []) as Prisma.JsonArray,
    references: (draft.references ?? []) as Prisma.JsonArray,
    unplaced: (draft.unplaced ?? []) as Prisma.JsonArray,
    coverage: (draft.coverage ?? null) as Prisma.JsonObject | null,
    notes: {},
    reminders: (draft.reminders && draft.reminders.length > 0 ? draft.reminders : null) as Prisma.JsonArray | null,
    escalation: (draft.escalation ?? []) as Prisma.JsonArray,
    schedule: null,
    environments: draft.environments ?? [],
    createdById,
    createdAt: now,
    updatedAt: now,
  };
  const phases = draft.phases.map((p, position, _, id = uuid()) => ({
    id,
    templateId: template.id,
    position,
    title: p.title,
    offsetMinutes: p.offsetMinutes,
    scheduledAt: p.scheduledAt ? new Date(p.scheduledAt) : null,
    items: p.items.map((i, position) => ({
      id: uuid(),
      phaseId: id,
      position,
      text: i.text,
      details: i.details ?? null,
      required: i.required,
      ownerRole: i.ownerRole,
    })),
  }));
  // A bound procedure's place in its pipeline: how many procedures before it are bound to the same environment.
  const pipelinePosition = (i: number) => {
    const environment = draft.procedures[i].environment ?? null;
    return environment === null ? null : draft.procedures.slice(0, i).filter((p) => p.environment === environment).length;
  };
  const procedures = draft.procedures.map((pr, position, _, id = uuid()) => ({
    id,
    templateId: template.id,
    position,
    name: pr.name,
    kind: pr.kind,
    environment: pr.environment === DEFAULT_PIPELINE ? null : (pr.environment ?? null),
    pipelinePosition: pipelinePosition(position),
    steps: pr.steps.map(({ kind, text, ...config }, position) => ({ id: uuid(), procedureId: id, position, kind, text, config: config as Prisma.JsonObject })),
  }));
  const json = (value: unknown) => JSON.stringify(value);
  const run = tx ? (text: string, values: unknown[]) => tx.$executeRawUnsafe(text, ...values) : bulkStatement;
  await run(SAVE_TEMPLATE, [
    template.id,
    template.name,
    template.description,
    createdById,
    json(template.thresholds),
    json(template.canaries),
    json(template.references),
    json(template.unplaced),
    now,
    json(phases.map(({ items: _items, templateId: _t, ...p }) => p)),
    json(phases.flatMap((p) => p.items)),
    json(procedures.map(({ steps: _steps, templateId: _t, ...pr }) => pr)),
    json(procedures.flatMap((pr) => pr.steps)),
    template.coverage === null ? null : json(template.coverage),
    template.reminders === null ? null : json(template.reminders),
    json(template.escalation),
    template.environments,
    draft.runbook ?? null,
  ]);
  return { ...template, phases, procedures };
}
