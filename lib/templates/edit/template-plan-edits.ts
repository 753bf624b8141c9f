import "server-only";
import { AppError } from "@/lib/errors";
import type { TemplatePhase } from "@/lib/generated/prisma/client";
import type { TProcedureKind } from "@/lib/schemas/runbook";
import type { TTemplatePhaseEdit, TTemplateProcedureEdit } from "@/lib/schemas/template-edit";
import { parseTimePhrase, resolveOffset } from "@/lib/runbook/time-phrase";
import { withTemplateVersion } from "@/lib/templates/edit/with-template-version";

// The template page's plan edits (issue 18): add a procedure, change its kind or name, add a phase, re-time one in
// the words the importer reads ("T-2d", "T+30m", "2 hours before launch"). Each carries the template's version.

/** "T-2d" -> -2880; "" or null -> null (no time); words that name no time -> 422 naming the field. */
export function offsetFromWords(words: string | null | undefined, field = "offset"): number | null {
  if (words === null || words === undefined || words.trim() === "") return null;
  const phrase = parseTimePhrase(words);
  const minutes = phrase ? resolveOffset([phrase]) : null;
  if (minutes === null || Math.abs(minutes) > 525_600) {
    throw new AppError("UNPROCESSABLE", `${field}: "${words.slice(0, 40)}" is not a time from T-0 (write T-2d, T-1h, T+30m or "2 hours before launch")`, {
      field,
    });
  }
  return minutes;
}

/** A phase as the edit routes answer it: its schedule date as ISO text. */
export function storedPhase(phase: TemplatePhase) {
  return { ...phase, scheduledAt: phase.scheduledAt?.toISOString() ?? null };
}

export function addTemplateProcedure(templateId: string, input: { name: string; kind: TProcedureKind; version: number }): Promise<TTemplateProcedureEdit> {
  return withTemplateVersion(templateId, input.version, async (tx) => {
    const taken = await tx.templateProcedure.findFirst({ where: { templateId, name: input.name }, select: { id: true } });
    // A release's runs name their procedure: two of the same name would be ambiguous.
    if (taken) throw new AppError("CONFLICT", `name: this template already has a procedure named "${input.name}"`, { field: "name" });
    const last = await tx.templateProcedure.findFirst({ where: { templateId }, orderBy: { position: "desc" }, select: { position: true } });
    const procedure = await tx.templateProcedure.create({
      data: { templateId, name: input.name, kind: input.kind, position: (last?.position ?? -1) + 1 },
      include: { steps: true },
    });
    return { procedure };
  });
}

export function updateTemplateProcedure(
  templateId: string,
  procedureId: string,
  input: { name?: string; kind?: TProcedureKind; version: number },
): Promise<TTemplateProcedureEdit> {
  return withTemplateVersion(templateId, input.version, async (tx) => {
    const procedure = await tx.templateProcedure.findFirst({ where: { id: procedureId, templateId }, include: { steps: { select: { kind: true } } } });
    if (!procedure) throw new AppError("NOT_FOUND", "Procedure not found");
    // A canary shifts live traffic: it stays in a deploy procedure (lib/templates/edit/template-step-edits.ts).
    if (input.kind && input.kind !== "deploy" && procedure.steps.some((s) => s.kind === "canary")) {
      throw new AppError("UNPROCESSABLE", "kind: this procedure has a canary step, which belongs in a deploy procedure", { field: "kind" });
    }
    if (input.name && input.name !== procedure.name) {
      const taken = await tx.templateProcedure.findFirst({ where: { templateId, name: input.name }, select: { id: true } });
      if (taken) throw new AppError("CONFLICT", `name: this template already has a procedure named "${input.name}"`, { field: "name" });
    }
    return {
      procedure: await tx.templateProcedure.update({
        where: { id: procedureId },
        data: { name: input.name, kind: input.kind },
        include: { steps: { orderBy: { position: "asc" } } },
      }),
    };
  });
}

export function addTemplatePhase(templateId: string, input: { title: string; offset?: string | null; version: number }): Promise<TTemplatePhaseEdit> {
  const offsetMinutes = offsetFromWords(input.offset);
  return withTemplateVersion(templateId, input.version, async (tx) => {
    const last = await tx.templatePhase.findFirst({ where: { templateId }, orderBy: { position: "desc" }, select: { position: true } });
    const phase = await tx.templatePhase.create({ data: { templateId, title: input.title, offsetMinutes, position: (last?.position ?? -1) + 1 } });
    return { phase: storedPhase(phase) };
  });
}
