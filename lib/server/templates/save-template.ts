import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProcedureKind, StepKind } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";

export type TemplateDraft = {
  name: string;
  description?: string | null;
  phases: { title: string; offsetMinutes: number | null; items: { text: string; required: boolean; ownerRole: string | null }[] }[];
  procedures: { name: string; kind: ProcedureKind; steps: ({ kind: StepKind; text: string } & Record<string, unknown>)[] }[];
  thresholds?: unknown[];
  references?: unknown[];
  unplaced?: unknown[];
};

/** Writes a whole template (phases, items, procedures, steps) in one transaction. */
export async function saveTemplate(draft: TemplateDraft, createdById: string | null, tx?: Prisma.TransactionClient) {
  const write = async (t: Prisma.TransactionClient) =>
    t.template.create({
      data: {
        name: draft.name,
        description: draft.description ?? null,
        createdById,
        thresholds: (draft.thresholds ?? []) as Prisma.InputJsonArray,
        references: (draft.references ?? []) as Prisma.InputJsonArray,
        unplaced: (draft.unplaced ?? []) as Prisma.InputJsonArray,
        phases: {
          create: draft.phases.map((p, position) => ({
            position,
            title: p.title,
            offsetMinutes: p.offsetMinutes,
            items: { create: p.items.map((i, itemPosition) => ({ position: itemPosition, text: i.text, required: i.required, ownerRole: i.ownerRole })) },
          })),
        },
        procedures: {
          create: draft.procedures.map((pr, position) => ({
            position,
            name: pr.name,
            kind: pr.kind,
            steps: {
              create: pr.steps.map(({ kind, text, ...config }, stepPosition) => ({ position: stepPosition, kind, text, config: config as Prisma.InputJsonObject })),
            },
          })),
        },
      },
    });
  return tx ? write(tx) : db().$transaction(write);
}
