import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import { FINISHED_STATUSES } from "@/lib/events/append-to-open-releases";
import { recordEnvironmentAudit } from "@/lib/environments/environment-audit";
import { lockEnvironment } from "@/lib/environments/set-secret";
import type { TEnvironmentDeleted } from "@/lib/schemas/environment";

const UNFINISHED_RUNS = ["queued", "running", "needs_attention"] as const;

/**
 * Deletes an environment and its secrets; 409 while an open release has it on its path, a template names it (default
 * path or pipeline) or a run there has not finished. Writers that name it hold its row (FOR SHARE) until they commit.
 */
export async function deleteEnvironment(name: string, caller: Caller): Promise<TEnvironmentDeleted> {
  return db().$transaction(async (tx) => {
    const environmentId = await lockEnvironment(tx, name);
    // Anywhere on an open release's promotion path, not only where it is now.
    const open = await tx.release.findMany({
      where: { path: { some: { environment: name } }, status: { notIn: FINISHED_STATUSES } },
      select: { id: true, name: true, version: true },
      orderBy: { scheduledAt: "asc" },
      take: 5,
    });
    if (open.length) {
      const names = open.map((r) => `${r.name} ${r.version}`).join(", ");
      throw new AppError("CONFLICT", `${name} is in use by open releases: ${names}; finish or cancel them first`, { releases: open.map((r) => r.id) });
    }
    // Templates that name it would make releases that cannot be created, or pipelines that never run.
    const templates = await tx.template.findMany({
      where: { OR: [{ environments: { has: name } }, { procedures: { some: { environment: name } } }] },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 5,
    });
    if (templates.length) {
      const names = templates.map((t) => t.name).join(", ");
      throw new AppError("CONFLICT", `${name} is named by templates: ${names}; take it out of their default path and pipelines first`, {
        templates: templates.map((t) => t.id),
      });
    }
    const running = await tx.run.findFirst({ where: { environment: name, status: { in: [...UNFINISHED_RUNS] } }, select: { id: true } });
    if (running) throw new AppError("CONFLICT", `${name} has a run that has not finished (${running.id})`, { runId: running.id });
    const secrets = await tx.environmentSecret.findMany({ where: { environmentId }, select: { name: true }, orderBy: { name: "asc" } });
    await tx.environment.delete({ where: { id: environmentId } });
    await recordEnvironmentAudit(tx, { environment: name, type: "environment.deleted", actorId: caller.id, payload: { secrets: secrets.map((s) => s.name) } });
    return { deleted: name };
  });
}
