import "server-only";
import { AppError } from "@/lib/errors";
import { withTemplateVersion } from "@/lib/templates/edit/with-template-version";
import type { TTemplatePhaseEdit, TTemplateRenamed } from "@/lib/schemas/template-edit";

export function renameTemplate(templateId: string, input: { name: string; version: number }): Promise<TTemplateRenamed> {
  return withTemplateVersion(templateId, input.version, async (tx) => ({
    template: await tx.template.update({ where: { id: templateId }, data: { name: input.name }, select: { id: true, name: true } }),
  }));
}

export function updateTemplatePhase(
  templateId: string,
  phaseId: string,
  input: { title?: string; offsetMinutes?: number | null; version: number },
): Promise<TTemplatePhaseEdit> {
  return withTemplateVersion(templateId, input.version, async (tx) => {
    const { count } = await tx.templatePhase.updateMany({
      where: { id: phaseId, templateId },
      data: { title: input.title, offsetMinutes: input.offsetMinutes },
    });
    if (!count) throw new AppError("NOT_FOUND", "Phase not found");
    return { phase: await tx.templatePhase.findUniqueOrThrow({ where: { id: phaseId } }) };
  });
}
