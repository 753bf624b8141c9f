import "server-only";
import crypto from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProcedureKind, StepKind } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";

export type TemplateDraft = {
  name: string;
  description?: string | null;
  phases: { title: string; offsetMinutes: number | null; items: { text: string; required: boolean; ownerRole: string | null }[] }[];
  procedures: { name: string; kind: ProcedureKind; steps: ({ kind: StepKind; text: string } & Record<string, unknown>)[] }[];
  thresholds?: unknown[];
  canaries?: unknown[];
  references?: unknown[];
  unplaced?: unknown[];
};

/**
 * Writes a whole template (phases, items, procedures, steps) in one transaction, with one INSERT per table:
 * an imported runbook has a hundred rows or more, and nested creates would insert them one by one.
 */
export async function saveTemplate(draft: TemplateDraft, createdById: string | null, tx?: Prisma.TransactionClient) {
  const phases = draft.phases.map((p, position) => ({ id: crypto.randomUUID(), position, ...p }));
  const procedures = draft.procedures.map((pr, position) => ({ id: crypto.randomUUID(), position, ...pr }));
  const write = async (t: Prisma.TransactionClient) => {
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
    await t.templatePhase.createMany({ data: phases.map((p) => ({ id: p.id, templateId: template.id, position: p.position, title: p.title, offsetMinutes: p.offsetMinutes })) });
    await t.templateItem.createMany({
      data: phases.flatMap((p) => p.items.map((i, position) => ({ phaseId: p.id, position, text: i.text, required: i.required, ownerRole: i.ownerRole }))),
    });
    await t.templateProcedure.createMany({ data: procedures.map((pr) => ({ id: pr.id, templateId: template.id, position: pr.position, name: pr.name, kind: pr.kind })) });
    await t.templateStep.createMany({
      data: procedures.flatMap((pr) =>
        pr.steps.map(({ kind, text, ...config }, position) => ({ procedureId: pr.id, position, kind, text, config: config as Prisma.InputJsonObject })),
      ),
    });
    return template;
  };
  return tx ? write(tx) : db().$transaction(write);
}
