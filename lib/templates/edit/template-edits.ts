import "server-only";
import { AppError } from "@/lib/errors";
import { withTemplateVersion } from "@/lib/templates/edit/with-template-version";
import type { TTemplatePhaseEdit, TTemplateRenamed } from "@/lib/schemas/template-edit";
import { offsetFromWords, storedPhase } from "@/lib/templates/edit/template-plan-edits";

export function renameTemplate(templateId: string, input: { name: string; version: number }): Promise<TTemplateRenamed> {
  return withTemplateVersion(templateId, input.version, async (tx) => ({
    template: await tx.template.update({ where: { id: templateId }, data: { name: input.name }, select: { id: true, name: true } }),
  }));
}

export function updateTemplatePhase(
  templateId: string,
  phaseId: string,
  input: { title?: string; offsetMinutes?: number | null; offset?: string | null; version: number },
): Promise<TTemplatePhaseEdit> {
  // Re-timed in words ("T-2d", "T+30m") or in minutes; a new time replaces the date a dated schedule gave the phase.
  const offsetMinutes = input.offset !== undefined ? offsetFromWords(input.offset) : input.offsetMinutes;
  return withTemplateVersion(templateId, input.version, async (tx) => {
    const { count } = await tx.templatePhase.updateMany({
      where: { id: phaseId, templateId },
      data: { title: input.title, offsetMinutes, ...(offsetMinutes !== undefined ? { scheduledAt: null } : {}) },
    });
    if (!count) throw new AppError("NOT_FOUND", "Phase not found");
    return { phase: storedPhase(await tx.templatePhase.findUniqueOrThrow({ where: { id: phaseId } })) };
  });
}
