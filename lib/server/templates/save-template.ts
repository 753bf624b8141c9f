import "server-only";
import crypto from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProcedureKind, StepKind } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import type { TemplateRows } from "@/lib/server/templates/get-template";

export type TemplateDraft = {
  name: string;
  description?: string | null;
  phases: { title: string; offsetMinutes: number | null; items: { text: string; details?: string | null; required: boolean; ownerRole: string | null }[] }[];
  procedures: { name: string; kind: ProcedureKind; steps: ({ kind: StepKind; text: string } & Record<string, unknown>)[] }[];
  thresholds?: unknown[];
  canaries?: unknown[];
  references?: unknown[];
  unplaced?: unknown[];
};

/**
 * Writes a whole template (phases, items, procedures, steps) in one transaction, with one INSERT per table:
 * an imported runbook has a hundred rows or more (ten thousand for 1 MB), and nested creates would insert them
 * one by one. Returns what it wrote, in the shape getTemplate loads, so a caller need not read it back.
 */
export async function saveTemplate(draft: TemplateDraft, createdById: string | null, tx?: Prisma.TransactionClient): Promise<TemplateRows> {
  const uuid = () => crypto.randomUUID();
  const phases = draft.phases.map((p, position, _, id = uuid()) => ({
    id,
    position,
    title: p.title,
    offsetMinutes: p.offsetMinutes,
    items: p.items.map((i, position) => ({ id: uuid(), phaseId: id, position, text: i.text, details: i.details ?? null, required: i.required, ownerRole: i.ownerRole })),
  }));
  const procedures = draft.procedures.map((pr, position, _, id = uuid()) => ({
    id,
    position,
    name: pr.name,
    kind: pr.kind,
    steps: pr.steps.map(({ kind, text, ...config }, position) => ({ id: uuid(), procedureId: id, position, kind, text, config: config as Prisma.JsonObject })),
  }));
  const write = async (t: Prisma.TransactionClient): Promise<TemplateRows> => {
    const template = await t.template.create({
      data: {
        name: draft.name,
        description: draft.description ?? null,
        createdById,
        thresholds: (draft.thresholds ?? []) as Prisma.InputJsonArray,
        canaries: (draft.canaries ?? []) as Prisma.InputJsonArray,
        references: (draft.references ?? []) as Prisma.InputJsonArray,
        unplaced: (draft.unplaced ?? []) as Prisma.InputJsonArray,
      },
    });
    // The whole plan in one statement: each table's rows arrive as one JSON document (json_to_recordset), which
    // PostgreSQL parses in C; per-row work in Prisma (createMany) or per-element array encoding in the driver
    // (unnest) took most of a 1 MB import's time. Items and steps may reference phases and procedures inserted by
    // the statement's other parts: foreign keys are checked at its end.
    const items = phases.flatMap((p) => p.items);
    const steps = procedures.flatMap((pr) => pr.steps);
    const rows = (list: object[]) => JSON.stringify(list);
    await t.$queryRaw`
      WITH phases AS (
        INSERT INTO "TemplatePhase" (id, "templateId", position, title, "offsetMinutes")
        SELECT r.id, ${template.id}::uuid, r.position, r.title, r."offsetMinutes"
        FROM json_to_recordset(${rows(phases.map(({ items: _items, ...p }) => p))}::json) AS r(id uuid, position int, title text, "offsetMinutes" int)
      ), items AS (
        INSERT INTO "TemplateItem" (id, "phaseId", position, text, details, required, "ownerRole")
        SELECT r.id, r."phaseId", r.position, r.text, r.details, r.required, r."ownerRole"
        FROM json_to_recordset(${rows(items)}::json) AS r(id uuid, "phaseId" uuid, position int, text text, details text, required boolean, "ownerRole" text)
      ), procedures AS (
        INSERT INTO "TemplateProcedure" (id, "templateId", position, name, kind)
        SELECT r.id, ${template.id}::uuid, r.position, r.name, r.kind::"ProcedureKind"
        FROM json_to_recordset(${rows(procedures.map(({ steps: _steps, ...pr }) => pr))}::json) AS r(id uuid, position int, name text, kind text)
      ), steps AS (
        INSERT INTO "TemplateStep" (id, "procedureId", position, kind, text, config)
        SELECT r.id, r."procedureId", r.position, r.kind::"StepKind", r.text, r.config
        FROM json_to_recordset(${rows(steps)}::json) AS r(id uuid, "procedureId" uuid, position int, kind text, text text, config jsonb)
      )
      SELECT 1 AS saved`;
    return {
      ...template,
      phases: phases.map((p) => ({ ...p, templateId: template.id })),
      procedures: procedures.map((pr) => ({ ...pr, templateId: template.id })),
    };
  };
  return tx ? write(tx) : db().$transaction(write);
}
