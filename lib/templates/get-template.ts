import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { trainDates } from "@/lib/calendar/train";
import { noteSections } from "@/lib/schemas/notes";
import { ZTrainSchedule } from "@/lib/schemas/train";
import { ZEscalationLadder } from "@/lib/schemas/runbook";
import { NEXT_TRAINS } from "@/lib/templates/save-train-schedule";
import type { TTemplateView } from "@/lib/schemas/template";

const WHOLE = {
  phases: { orderBy: { position: "asc" }, include: { items: { orderBy: { position: "asc" } } } },
  procedures: { orderBy: { position: "asc" }, include: { steps: { orderBy: { position: "asc" } } } },
} satisfies Prisma.TemplateInclude;

// The runbook a template was imported from (up to 1 MB) is read by a re-import only.
const WITHOUT_RUNBOOK = { runbook: true } satisfies Prisma.TemplateOmit;

/** A template with its plan, as loaded (or as just written by save-template.ts). */
export type TemplateRows = Prisma.TemplateGetPayload<{ include: typeof WHOLE; omit: typeof WITHOUT_RUNBOOK }>;

export async function getTemplate(id: string, now = new Date()): Promise<TTemplateView> {
  const t = await db().template.findUnique({ where: { id }, include: WHOLE, omit: WITHOUT_RUNBOOK });
  if (!t) throw new AppError("NOT_FOUND", "Template not found");
  return templateView(t, now);
}

export function templateView(t: TemplateRows, now = new Date()) {
  const schedule = ZTrainSchedule.safeParse(t.schedule).data ?? null;
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    version: t.version,
    createdAt: t.createdAt.toISOString(),
    thresholds: t.thresholds,
    canaries: t.canaries,
    references: t.references,
    unplaced: t.unplaced,
    coverage: t.coverage ?? null,
    escalation: ZEscalationLadder.safeParse(t.escalation).data ?? [],
    notes: noteSections(t.notes),
    schedule,
    /** The default promotion path of a release created from it without `environments`. */
    environments: t.environments,
    nextTrains: schedule ? trainDates(schedule, now, NEXT_TRAINS).map((d) => d.toISOString()) : [],
    phases: t.phases.map((p) => ({
      id: p.id,
      title: p.title,
      offsetMinutes: p.offsetMinutes,
      scheduledAt: p.scheduledAt?.toISOString() ?? null,
      items: p.items.map((i) => ({ id: i.id, text: i.text, details: i.details, kind: "check" as const, required: i.required, ownerRole: i.ownerRole })),
    })),
    procedures: t.procedures.map((pr) => ({
      id: pr.id,
      name: pr.name,
      kind: pr.kind,
      /** The environment whose deploy pipeline it is part of (null: unbound), and its place there. */
      environment: pr.environment,
      pipelinePosition: pr.pipelinePosition,
      steps: pr.steps.map((s) => ({ ...(s.config as object), id: s.id, kind: s.kind, text: s.text })),
    })),
  };
}
