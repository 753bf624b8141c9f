import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { TCreateRelease, TReleaseView } from "@/lib/schemas/release";
import { appendEvent } from "@/lib/events/append-event";
import { addPolicyRequiredItem } from "@/lib/decisions/policy-required-item";
import { recordReadiness } from "@/lib/decisions/record-readiness";
import { releaseInclude, toReleaseView } from "@/lib/releases/release-view";
import { copyTemplatePlan } from "@/lib/plan/release-plan";

/**
 * Creates a release from a template: copies its phases and checklist (each phase is due at T-0 + offset) and its
 * runnable plan (procedures, steps, canaries), which the release runs from then on whatever the template becomes.
 */
export async function createRelease(input: TCreateRelease, caller: Caller, outer?: Prisma.TransactionClient): Promise<TReleaseView> {
  const template = await (outer ?? db()).template.findUnique({
    where: { id: input.templateId },
    include: { phases: { orderBy: { position: "asc" }, include: { items: { orderBy: { position: "asc" } } } } },
  });
  if (!template) throw new AppError("UNPROCESSABLE", "templateId: no such template", { field: "templateId" });
  // Neither a path nor an environment: the template's default path (set on the template page).
  const given = input.path ?? (input.environment === undefined ? defaultPath(template.environments) : null);

  const write = async (tx: Prisma.TransactionClient) => {
    // Checked inside the transaction, holding the environments: an admin's delete of one waits for this release
    // (and then sees it on the path), or went first (and this answers 422).
    const path = await checkPath(given, tx);
    const environment = path?.[0] ?? input.environment!;
    const created = await tx.release.create({
      data: {
        templateId: template.id,
        name: input.name,
        version: input.version,
        type: input.type,
        // Where the release is along its path: its first environment until that one is deployed and verified.
        environment,
        scheduledAt: input.scheduledAt,
        commitSha: input.commitSha,
        imageTag: input.imageTag,
        autoRollback: input.autoRollback ?? true,
        // A copy, like the plan: the release page's ladder is the one this release was made with.
        escalation: template.escalation ?? [],
        createdById: caller.id,
        // Whoever creates a release manages it until they hand it on (PATCH /api/releases/:id { managerId }).
        managerId: caller.id,
      },
    });
    // One INSERT per table (unnest of one array per column), however big the plan.
    const phases = template.phases.map((phase) => ({
      id: crypto.randomUUID(),
      position: phase.position,
      title: phase.title,
      offsetMinutes: phase.offsetMinutes,
      dueAt: phase.offsetMinutes === null ? null : new Date(input.scheduledAt.getTime() + phase.offsetMinutes * 60_000),
      items: phase.items,
    }));
    const items = phases.flatMap((phase) => phase.items.map((item) => ({ ...item, phaseId: phase.id })));
    const column = <T, K extends keyof T>(rows: T[], key: K) => rows.map((r) => r[key]);
    await tx.$executeRaw`
      INSERT INTO "ReleasePhase" (id, "releaseId", position, title, "offsetMinutes", "dueAt")
      SELECT u.id, ${created.id}::uuid, u.position, u.title, u.offset_minutes, u.due_at
      FROM unnest(${column(phases, "id")}::uuid[], ${column(phases, "position")}::int[], ${column(phases, "title")}::text[], ${column(phases, "offsetMinutes")}::int[], ${column(phases, "dueAt")}::timestamptz[])
        AS u(id, position, title, offset_minutes, due_at)`;
    await tx.$executeRaw`
      INSERT INTO "ReleaseItem" (id, "releaseId", "phaseId", position, text, details, required, "ownerRole")
      SELECT gen_random_uuid(), ${created.id}::uuid, u.phase_id, u.position, u.text, u.details, u.required, u.owner_role
      FROM unnest(${column(items, "phaseId")}::uuid[], ${column(items, "position")}::int[], ${column(items, "text")}::text[], ${column(items, "details")}::text[], ${column(items, "required")}::boolean[], ${column(items, "ownerRole")}::text[])
        AS u(phase_id, position, text, details, required, owner_role)`;
    await tx.releaseEnvironment.createMany({
      data: (path ?? [environment]).map((environment, position) => ({ releaseId: created.id, position, environment })),
    });
    await addPolicyRequiredItem(tx, created);
    const plan = await copyTemplatePlan(tx, created.id, template.id);
    await appendEvent(tx, created.id, {
      type: "release.created",
      actorId: caller.id,
      payload: {
        name: input.name,
        version: input.version,
        type: input.type,
        environment: created.environment,
        ...(path ? { environments: path } : {}),
        scheduledAt: input.scheduledAt.toISOString(),
        templateId: template.id,
        planDigest: plan.digest,
      },
    });
    // A plan with nothing required and a policy asking for no go is ready from the start.
    await recordReadiness(tx, created.id, caller.id);
    return tx.release.findUniqueOrThrow({ where: { id: created.id }, include: releaseInclude });
  };
  const release = outer ? await write(outer) : await db().$transaction(write);
  return toReleaseView(release);
}

function defaultPath(environments: string[]): string[] {
  if (environments.length > 0) return environments;
  throw new AppError("UNPROCESSABLE", "environments: name the promotion path; this release's template has no default path", { field: "environments" });
}

/**
 * A promotion path names environments that exist (an admin made them: their protection is what the path is for),
 * each once: 422 naming the index. `environment` alone keeps working for any name, as it always did. The rows are
 * held (FOR SHARE) until the caller's transaction ends, so an environment cannot be deleted between this check and
 * the write that names it (lib/environments/delete-environment.ts locks the row to delete it).
 */
export async function checkPath(path: string[] | null, tx: Prisma.TransactionClient): Promise<string[] | null> {
  if (!path) return null;
  const rows = await tx.$queryRaw<{ name: string }[]>`SELECT name FROM "Environment" WHERE name = ANY(${path}::text[]) ORDER BY name FOR SHARE`;
  const known = new Set(rows.map((e) => e.name));
  for (const [i, name] of path.entries()) {
    if (!known.has(name))
      throw new AppError("UNPROCESSABLE", `environments.${i}: there is no environment "${name}" (an admin creates it on the Environments page)`, {
        field: `environments.${i}`,
      });
    const first = path.indexOf(name);
    if (first !== i)
      throw new AppError("UNPROCESSABLE", `environments.${i}: "${name}" is already on the path (at ${first}); a path names each environment once`, {
        field: `environments.${i}`,
      });
  }
  return path;
}
