import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { checkPath } from "@/lib/releases/create-release";
import type { TSetDefaultPath, TSetPipeline, TTemplateDefaultPathSet, TTemplatePipelineSet } from "@/lib/schemas/template-edit";
import { DEFAULT_PIPELINE } from "@/lib/plan/plan-digest";
import { withTemplateVersion } from "@/lib/templates/edit/with-template-version";

/**
 * Sets an environment's deploy pipeline: the template's procedures bound to it, in the order given; those bound to it
 * before and left out become unbound (they run in any environment again). A procedure bound to another environment
 * moves here. `name` "*" is the default pipeline (environments without their own run it). 422 naming `procedureIds.<i>` for a procedure of another template or a repeat, `environment` for one no
 * admin created. Releases keep the pipeline they copied.
 */
export function setPipeline(templateId: string, name: string, input: TSetPipeline): Promise<TTemplatePipelineSet> {
  // "*": the default pipeline, run in environments without one of their own (unbound procedures with a place).
  const environment = name === DEFAULT_PIPELINE ? null : name;
  return withTemplateVersion(templateId, input.version, async (tx) => {
    // Held until the edit commits, as a release's path is (create-release.ts): a delete of the environment waits.
    if (environment !== null && !(await tx.$queryRaw<unknown[]>`SELECT 1 FROM "Environment" WHERE name = ${environment} FOR SHARE`).length)
      throw new AppError("UNPROCESSABLE", `environment: there is no environment "${environment}" (an admin creates it on the Environments page)`, {
        field: "environment",
      });
    const procedures = await tx.templateProcedure.findMany({ where: { templateId }, select: { id: true, environment: true } });
    const known = new Map(procedures.map((p) => [p.id, p]));
    for (const [i, id] of input.procedureIds.entries()) {
      if (!known.has(id)) throw new AppError("UNPROCESSABLE", `procedureIds.${i}: no such procedure on this template`, { field: `procedureIds.${i}` });
      if (input.procedureIds.indexOf(id) !== i)
        throw new AppError("UNPROCESSABLE", `procedureIds.${i}: the procedure is already in the pipeline`, { field: `procedureIds.${i}` });
    }
    const moved = new Set(input.procedureIds.map((id) => known.get(id)!.environment).filter((e) => e !== environment));
    await tx.templateProcedure.updateMany({
      where: { templateId, environment, pipelinePosition: { not: null }, id: { notIn: input.procedureIds } },
      data: { environment: null, pipelinePosition: null },
    });
    for (const [position, id] of input.procedureIds.entries())
      await tx.templateProcedure.update({ where: { id }, data: { environment, pipelinePosition: position } });
    // The pipelines a procedure left keep positions 0..n-1.
    for (const other of moved) await renumber(tx, templateId, other);
    return { pipeline: { environment: name, procedureIds: input.procedureIds } };
  });
}

async function renumber(tx: Prisma.TransactionClient, templateId: string, environment: string | null) {
  const rest = await tx.templateProcedure.findMany({
    where: { templateId, environment, pipelinePosition: { not: null } },
    orderBy: [{ pipelinePosition: "asc" }, { position: "asc" }],
    select: { id: true },
  });
  for (const [position, { id }] of rest.entries()) await tx.templateProcedure.update({ where: { id }, data: { pipelinePosition: position } });
}

/** Sets the template's default promotion path (environments that exist, each once: 422 naming `environments.<i>`). */
export function setDefaultPath(templateId: string, input: TSetDefaultPath): Promise<TTemplateDefaultPathSet> {
  return withTemplateVersion(templateId, input.version, async (tx) => {
    const environments = (await checkPath(input.environments, tx)) ?? [];
    await tx.template.update({ where: { id: templateId }, data: { environments } });
    return { environments };
  });
}
