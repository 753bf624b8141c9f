import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { planDigest, toPlanSnapshot, type PlanSnapshot } from "@/lib/plan/plan-digest";

/** The release's own copy of its plan, in order: what runs read their steps from. */
export const releaseProceduresInclude = {
  procedures: { orderBy: { position: "asc" }, include: { steps: { orderBy: { position: "asc" } } } },
} satisfies Prisma.ReleaseInclude;

export type ReleasePlan = { plan: PlanSnapshot; digest: string };

/** The release's current plan and its digest, computed from its rows (never stored apart from them, so never out of date). */
export async function loadReleasePlan(client: Prisma.TransactionClient, releaseId: string): Promise<ReleasePlan> {
  const procedures = await client.releaseProcedure.findMany({ where: { releaseId }, ...releaseProceduresInclude.procedures });
  return releasePlanOf(procedures);
}

export function releasePlanOf(procedures: Parameters<typeof toPlanSnapshot>[0]): ReleasePlan {
  const plan = toPlanSnapshot(procedures);
  return { plan, digest: planDigest(plan) };
}

/** Keeps the plan under its digest (once), so a stale vote can later be shown what changed since it was cast. */
export async function rememberPlan(tx: Prisma.TransactionClient, releaseId: string, { plan, digest }: ReleasePlan) {
  await tx.$executeRaw`
    INSERT INTO "ReleasePlanVersion" ("releaseId", digest, plan) VALUES (${releaseId}::uuid, ${digest}, ${JSON.stringify(plan)}::jsonb)
    ON CONFLICT ("releaseId", digest) DO NOTHING`;
}

/**
 * Copies the template's procedures (with their pipelines) and steps (configs and canary stages included) into the release: from then on
 * the release runs its own copy. One INSERT per table, however big the plan.
 */
export async function copyTemplatePlan(tx: Prisma.TransactionClient, releaseId: string, templateId: string): Promise<ReleasePlan> {
  await tx.$executeRaw`
    INSERT INTO "ReleaseProcedure" (id, "releaseId", position, name, kind, environment, "pipelinePosition")
    SELECT md5(${releaseId}::text || tp.id::text)::uuid, ${releaseId}::uuid, tp.position, tp.name, tp.kind, tp.environment, tp."pipelinePosition"
    FROM "TemplateProcedure" tp WHERE tp."templateId" = ${templateId}::uuid`;
  await tx.$executeRaw`
    INSERT INTO "ReleaseStep" (id, "procedureId", position, kind, text, config)
    SELECT gen_random_uuid(), md5(${releaseId}::text || tp.id::text)::uuid, ts.position, ts.kind, ts.text, ts.config
    FROM "TemplateProcedure" tp JOIN "TemplateStep" ts ON ts."procedureId" = tp.id WHERE tp."templateId" = ${templateId}::uuid`;
  const current = await loadReleasePlan(tx, releaseId);
  await rememberPlan(tx, releaseId, current);
  return current;
}
