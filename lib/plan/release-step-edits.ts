import "server-only";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { TAddReleaseStep, TReleaseStepEdit, TUpdateReleaseStep } from "@/lib/schemas/release-plan";
import { assertCanaryPlace, validStep } from "@/lib/templates/edit/template-step-edits";
import { reorder } from "@/lib/templates/edit/with-template-version";
import { withPlanEdit } from "@/lib/plan/with-plan-edit";

// A release's own plan is edited step by step, with the template step routes' validation (validStep, the worker's
// schema). Every edit that changes the plan makes the gos standing on the old plan stale (with-plan-edit.ts).

export function addReleaseStep(releaseId: string, input: TAddReleaseStep, caller: Caller): Promise<TReleaseStepEdit> {
  return withPlanEdit(releaseId, input.planDigest, caller, async (tx) => {
    const procedure = await tx.releaseProcedure.findFirst({ where: { id: input.procedureId, releaseId } });
    if (!procedure) throw new AppError("UNPROCESSABLE", "procedureId: no such procedure in this release's plan", { field: "procedureId" });
    assertCanaryPlace(input.kind, procedure.kind);
    const last = await tx.releaseStep.aggregate({ where: { procedureId: procedure.id }, _max: { position: true } });
    const step = await tx.releaseStep.create({
      data: {
        procedureId: procedure.id,
        position: (last._max.position ?? -1) + 1,
        kind: input.kind,
        text: input.text,
        config: validStep(input.kind, input.text, input.config),
      },
    });
    return { step, note: { action: "step.added" as const, procedure: procedure.name, step: step.text } };
  });
}

export function updateReleaseStep(releaseId: string, stepId: string, patch: TUpdateReleaseStep, caller: Caller): Promise<TReleaseStepEdit> {
  return withPlanEdit(releaseId, patch.planDigest, caller, async (tx) => {
    const step = await tx.releaseStep.findFirst({
      where: { id: stepId, procedure: { releaseId } },
      include: { procedure: { select: { kind: true, name: true } } },
    });
    if (!step) throw new AppError("NOT_FOUND", "Step not found");
    const kind = patch.kind ?? step.kind;
    assertCanaryPlace(kind, step.procedure.kind);
    const text = patch.text ?? step.text;
    const config = validStep(kind, text, patch.config ?? (step.config as Record<string, unknown>));
    await tx.releaseStep.update({ where: { id: stepId }, data: { kind, text, config } });
    if (patch.position !== undefined) {
      const siblings = (await tx.releaseStep.findMany({ where: { procedureId: step.procedureId }, orderBy: { position: "asc" }, select: { id: true } })).map(
        (s) => s.id,
      );
      for (const [i, id] of reorder(siblings, stepId, patch.position).entries()) await tx.releaseStep.update({ where: { id }, data: { position: i } });
    }
    return {
      step: await tx.releaseStep.findUniqueOrThrow({ where: { id: stepId } }),
      note: { action: "step.updated" as const, procedure: step.procedure.name, step: text },
    };
  });
}

export function deleteReleaseStep(releaseId: string, stepId: string, planDigest: string, caller: Caller): Promise<TReleaseStepEdit> {
  return withPlanEdit(releaseId, planDigest, caller, async (tx) => {
    const step = await tx.releaseStep.findFirst({ where: { id: stepId, procedure: { releaseId } }, include: { procedure: { select: { name: true } } } });
    if (!step) throw new AppError("NOT_FOUND", "Step not found");
    await tx.releaseStep.delete({ where: { id: stepId } });
    return { deleted: stepId, note: { action: "step.deleted" as const, procedure: step.procedure.name, step: step.text } };
  });
}
