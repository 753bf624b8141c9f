import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { ZStep, type TStepKind } from "@/lib/schemas/step";
import { reorder, withTemplateVersion } from "@/lib/templates/edit/with-template-version";
import type { TTemplateDeleted, TTemplateStepEdit } from "@/lib/schemas/template-edit";

type StepKind = TStepKind;

/** A canary shifts live traffic: it belongs in a deploy procedure, where the automatic rollback covers it. */
export function assertCanaryPlace(kind: StepKind, procedureKind: string) {
  if (kind === "canary" && procedureKind !== "deploy") throw new AppError("UNPROCESSABLE", "kind: a canary belongs in a deploy procedure", { field: "kind" });
}

/** A step's fields must make a runnable step of its kind: checked with the worker's own schema (template and release plans alike). */
export function validStep(kind: StepKind, text: string, config: Record<string, unknown>) {
  const parsed = ZStep.safeParse({ ...config, kind, text });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("UNPROCESSABLE", `config.${issue.path.join(".")}: ${issue.message}`, {
      field: `config.${issue.path.join(".")}`,
      issues: parsed.error.issues,
    });
  }
  const { kind: _k, text: _t, ...rest } = parsed.data;
  return rest as Prisma.InputJsonObject;
}

export function addTemplateStep(
  templateId: string,
  input: { procedureId: string; kind: StepKind; text: string; config: Record<string, unknown>; version: number },
): Promise<TTemplateStepEdit> {
  return withTemplateVersion(templateId, input.version, async (tx) => {
    const procedure = await tx.templateProcedure.findFirst({ where: { id: input.procedureId, templateId } });
    if (!procedure) throw new AppError("UNPROCESSABLE", "procedureId: no such procedure in this template", { field: "procedureId" });
    assertCanaryPlace(input.kind, procedure.kind);
    const count = await tx.templateStep.count({ where: { procedureId: procedure.id } });
    const step = await tx.templateStep.create({
      data: { procedureId: procedure.id, position: count, kind: input.kind, text: input.text, config: validStep(input.kind, input.text, input.config) },
    });
    return { step };
  });
}

export function updateTemplateStep(
  templateId: string,
  stepId: string,
  patch: { kind?: StepKind; text?: string; config?: Record<string, unknown>; position?: number; version: number },
): Promise<TTemplateStepEdit> {
  return withTemplateVersion(templateId, patch.version, async (tx) => {
    const step = await tx.templateStep.findFirst({ where: { id: stepId, procedure: { templateId } }, include: { procedure: { select: { kind: true } } } });
    if (!step) throw new AppError("NOT_FOUND", "Step not found");
    const kind = patch.kind ?? step.kind;
    assertCanaryPlace(kind, step.procedure.kind);
    const text = patch.text ?? step.text;
    const config = validStep(kind, text, patch.config ?? (step.config as Record<string, unknown>));
    await tx.templateStep.update({ where: { id: stepId }, data: { kind, text, config } });
    if (patch.position !== undefined) {
      const siblings = (await tx.templateStep.findMany({ where: { procedureId: step.procedureId }, orderBy: { position: "asc" }, select: { id: true } })).map(
        (s) => s.id,
      );
      const order = reorder(siblings, stepId, patch.position);
      for (const [i, id] of order.entries()) await tx.templateStep.update({ where: { id }, data: { position: i } });
    }
    return { step: await tx.templateStep.findUniqueOrThrow({ where: { id: stepId } }) };
  });
}

export function deleteTemplateStep(templateId: string, stepId: string, version: number): Promise<TTemplateDeleted> {
  return withTemplateVersion(templateId, version, async (tx) => {
    const { count } = await tx.templateStep.deleteMany({ where: { id: stepId, procedure: { templateId } } });
    if (!count) throw new AppError("NOT_FOUND", "Step not found");
    return { deleted: stepId };
  });
}
