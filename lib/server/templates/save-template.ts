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
    // unnest() of one array per column: one statement per table whatever the size, and none of Prisma's per-row
    // work (an imported 1 MB runbook has ten thousand rows; createMany spent seconds building them).
    const items = phases.flatMap((p) => p.items);
    const steps = procedures.flatMap((pr) => pr.steps.map((s) => ({ ...s, config: JSON.stringify(s.config) })));
    const column = <T, K extends keyof T>(rows: T[], key: K) => rows.map((r) => r[key]);
    await t.$executeRaw`
      INSERT INTO "TemplatePhase" (id, "templateId", position, title, "offsetMinutes")
      SELECT u.id, ${template.id}::uuid, u.position, u.title, u.offset_minutes
      FROM unnest(${column(phases, "id")}::uuid[], ${column(phases, "position")}::int[], ${column(phases, "title")}::text[], ${column(phases, "offsetMinutes")}::int[])
        AS u(id, position, title, offset_minutes)`;
    await t.$executeRaw`
      INSERT INTO "TemplateItem" (id, "phaseId", position, text, details, required, "ownerRole")
      SELECT u.id, u.phase_id, u.position, u.text, u.details, u.required, u.owner_role
      FROM unnest(${column(items, "id")}::uuid[], ${column(items, "phaseId")}::uuid[], ${column(items, "position")}::int[], ${column(items, "text")}::text[], ${column(items, "details")}::text[], ${column(items, "required")}::boolean[], ${column(items, "ownerRole")}::text[])
        AS u(id, phase_id, position, text, details, required, owner_role)`;
    await t.$executeRaw`
      INSERT INTO "TemplateProcedure" (id, "templateId", position, name, kind)
      SELECT u.id, ${template.id}::uuid, u.position, u.name, u.kind::"ProcedureKind"
      FROM unnest(${column(procedures, "id")}::uuid[], ${column(procedures, "position")}::int[], ${column(procedures, "name")}::text[], ${column(procedures, "kind")}::text[])
        AS u(id, position, name, kind)`;
    await t.$executeRaw`
      INSERT INTO "TemplateStep" (id, "procedureId", position, kind, text, config)
      SELECT u.id, u.procedure_id, u.position, u.kind::"StepKind", u.text, u.config
      FROM unnest(${column(steps, "id")}::uuid[], ${column(steps, "procedureId")}::uuid[], ${column(steps, "position")}::int[], ${column(steps, "kind")}::text[], ${column(steps, "text")}::text[], ${column(steps, "config")}::jsonb[])
        AS u(id, procedure_id, position, kind, text, config)`;
    return {
      ...template,
      phases: phases.map((p) => ({ ...p, templateId: template.id })),
      procedures: procedures.map((pr) => ({ ...pr, templateId: template.id })),
    };
  };
  return tx ? write(tx) : db().$transaction(write);
}
